"""`kg build`: corpus folder (or .jsonl) in, graph and exports out."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..build import build
from ..errors import UsageError
from ..exporters import EXPORTERS, GraphView, export
from ..validate import validate

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("exports")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build the knowledge graph from a corpus",
        description="Read the articles of a corpus (a folder of .txt/.md files with an optional metadata.csv, "
                    "or a .jsonl file), extract actors, positions, events and agreements, and write the graph.",
        epilog="Example: kg build --corpus corpus --out exports",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="corpus folder or .jsonl file (default: corpus)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: exports)")
    parser.add_argument("--processes", type=int, default=None, metavar="N",
                        help="processes that parse in parallel (default: all cores)")
    parser.add_argument("--cache", type=Path, default=None, metavar="DIR",
                        help="cache of per-document results (default: OUT/.kg-cache)")
    parser.add_argument("--no-cache", action="store_true", help="parse every document again; keep no cache")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(func=run)


def write_exports(result, out: Path, formats=None) -> dict[str, float]:
    """Write the build's files into `out` (every format by default); returns seconds per format."""
    view = GraphView(result.triples)
    timings = {}
    for name in formats or EXPORTERS:
        started = time.perf_counter()
        result.written.extend(export(view, out, [name]))
        timings[f"export {name}"] = time.perf_counter() - started
    return timings


def run(args) -> int:
    if args.processes is not None and args.processes < 1:
        raise UsageError("--processes must be 1 or more")
    cache_dir = None if args.no_cache else (args.cache or args.out / ".kg-cache")
    result = build(args.corpus, quiet=args.quiet, processes=args.processes, cache_dir=cache_dir)
    started = time.perf_counter()
    result.validation = validate(result.triples)
    result.timings["validate"] = time.perf_counter() - started
    write_exports(result, args.out)
    if not args.quiet:
        print(result.summary())
    return 0
