"""Build a corpus into a graph: read → parse → extract → assemble → export, with a summary."""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import re
import signal
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from .assemble import build_graph, prepare_mentions
from .cache import RecordCache, holds_records
from .corpus import ReadReport, read_corpus
from .errors import CorpusError, UsageError
from .model import Document, DocumentRecord
from .rdf import RDF_TYPE, KGO_NS

LONG_TEXT = 100_000  # characters; longer articles are parsed in paragraph-aligned pieces
BATCH_SIZE = 16
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


MARKUP_HINT = re.compile(r"</?(?:p|div|br|span|a|b|i|em|strong|h[1-6]|li|ul|ol|table|tr|td|img|html|body|head|"
                         r"script|style|meta|link)\b[^<>]*>", re.I)
MARKUP = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[/!]?[A-Za-z][^<>]{0,500}>",
                    re.I | re.S)


def parser_text(text: str) -> str:
    """What the parser reads: HTML tags (and script and style blocks) and NUL characters replaced by
    spaces, line breaks kept, so every offset still points into the article as it is."""
    text = text.replace("\x00", " ")
    if not MARKUP_HINT.search(text):
        return text
    return MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def split_long_text(text: str, limit: int | None = None) -> list[str]:
    """Pieces of at most `limit` characters (LONG_TEXT by default, well under spaCy's max_length), cut
    after paragraph (else line) breaks, that join back to exactly the text, so offsets stay right."""
    limit = limit or LONG_TEXT
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit
        for separator in ("\n\n", "\n", " "):
            found = window.rfind(separator)
            if found > 0:
                cut = found + len(separator)
                break
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_documents(documents: Iterable[Document], nlp, batch_size: int = BATCH_SIZE, n_process: int = 1
                    ) -> Iterator[tuple[Document, object]]:
    """(document, spaCy Doc) pairs in input order, long articles parsed piecewise and rejoined."""
    from spacy.tokens import Doc

    def pieces():
        for index, document in enumerate(documents):
            parts = split_long_text(parser_text(document.text))
            for k, part in enumerate(parts):
                yield part, (index, document, k, len(parts))

    pending: list = []
    for doc, (index, document, k, total) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size,
                                                      n_process=n_process):
        pending.append(doc)
        if k == total - 1:
            whole = pending[0] if total == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            yield document, whole


def _records_of(documents: list[Document], nlp, timings: dict[str, float] | None = None) -> list[DocumentRecord]:
    """Parse and extract a batch of documents in this process."""
    from .extract import extract

    records = []
    started = time.perf_counter()
    parsed = list(parse_documents(documents, nlp))
    parsed_at = time.perf_counter()
    for document, doc in parsed:
        records.append(extract(doc, document))
    if timings is not None:
        timings["parse"] = timings.get("parse", 0.0) + parsed_at - started
        timings["extract"] = timings.get("extract", 0.0) + time.perf_counter() - parsed_at
    return records


_WORKER_NLP = None


def _worker_records(documents: list[Document]) -> tuple[list[DocumentRecord], dict[str, float]]:
    """Pool worker: one pipeline per process, loaded on first use."""
    global _WORKER_NLP
    if _WORKER_NLP is None:
        from .nlp.pipeline import shared_nlp
        _WORKER_NLP = shared_nlp()
    timings: dict[str, float] = {}
    return _records_of(documents, _WORKER_NLP, timings), timings


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
                _add_timings(timings, worker_timings, 1)
                yield from records
        for future in pending:
            records, worker_timings = future.result()
            _add_timings(timings, worker_timings, 1)
            yield from records


def _add_timings(timings: dict[str, float], more: dict[str, float], share: int) -> None:
    for stage, seconds in more.items():
        timings[stage] = timings.get(stage, 0.0) + seconds / share


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
            yield from _records_of(batch, nlp, timings)
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
                _add_timings(timings, worker_timings, processes)
                yield from records
    finally:
        if forking:  # the workers are gone: let the pipeline go too, its memory is wanted for the graph
            _WORKER_NLP = None
            shared_nlp.cache_clear()


class ParseAhead:
    """A forked process that imports spaCy at once, then loads a pipeline made for the few new articles it
    is given (see `parse`) and parses them, or is told to stop (`cancel`). Loading spaCy and the model is
    most of the time of a small rebuild: started as the build starts, it overlaps this process's imports
    and its reading of the corpus and of the cached records."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_parse_when_asked, args=(child_end,), daemon=True)
        self.process.start()
        child_end.close()

    @classmethod
    def for_rebuild(cls, cache_dir: Path | None, processes: int, scheduler: str | None) -> ParseAhead | None:
        """One for a rebuild on more than one core (a first build loads the model for its pool instead)."""
        if can_parse_ahead(processes, scheduler) and holds_records(cache_dir):
            return cls()
        return None

    def parse(self, documents: list[Document]) -> None:
        self.connection.send(documents)

    def records(self, timings: dict[str, float]) -> list[DocumentRecord] | None:
        """The records of the documents given to `parse`, or None if the process died before sending them."""
        try:
            outcome = self.connection.recv()
        except (EOFError, OSError):
            return None
        finally:
            self.close()
        if isinstance(outcome, BaseException):
            raise outcome
        records, worker_timings = outcome
        _add_timings(timings, worker_timings, 1)
        return records

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.close()

    def close(self) -> None:
        self.process.join()
        self.connection.close()


def _parse_when_asked(connection) -> None:
    """ParseAhead's process: import spaCy (without its command line, see import_spacy_lean) while the
    documents come, then load a pipeline made for them (see make_nlp) and parse them. No garbage
    collection while the libraries and the model load: they make many objects and no garbage. Ctrl-C is
    the parent's to handle (it stops this process), so no second traceback comes from here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    import_spacy_lean()
    try:
        documents = connection.recv()
    except EOFError:  # the parent is gone
        return
    try:
        from .nlp.pipeline import make_nlp
        nlp = make_nlp([parser_text(document.text) for document in documents])
        gc.enable()
        timings: dict[str, float] = {}
        outcome = _records_of(documents, nlp, timings), timings
    except Exception as exc:
        outcome = exc
    try:
        connection.send(outcome)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        connection.send(RuntimeError(f"parsing failed: {outcome!r}"))


def import_spacy_lean() -> None:
    """Import spaCy without its command line: its package imports `spacy.cli` (typer, weasel, httpx and
    some 450 modules, 0.3 s) for `spacy.info` alone. For a process that only loads a pipeline and parses,
    as the one parsing a rebuild's new articles ahead: there, the command line's place is taken by a
    package of the same folder with none of it loaded (its modules still import if asked for by name).
    Should spaCy not import so, it is imported whole."""
    if "spacy" in sys.modules:
        return
    import importlib.util
    import types

    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [str(Path(folder) / "cli") for folder in spec.submodule_search_locations]
    info = types.ModuleType("spacy.cli.info")
    info.info = _no_spacy_info
    cli.info = info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy  # noqa: F401
    except Exception:
        for name in [name for name in sys.modules if name == "spacy" or name.startswith("spacy.")]:
            del sys.modules[name]
        import spacy  # noqa: F401,F811


def _no_spacy_info(*args, **kwargs):
    raise RuntimeError("spaCy's command line is not loaded in this process (see kg.build.import_spacy_lean)")


def can_parse_ahead(processes: int, scheduler: str | None) -> bool:
    """A second core may parse while this process reads (and the platform can fork)."""
    return processes > 1 and not scheduler and "fork" in multiprocessing.get_all_start_methods()


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


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def no_articles_message(corpus: Path, report: ReadReport) -> str:
    if report.skipped:
        reasons = "; ".join(f"{item}: {reason}" for item, reason in report.skipped[:3])
        more = f" and {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
        return f"{corpus}: no article could be read ({len(report.skipped)} skipped: {reasons}{more})"
    return (f"{corpus}: no articles to build from (a corpus is a folder of .txt or .md articles, with an "
            "optional metadata.csv, or a .jsonl file)")


def shows_progress(quiet: bool) -> bool:
    """Progress goes to a terminal only, never with --quiet."""
    return not quiet and sys.stderr.isatty()


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
            prepared = prepare_mentions(records) if ahead else None
        preparing = time.perf_counter() - started
        show = shows_progress(quiet) if progress is None else progress
        bar = None
        if show and (to_parse or ahead):
            from tqdm import tqdm
            bar = tqdm(total=len(to_parse) + (len(new) if ahead else 0), unit="doc", desc="parsing",
                       file=sys.stderr, dynamic_ncols=True)
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
    cache.prune()
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
