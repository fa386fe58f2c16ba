"""Gephi (GEXF 1.3, GraphML) and Neo4j exports agree with the property-graph view and open in real readers."""
from __future__ import annotations

import csv
import random
import re
import io
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from kg.exporters import render
from kg.exporters.property_graph import (ACTOR_CLASSES, EVENT_CLASSES, RELATIONS, build_property_graph,
                                         property_graph_of)
from kg.exporters.neo4j import cypher_string, spreadsheet_safe, spreadsheet_value
from kg.rdf import sort_triples

from .conftest import FORMULA_NAME, HOSTILE_PERSON

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "clients" / "gexf-1.3" / "gexf.rng"


def counts(view):
    graph = view.property_graph
    return graph.number_of_nodes(), graph.number_of_edges()


def test_property_graph_has_every_class_and_relation(view):
    graph = view.property_graph
    classes = {d["cls"] for _, d in graph.nodes(data=True)}
    assert classes == set(ACTOR_CLASSES) | set(EVENT_CLASSES) | {"Position", "Agreement"}
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert relations == set(RELATIONS)
    assert not any(node.startswith(("doc-", "mention-")) for node in graph)


def test_property_graph_carries_properties_and_evidence(view):
    graph = view.property_graph
    russia = graph.nodes["state-russia"]
    assert (russia["label"], russia["mediator"], russia["wikidata"]) == ("Russia", True, "http://www.wikidata.org/entity/Q159")
    assert russia["alt_labels"] == ["Moscow", "Russian"]
    assert [e["document"] for e in russia["evidence"]] == ["001_aaaa.txt", "002_bbbb.txt"]
    assert russia["evidence"][0]["start"] == 0 and russia["evidence"][0]["end"] == 120
    visit = graph.nodes["event-visit-2021-03-9c0d1e2f"]
    assert (visit["event_class"], visit["date"], visit["status"]) == ("Visit", "2021-03", "planned")
    war = graph.nodes["event-armedconflict-1992-6f7a8b9c"]
    assert (war["date"], war["end_date"]) == ("1992", "1994")
    assert graph.nodes["org-osce"]["kind"] == "actor" and graph.nodes["agreement-2020-10-9a8b7c6d"]["date"] == "2020-10"


def test_property_graph_is_built_once_and_identical_across_runs(view):
    assert property_graph_of(list(view.triples)) is property_graph_of(list(view.triples))
    reversed_order = list(reversed(view.triples))
    shuffled = list(view.triples)
    random.Random(7).shuffle(shuffled)  # a subject's triples apart, its type far from its values
    for triples in (reversed_order, shuffled):
        again = build_property_graph(triples)
        assert list(again.nodes(data=True)) == list(view.property_graph.nodes(data=True))
        assert list(again.edges(keys=True)) == list(view.property_graph.edges(keys=True))


def test_sorted_triples_are_not_sorted_again(view, monkeypatch):
    import kg.exporters.property_graph as property_graph

    def no_sort(triples):
        raise AssertionError("sorted triples sorted again")

    monkeypatch.setattr(property_graph, "sort_triples", no_sort)
    property_graph.forget_property_graph()
    graph = property_graph_of(sort_triples(view.triples))
    assert list(graph.nodes(data=True)) == list(view.property_graph.nodes(data=True))
    with pytest.raises(AssertionError, match="sorted again"):  # and the check above is not vacuous
        build_property_graph(list(view.triples))


def test_gexf_reads_back_in_networkx(view, tmp_path):
    path = tmp_path / "graph.gexf"
    path.write_bytes(render(view, ["gexf"])["graph.gexf"])
    graph = nx.read_gexf(path, version="1.3")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == counts(view)
    labels = {d.get("label") for _, d in graph.nodes(data=True)}
    assert HOSTILE_PERSON in labels and FORMULA_NAME in labels


def test_gexf_is_dynamic_with_dates(view):
    text = render(view, ["gexf"])["graph.gexf"].decode("utf-8")
    assert 'mode="dynamic" timeformat="date"' in text
    assert 'start="2020-10-09" end="2020-10-09"' in text
    assert 'start="1992-01-01" end="1994-12-31"' in text
    assert 'start="2020-10-01" end="2020-10-31"' in text
    statement = text.split('<node id="event-statement-11-10-7a8b9c0d"', 1)[1].split(">", 1)[0]
    assert "start=" not in statement  # a month and day without a year has no place on the timeline
    edges = re.findall(r"<edge [^>]*>", text)
    timed = [e for e in edges if 'target="event-' in e or 'source="event-' in e or "agreement-" in e]
    assert timed and all("start=" in e for e in timed if "event-statement" not in e)
    assert "timestamp" not in text and "lastmodifieddate" not in text
    assert "<viz:color" in text and "<viz:size" in text


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed (Debian libxml2-utils)")
@pytest.mark.skipif(not SCHEMA.is_file(), reason=f"GEXF 1.3 schema not found at {SCHEMA}")
def test_gexf_validates_against_the_official_schema(view, tmp_path):
    path = tmp_path / "graph.gexf"
    path.write_bytes(render(view, ["gexf"])["graph.gexf"])
    result = subprocess.run(["xmllint", "--noout", "--relaxng", str(SCHEMA), str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_graphml_reads_back_in_networkx_and_igraph(view, tmp_path):
    path = tmp_path / "graph.graphml"
    path.write_bytes(render(view, ["graphml"])["graph.graphml"])
    graph = nx.read_graphml(path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == counts(view)
    igraph = pytest.importorskip("igraph", reason="python-igraph is not installed")
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == counts(view)


def test_neo4j_csv_headers_and_counts(view):
    files = render(view, ["neo4j"])
    nodes = list(csv.reader(io.StringIO(files["neo4j/nodes.csv"].decode("utf-8"))))
    rels = list(csv.reader(io.StringIO(files["neo4j/relationships.csv"].decode("utf-8"))))
    assert nodes[0][:2] == ["id:ID", ":LABEL"] and rels[0] == [":START_ID", ":END_ID", ":TYPE"]
    assert (len(nodes) - 1, len(rels) - 1) == counts(view)
    labels = {spreadsheet_value(row[2]) for row in nodes[1:]}
    assert HOSTILE_PERSON in labels and FORMULA_NAME in labels
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in nodes[1:] for cell in row)
    assert {"neo4j/import.cypher", "neo4j/README.md"} <= set(files)


@pytest.mark.parametrize("value", ["=1+1", "+cmd", "-2", "@SUM(A1)", "'quoted", "plain", "", "\tx"])
def test_spreadsheet_escaping_round_trips(value):
    cell = spreadsheet_safe(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t"))
    assert spreadsheet_value(cell) == value


@pytest.mark.parametrize("value", [HOSTILE_PERSON, "a'b", 'a"b', "back\\slash", "line\nbreak", "\u2028"])
def test_cypher_strings_cannot_break_out(value):
    literal = cypher_string(value)
    assert literal.startswith('"') and literal.endswith('"')
    inner = literal[1:-1]
    assert '"' not in inner.replace('\\"', "") and "\n" not in inner


def test_cypher_script_has_constraint_merge_and_dates(view):
    script = render(view, ["neo4j"])["neo4j/import.cypher"].decode("utf-8")
    assert "CREATE CONSTRAINT kg_node_id IF NOT EXISTS" in script
    assert script.count("MERGE (n:") >= 1 and "MERGE (a)-[:`PARTICIPANT`]->(b)" in script
    assert "date(row.date)" in script
