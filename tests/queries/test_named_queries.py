"""Every named query on the seed graph: expected rows; the same rows through `kg serve` over HTTP on
loopback and, where Java is present, through Apache Jena ARQ."""
from __future__ import annotations

import csv
import io
import json
import socket
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main
from kg.query import QueryError, bind, list_queries, load_named_query, run_query
from kg.rdf import read_graph, to_store

from ..jena_tools import jena_classpath, run_jena

ROOT = Path(__file__).resolve().parents[2]
PARAMS = {
    "timeline": {"actor1": "Armenia", "actor2": "Azerbaijan"},
    "events-in-range": {"class": "Ceasefire", "from": "2020-01-01", "to": "2020-12-31"},
    "statements-by": {"actor": "Nikol Pashinyan"},
    "evidence": {"node": "Ann Linde"},
    "documents-mentioning": {"actor": "Baku"},
}
EXPECTED = {  # a row (as a subset of columns) each query must return on the seed corpus
    "mediators": {"mediator": "Russia", "date": "2020-11-10", "class": "Ceasefire"},
    "agreements": {"date": "2020-11-09"},
    "offices": {"person": "Ilham Aliyev", "title": "President", "of": "Azerbaijan"},
    "timeline": {"date": "2020-11-10", "class": "Ceasefire"},
    "events-in-range": {"date": "2020-11-10"},
    "statements-by": {"date": "2023-05"},
    "most-involved": {"actor": "Azerbaijan", "class": "State"},
    "evidence": {"document": "003_15d8147f57d8f419.txt"},
    "documents-mentioning": {"document": "004_085de9c4592446ff.txt", "outlet": "Press TV"},
    "multi-source-events": {"documents": "3"},
}


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", "--corpus", str(ROOT / "corpus"), "--out", str(out), "--quiet"]) == 0
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def store(graph_file):
    return to_store(read_graph(graph_file))


def bound(name, store):
    return bind(load_named_query(name), store, PARAMS.get(name, {}))


def normalized(columns, rows):
    """Rows as sets of (column, value), concatenated lists sorted: engines may order GROUP_CONCAT differently."""
    out = set()
    for row in rows:
        out.add(tuple((c, ", ".join(sorted(v.split(", "))) if ", " in v else v) for c, v in zip(columns, row)))
    return out


def test_every_query_file_is_tested():
    assert {q.name for q in list_queries()} == set(EXPECTED)
    for query in list_queries():
        assert query.description, query.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_returns_expected_rows(store, name):
    columns, rows = run_query(store, bound(name, store))
    wanted = EXPECTED[name]
    assert any(all(dict(zip(columns, row)).get(k) == v for k, v in wanted.items()) for row in rows), rows


def test_mediators_names_russia_for_the_november_2020_ceasefire(store):
    columns, rows = run_query(store, bound("mediators", store))
    assert ["Russia", "2020-11-10", "Ceasefire"] in [row[:3] for row in rows]


@pytest.mark.parametrize("params, message", [
    ({}, "needs --param"), ({"actor1": "Armenia", "actor2": "Atlantis"}, "no actor named 'Atlantis'"),
    ({"actor1": "Armenia", "actor2": "Azerbaijan", "x": "1"}, "takes no parameter x"),
])
def test_bad_parameters_are_clear_errors(store, params, message):
    with pytest.raises(QueryError, match=message):
        bind(load_named_query("timeline"), store, params)


def test_parameters_cannot_inject_sparql(store):
    query = bind(load_named_query("events-in-range"), store,
                 {"class": "Meeting", "from": "2020-01-01", "to": "2020-12-31"})
    assert "VALUES ?class { <https://w3id.org/kgnews/ontology#Meeting> }" in query
    with pytest.raises(QueryError):
        bind(load_named_query("events-in-range"), store,
             {"class": "Meeting } ?s ?p ?o {", "from": "2020-01-01", "to": "2020-12-31"})
    with pytest.raises(QueryError):
        bind(load_named_query("evidence"), store, {"node": 'x" } DELETE {'})


def test_kg_query_prints_a_readable_table(graph_file, capsys):
    assert main(["query", "mediators", "--graph", str(graph_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(" | ")[0].strip() == "mediator" and out[-1].endswith("rows)")
    assert any(line.startswith("Russia ") and "Ceasefire" in line for line in out)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_kg_query_other_formats(graph_file, capsys, fmt):
    assert main(["query", "offices", "--graph", str(graph_file), "--format", fmt]) == 0
    text = capsys.readouterr().out
    rows = json.loads(text) if fmt == "json" else list(csv.DictReader(io.StringIO(text)))
    assert any(r["person"] == "Ann Linde" and r["of"] == "OSCE" for r in rows)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(graph_file):
    from kg.serve import make_server
    server, pool = make_server(graph_file, "127.0.0.1", free_port(), timeout=3.0, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    pool.close()


def http_query(url, query, accept="application/sparql-results+json", method="POST"):
    if method == "GET":
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                         headers={"Accept": accept})
    else:
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": accept,
                                                  "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


def json_rows(body: bytes):
    data = json.loads(body)
    columns = data["head"]["vars"]
    return columns, [[b.get(c, {}).get("value", "") for c in columns] for b in data["results"]["bindings"]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_endpoint_gives_the_same_rows(store, endpoint, name):
    query = bound(name, store)
    columns, rows = run_query(store, query)
    status, content_type, body = http_query(endpoint, query, method="GET" if name < "m" else "POST")
    assert status == 200 and content_type.startswith("application/sparql-results+json")
    http_columns, http_rows = json_rows(body)
    assert normalized(columns, rows) == normalized(http_columns, http_rows)


@pytest.mark.parametrize("accept, expected", [("text/csv", "text/csv"), ("application/sparql-results+xml",
                                                                           "application/sparql-results+xml"),
                                              ("text/tab-separated-values", "text/tab-separated-values")])
def test_endpoint_negotiates_result_formats(endpoint, accept, expected):
    status, content_type, body = http_query(endpoint, "SELECT ?s WHERE { ?s a ?c } LIMIT 1", accept)
    assert status == 200 and content_type.startswith(expected) and body


def test_endpoint_refuses_updates(endpoint):
    for data, content_type in ((b"INSERT DATA { <a:a> <a:b> <a:c> }", "application/sparql-update"),
                               (b"update=DROP+ALL", "application/x-www-form-urlencoded")):
        request = urllib.request.Request(endpoint, data=data, headers={"Content-Type": content_type})
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(request, timeout=30)
        assert error.value.code == 403


def test_runaway_query_is_stopped_while_others_are_answered(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    outcome = {}

    def run_slow():
        try:
            http_query(endpoint, slow)
        except urllib.error.HTTPError as error:
            outcome["slow"] = error.code
    thread = threading.Thread(target=run_slow)
    thread.start()
    status, _, body = http_query(endpoint, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True
    thread.join(timeout=60)
    assert outcome.get("slow") == 503
    status, _, _ = http_query(endpoint, "ASK { ?s ?p ?o }")
    assert status == 200


@pytest.mark.skipif(jena_classpath() is None, reason="Java or Apache Jena is not installed (Debian libapache-jena-java)")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_jena_arq_gives_the_same_rows(store, graph_file, tmp_path, name):
    query = bound(name, store)
    path = tmp_path / f"{name}.rq"
    path.write_text(query, encoding="utf-8")
    result = run_jena("arq.arq", f"--data={graph_file}", f"--query={path}", "--results=JSON")
    assert result.returncode == 0, result.stderr
    columns, rows = run_query(store, query)
    arq_columns, arq_rows = json_rows(result.stdout.encode())
    assert normalized(columns, rows) == normalized(arq_columns, arq_rows)
