"""`kg validate`: check a graph against ontology/shapes.ttl; non-zero exit on any violation."""
from __future__ import annotations

import argparse
from pathlib import Path

ENGINES = ("fast", "pyshacl")  # kg.validate's, named here so that `kg` starts without importing it (and rdflib)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="check a graph against the SHACL shapes",
        description="Validate a graph against ontology/shapes.ttl and print each problem as "
                    "'severity: node path (rule): message'. Exits 1 on any violation, 0 when there are "
                    "only warnings or none.",
        epilog="Example: kg validate --graph exports/graph.ttl --engine pyshacl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path, default=Path("exports/graph.ttl"),
                        help="the graph file (default: exports/graph.ttl)")
    parser.add_argument("--engine", choices=ENGINES, default="fast",
                        help="fast: the shapes as SPARQL on pyoxigraph (default); pyshacl: the reference engine")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..rdf import read_graph
    from ..validate import validate

    report = validate(read_graph(args.graph), engine=args.engine)
    for result in report.results:
        print(result.line())
    print(f"{args.graph}: {report.summary()}")
    return 0 if report.conforms else 1
