"""The `kg` command line: parses arguments, calls one library function, turns errors into messages.

Each subcommand lives in a `kg.commands.*` module exposing `register(subparsers)`, which adds its
parser and sets `func` (taking the parsed arguments, returning an exit status).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import KGError

COMMAND_MODULES = (
    "kg.commands.build",
    "kg.commands.export",
    "kg.commands.validate",
    "kg.commands.query",
    "kg.commands.serve",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Turn news articles about diplomacy and armed conflict into a knowledge graph.",
        epilog="Example: kg build --corpus corpus --out exports",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted; previous outputs are left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
