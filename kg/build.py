"""Build a corpus into a graph: read → parse → extract → assemble → export, with a summary."""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from .assemble import build_graph
from .corpus import ReadReport, read_corpus
from .model import Document, DocumentRecord
from .rdf import RDF_TYPE, KGO_NS

LONG_TEXT = 100_000  # characters; longer articles are parsed in paragraph-aligned pieces


@dataclass
class BuildResult:
    triples: list[ox.Triple]
    report: ReadReport
    documents: int
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Counter]:
        types: dict[str, set[str]] = {}
        for t in self.triples:
            if t.predicate == RDF_TYPE and t.object.value.startswith(KGO_NS):
                types.setdefault(t.subject.value, set()).add(t.object.value[len(KGO_NS):])
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

    def summary(self) -> str:
        counts = self.counts()
        skipped = len(self.report.skipped)
        lines = [f"documents: {self.documents} read, {skipped} skipped"
                 + (f", {len(self.report.ignored)} other files ignored" if self.report.ignored else "")]
        for item, reason in self.report.skipped:
            lines.append(f"  skipped {item}: {reason}")
        lines.append("actors: " + _format(counts["actors"], ("Person", "State", "Organization", "Place")))
        lines.append("events: " + _format(counts["events"], sorted(counts["events"])))
        lines.append(f"agreements: {counts['other']['Agreement']}, positions: {counts['other']['Position']}, "
                     f"mediators: {counts['other']['Mediator']}")
        warnings = self.report.warnings + self.warnings
        lines.append(f"warnings: {len(warnings)}")
        lines.extend(f"  {w}" for w in warnings)
        for path in self.written:
            lines.append(f"wrote {path}")
        return "\n".join(lines)


def _format(counter: Counter, keys) -> str:
    return ", ".join(f"{k} {counter[k]}" for k in keys) or "none"


def split_long_text(text: str, limit: int = LONG_TEXT) -> list[str]:
    """Pieces of at most about `limit` characters, cut after paragraph (else line) breaks, that join
    back to exactly the text, so offsets into the whole article stay right."""
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n\n")
        if cut <= 0:
            cut = window.rfind("\n")
        if cut <= 0:
            cut = window.rfind(" ")
        cut = limit if cut <= 0 else cut + 1
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_documents(documents: Iterable[Document], nlp, batch_size: int = 16, n_process: int = 1
                    ) -> Iterator[tuple[Document, object]]:
    """(document, spaCy Doc) pairs in input order, long articles parsed piecewise and rejoined."""
    from spacy.tokens import Doc

    def pieces():
        for index, document in enumerate(documents):
            parts = split_long_text(document.text)
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


def extract_all(documents: Iterable[Document], progress: Callable | None = None, n_process: int = 1
                ) -> Iterator[DocumentRecord]:
    from .extract import extract
    from .nlp.pipeline import shared_nlp

    nlp = shared_nlp()
    for document, doc in parse_documents(documents, nlp, n_process=n_process):
        yield extract(doc, document)
        if progress:
            progress()


def build(corpus: Path, quiet: bool = False, n_process: int = 1) -> BuildResult:
    """Read and extract the whole corpus and assemble its graph (exports are written by the caller)."""
    report = ReadReport()
    documents = list(read_corpus(corpus, report))
    bar = None
    if not quiet and sys.stderr.isatty() and documents:
        from tqdm import tqdm
        bar = tqdm(total=len(documents), unit="doc", desc="extracting", file=sys.stderr)
    try:
        records = list(extract_all(documents, bar.update if bar else None, n_process=n_process))
    finally:
        if bar:
            bar.close()
    return BuildResult(build_graph(records), report, len(records))
