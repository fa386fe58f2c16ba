"""Parsing: the text the parser reads of an article, long articles in pieces, and a batch of documents
parsed and extracted in this process. Light to import (spaCy and the extractors are imported where a
batch is parsed), so that the process parsing a rebuild's new articles ahead (kg.ahead) starts at once."""
from __future__ import annotations

import os
import re
import time
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from .model import Document, DocumentRecord

LONG_TEXT = 100_000  # characters; longer articles are parsed in paragraph-aligned pieces
BATCH_SIZE = 16


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
            # the pieces' user data (their own texts, see doc_text) is theirs, not the whole's
            whole = pending[0] if total == 1 else Doc.from_docs(pending, ensure_whitespace=False, exclude=["user_data"])
            pending = []
            yield document, whole


def records_of(documents: list[Document], nlp, timings: dict[str, float] | None = None) -> list[DocumentRecord]:
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


def add_timings(timings: dict[str, float], more: dict[str, float], share: int) -> None:
    for stage, seconds in more.items():
        timings[stage] = timings.get(stage, 0.0) + seconds / share


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
