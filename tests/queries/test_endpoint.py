"""`kg serve` over HTTP on loopback: the named queries give the same rows as `kg query` (through urllib,
SPARQLWrapper and Apache Jena ARQ on the same file); results by content negotiation; updates refused; a
runaway query stopped by the time limit while another is answered; a clean stop on Ctrl-C."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import make_parser
from kg.query import bind, load_named_query

from ..jena_tools import jena_classpath, run_jena
from .conftest import ENDPOINT_TIMEOUT, free_port
from .expected import EXPECTED, PARAMS

ROOT = Path(__file__).resolve().parents[2]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def bound(name, store) -> str:
    return bind(load_named_query(name), store, PARAMS.get(name, {}))


def request(url, query=None, *, method="POST", accept="application/sparql-results+json", body=None,
            content_type="application/x-www-form-urlencoded"):
    """(status, headers, body) of one HTTP request; HTTP errors are returned, not raised."""
    if method == "GET":
        req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    else:
        data = body if body is not None else urllib.parse.urlencode({"query": query}).encode()
        req = urllib.request.Request(url, data=data, method=method,
                                     headers={"Accept": accept, "Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def json_rows(body: bytes):
    data = json.loads(body)
    columns = data["head"]["vars"]
    return columns, [[b.get(c, {}).get("value", "") for c in columns] for b in data["results"]["bindings"]]


@pytest.mark.parametrize("method", ["GET", "POST form", "POST query"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_endpoint_gives_the_same_rows(store, endpoint, name, method):
    query = bound(name, store)
    if method == "POST query":
        status, headers, body = request(endpoint, body=query.encode(), content_type="application/sparql-query")
    else:
        status, headers, body = request(endpoint, query, method=method.split()[0])
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert json_rows(body) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sparqlwrapper_gets_the_same_rows(store, endpoint, name):
    sparqlwrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper is a test dependency")
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setQuery(bound(name, store))
    client.setReturnFormat(sparqlwrapper.JSON)
    client.setMethod(sparqlwrapper.POST)
    data = client.query().convert()
    columns = data["head"]["vars"]
    rows = [[b.get(c, {}).get("value", "") for c in columns] for b in data["results"]["bindings"]]
    assert (columns, rows) == EXPECTED[name]


@pytest.mark.skipif(jena_classpath() is None,
                    reason="Java or Apache Jena is not installed (Debian: apt-get install libapache-jena-java)")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_jena_arq_gives_the_same_rows(store, graph_file, tmp_path, name):
    path = tmp_path / f"{name}.rq"
    path.write_text(bound(name, store), encoding="utf-8")
    result = run_jena("arq.arq", f"--data={graph_file}", f"--query={path}", "--results=JSON")
    assert result.returncode == 0, result.stderr
    assert json_rows(result.stdout.encode()) == EXPECTED[name]


@pytest.mark.parametrize("query, accept, expected, starts", [
    ("SELECT ?s WHERE { ?s a <https://w3id.org/kgnews/ontology#Agreement> }", "text/csv", "text/csv", b"s\r\n"),
    ("SELECT ?s WHERE { ?s a <https://w3id.org/kgnews/ontology#Agreement> }", "text/tab-separated-values",
     "text/tab-separated-values", b"?s\n"),
    ("SELECT ?s WHERE { ?s a <https://w3id.org/kgnews/ontology#Agreement> }",
     "application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
    ("ASK { ?s a <https://w3id.org/kgnews/ontology#Ceasefire> }", "text/html, */*;q=0.1",
     "application/sparql-results+json", b'{"head":{},"boolean":true}'),
    ("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c FILTER(?c = <https://w3id.org/kgnews/ontology#Agreement>) }",
     "text/turtle", "text/turtle", b"<https://w3id.org/kgnews/id/agreement-2020-11-09-5e6f7a8b> a "),
    ("DESCRIBE <https://w3id.org/kgnews/id/place-moscow>", "application/n-triples;q=0.9, text/plain;q=0.1",
     "application/n-triples", b"<https://w3id.org/kgnews/id/place-moscow> "),
])
def test_endpoint_negotiates_result_formats(endpoint, query, accept, expected, starts):
    status, headers, body = request(endpoint, query, method="GET", accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(expected)
    assert body.startswith(starts), body[:200]


@pytest.mark.parametrize("kind", ["sparql-update body", "update= form", "update= in the URL", "update as query"])
def test_endpoint_refuses_updates(endpoint, store, kind):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if kind == "sparql-update body":
        status, _, body = request(endpoint, body=update.encode(), content_type="application/sparql-update")
    elif kind == "update= form":
        status, _, body = request(endpoint, body=urllib.parse.urlencode({"update": update}).encode())
    elif kind == "update= in the URL":
        status, _, body = request(endpoint + "?" + urllib.parse.urlencode({"update": update}), body=b"")
    else:
        status, _, body = request(endpoint, update)
    assert status in (400, 403) and body.strip()
    assert request(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }")[2] == b'{"head":{},"boolean":false}'


def test_endpoint_answers_cors_preflight_and_rejects_bad_queries(endpoint):
    status, headers, _ = request(endpoint, method="OPTIONS", body=b"")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    status, _, body = request(endpoint, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400 and body.startswith(b"query error:")


def test_runaway_query_is_stopped_while_another_is_answered(endpoint):
    outcome = {}

    def run_slow():
        started = time.monotonic()
        outcome["slow"] = request(endpoint, RUNAWAY)
        outcome["seconds"] = time.monotonic() - started
    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, _, body = request(endpoint, "ASK { ?s a <https://w3id.org/kgnews/ontology#Ceasefire> }")
    assert status == 200 and json.loads(body)["boolean"] is True
    assert time.monotonic() - started < ENDPOINT_TIMEOUT / 2
    assert thread.is_alive(), "the runaway query should still be running"
    thread.join(timeout=60)
    status, _, body = outcome["slow"]
    assert status == 503 and b"ran longer than the 3 s limit" in body
    assert ENDPOINT_TIMEOUT <= outcome["seconds"] < ENDPOINT_TIMEOUT + 10
    for _ in range(3):  # the killed worker's replacement serves too
        assert request(endpoint, "ASK { ?s ?p ?o }")[0] == 200


def test_serve_binds_to_loopback_by_default():
    args = make_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 7878 and args.timeout > 0


def test_kg_serve_stops_cleanly_on_ctrl_c(graph_file):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph_file),
                                "--port", str(port), "--timeout", "5"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        banner = process.stdout.readline()
        assert banner.startswith(f"SPARQL endpoint at http://127.0.0.1:{port}/sparql (230 triples"), banner
        assert request(f"http://127.0.0.1:{port}/sparql", "ASK { ?s ?p ?o }")[0] == 200
        os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0 and out.strip() == "stopped"
    assert "Traceback" not in err, err
    assert not group_alive(process.pid, seconds=10), "a worker was left behind"


def group_alive(group: int, seconds: float) -> bool:
    """Whether any process of the group is still there after waiting up to `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True


def test_kg_serve_reports_a_missing_graph_in_one_line(tmp_path, capsys):
    from kg.cli import main
    assert main(["serve", "--graph", str(tmp_path / "none.ttl"), "--port", str(free_port())]) == 1
    err = capsys.readouterr().err
    assert "none.ttl: no such graph file" in err and err.count("\n") == 1
