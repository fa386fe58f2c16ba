"""`kg build`: corpus folder (or .jsonl) in, graph and exports out."""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from ..build import build
from ..errors import ExportError
from ..rdf import render_turtle

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
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(func=run)


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args) -> int:
    result = build(args.corpus, quiet=args.quiet)
    path = args.out / "graph.ttl"
    try:
        write_atomically(path, render_turtle(result.triples))
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from exc
    result.written.append(path)
    if not args.quiet:
        print(result.summary())
    return 0
