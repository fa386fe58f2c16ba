"""Read a corpus folder (.txt/.md articles plus optional metadata.csv) or a .jsonl corpus into Documents.

Reading never stops at a bad item: each skipped file, row or line is reported as a `Skip` (file and
reason) and the rest is read. Article files are decoded but never modified.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from .errors import CorpusError
from .model import Document

ARTICLE_SUFFIXES = (".txt", ".md")
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("file", "title", "published", "outlet", "url")
BINARY_CONTROL_SHARE = 0.10
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below space, but tab, line and page breaks
NUL_SHARE = 0.01  # a text with more NUL bytes than this is binary; fewer are stray bytes in a text


@dataclass
class ReadReport:
    """What reading the corpus skipped or noticed, one line each, for the build summary."""

    skipped: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)
    warnings: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files with other extensions

    def skip(self, item: str, reason: str) -> None:
        self.skipped.append((item, reason))


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


def decode_article(raw: bytes, name: str, report: ReadReport) -> str | None:
    """The article's text, or None (with the reason recorded) when it is empty or binary.

    UTF-8 (a byte-order mark dropped) is preferred; UTF-16 with a BOM is honoured; other bytes are read
    as Windows-1252 (Latin-1 for the bytes it lacks) with a warning."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            report.skip(name, "not valid UTF-16 despite its byte-order mark")
            return None
    elif raw.count(0) > NUL_SHARE * len(raw):
        report.skip(name, "binary file (contains NUL bytes)")
        return None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = "".join(_cp1252_char(b) for b in raw)
            report.warnings.append(f"{name}: not valid UTF-8; read as Windows-1252")
    if not text.replace("\x00", "").strip():
        report.skip(name, "empty file")
        return None
    if "\x00" in text:
        report.warnings.append(f"{name}: {text.count(chr(0))} NUL characters kept in the text, ignored by the parser")
    controls = len(CONTROL_CHARACTER.findall(text))
    if controls > BINARY_CONTROL_SHARE * len(text):
        report.skip(name, "binary file (mostly control characters)")
        return None
    return text


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def _parse_published(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'published' is {value!r}; expected YYYY-MM-DD") from None


def read_metadata(path: Path, report: ReadReport) -> dict[str, Metadata]:
    """Rows of metadata.csv by file name; a malformed row is named (file:line) and ignored."""
    label = path.as_posix()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        report.warnings.append(f"{label}: not valid UTF-8; metadata ignored")
        return {}
    except OSError as exc:
        report.warnings.append(f"{label}: cannot read ({exc.strerror}); metadata ignored")
        return {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    if "file" not in columns:
        report.warnings.append(f"{label}: no 'file' column (expected {','.join(METADATA_COLUMNS)}); metadata ignored")
        return {}
    reader.fieldnames = columns
    extra = sorted(set(columns) - set(METADATA_COLUMNS))
    if extra:
        report.warnings.append(f"{label}: extra columns ignored: {', '.join(extra)}")
    rows: dict[str, Metadata] = {}
    for row in reader:
        line = reader.line_num
        name = (row.get("file") or "").strip()
        if not name:
            report.warnings.append(f"{label}:{line}: empty 'file' cell (row ignored)")
            continue
        try:
            published = _parse_published(row["published"].strip()) if (row.get("published") or "").strip() else None
        except ValueError as exc:
            report.warnings.append(f"{label}:{line}: {exc} (row ignored)")
            continue
        if name in rows:
            report.warnings.append(f"{label}:{line}: second row for {name} (row ignored)")
            continue
        rows[name] = Metadata(
            title=_clean(row.get("title")), published=published,
            outlet=_clean(row.get("outlet")), url=_clean(row.get("url")),
        )
    return rows


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_folder(folder: Path, report: ReadReport) -> Iterator[Document]:
    """Articles of a folder (recursively, sorted by relative path) with their metadata."""
    metadata_path = folder / METADATA_FILE
    metadata = read_metadata(metadata_path, report) if metadata_path.is_file() else {}
    seen: set[str] = set()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if path == metadata_path or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            report.ignored.append(rel)
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            report.skip(rel, f"cannot read ({exc.strerror or exc})")
            continue
        text = decode_article(raw, rel, report)
        if text is None:
            continue
        seen.add(rel)
        meta = metadata.get(rel) or metadata.get(path.name) or Metadata()
        yield Document(source=rel, text=text, title=meta.title, published=meta.published,
                       outlet=meta.outlet, url=meta.url)
    for name in sorted(set(metadata) - seen):
        if not (folder / name).exists():
            report.warnings.append(f"{metadata_path.as_posix()}: row for {name}, which is not in the corpus")


def read_jsonl(path: Path, report: ReadReport) -> Iterator[Document]:
    """One article per line: {"id", "text", "title", "published", "outlet", "url"}."""
    label = path.as_posix()
    try:
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise CorpusError(f"{label}: not valid UTF-8") from None
    except OSError as exc:
        raise CorpusError(f"{label}: cannot read ({exc.strerror})") from exc
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skip(where, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            report.skip(where, "not a JSON object")
            continue
        text, doc_id = item.get("text"), item.get("id")
        if not isinstance(text, str) or not text.strip():
            report.skip(where, "no 'text'")
            continue
        if doc_id is None or not str(doc_id).strip():
            report.skip(where, "no 'id'")
            continue
        doc_id = str(doc_id).strip()
        if doc_id in seen:
            report.skip(where, f"id {doc_id!r} used by an earlier line")
            continue
        try:
            published = _parse_published(str(item["published"]).strip()) if item.get("published") else None
        except ValueError as exc:
            report.warnings.append(f"{where}: {exc} (date ignored)")
            published = None
        seen.add(doc_id)
        yield Document(source=doc_id, text=text, title=_clean(_str(item.get("title"))), published=published,
                       outlet=_clean(_str(item.get("outlet"))), url=_clean(_str(item.get("url"))))


def _str(value) -> str | None:
    return None if value is None else str(value)


def read_corpus(path: Path, report: ReadReport) -> Iterator[Document]:
    """Documents of a corpus folder or .jsonl file; raises CorpusError when there is no corpus at all."""
    path = Path(path)
    if path.is_dir():
        return read_folder(path, report)
    if path.is_file() and path.suffix.lower() == ".jsonl":
        return read_jsonl(path, report)
    if path.exists():
        raise CorpusError(f"{path}: not a corpus (expected a folder of .txt/.md articles or a .jsonl file)")
    raise CorpusError(f"{path}: no such corpus folder")
