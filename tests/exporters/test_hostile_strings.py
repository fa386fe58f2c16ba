"""A name with quotes and a backslash, a title with a closing </script>, and a formula-like name come
back as the same data from every export format, read with that format's own kind of reader."""
from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal

from kg.exporters import EXPORTERS, render
from kg.exporters.neo4j import spreadsheet_value

from .conftest import FORMULA_NAME, HOSTILE_PERSON, HOSTILE_TITLE

HOSTILE_MARKERS = ('"the \\ Test"', "</script>", "=HYPERLINK")
CYPHER_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def rdf_literals(data: bytes, fmt: str) -> set[str]:
    graph = Dataset() if fmt == "trig" else Graph()
    graph.parse(data=data.decode("utf-8"), format=fmt)
    triples = graph.quads() if fmt == "trig" else graph.triples((None, None, None))
    return {str(t[2]) for t in triples if isinstance(t[2], Literal)}


def strings_in(name: str, files: dict[str, bytes], tmp_path) -> set[str]:
    """Every string value the format's reader gives back."""
    if name in ("ttl", "nt", "jsonld", "trig"):
        fmt = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}[name]
        return rdf_literals(files[f"graph.{name}"], fmt)
    if name == "html":
        html = files["graph.html"].decode("utf-8")
        payload = html.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
        data = json.loads(payload)
        values = {n["label"] for n in data["nodes"]}
        values |= {e["title"] for d in data["details"].values() for e in d["evidence"]}
        return values
    if name == "neo4j":
        rows = list(csv.DictReader(io.StringIO(files["neo4j/nodes.csv"].decode("utf-8"))))
        csv_labels = {spreadsheet_value(row["label"]) for row in rows}
        cypher = files["neo4j/import.cypher"].decode("utf-8")
        cypher_values = {json.loads(literal) for literal in CYPHER_STRING.findall(cypher)}
        return csv_labels & cypher_values  # a name counts when both the CSV and the script give it back
    path = tmp_path / f"graph.{name}"
    path.write_bytes(files[path.name])
    graph = nx.read_gexf(path, version="1.3") if name == "gexf" else nx.read_graphml(path)
    return {d["label"] for _, d in graph.nodes(data=True)}


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_hostile_strings_round_trip_as_data(any_view, name, tmp_path):
    files = EXPORTERS[name](any_view.triples)
    values = strings_in(name, files, tmp_path)
    hostile = {d["label"] for _, d in any_view.property_graph.nodes(data=True)
               if any(marker in d["label"] for marker in HOSTILE_MARKERS)}
    assert {HOSTILE_PERSON, FORMULA_NAME} <= hostile and any("</script>" in label for label in hostile)
    assert hostile <= values
    if name in ("ttl", "nt", "jsonld", "trig", "html"):
        assert HOSTILE_TITLE in values


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_exporters_are_pure_and_deterministic(view, name):
    first = EXPORTERS[name](list(view.triples))
    assert first == EXPORTERS[name](list(view.triples))
    assert all(isinstance(path, str) and isinstance(data, bytes) and data for path, data in first.items())
    assert render(view, [name]) == first
