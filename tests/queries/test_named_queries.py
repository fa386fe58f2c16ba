"""Every named query on the fixture graph returns the expected rows, through pyoxigraph and through
the rdflib fallback; parameters are bound as terms, never pasted; `kg query` prints them readably."""
from __future__ import annotations

import csv
import io
import json

import pytest

from kg.cli import main
from kg.query import QueryError, bind, list_queries, load_named_query, parse_query_text, run_query

from .expected import EXPECTED, PARAMS


def test_every_query_file_is_tested_and_documented():
    queries = list_queries()
    assert [q.name for q in queries] == sorted(EXPECTED)
    for query in queries:
        assert query.text.startswith("# ") and query.description, query.name
        assert all(p.doc for p in query.params), query.name
        assert sorted(p.name for p in query.params) == sorted(PARAMS.get(query.name, {})), query.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_returns_the_expected_rows(store, name):
    assert run_query(store, load_named_query(name).text, PARAMS.get(name)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rdflib_fallback_gives_the_same_rows(triples, name):
    assert run_query(triples, load_named_query(name).text, PARAMS.get(name), engine="rdflib") == EXPECTED[name]


@pytest.mark.parametrize("actor1, actor2, events", [
    ("Armenia", "Azerbaijan", ["event-armedconflict-2020-09-27-11111111", "event-ceasefire-2020-11-10-1a2b3c4d"]),
    ("YEREVAN", "https://w3id.org/kgnews/id/state-azerbaijan",
     ["event-armedconflict-2020-09-27-11111111", "event-ceasefire-2020-11-10-1a2b3c4d"]),
    ("putin", "kgr:person-ilham-aliyev", ["event-signing-2020-11-09-22222222", "event-meeting-2021-04-66666666"]),
    ("Russia", "Armenia", ["event-ceasefire-2020-11-10-1a2b3c4d"]),
    ("Ann Linde", "Russia", []),
])
def test_timeline_takes_names_other_names_and_iris(store, actor1, actor2, events):
    columns, rows = run_query(store, load_named_query("timeline").text, {"actor1": actor1, "actor2": actor2})
    assert [row[columns.index("event")].rsplit("/", 1)[-1] for row in rows] == events


@pytest.mark.parametrize("cls, start, end, count", [
    ("Event", "2020-01-01", "2021-12-31", 7), ("kgo:Ceasefire", "2020-11-10", "2020-11-10", 1),
    ("Meeting", "2021-04-01", "2021-04-30", 1), ("Ceasefire", "2021-01-01", "2021-12-31", 0),
])
def test_events_in_range_counts_months_from_their_first_day(store, cls, start, end, count):
    rows = run_query(store, load_named_query("events-in-range").text, {"class": cls, "from": start, "to": end})[1]
    assert len(rows) == count


def test_moscow_names_both_the_state_and_the_place(store):
    columns, rows = run_query(store, load_named_query("documents-mentioning").text, {"actor": "Moscow"})
    assert [row[0] for row in rows] == ["001_aaaa.txt", "002_bbbb.txt", "003_cccc.txt"]


@pytest.mark.parametrize("params, message", [
    ({}, "needs --param actor1=… .*--param actor2=…"),
    ({"actor1": "Armenia", "actor2": "Atlantis"}, "no actor named 'Atlantis'"),
    ({"actor1": "Armenia", "actor2": "Azerbaijan", "x": "1"}, "takes no parameter x"),
    ({"actor1": "Armenia", "actor2": "https://exa mple.org/x"}, "no actor named"),
])
def test_bad_parameters_are_one_line_errors(store, params, message):
    with pytest.raises(QueryError, match=message) as error:
        run_query(store, load_named_query("timeline").text, params)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("name, params", [
    ("events-in-range", {"class": "Meeting } ?s ?p ?o {", "from": "2020-01-01", "to": "2020-12-31"}),
    ("events-in-range", {"class": "Meeting", "from": "2020-01-01\" } UNION { ?s ?p ?o", "to": "2020-12-31"}),
    ("evidence", {"node": 'x" } DELETE { ?s ?p ?o } WHERE { ?s ?p ?o'}),
    ("timeline", {"actor1": "<http://x> } ?a ?b ?c {", "actor2": "Armenia"}),
])
def test_parameters_cannot_inject_sparql(store, name, params):
    with pytest.raises(QueryError):
        run_query(store, load_named_query(name).text, params)


def test_string_parameters_are_escaped_literals(store):
    query = parse_query_text("q", '# Labels equal to a string.\n# param: name — any text\n'
                                  'SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }')
    hostile = 'Russia" } ?s ?p ?o { "\n\\'
    text = bind(query, store, {"name": hostile})
    assert 'VALUES ?name { "Russia\\" } ?s ?p ?o { \\"\\n\\\\" }' in text
    assert run_query(store, query.text, {"name": hostile}) == (["s"], [])
    assert run_query(store, query.text, {"name": "Russia"}) == (["s"], [["https://w3id.org/kgnews/id/state-russia"]])


def test_bound_query_is_runnable_as_is(store):
    """The text `bind` produces no longer declares parameters: it can be sent to any engine."""
    text = bind(load_named_query("statements-by"), store, PARAMS["statements-by"])
    assert "# param:" not in text and "# bound: actor" in text
    assert run_query(store, text) == EXPECTED["statements-by"]


def test_queries_without_order_by_come_out_sorted(store):
    columns, rows = run_query(store, "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    assert rows == sorted(rows) and len(rows) == 3 + 11 + 5 + 7 + 1  # documents, actors, positions, events, agreement


def test_kg_query_prints_an_aligned_table_with_short_iris(graph_file, capsys):
    assert main(["query", "timeline", "--graph", str(graph_file), "--param", "actor1=Armenia",
                 "--param", "actor2=Azerbaijan"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(" | ") == ["date      ", "class        ", "event                                      ",
                                     "label"]
    assert lines[3].startswith("2020-11-10 | Ceasefire     | kgr:event-ceasefire-2020-11-10-1a2b3c4d     | Ceasefire")
    assert len({line.index("|") for line in lines[:-1] if "|" in line}) == 1
    assert lines[-1] == "(2 rows)"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_kg_query_other_formats(graph_file, capsys, fmt):
    assert main(["query", "offices", "--graph", str(graph_file), "--format", fmt]) == 0
    text = capsys.readouterr().out
    rows = json.loads(text) if fmt == "json" else list(csv.DictReader(io.StringIO(text)))
    columns, expected = EXPECTED["offices"]
    assert [list(r.values()) for r in rows] == expected and list(rows[0]) == columns


def test_kg_query_file_and_list(graph_file, tmp_path, capsys):
    path = tmp_path / "count.rq"
    path.write_text("# How many events.\nPREFIX kgo: <https://w3id.org/kgnews/ontology#>\n"
                    "SELECT (COUNT(*) AS ?events) WHERE { ?e a kgo:Event }\n", encoding="utf-8")
    assert main(["query", "--file", str(path), "--graph", str(graph_file), "--format", "csv"]) == 0
    assert capsys.readouterr().out == "events\r\n7\r\n"
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(f"{name}: " in listing for name in EXPECTED)
    assert "--param actor1=…  (actor) a name or an IRI" in listing


@pytest.mark.parametrize("argv, message", [
    (["query", "mediators", "--graph", "no/such.ttl"], "no/such.ttl: no such graph file"),
    (["query", "who-won"], "no named query 'who-won'; known: agreements, "),
    (["query", "timeline", "--param", "actor1=Armenia"], "timeline needs --param actor2=…"),
    (["query", "timeline", "--param", "actor1"], "expected KEY=VALUE"),
    (["query"], "give a query name or --file FILE"),
])
def test_kg_query_errors_are_one_line(graph_file, capsys, argv, message):
    if "--graph" not in argv:
        argv = argv + ["--graph", str(graph_file)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_undated_events_come_last_in_the_timeline(triples):
    import pyoxigraph as ox

    from kg.rdf import RDF_TYPE, RDFS_LABEL, kgo, kgr
    undated = kgr("event-negotiation-undated-77777777")
    extra = [ox.Triple(undated, RDF_TYPE, kgo("Event")), ox.Triple(undated, RDF_TYPE, kgo("Negotiation")),
             ox.Triple(undated, RDFS_LABEL, ox.Literal("Negotiation: Armenia, Azerbaijan")),
             ox.Triple(undated, kgo("participant"), kgr("state-armenia")),
             ox.Triple(undated, kgo("participant"), kgr("state-azerbaijan"))]
    columns, rows = run_query(list(triples) + extra, load_named_query("timeline").text, PARAMS["timeline"])
    assert [row[0] for row in rows] == ["2020-09-27", "2020-11-10", ""]
