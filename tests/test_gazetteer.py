"""The gazetteer's shape (columns, unique ids, QIDs, no surface form naming two actors, every UN
member), known Wikidata QIDs, lookups, and the errors a malformed file raises."""
import csv
import re
from pathlib import Path

import pytest

from kg.errors import GazetteerError
from kg.gazetteer import COLUMNS, GAZETTEER_DIR, fold, load_gazetteer

QID = re.compile(r"^Q[1-9][0-9]*$")
ACTOR_FILES = ("states.csv", "organizations.csv", "places.csv")

# The 193 UN member states, most under the UN's own short name, so the aliases are exercised too.
UN_MEMBERS = """Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|
Botswana|Brazil|Brunei Darussalam|Bulgaria|Burkina Faso|Burundi|Cabo Verde|Cambodia|Cameroon|Canada|
Central African Republic|Chad|Chile|China|Colombia|Comoros|Congo-Brazzaville|Costa Rica|Côte d'Ivoire|Croatia|Cuba|
Cyprus|Czechia|Democratic People's Republic of Korea|Democratic Republic of the Congo|Denmark|Djibouti|Dominica|
Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|
Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|
Kyrgyzstan|Lao People's Democratic Republic|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|
Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|
Federated States of Micronesia|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|
New Zealand|Nicaragua|Niger|Nigeria|North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|
Philippines|Poland|Portugal|Qatar|Republic of Korea|Republic of Moldova|Romania|Russian Federation|Rwanda|
Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|Saudi Arabia|
Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|
Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syrian Arab Republic|Tajikistan|Thailand|Timor-Leste|Togo|Tonga|
Trinidad and Tobago|Tunisia|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
United Republic of Tanzania|United States of America|Uruguay|Uzbekistan|Vanuatu|Venezuela|Viet Nam|Yemen|Zambia|Zimbabwe"""
UN_MEMBER_NAMES = [name.strip() for name in UN_MEMBERS.replace("\n", "").split("|")]


def rows(name, folder=GAZETTEER_DIR):
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_files_have_their_columns_and_are_sorted(name):
    with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == COLUMNS[name]
        body = list(reader)
    assert body and all(len(row) == len(COLUMNS[name]) for row in body)
    keys = [row[0] for row in body]
    assert keys == sorted(keys, key=str.casefold if name == "sources.csv" else None)


def test_ids_are_unique_slugs_across_files():
    ids = [r["id"] for name in ACTOR_FILES for r in rows(name)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


@pytest.mark.parametrize("name, columns", [("states.csv", ("qid", "capital_qid")), ("organizations.csv", ("qid",)),
                                           ("places.csv", ("qid",))])
def test_qids_have_the_wikidata_pattern(name, columns):
    for row in rows(name):
        for column in columns:
            assert not row[column] or QID.match(row[column]), (name, row["id"], row[column])


def test_no_state_shares_a_qid_and_every_un_member_has_one():
    states = rows("states.csv")
    qids = [r["qid"] for r in states if r["qid"]]
    assert len(qids) == len(set(qids))
    assert all(r["qid"] and r["capital"] for r in states if r["status"] == "member")


def test_statuses_and_the_count_of_un_members():
    states = rows("states.csv")
    assert {r["status"] for r in states} == {"member", "observer", "partially-recognized", "historical"}
    assert sum(r["status"] == "member" for r in states) == 193
    assert {r["id"] for r in states if r["status"] == "observer"} == {"holy-see", "palestine"}


@pytest.mark.parametrize("name", UN_MEMBER_NAMES)
def test_every_un_member_is_found_by_its_un_name(name):
    entry = load_gazetteer().by_name(name)
    assert entry is not None and entry.cls == "State" and entry.kind == "member", name


def test_the_un_member_list_is_complete():
    assert len(UN_MEMBER_NAMES) == len(set(UN_MEMBER_NAMES)) == 193


def test_no_surface_form_points_at_two_actors():
    """Names, aliases, acronyms, demonyms and capitals across all files: one form, one id. A capital
    may repeat a name only of its own state ("Singapore", "Djibouti")."""
    seen = {}
    for name in ACTOR_FILES:
        for row in rows(name):
            forms = [row["name"], row.get("capital", "")] + [
                v for c in ("official_name", "aliases", "acronyms", "demonyms") for v in row.get(c, "").split("|")]
            for form in filter(None, (f.strip() for f in forms)):
                key = fold(form)
                assert seen.setdefault(key, row["id"]) == row["id"], (form, seen[key], row["id"])


def test_sources_never_name_an_actor():
    gazetteer = load_gazetteer()
    for row in rows("sources.csv"):
        for form in filter(None, [row["name"], *row["aliases"].split("|")]):
            assert gazetteer.is_source(form) and gazetteer.by_name(form) is None, form


@pytest.mark.parametrize("entry_id, qid", [
    ("russia", "Q159"), ("armenia", "Q399"), ("azerbaijan", "Q227"), ("united-states", "Q30"), ("france", "Q142"),
    ("germany", "Q183"), ("united-kingdom", "Q145"), ("ukraine", "Q212"), ("sudan", "Q1049"), ("turkey", "Q43"),
    ("iran", "Q794"), ("georgia", "Q230"), ("sweden", "Q34"), ("romania", "Q218"), ("soviet-union", "Q15180"),
    ("china", "Q148"), ("india", "Q668"), ("ethiopia", "Q115"), ("democratic-republic-of-the-congo", "Q974"),
    ("congo-brazzaville", "Q971"), ("palestine", "Q219060"), ("kosovo", "Q1246"), ("artsakh", "Q244165"),
    ("holy-see", "Q159583"), ("united-nations", "Q1065"), ("un-security-council", "Q37470"),
    ("european-union", "Q458"), ("nato", "Q7184"), ("osce", "Q81299"), ("african-union", "Q7159"), ("icrc", "Q71068"),
    ("icc", "Q47488"), ("crimea", "Q7835"), ("gaza-strip", "Q39760"),
])
def test_known_qids(entry_id, qid):
    assert load_gazetteer().entries[entry_id].qid == qid


@pytest.mark.parametrize("state, capital, capital_qid", [
    ("azerbaijan", "Baku", "Q9248"), ("armenia", "Yerevan", "Q1953"), ("russia", "Moscow", "Q649"),
    ("georgia", "Tbilisi", "Q994"), ("united-kingdom", "London", "Q84"), ("france", "Paris", "Q90"),
    ("sudan", "Khartoum", "Q1963"), ("ukraine", "Kyiv", "Q1899"), ("belgium", "Brussels", "Q239"),
    ("gabon", "Libreville", "Q3825"), ("holy-see", "Vatican City", "Q237"),
])
def test_known_capitals(state, capital, capital_qid):
    entry = load_gazetteer().entries[state]
    assert (entry.capital, entry.capital_qid) == (capital, capital_qid)


@pytest.mark.parametrize("lookup, surface, expected", [
    ("by_name", "Türkiye", "turkey"), ("by_name", "Turkey", "turkey"), ("by_name", "the Republic of Azerbaijan", "azerbaijan"),
    ("by_name", "THE REPUBLIC OF AZERBAIJAN", "azerbaijan"), ("by_name", "DRC", "democratic-republic-of-the-congo"),
    ("by_name", "DR Congo", "democratic-republic-of-the-congo"), ("by_name", "Ivory Coast", "ivory-coast"),
    ("by_name", "Côte d’Ivoire", "ivory-coast"), ("by_name", "US", "united-states"), ("by_name", "the U.S.", "united-states"),
    ("by_name", "Britain", "united-kingdom"), ("by_name", "Artsakh", "artsakh"), ("by_name", "NKR", "artsakh"),
    ("by_name", "Nagorno-Karabakh Republic", "artsakh"), ("by_name", "Nagorno‑Karabakh", "nagorno-karabakh"),
    ("by_name", "Karabakh", "nagorno-karabakh"), ("by_name", "Lachinsky corridor", "lachin-corridor"),
    ("by_name", "USSR", "soviet-union"), ("by_name", "the Minsk Group", "osce-minsk-group"), ("by_name", "IGAD", "igad"),
    ("by_name", "Ansar Allah", "houthis"), ("by_name", "RSF", "rapid-support-forces"), ("by_name", "ISIL", "islamic-state"),
    ("by_name", "Donbass", "donbas"), ("by_name", "the Sahel", "sahel"), ("by_name", "Vatican", "holy-see"),
    ("by_demonym", "Azeri", "azerbaijan"), ("by_demonym", "Azerbaijanis", "azerbaijan"),
    ("by_demonym", "Congolese", "democratic-republic-of-the-congo"), ("by_demonym", "Sudanese", "sudan"),
    ("by_demonym", "South Sudanese", "south-sudan"), ("by_demonym", "Emirati", "united-arab-emirates"),
    ("by_demonym", "Soviet", "soviet-union"), ("by_demonym", "American", "united-states"),
    ("by_capital", "Baku", "azerbaijan"), ("by_capital", "Kyiv", "ukraine"), ("by_capital", "Khartoum", "sudan"),
    ("by_capital", "Vatican City", "holy-see"), ("by_capital", "Singapore", "singapore"),
])
def test_lookups(lookup, surface, expected):
    entry = getattr(load_gazetteer(), lookup)(surface)
    assert entry is not None and entry.id == expected


@pytest.mark.parametrize("lookup, surface", [
    ("by_name", "us"), ("by_name", "is"), ("by_name", "eu"), ("by_name", "who"), ("by_name", "Us"), ("by_name", "un"),
    ("by_name", "Baku"), ("by_name", "Azeri"), ("by_demonym", "Azerbaijan"), ("by_capital", "Azerbaijan"),
    ("by_demonym", "Congolese people"), ("by_name", "AFP"),
])
def test_what_is_not_found(lookup, surface):
    assert getattr(load_gazetteer(), lookup)(surface) is None


@pytest.mark.parametrize("surface", ["AFP", "TASS", "Reuters", "EPA-EFE", "Press TV", "the Associated Press", "Getty Images"])
def test_news_sources(surface):
    assert load_gazetteer().is_source(surface)


def test_surface_forms_are_sorted_and_typed():
    forms = list(load_gazetteer().surface_forms())
    assert forms == sorted(forms)
    assert {kind for _, kind, _ in forms} == {"name", "demonym", "capital", "source"}
    assert ("Baku", "capital", "azerbaijan") in forms and ("Azeri", "demonym", "azerbaijan") in forms
    assert ("Singapore", "capital", "singapore") not in forms  # the name already covers it


@pytest.mark.parametrize("surface, key", [
    ("The Republic of Azerbaijan's", "republic of azerbaijan"), ("Côte d\u2019Ivoire", "côte d'ivoire"),
    ("Cote d`Ivoire", "cote d'ivoire"),  # a backtick in an all-ASCII form is still folded
    ("Co\u0302te", "Côte"),  # NFC first: four characters, so the case stays
    ("Nagorno\u2011Karabakh", "nagorno-karabakh"), ("THE   Hague\u00a0Group", "hague group"),
    ("the\u00a0Sahel", "sahel"), ("Russia\u2019s", "russia"), ("Russia'", "russia"), ("US", "US"), ("the US", "US"),
    (" Sudan\t\n", "sudan"), ("\u202fUN\u202f", "UN"), ("Theodore", "theodore"), ("Straße", "strasse"),
    ("\u2018the\u2019", "'the"), ("the\x1cUN", "UN"),
])
def test_fold(surface, key):
    assert fold(surface) == key


def copy_of_gazetteer(tmp_path: Path) -> Path:
    for path in GAZETTEER_DIR.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    return tmp_path


@pytest.mark.parametrize("name, line, message", [
    ("places.csv", "fake,Fake Place,Azerbaijan,,\n", r"places\.csv:\d+: 'Azerbaijan' already names 'azerbaijan'"),
    ("places.csv", "fake,Fake Place,Baku,,\n", r"places\.csv:\d+: 'Baku' already names 'azerbaijan'"),
    ("places.csv", "fake,Fake Place,,Q12x,\n", r"places\.csv:\d+: 'Q12x' is not a Wikidata QID"),
    ("places.csv", "fake,Fake Place,,,atlantis\n", r"places\.csv:\d+: 'atlantis' is not the id of a state"),
    ("places.csv", "fake,Fake Place,\n", r"places\.csv:\d+: expected 5 cells"),
    ("places.csv", "Fake Id,Fake Place,,,\n", r"places\.csv:\d+: id 'Fake Id' is not a lowercase ASCII slug"),
    ("places.csv", "crimea,Crimea again,,,\n", r"places\.csv:\d+: id 'crimea' used twice"),
    ("states.csv", "zz,Zz,,,,,,,kingdom\n", r"states\.csv:\d+: 'kingdom' is not one of"),
    ("organizations.csv", "zz,Zz,,,,atlantis,forum\n", r"organizations\.csv:\d+: 'atlantis' is not the id of an organization"),
    ("sources.csv", "Fake Agency,NATO,agency\n", r"sources\.csv:\d+: source 'NATO' already names 'nato'"),
    ("seats.csv", "Winter Palace,russia,\n", r"seats\.csv:\d+: 'Winter Palace' is no alias of the state 'russia'"),
    ("seats.csv", "Kremlin,france,\n", r"seats\.csv:\d+: 'Kremlin' is no alias of the state 'france'"),
])
def test_a_malformed_file_is_refused_with_file_and_line(tmp_path, name, line, message):
    folder = copy_of_gazetteer(tmp_path)
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write(line)
    with pytest.raises(GazetteerError, match=message):
        load_gazetteer(folder)


def test_the_line_named_is_the_bad_row(tmp_path):
    folder = copy_of_gazetteer(tmp_path)
    count = len((folder / "places.csv").read_text(encoding="utf-8").splitlines())
    with (folder / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("fake,Fake Place,,Q0,\n")
    with pytest.raises(GazetteerError, match=rf"places\.csv:{count + 1}: "):
        load_gazetteer(folder)


def test_a_missing_column_is_refused(tmp_path):
    folder = copy_of_gazetteer(tmp_path)
    (folder / "sources.csv").write_text("name,kind\nAFP,agency\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"sources\.csv:1: missing columns aliases"):
        load_gazetteer(folder)


@pytest.mark.parametrize("capital", ["Victoria", "Santiago", "Kingston", "Brussels"])
def test_ambiguous_capitals_never_name_their_government(capital):
    gazetteer = load_gazetteer()
    assert gazetteer.by_capital(capital) is not None  # still known as the capital
    assert not any(surface == capital and kind == "capital" for surface, kind, _ in gazetteer.surface_forms())


def test_seats_of_government_are_sorted_aliases_of_their_state():
    body = rows("seats.csv")
    assert [r["seat"] for r in body] == sorted(r["seat"] for r in body)
    gazetteer = load_gazetteer()
    for row in body:
        assert gazetteer.by_name(row["seat"]).id == row["state"] and gazetteer.seat(row["seat"]) == row["seat"]
