"""The `kg` command line: parses arguments, calls one library function, turns errors into messages.

Each subcommand lives in a `kg.commands.*` module exposing `register(subparsers)`, which adds its
parser and sets `func` (taking the parsed arguments, returning an exit status).
"""
from __future__ import annotations

import argparse
import importlib
import os
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
COMMANDS = {module.rsplit(".", 1)[1]: module for module in COMMAND_MODULES}  # "build": "kg.commands.build"


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the one named (all a command line starting with it needs:
    `kg build` then imports nothing of the other commands before it starts)."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Turn news articles about diplomacy and armed conflict into a knowledge graph.",
        epilog="Example: kg build --corpus corpus --out exports",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES if command is None else [COMMANDS[command]]:
        importlib.import_module(module).register(subparsers)
    return parser


def named_command(argv: list[str]) -> str | None:
    """The command a command line starts with, if it starts with one."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: list[str] | None = None, leave_when_done: bool = False) -> int:
    """Run one command; its exit status. With `leave_when_done` (a process that exists to run this
    command: the `kg` script, build_graph.py), the process ends as soon as the command is done (see
    leave)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = make_parser(named_command(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        status = args.func(args)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        status = 1
    except KeyboardInterrupt:
        print("kg: interrupted; previous outputs are left as they were", file=sys.stderr)
        status = 130
    if leave_when_done:
        leave(status)
    return status


def leave(status: int) -> None:
    """End the process now, with this status, once what it printed is out: its files are written and
    closed, and taking apart what it holds (a build's graph and records, all the modules) only delays
    the prompt, by a tenth of a second for a thousand articles. A command keeps what it would free
    last on its arguments (see kg.commands.build), so that too is left to the system."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def script() -> int:
    """The `kg` console script."""
    return main(leave_when_done=True)


if __name__ == "__main__":
    sys.exit(main(leave_when_done=True))
