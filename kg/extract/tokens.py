"""Token attributes that several extractors read for every token of a document, taken in one pass and
kept with the Doc: each spaCy Token made in Python costs about a microsecond, and a document's tokens
were otherwise made again by every extractor that scans it."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

_KEY = "kg_token_columns"


@dataclass(frozen=True)
class TokenColumns:
    lower: list[str]  # token.lower_
    lemma: list[str]  # token.lemma_, lowercased
    start: list[int]  # token.idx, the character offset where the token starts
    end: list[int]  # token.idx + len(token), where it ends


def token_columns(doc: Doc) -> TokenColumns:
    """The document's TokenColumns, made on first use (the Doc must not change after parsing)."""
    columns = doc.user_data.get(_KEY)
    if columns is None:
        lower, lemma, start, end = [], [], [], []
        for token in doc:
            lower.append(token.lower_)
            lemma.append(token.lemma_.lower())
            start.append(token.idx)
            end.append(token.idx + len(token))
        columns = TokenColumns(lower, lemma, start, end)
        doc.user_data[_KEY] = columns
    return columns
