"""Pieces of a build's last stages remembered from one build to the next, each under the digest of the
part of the graph it was made from: a rebuild remakes only the pieces whose part changed.

A memo is keyed by content, so an entry can never be stale for its key; the version (a digest of the
code and data that make the pieces) guards against a change of the code instead. A memo is two files:
the whole of it, and the entries added since the whole was written. A rebuild that made few pieces
writes only the second (a few hundred entries, not the 17,000 of 1,000 articles, a second copy of the
exports); once those and the entries it no longer used come to a quarter of what it used, it writes the
whole again, keeping only what it used, so parts of the graph that are gone do not pile up. Each file
is written atomically: an interrupted build leaves the previous one, or none; and as every entry is
keyed by content, any two files of the same version hold no entry wrong for its key.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, Hashable, Sequence, TypeVar

from .rdf import SortedTriples, subject_spans
from .trash import set_aside

MEMO_SUFFIX = ".memo"  # not the record cache's .pickle: its pruning must leave memos alone
ADDED_SUFFIX = "-added"  # after MEMO_SUFFIX: the entries added since the whole memo was written
REWRITE_SHARE = 0.25  # the whole memo is written again once added and unused entries come to this share of it


class Memo:
    """One task's pieces by key; a memo without a path remembers nothing (every piece is made)."""

    def __init__(self, path: Path | None, version: str, trash: Path | None = None):
        self.path = Path(path) if path else None
        self.added_path = self.path.with_name(self.path.name + ADDED_SUFFIX) if self.path else None
        self.version = version
        self.trash = trash
        self.whole = self._load(self.path)
        added = self._load(self.added_path)
        self.known = {**self.whole, **added} if added else self.whole
        self.used: dict[Hashable, object] = {}
        self.made = 0

    def _load(self, path: Path | None) -> dict:
        if path is None:
            return {}
        try:
            with path.open("rb") as handle:
                stored = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        return stored.get("pieces", {})

    def __contains__(self, key: Hashable) -> bool:
        return key in self.known

    def get(self, key: Hashable) -> object | None:
        """The piece remembered under key, kept for the next build; None if the memo holds none (pieces
        are never None)."""
        piece = self.known.get(key)
        if piece is not None:
            self.used[key] = piece
        return piece

    def keep(self, key: Hashable, piece: object) -> None:
        """Remember a piece made by this build."""
        if key not in self.known:
            self.made += 1
        self.used[key] = piece

    def save(self) -> None:
        """Write what this build used: the entries the whole memo does not hold, or, once those and the
        whole memo's unused entries come to REWRITE_SHARE of what was used, the whole memo again (the
        one replaced set aside in the trash, if there is one). A memo that cannot be written is only
        lost time next build."""
        if self.path is None:
            return
        added = {key: piece for key, piece in self.used.items() if key not in self.whole}
        unused = len(self.whole) - (len(self.used) - len(added))
        if self.whole and len(added) + unused <= REWRITE_SHARE * len(self.used):
            self._write(self.added_path, added)
        elif self._write(self.path, self.used, set_aside_as=f"{self.path.parent.name}/{self.path.name}"):
            try:
                self.added_path.unlink(missing_ok=True)
            except OSError:  # left: its entries are right for their keys, only more to read
                pass

    def _write(self, path: Path, pieces: dict, set_aside_as: str | None = None) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"version": self.version, "pieces": pieces}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            if self.trash is not None and set_aside_as is not None:
                set_aside(path, self.trash, set_aside_as)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            return False
        return True


def memo_for(folder: Path | None, task: str, version: str, trash: Path | None = None) -> Memo:
    """The memo of a task in a folder (none without one); with `trash`, the memo it replaces is set aside
    there (see kg.trash)."""
    return Memo(folder / f"{task}{MEMO_SUFFIX}" if folder else None, version, trash)


def run_key(triples: Sequence, name: str = "") -> tuple:
    """A memo key for a run of pyoxigraph triples (and the name of what is made of them), ten times faster
    to make than a digest of their text: the run's length and first subject with the hash of the triples,
    pyoxigraph's own (Rust's SipHash with fixed keys, the same in every process; memo versions include
    pyoxigraph's) combined by Python's tuple hash, which is not salted."""
    if not triples:
        return (name, 0, "", 0)
    return (name, len(triples), str(triples[0].subject), hash(tuple(triples)))


_keyed_runs: tuple[Sequence, list[tuple[int, int, tuple]]] | None = None  # the graph itself, and its runs


def keyed_subject_runs(triples: Sequence) -> list[tuple[int, int, tuple]]:
    """(start, end, run_key) of each subject's run of the triples (see subject_spans), made once for a
    sorted graph: validation and the exports that key their pieces by a subject's run (JSON-LD) run one
    after the other in a worker, and making the keys reads every triple. One graph is kept, until another
    is asked for or forget_keyed_runs; only SortedTriples, which are never changed (a plain list may be,
    between two calls: its keys are made each time)."""
    global _keyed_runs
    if _keyed_runs is not None and _keyed_runs[0] is triples:
        return _keyed_runs[1]
    keyed = [(start, end, run_key(triples[start:end])) for start, end in subject_spans(triples, 1)]
    if isinstance(triples, SortedTriples):
        _keyed_runs = (triples, keyed)
    return keyed


def forget_keyed_runs() -> None:
    global _keyed_runs
    _keyed_runs = None


Piece = TypeVar("Piece")


def remembered(memo: Memo | None, key: Hashable, make: Callable[[], Piece]) -> Piece:
    """The piece under key: from the memo if it holds it, else made (and kept, with a memo)."""
    if memo is None:
        return make()
    piece = memo.get(key)
    if piece is not None:
        return piece
    made = make()
    memo.keep(key, made)
    return made
