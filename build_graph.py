#!/usr/bin/env python3
"""Build the knowledge graph from corpus/ into exports/ (same options as `kg build`)."""
import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]], leave_when_done=True))
