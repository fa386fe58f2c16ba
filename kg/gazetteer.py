"""The gazetteer (ontology/gazetteer/*.csv): states, organizations, places and news sources, with
every name, acronym, demonym and capital that points at them.

It feeds the entity ruler that runs before spaCy's statistical NER (which tags "Azerbaijan" or "Baku"
as a PERSON), and resolves a recognized surface form to one actor id and its Wikidata QID.

Lookups fold Unicode to NFC, typographic apostrophes and dashes to ASCII, drop a leading "the", and
fold case for names longer than four characters; short names and acronyms ("US", "UN", "AU", "IS")
must match their exact case, so "us" or "is" never name anyone. One surface form names at most one
actor across all files (a capital may share its state's name: "Singapore", "Djibouti").
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .errors import GazetteerError
from .resources import read_numbered_rows

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer"
QID = re.compile(r"^Q[1-9][0-9]*$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CASE_SENSITIVE_MAX = 4
COLUMNS = {
    "states.csv": ("id", "name", "official_name", "aliases", "demonyms", "capital", "capital_qid", "qid", "status"),
    "organizations.csv": ("id", "name", "aliases", "acronyms", "qid", "parent", "kind"),
    "places.csv": ("id", "name", "aliases", "qid", "state"),
    "sources.csv": ("name", "aliases", "kind"),
}
STATE_STATUSES = frozenset({"member", "observer", "partially-recognized", "historical"})
ORGANIZATION_KINDS = frozenset({"intergovernmental", "organ", "mission", "ngo", "armed-group", "court", "financial", "forum"})
SOURCE_KINDS = frozenset({"agency", "outlet", "photo", "platform"})  # platform: social media
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
                             "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
                             "\u00a0": " ", "\u202f": " "})
_ASCII_FOLDED = "".join(chr(c) for c in _TYPOGRAPHY if c < 128)  # what an all-ASCII form may need folded ("`")


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    cls: str  # "State" | "Organization" | "Place"
    name: str
    qid: str | None
    names: tuple[str, ...]  # every name of the actor itself: name, official name, aliases, acronyms
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    capital_qid: str | None = None
    parent: str | None = None  # organizations: parent body; places: the state they lie in
    kind: str | None = None  # states: member/observer/...; organizations: intergovernmental/armed-group/...


_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|')$")


def fold(surface: str) -> str:
    """The lookup key of a surface form: NFC, typographic quotes and dashes folded, no leading "the",
    no trailing possessive, case folded unless the form is short (an acronym). Loading the gazetteer
    folds every name, on the path of a rebuild's parse: an ASCII form holding none of the ASCII characters
    _TYPOGRAPHY folds has nothing to fold typographically, so it skips the translation, the costliest step."""
    text = unicodedata.normalize("NFC", surface)
    if not text.isascii() or any(c in text for c in _ASCII_FOLDED):
        text = text.translate(_TYPOGRAPHY)
    text = _SPACES.sub(" ", text.strip())
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return text if len(text) <= CASE_SENSITIVE_MAX else text.casefold()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    names: dict[str, str] = field(default_factory=dict)  # folded surface → id
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # folded surface → canonical source name
    source_surfaces: tuple[tuple[str, str], ...] = ()  # (surface as written, canonical source name)
    capital_exclusions: frozenset[str] = frozenset()  # folded capitals never read as their government
    seats: dict[str, str] = field(default_factory=dict)  # folded seat of government (a state's alias) → its name

    def by_name(self, surface: str) -> GazetteerEntry | None:
        """The actor this name, official name, alias or acronym names (not a demonym, not a capital)."""
        entry_id = self.names.get(fold(surface))
        return self.entries.get(entry_id) if entry_id else None

    def by_demonym(self, surface: str) -> GazetteerEntry | None:
        entry_id = self.demonyms.get(fold(surface))
        return self.entries.get(entry_id) if entry_id else None

    def by_capital(self, surface: str) -> GazetteerEntry | None:
        """The state whose capital this is."""
        entry_id = self.capitals.get(fold(surface))
        return self.entries.get(entry_id) if entry_id else None

    def seat(self, surface: str) -> str | None:
        """The name of the seat of government this alias of a state is ("White House"), which is a place where
        something happens there ("talks at the White House"), as a capital is."""
        return self.seats.get(fold(surface))

    def is_source(self, surface: str) -> bool:
        """True for a news agency, outlet, photo agency or social-media platform: a source of the text, never
        an actor in it."""
        return fold(surface) in self.sources

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """(surface, kind, id) for every form, kind in name|demonym|capital|source, sorted."""
        forms = set()
        for entry in self.entries.values():
            for name in entry.names:
                forms.add((name, "name", entry.id))
            for demonym in entry.demonyms:
                forms.add((demonym, "demonym", entry.id))
            if entry.capital and fold(entry.capital) not in {fold(n) for n in entry.names} \
                    and fold(entry.capital) not in self.capital_exclusions:
                forms.add((entry.capital, "capital", entry.id))
        for surface, canonical in self.source_surfaces:
            forms.add((surface, "source", slug_of(canonical)))
        return iter(sorted(forms))


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of one CSV file with the line each starts on; a missing column, a ragged row or a
    file that is not UTF-8 CSV raises GazetteerError naming file and line."""
    columns = COLUMNS[path.name]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise GazetteerError(f"{path}:1: missing columns {', '.join(missing)}")
            rows = []
            start = 2
            for row in reader:
                if None in row or any(value is None for value in row.values()):
                    raise GazetteerError(f"{path}:{start}: expected {len(reader.fieldnames)} cells")
                rows.append((start, {k: v.strip() for k, v in row.items()}))
                start = reader.line_num + 1
            return rows
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not valid UTF-8 ({exc.reason})") from exc
    except csv.Error as exc:
        raise GazetteerError(f"{path}:{reader.line_num}: {exc}") from exc


def _entries(folder: Path) -> Iterator[tuple[str, GazetteerEntry]]:
    """(file:line, entry) for every row of the states, organizations and places."""
    states, organizations, places = (folder / name for name in ("states.csv", "organizations.csv", "places.csv"))
    for line, row in _read(states):
        yield f"{states}:{line}", GazetteerEntry(
            row["id"], "State", row["name"], row["qid"] or None,
            tuple(dict.fromkeys((row["name"], *_split(row["official_name"]), *_split(row["aliases"])))),
            _split(row["demonyms"]), row["capital"] or None, row["capital_qid"] or None, None, row["status"] or None)
    for line, row in _read(organizations):
        yield f"{organizations}:{line}", GazetteerEntry(
            row["id"], "Organization", row["name"], row["qid"] or None,
            tuple(dict.fromkeys((row["name"], *_split(row["aliases"]), *_split(row["acronyms"])))),
            parent=row["parent"] or None, kind=row["kind"] or None)
    for line, row in _read(places):
        yield f"{places}:{line}", GazetteerEntry(
            row["id"], "Place", row["name"], row["qid"] or None,
            tuple(dict.fromkeys((row["name"], *_split(row["aliases"])))), parent=row["state"] or None)


def _check_entry(where: str, entry: GazetteerEntry) -> None:
    if not entry.id or not entry.name:
        raise GazetteerError(f"{where}: empty id or name")
    if not ID.match(entry.id):
        raise GazetteerError(f"{where}: id {entry.id!r} is not a lowercase ASCII slug")
    for qid in (entry.qid, entry.capital_qid):
        if qid and not QID.match(qid):
            raise GazetteerError(f"{where}: {qid!r} is not a Wikidata QID (Q followed by digits)")
    allowed = {"State": STATE_STATUSES, "Organization": ORGANIZATION_KINDS}.get(entry.cls)
    if allowed is not None and entry.kind not in allowed:
        raise GazetteerError(f"{where}: {entry.kind!r} is not one of {', '.join(sorted(allowed))}")


@lru_cache(maxsize=4)
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """The gazetteer in `folder` (default: the repository's ontology/gazetteer), read once per folder."""
    folder = Path(folder) if folder else GAZETTEER_DIR
    entries: dict[str, GazetteerEntry] = {}
    lines: dict[str, str] = {}
    tables: dict[str, dict[str, str]] = {"name": {}, "demonym": {}, "capital": {}}
    owner: dict[str, str] = {}  # folded surface → id, across names, demonyms and capitals
    for where, entry in _entries(folder):
        _check_entry(where, entry)
        if entry.id in entries:
            raise GazetteerError(f"{where}: id {entry.id!r} used twice")
        entries[entry.id] = entry
        lines[entry.id] = where
        for kind, forms in (("name", entry.names), ("demonym", entry.demonyms),
                            ("capital", (entry.capital,) if entry.capital else ())):
            for form in forms:
                key = fold(form)
                if owner.get(key, entry.id) != entry.id:
                    raise GazetteerError(f"{where}: {form!r} already names {owner[key]!r}")
                owner[key] = entry.id
                tables[kind][key] = entry.id
    for entry in entries.values():
        expected = {"Organization": ("Organization", "an organization"), "Place": ("State", "a state")}.get(entry.cls)
        if entry.parent and (entry.parent not in entries or entries[entry.parent].cls != expected[0]):
            raise GazetteerError(f"{lines[entry.id]}: {entry.parent!r} is not the id of {expected[1]}")
    sources: dict[str, str] = {}
    surfaces = []
    sources_file = folder / "sources.csv"
    for line, row in _read(sources_file):
        where = f"{sources_file}:{line}"
        if not row["name"] or row["kind"] not in SOURCE_KINDS:
            raise GazetteerError(f"{where}: empty name or kind not one of {', '.join(sorted(SOURCE_KINDS))}")
        for form in (row["name"], *_split(row["aliases"])):
            key = fold(form)
            if key in owner:
                raise GazetteerError(f"{where}: source {form!r} already names {owner[key]!r}")
            if sources.get(key, row["name"]) != row["name"]:
                raise GazetteerError(f"{where}: {form!r} already names the source {sources[key]!r}")
            sources[key] = row["name"]
            surfaces.append((form, row["name"]))
    exclusions = set()
    if (folder / "capital_exclusions.csv").is_file():
        for line, row in read_numbered_rows(folder / "capital_exclusions.csv", ("capital", "reason"),
                                            ("capital", "reason")):
            if fold(row["capital"]) not in tables["capital"]:
                raise GazetteerError(f"{folder / 'capital_exclusions.csv'}:{line}: {row['capital']!r} is no capital")
            exclusions.add(fold(row["capital"]))
    seats = {}
    if (folder / "seats.csv").is_file():
        for line, row in read_numbered_rows(folder / "seats.csv", ("seat", "state", "note"), ("seat", "state")):
            if tables["name"].get(fold(row["seat"])) != row["state"] or entries[row["state"]].cls != "State":
                raise GazetteerError(f"{folder / 'seats.csv'}:{line}: {row['seat']!r} is no alias of the state "
                                     f"{row['state']!r}")
            seats[fold(row["seat"])] = row["seat"]
    return Gazetteer(entries, tables["name"], tables["demonym"], tables["capital"], sources, tuple(sorted(surfaces)),
                     frozenset(exclusions), seats)
