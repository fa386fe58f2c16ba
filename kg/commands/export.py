"""`kg export`: write one export format (or all) from an existing graph file."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..exporters import EXPORTERS, check_output_folder, export
from ..rdf import read_graph


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="write an export format from an existing graph",
        description="Read a graph written by `kg build` (Turtle, N-Triples, TriG, JSON-LD) and write one export "
                    "format, or all of them, into a folder. Formats: " + ", ".join(EXPORTERS) + ".",
        epilog="Examples:\n  kg export --graph exports/graph.ttl --format gexf --out exports\n"
               "  kg export --graph exports/graph.ttl --format all --out /tmp/kg-exports",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path, default=Path("exports/graph.ttl"),
                        help="the graph file to read (default: exports/graph.ttl)")
    parser.add_argument("--format", dest="fmt", choices=[*EXPORTERS, "all"], required=True,
                        help="the format to write, or all")
    parser.add_argument("--out", type=Path, default=Path("exports"), help="output folder (default: exports)")
    parser.set_defaults(func=run)


def run(args) -> int:
    check_output_folder(args.out)
    triples = read_graph(args.graph)
    formats = list(EXPORTERS) if args.fmt == "all" else [args.fmt]
    for path in export(triples, args.out, formats):
        print(f"wrote {path}")
    return 0
