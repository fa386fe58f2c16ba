"""Build a corpus into a graph: read → parse → extract → assemble → export, with a summary."""
from __future__ import annotations

import gc
import multiprocessing
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from .ahead import ParseAhead, can_parse_ahead
from .assemble import build_graph, prepare
from .cache import RecordCache
from .corpus import ReadReport, read_corpus
from .errors import CorpusError, UsageError
from .model import Document, DocumentRecord
from .parse import BATCH_SIZE, add_timings, default_processes, records_of
from .progress import progress_bar, shows_progress
from .rdf import RDF_TYPE, KGO_NS

MAX_LISTED = 10


@dataclass
class BuildResult:
    triples: list[ox.Triple]
    report: ReadReport
    documents: int
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cached: int = 0
    validation: object = None  # a kg.validate.ValidationReport once validated
    _counts: dict[str, Counter] | None = field(default=None, repr=False, compare=False)

    def counts(self) -> dict[str, Counter]:
        """Nodes by class (made once: the report and the summary both ask)."""
        if self._counts is None:
            self._counts = count_classes(self.triples)
        return self._counts

    def summary(self) -> str:
        counts = self.counts()
        skipped = len(self.report.skipped)
        lines = [f"documents: {self.documents} read ({self.cached} from cache), {skipped} skipped"
                 + (f", {len(self.report.ignored)} other files ignored" if self.report.ignored else "")]
        for item, reason in self.report.skipped:
            lines.append(f"  skipped {item}: {reason}")
        lines.append("actors: " + _format(counts["actors"], ("Person", "State", "Organization", "Place")))
        lines.append("events: " + _format(counts["events"], sorted(counts["events"])))
        lines.append(f"agreements: {counts['other']['Agreement']}, positions: {counts['other']['Position']}, "
                     f"mediators: {counts['other']['Mediator']}")
        if self.validation is not None:
            lines.append(f"validation (ontology/shapes.ttl): {self.validation.summary()}")
            lines.extend(f"  {r.line()}" for r in self.validation.violations[:MAX_LISTED])
            if len(self.validation.violations) > MAX_LISTED:
                lines.append(f"  ... and {len(self.validation.violations) - MAX_LISTED} more (kg validate lists all)")
        warnings = self.report.warnings + self.warnings
        lines.append(f"warnings: {len(warnings)}")
        lines.extend(f"  {w}" for w in warnings)
        for path in self.written:
            lines.append(f"wrote {path}")
        return "\n".join(lines)


def count_classes(triples: list[ox.Triple]) -> dict[str, Counter]:
    """Actors, events and other nodes by class, from the rdf:type triples."""
    types: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate == RDF_TYPE:
            cls = t.object.value
            if cls.startswith(KGO_NS):
                types.setdefault(t.subject.value, set()).add(cls[len(KGO_NS):])
    actors, events, other = Counter(), Counter(), Counter()
    for classes in types.values():
        for cls in ("Person", "State", "Organization", "Place"):
            if cls in classes:
                actors[cls] += 1
        if "Event" in classes:
            for cls in classes - {"Event"}:
                events[cls] += 1
        for cls in ("Agreement", "Position", "Mediator"):
            if cls in classes:
                other[cls] += 1
    return {"actors": actors, "events": events, "other": other}


def _format(counter: Counter, keys) -> str:
    return ", ".join(f"{k} {counter[k]}" for k in keys) or "none"


_WORKER_NLP = None


def _worker_records(documents: list[Document]) -> tuple[list[DocumentRecord], dict[str, float]]:
    """Pool worker: one pipeline per process, loaded on first use."""
    global _WORKER_NLP
    if _WORKER_NLP is None:
        from .nlp.pipeline import shared_nlp
        _WORKER_NLP = shared_nlp()
    timings: dict[str, float] = {}
    return records_of(documents, _WORKER_NLP, timings), timings


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _dask_records(documents: Iterable[Document], scheduler: str, batch_size: int,
                  timings: dict[str, float]) -> Iterator[DocumentRecord]:
    """Parse and extract on a Dask cluster, a bounded window of batches in flight, results in input order."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--dask-scheduler needs Dask: pip install 'kgnews[cluster]'") from None
    try:
        client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        window = max(4, 4 * len(client.scheduler_info().get("workers", {})))
        pending = []
        for batch in batched(documents, batch_size):
            pending.append(client.submit(_worker_records, batch, pure=False))
            if len(pending) >= window:
                records, worker_timings = pending.pop(0).result()
                add_timings(timings, worker_timings, 1)
                yield from records
        for future in pending:
            records, worker_timings = future.result()
            add_timings(timings, worker_timings, 1)
            yield from records


def extract_records(documents: Iterable[Document], processes: int = 1, batch_size: int = BATCH_SIZE,
                    timings: dict[str, float] | None = None, scheduler: str | None = None
                    ) -> Iterator[DocumentRecord]:
    """Records of documents in input order, parsed on `processes` cores (or a Dask cluster), streaming
    batch by batch."""
    timings = timings if timings is not None else {}
    if scheduler:
        yield from _dask_records(documents, scheduler, batch_size, timings)
        return
    if processes <= 1:
        nlp = None
        for batch in batched(documents, batch_size):
            if nlp is None:  # loaded for the first batch: a build with nothing to parse never loads it
                from .nlp.pipeline import shared_nlp
                nlp = shared_nlp()
            yield from records_of(batch, nlp, timings)
        return
    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:  # load the pipeline once, here: forked workers inherit it instead of each loading their own
        global _WORKER_NLP
        from .nlp.pipeline import shared_nlp
        _WORKER_NLP = shared_nlp()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    try:
        with context.Pool(processes) as pool:
            for records, worker_timings in pool.imap(_worker_records, batched(documents, batch_size)):
                add_timings(timings, worker_timings, processes)
                yield from records
    finally:
        if forking:  # the workers are gone: let the pipeline go too, its memory is wanted for the graph
            _WORKER_NLP = None
            shared_nlp.cache_clear()


@contextmanager
def gc_paused():
    """No garbage collection inside: making many long-lived objects (records read from the cache, the
    graph's triples) otherwise sets off full collections that walk all of them again and again, a third
    of the time of a rebuild from the cache. Not for parsing, whose garbage must go as it comes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Graphs above this (about 2,000 articles) release_freed_memory before their last stage. Below, what it
# frees is small (5 MiB for the 92 k triples of 1,000 bench articles rebuilt from the cache) and finding it
# costs more (0.09 s, a twentieth of such a rebuild) than it saves; the process's exit frees it anyway.
RELEASE_ABOVE_TRIPLES = 200_000


def release_freed_memory() -> None:
    """Collect the records' reference cycles (left while collection was paused) and hand the freed heap
    back to the system (glibc's malloc_trim, where there is one): the graph's later stages run in forked
    workers beside this process, so what it keeps but no longer uses would count against them all."""
    gc.collect()
    try:
        import ctypes
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def no_articles_message(corpus: Path, report: ReadReport) -> str:
    if report.skipped:
        reasons = "; ".join(f"{item}: {reason}" for item, reason in report.skipped[:3])
        more = f" and {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
        return f"{corpus}: no article could be read ({len(report.skipped)} skipped: {reasons}{more})"
    return (f"{corpus}: no articles to build from (a corpus is a folder of .txt or .md articles, with an "
            "optional metadata.csv, or a .jsonl file)")


def build(corpus: Path, quiet: bool = False, processes: int | None = None, cache_dir: Path | None = None,
          progress: bool | None = None, scheduler: str | None = None, ahead: ParseAhead | None = None,
          while_parsing: Callable[[], None] | None = None) -> BuildResult:
    """Read and extract the whole corpus (cached documents are not parsed again) and assemble its graph.
    Exports are written by the caller. `progress` (default: shows_progress) shows a bar while parsing
    and a line when assembly starts. `ahead`, started by the caller before its own slow imports, parses
    the new documents if they are a batch or fewer (it is stopped otherwise); without one, such documents
    get one here, started once the corpus is read. `while_parsing` is the caller's work to do while `ahead`
    parses (the imports of its later stages), rather than wait idle."""
    processes = processes or default_processes()
    timings: dict[str, float] = {}
    report = ReadReport()
    started = time.perf_counter()
    try:
        cache = RecordCache(cache_dir)
        with gc_paused():
            documents = list(read_corpus(corpus, report))
        if not documents:  # an empty graph would replace the last build's files: refuse
            raise CorpusError(no_articles_message(corpus, report))
        new = [document for document in documents if not cache.has(document)]
        if 0 < len(new) <= BATCH_SIZE and can_parse_ahead(processes, scheduler):
            ahead = ahead or ParseAhead()
            ahead.parse(new)
        elif ahead:
            ahead.cancel()
            ahead = None
        pending = {id(document) for document in new}
        records: list[DocumentRecord] = []
        to_parse: list[Document] = [] if ahead else list(new)
        with gc_paused():
            for document in documents:
                if id(document) in pending:
                    continue
                record = cache.get(document)
                if record is not None:
                    records.append(record)
                else:  # an entry that cannot be read is parsed again
                    to_parse.append(document)
        del documents
        timings["read"] = time.perf_counter() - started
        started = time.perf_counter()
        with gc_paused():  # assembly's own work on the cached records, while the new documents are parsed
            prepared = prepare(records) if ahead else None
        preparing = time.perf_counter() - started
        cache.prune()  # every entry this build uses was got: pruned while the new documents are parsed
        show = shows_progress(quiet) if progress is None else progress
        bar = None
        if show and (to_parse or ahead):
            bar = progress_bar(len(to_parse) + (len(new) if ahead else 0), "doc", "parsing")
        started = time.perf_counter()
        if ahead and while_parsing:
            while_parsing()
        parsed = ahead.records(timings) if ahead else []
        if parsed is None:  # the process parsing ahead died: parse its documents here
            parsed, to_parse = [], new + to_parse
        ahead = None
        # a pool costs a model load per process: not worth it for a few changed articles
        processes = max(1, min(processes, -(-len(to_parse) // BATCH_SIZE)))
        try:
            for record in chain(parsed, extract_records(iter(to_parse), processes, timings=timings,
                                                        scheduler=scheduler) if to_parse else ()):
                # everything cached: neither spaCy nor the model is loaded
                cache.put(record)
                records.append(record)
                if bar:
                    bar.update()
        finally:
            if bar:
                bar.close()
    finally:
        if ahead:
            ahead.cancel()
    timings["parse+extract"] = time.perf_counter() - started
    started = time.perf_counter()
    if show:
        print(f"assembling the graph of {len(records):,} documents", file=sys.stderr, flush=True)
    with gc_paused():
        triples = build_graph(records, prepared)
    del prepared
    documents = len(records)
    del records
    if len(triples) > RELEASE_ABOVE_TRIPLES:
        release_freed_memory()
    timings["assemble"] = preparing + time.perf_counter() - started
    result = BuildResult(triples, report, documents, timings=timings)
    result.cached = cache.hits
    return result
