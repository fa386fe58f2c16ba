"""The gazetteer (ontology/gazetteer/*.csv): states, organizations, places and news sources, with
every name, acronym, demonym and capital that points at them.

Lookups fold case for names longer than four characters, but short names and acronyms ("US",
"UN", "AU", "IS") must match their exact case, so "us" or "is" never name anyone.
"""
from __future__ import annotations

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
CASE_SENSITIVE_MAX = 4
COLUMNS = {
    "states.csv": ("id", "name", "official_name", "aliases", "demonyms", "capital", "capital_qid", "qid", "status"),
    "organizations.csv": ("id", "name", "aliases", "acronyms", "qid", "parent", "kind"),
    "places.csv": ("id", "name", "aliases", "qid", "state"),
    "sources.csv": ("name", "aliases", "kind"),
}


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


def fold(surface: str) -> str:
    """The lookup key of a surface form: NFC, typographic quotes and dashes folded, no leading "the",
    case folded unless the form is short (an acronym)."""
    text = unicodedata.normalize("NFC", surface).strip()
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    text = re.sub(r"(?:'s|')$", "", text)
    return text if len(text) <= CASE_SENSITIVE_MAX else text.casefold()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    names: dict[str, str] = field(default_factory=dict)  # folded surface → id
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # folded surface → canonical source name
    source_surfaces: tuple[tuple[str, str], ...] = ()  # (surface as written, canonical source name)

    def by_name(self, surface: str) -> GazetteerEntry | None:
        entry_id = self.names.get(fold(surface))
        return self.entries.get(entry_id) if entry_id else None

    def by_demonym(self, surface: str) -> GazetteerEntry | None:
        entry_id = self.demonyms.get(fold(surface))
        return self.entries.get(entry_id) if entry_id else None

    def by_capital(self, surface: str) -> GazetteerEntry | None:
        """The state whose capital this is."""
        entry_id = self.capitals.get(fold(surface))
        return self.entries.get(entry_id) if entry_id else None

    def is_source(self, surface: str) -> bool:
        return fold(surface) in self.sources

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """(surface, kind, id) for every form, kind in name|demonym|capital|source, sorted."""
        forms = set()
        for entry in self.entries.values():
            for name in entry.names:
                forms.add((name, "name", entry.id))
            for demonym in entry.demonyms:
                forms.add((demonym, "demonym", entry.id))
            if entry.capital and fold(entry.capital) not in {fold(n) for n in entry.names}:
                forms.add((entry.capital, "capital", entry.id))
        for surface, canonical in self.source_surfaces:
            forms.add((surface, "source", slug_of(canonical)))
        return iter(sorted(forms))


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    return read_numbered_rows(path, COLUMNS[path.name])


def _entries(folder: Path) -> Iterator[tuple[Path, int, GazetteerEntry]]:
    for line, row in _read(folder / "states.csv"):
        yield folder / "states.csv", line, GazetteerEntry(
            row["id"], "State", row["name"], row["qid"] or None,
            tuple(dict.fromkeys((row["name"], *_split(row["official_name"]), *_split(row["aliases"])))),
            _split(row["demonyms"]), row["capital"] or None, row["capital_qid"] or None, None, row["status"] or None)
    for line, row in _read(folder / "organizations.csv"):
        yield folder / "organizations.csv", line, GazetteerEntry(
            row["id"], "Organization", row["name"], row["qid"] or None,
            tuple(dict.fromkeys((row["name"], *_split(row["aliases"]), *_split(row["acronyms"])))),
            parent=row["parent"] or None, kind=row["kind"] or None)
    for line, row in _read(folder / "places.csv"):
        yield folder / "places.csv", line, GazetteerEntry(
            row["id"], "Place", row["name"], row["qid"] or None,
            tuple(dict.fromkeys((row["name"], *_split(row["aliases"])))), parent=row["state"] or None)


@lru_cache(maxsize=4)
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    folder = Path(folder) if folder else GAZETTEER_DIR
    entries: dict[str, GazetteerEntry] = {}
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for path, line, entry in _entries(folder):
        where = f"{path}:{line}"
        if not entry.id or not entry.name:
            raise GazetteerError(f"{where}: empty id or name")
        if entry.id in entries:
            raise GazetteerError(f"{where}: id {entry.id!r} used twice")
        for qid in (entry.qid, entry.capital_qid):
            if qid and not QID.match(qid):
                raise GazetteerError(f"{where}: {qid!r} is not a Wikidata QID (Q followed by digits)")
        entries[entry.id] = entry
        for table, forms in ((names, entry.names), (demonyms, entry.demonyms),
                             (capitals, (entry.capital,) if entry.capital else ())):
            for form in forms:
                key = fold(form)
                if table.get(key, entry.id) != entry.id:
                    raise GazetteerError(f"{where}: {form!r} already names {table[key]!r}")
                table[key] = entry.id
    sources: dict[str, str] = {}
    surfaces = []
    for line, row in _read(folder / "sources.csv"):
        for form in (row["name"], *_split(row["aliases"])):
            sources[fold(form)] = row["name"]
            surfaces.append((form, row["name"]))
    return Gazetteer(entries, names, demonyms, capitals, sources, tuple(sorted(surfaces)))
