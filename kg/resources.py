"""Load the data files under ontology/ (lexicons of titles, ministries, event triggers, cues) into lookups."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import GazetteerError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
LEXICON_DIR = ONTOLOGY_DIR / "lexicon"


def read_numbered_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...] = ()
                       ) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a UTF-8 CSV data file, checked for its columns and required cells."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise GazetteerError(f"{path}: missing columns {', '.join(missing)}")
            rows = []
            for row in reader:
                for c in required:
                    if not (row.get(c) or "").strip():
                        raise GazetteerError(f"{path}:{reader.line_num}: empty '{c}'")
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}))
            return rows
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not valid UTF-8 ({exc.reason})") from exc


def read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a lexicon file, whose first two columns may not be empty."""
    return [row for _, row in read_numbered_rows(path, columns, columns[:2])]


@dataclass(frozen=True)
class Trigger:
    phrase: str
    pos: str  # NOUN or VERB
    cls: str
    requires_date: bool


@dataclass(frozen=True)
class Lexicon:
    titles: dict[str, str]  # lowercased variant -> canonical title
    ministries: dict[str, str]  # lowercased variant -> canonical ministry name ("Ministry of Defence")
    triggers: tuple[Trigger, ...]
    agreements: dict[str, str]  # lowercased phrase -> kind
    cues: dict[str, frozenset[str]]  # role -> lemmas

    def cue(self, role: str) -> frozenset[str]:
        return self.cues.get(role, frozenset())


@lru_cache(maxsize=None)
def load_lexicon(folder: Path = LEXICON_DIR) -> Lexicon:
    titles = {r["variant"].lower(): r["canonical"] for r in read_rows(folder / "titles.csv", ("canonical", "variant"))}
    ministries = {r["variant"].lower(): r["canonical"]
                  for r in read_rows(folder / "ministries.csv", ("canonical", "variant"))}
    triggers = tuple(
        Trigger(r["phrase"].lower(), r["pos"].upper(), r["class"], r["requires_date"].lower() == "yes")
        for r in read_rows(folder / "triggers.csv", ("phrase", "pos", "class", "requires_date")))
    agreements = {r["phrase"].lower(): r["kind"] for r in read_rows(folder / "agreements.csv", ("phrase", "kind"))}
    cues: dict[str, set[str]] = {}
    for r in read_rows(folder / "cues.csv", ("cue", "role")):
        cues.setdefault(r["role"], set()).add(r["cue"].lower())
    return Lexicon(titles, ministries, triggers, agreements, {k: frozenset(v) for k, v in cues.items()})
