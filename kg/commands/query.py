"""`kg query`: run a named query (ontology/queries/NAME.rq) or a query file on a graph."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..query import OUTPUT_FORMATS, QUERY_ENGINES, QueryError, list_queries, load_named_query, load_query_file, \
    render_results, run_query
from ..rdf import read_graph, to_store


def register(subparsers) -> None:
    names = ", ".join(q.name for q in list_queries())
    parser = subparsers.add_parser(
        "query", help="ask the graph a named question, or run a SPARQL file",
        description=f"Run a named query or a SPARQL file on a graph. Named queries: {names}. "
                    "`kg query --list` shows what each answers and its parameters.",
        epilog="Examples:\n  kg query mediators\n  kg query timeline --param actor1=Armenia --param actor2=Russia\n"
               "  kg query events-in-range --param class=Meeting --param from=2022-01-01 --param to=2022-12-31 "
               "--format csv\n  kg query --file my.rq --graph exports/graph.ttl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", nargs="?", help="a named query (see --list)")
    parser.add_argument("--file", type=Path, help="run this SPARQL file instead of a named query")
    parser.add_argument("--graph", type=Path, default=Path("exports/graph.ttl"),
                        help="the graph file (default: exports/graph.ttl)")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter of the query; an actor takes a name or an IRI (repeatable)")
    parser.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="output format (default: table)")
    parser.add_argument("--engine", choices=QUERY_ENGINES, default="pyoxigraph",
                        help="SPARQL engine: pyoxigraph (default, fast) or rdflib (the pure-Python fallback)")
    parser.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.list:
        for query in list_queries():
            print(f"{query.name}: {query.description}")
            for param in query.params:
                print(f"    --param {param.name}=…  ({param.kind}) {param.doc}")
        return 0
    if bool(args.name) == bool(args.file):
        raise QueryError("give a query name or --file FILE (kg query --list shows the names)")
    query = load_query_file(args.file) if args.file else load_named_query(args.name)
    values = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {item!r}: expected KEY=VALUE")
        values[key.strip()] = value.strip()
    store = to_store(read_graph(args.graph))
    columns, rows = run_query(store, query, values, engine=args.engine)
    print(render_results(columns, rows, args.format), end="")
    return 0
