#!/usr/bin/env python3
"""Benchmark a build against spaCy's bare parse of the same texts, with the same processes.

    python bench/run.py --corpus ../shared/bench-corpus [--limit N | --copies N] [--processes N]

Prints documents, words, seconds per stage (read, parse, extract, assemble, validate, each export),
words per second, the ratio of the whole build to the bare parse, and peak memory. Run on demand;
never part of the test suite (shared machines are noisy).
"""
from __future__ import annotations

import argparse
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.parse import default_processes  # noqa: E402
from kg.corpus import ReadReport, read_corpus  # noqa: E402


def limited_corpus(corpus: Path, limit: int | None, workdir: Path) -> Path:
    """The corpus itself, or a folder of links to its first `limit` articles."""
    if not limit:
        return corpus
    target = workdir / "corpus"
    target.mkdir()
    articles = sorted(p for p in corpus.iterdir() if p.suffix.lower() in (".txt", ".md"))[:limit]
    for path in articles:
        (target / path.name).symlink_to(path.resolve())
    return target


def copied_corpus(corpus: Path, copies: int, workdir: Path) -> Path:
    """`copies` articles made from the corpus's, in turn, each made distinct by a numbered first line
    (so that no two share a content hash or facts' evidence): a corpus of any size for memory runs."""
    target = workdir / "corpus"
    target.mkdir()
    articles = sorted(p for p in corpus.iterdir() if p.suffix.lower() in (".txt", ".md"))
    for n in range(copies):
        source = articles[n % len(articles)]
        text = source.read_text(encoding="utf-8", errors="replace")
        (target / f"copy{n:06d}-{source.name}").write_text(f"Copy {n}.\n{text}", encoding="utf-8")
    return target


def bare_parse(corpus: Path, processes: int) -> tuple[float, int, int]:
    """Seconds for spaCy's own nlp.pipe over the same texts with the same model and processes."""
    import spacy
    from kg.nlp.pipeline import MODEL_NAME
    texts = [d.text for d in read_corpus(corpus, ReadReport())]
    nlp = spacy.load(MODEL_NAME)
    started = time.perf_counter()
    words = 0
    for doc in nlp.pipe(texts, batch_size=16, n_process=processes):
        words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    return time.perf_counter() - started, len(texts), words


def compare_stores(triples) -> None:
    """The same graph through rdflib's in-memory Graph and through pyoxigraph, as the build uses it."""
    import pyoxigraph as ox
    from rdflib import Graph, Literal, URIRef
    from kg.rdf import render_turtle, to_store

    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value) if t.datatype else None)
    started = time.perf_counter()
    graph = Graph()
    for t in triples:
        graph.add((term(t.subject), term(t.predicate), term(t.object)))
    added = time.perf_counter()
    graph.serialize(format="turtle")
    done = time.perf_counter()
    print(f"rdflib: add {added - started:.2f} s, Turtle {done - added:.2f} s")
    started = time.perf_counter()
    to_store(triples)
    added = time.perf_counter()
    render_turtle(triples)
    done = time.perf_counter()
    print(f"pyoxigraph: add {added - started:.2f} s, Turtle (sorted, as built) {done - added:.2f} s")


class TreeMemory:
    """Samples, once a second, the memory of this process and all its workers together (the sum of their
    proportional set sizes, so pages shared after a fork count once); the peak of each phase is kept."""

    def __init__(self):
        import threading
        self.phase = "build"
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil
        me = psutil.Process()
        while not self._stop.wait(1.0):
            total = 0
            for process in [me] + me.children(recursive=True):
                try:
                    total += process.memory_full_info().pss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0), total)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def peak_memory_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--copies", type=int, default=None, metavar="N",
                        help="build N articles made from the corpus's, each made distinct (for memory runs)")
    parser.add_argument("--processes", type=int, default=None, help="default: all cores")
    parser.add_argument("--skip-bare", action="store_true", help="do not time the bare spaCy parse")
    parser.add_argument("--cache", action="store_true",
                        help="build as `kg build` does by default: with the record cache and validation's memo")
    parser.add_argument("--compare-rdflib", action="store_true",
                        help="also time rdflib's in-memory graph (add + Turtle) on the same triples")
    args = parser.parse_args(argv)
    processes = args.processes or default_processes()
    workdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = (copied_corpus(args.corpus, args.copies, workdir) if args.copies
                  else limited_corpus(args.corpus, args.limit, workdir))
        out = workdir / "exports"
        from kg.commands.build import MEMO_FOLDER
        from kg.finish import validate_and_export
        with TreeMemory() as memory:
            started = time.perf_counter()
            cache_dir = workdir / "cache" if args.cache else None
            result = build(corpus, quiet=True, processes=processes, cache_dir=cache_dir, progress=False)
            stages = dict(result.timings)
            finish_started = time.perf_counter()
            memory.phase = "validate+export"
            stages.update(validate_and_export(result, out, processes=processes,
                                              memos=cache_dir / MEMO_FOLDER if cache_dir else None))
            stages["validate+export (elapsed)"] = time.perf_counter() - finish_started
            total = time.perf_counter() - started
        print(f"machine: {platform.machine()}, {processes} processes, Python {platform.python_version()}")
        print(f"documents: {result.documents}, triples: {len(result.triples)}")
        for stage, seconds in stages.items():
            print(f"  {stage:<22} {seconds:8.2f} s")
        print(f"whole build: {total:.2f} s")
        if not args.skip_bare:
            bare, docs, words = bare_parse(corpus, processes)
            print(f"bare spaCy parse: {bare:.2f} s for {docs} documents, {words} words "
                  f"({words / bare:,.0f} words/s)")
            print(f"build: {words / total:,.0f} words/s; ratio build / bare parse: {total / bare:.2f}")
        print(f"peak memory: {peak_memory_mib():.0f} MiB (largest single process), "
              "all processes together, sampled each second: "
              + ", ".join(f"{phase} {peak / 2**20:.0f} MiB" for phase, peak in memory.peaks.items()))
        if args.compare_rdflib:
            compare_stores(result.triples)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
