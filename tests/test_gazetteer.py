"""The gazetteer's shape (unique ids, QIDs, no alias naming two actors, every UN member) and lookups."""
import csv
import re
from pathlib import Path

import pytest

from kg.errors import GazetteerError
from kg.gazetteer import GAZETTEER_DIR, fold, load_gazetteer

QID = re.compile(r"^Q[1-9][0-9]*$")


def rows(name):
    with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ids_are_unique_across_files():
    ids = [r["id"] for name in ("states.csv", "organizations.csv", "places.csv") for r in rows(name)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


@pytest.mark.parametrize("name, columns", [("states.csv", ("qid", "capital_qid")), ("organizations.csv", ("qid",)),
                                           ("places.csv", ("qid",))])
def test_qids_have_the_wikidata_pattern(name, columns):
    for row in rows(name):
        for column in columns:
            assert not row[column] or QID.match(row[column]), (name, row["id"], row[column])


def test_every_un_member_state_is_there():
    states = rows("states.csv")
    assert sum(1 for r in states if r["status"] == "member") == 193
    assert {r["status"] for r in states} <= {"member", "observer", "partially-recognized", "historical"}
    assert sum(1 for r in states if r["status"] == "observer") == 2


def test_no_name_points_at_two_actors():
    seen = {}
    for name in ("states.csv", "organizations.csv", "places.csv"):
        for row in rows(name):
            forms = [row["name"]] + [v for c in ("official_name", "aliases", "acronyms", "demonyms")
                                     for v in row.get(c, "").split("|") if v]
            for form in forms:
                key = fold(form)
                assert seen.get(key, row["id"]) == row["id"], (form, seen.get(key), row["id"])
                seen[key] = row["id"]


@pytest.mark.parametrize("entry_id, qid", [
    ("russia", "Q159"), ("armenia", "Q399"), ("azerbaijan", "Q227"), ("united-states", "Q30"), ("france", "Q142"),
    ("germany", "Q183"), ("united-kingdom", "Q145"), ("ukraine", "Q212"), ("sudan", "Q1049"), ("turkey", "Q43"),
    ("iran", "Q794"), ("georgia", "Q230"), ("sweden", "Q34"), ("romania", "Q218"), ("soviet-union", "Q15180"),
    ("china", "Q148"), ("india", "Q668"), ("ethiopia", "Q115"), ("kenya", "Q114"), ("egypt", "Q79"),
    ("united-nations", "Q1065"), ("un-security-council", "Q37470"), ("european-union", "Q458"), ("nato", "Q7184"),
    ("osce", "Q81299"), ("african-union", "Q7159"), ("icrc", "Q71068"),
])
def test_known_qids(entry_id, qid):
    assert load_gazetteer().entries[entry_id].qid == qid


@pytest.mark.parametrize("state, capital_qid", [("azerbaijan", "Q9248"), ("armenia", "Q1953"), ("russia", "Q649"),
                                                ("georgia", "Q994"), ("united-kingdom", "Q84"), ("france", "Q90")])
def test_known_capital_qids(state, capital_qid):
    assert load_gazetteer().entries[state].capital_qid == capital_qid


@pytest.mark.parametrize("lookup, surface, expected", [
    ("by_name", "Türkiye", "turkey"), ("by_name", "the Republic of Azerbaijan", "azerbaijan"),
    ("by_name", "DRC", "democratic-republic-of-the-congo"), ("by_name", "Ivory Coast", "ivory-coast"),
    ("by_name", "Côte d’Ivoire", "ivory-coast"), ("by_name", "US", "united-states"),
    ("by_name", "Minsk Group", "osce-minsk-group"), ("by_name", "IGAD", "igad"),
    ("by_demonym", "Azeri", "azerbaijan"), ("by_demonym", "Congolese", "democratic-republic-of-the-congo"),
    ("by_demonym", "Sudanese", "sudan"), ("by_demonym", "South Sudanese", "south-sudan"),
    ("by_capital", "Baku", "azerbaijan"), ("by_capital", "Kyiv", "ukraine"), ("by_capital", "Khartoum", "sudan"),
])
def test_lookups(lookup, surface, expected):
    entry = getattr(load_gazetteer(), lookup)(surface)
    assert entry is not None and entry.id == expected


@pytest.mark.parametrize("surface", ["us", "is", "eu", "who"])
def test_short_forms_match_their_case_only(surface):
    assert load_gazetteer().by_name(surface) is None


def test_sources_are_not_actors():
    gazetteer = load_gazetteer()
    for agency in ("AFP", "TASS", "Reuters", "EPA-EFE", "Press TV"):
        assert gazetteer.is_source(agency) and gazetteer.by_name(agency) is None


def test_a_name_for_two_actors_is_refused(tmp_path):
    for name in ("states.csv", "organizations.csv", "places.csv", "sources.csv"):
        (tmp_path / name).write_bytes((GAZETTEER_DIR / name).read_bytes())
    with (tmp_path / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("fake,Fake Place,Azerbaijan,,\n")
    with pytest.raises(GazetteerError, match="places.csv:\\d+: 'Azerbaijan' already names 'azerbaijan'"):
        load_gazetteer(Path(tmp_path))
