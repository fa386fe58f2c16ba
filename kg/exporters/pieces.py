"""Text written as UTF-8 in pieces: an export made of many small texts (a node's element, a line) goes to
its file a batch at a time, never joined into one text and then encoded whole (two or three copies of
the file in memory, most of an export's fresh memory and so of its time in a forked worker)."""
from __future__ import annotations

from typing import Iterable, Iterator

PIECE_CHARACTERS = 64 * 1024  # characters joined and encoded at a time


def encoded_in_pieces(texts: Iterable[str], size: int = PIECE_CHARACTERS) -> Iterator[bytes]:
    """The texts as UTF-8, in pieces of `size` characters or more (the last may be shorter, or empty):
    their joined text's bytes, however they are cut."""
    batch, length = [], 0
    for text in texts:
        batch.append(text)
        length += len(text)
        if length >= size:
            yield "".join(batch).encode("utf-8")
            batch, length = [], 0
    yield "".join(batch).encode("utf-8")
