"""`kg serve`: a read-only SPARQL 1.1 endpoint over a graph file."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="serve a graph as a read-only SPARQL endpoint",
        description="Serve a graph over the SPARQL 1.1 Protocol at http://HOST:PORT/sparql (GET and POST; JSON, "
                    "XML, CSV or TSV results by content negotiation). Updates are refused; each query has a time "
                    "limit. Binds to loopback unless --host says otherwise.",
        epilog="Example: kg serve --graph exports/graph.ttl --port 7878\n"
               "         curl 'http://127.0.0.1:7878/sparql' --data-urlencode 'query=SELECT * WHERE {?s ?p ?o} LIMIT 5'",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path, default=Path("exports/graph.ttl"),
                        help="the graph file (default: exports/graph.ttl)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default: 30)")
    parser.add_argument("--workers", type=int, default=2, help="queries answered at once (default: 2)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..serve import make_server
    if args.timeout <= 0 or args.workers < 1:
        raise UsageError("--timeout must be positive and --workers at least 1")
    try:
        server, pool = make_server(args.graph, args.host, args.port, args.timeout, args.workers)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from exc
    print(f"SPARQL endpoint at http://{args.host}:{server.server_address[1]}/sparql "
          f"({pool.triples} triples, {args.timeout:g} s per query); Ctrl-C stops it", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.server_close()
        pool.close()
    return 0
