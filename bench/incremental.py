#!/usr/bin/env python3
"""Incremental rebuild benchmark: build an N-article corpus with the cache, add one article, rebuild,
and compare the times (the goal: the rebuild within 5 % of the full build). Run on demand.

    python bench/incremental.py --corpus ../shared/bench-corpus [--articles 1000] [--processes N] [--rebuilds 3]

One rebuild is one sample of a noisy machine: with --rebuilds K, an article is added K times in turn
(each a new one, each followed by a timed rebuild), and every time is printed with their median.

The builds run as Python runs by default, caching the bytecode of the modules it compiles: where the
environment says not to (PYTHONDONTWRITEBYTECODE, as on some shared machines), every run of an editable
install would compile kgnews's own modules again (some 0.1 s on the rebuild's path), which a user's
install compiles once.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(corpus: Path, out: Path, processes: int | None) -> float:
    command = [sys.executable, str(ROOT / "build_graph.py"), "--corpus", str(corpus), "--out", str(out), "--quiet"]
    if processes:
        command += ["--processes", str(processes)]
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    subprocess.run(command, check=True, env=environment)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--rebuilds", type=int, default=3, help="articles added in turn, each then rebuilt (default 3)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-incremental-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        articles = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")
        for path in articles[:args.articles]:
            (corpus / path.name).symlink_to(path.resolve())
        full = timed_build(corpus, work / "out", args.processes)
        print(f"full build of {args.articles} articles: {full:.1f} s (whole command, model loading included)")
        rebuilds = []
        for extra in articles[args.articles:args.articles + args.rebuilds]:
            shutil.copy(extra, corpus / extra.name)
            # the last build's files reach the disk before the rebuild is timed, as they have by the time a
            # user adds an article; otherwise the kernel writes them back (some 200 MB) during the timed rebuild
            os.sync()
            rebuilds.append(timed_build(corpus, work / "out", args.processes))
            print(f"rebuild after adding one article: {rebuilds[-1]:.1f} s = {100 * rebuilds[-1] / full:.1f} % "
                  "of the full build", flush=True)
        if len(rebuilds) > 1:
            median = statistics.median(rebuilds)
            print(f"median of {len(rebuilds)} rebuilds: {median:.1f} s = {100 * median / full:.1f} % of the full build")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
