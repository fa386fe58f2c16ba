"""Every RDF export parses back with rdflib (and Jena's riot where Java is present) into the same triples."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.exporters import EXPORTERS, render
from kg.rdf import KGO_NS as KGO, KGR_NS as KGR, render_turtle

from ..jena_tools import jena_classpath, run_jena
from .conftest import HOSTILE_PERSON, HOSTILE_TITLE


def as_rdflib(view):
    return Graph().parse(data=render_turtle(view.triples).decode("utf-8"), format="turtle")


@pytest.mark.parametrize("fmt, name, rdflib_format", [("ttl", "graph.ttl", "turtle"), ("nt", "graph.nt", "nt"),
                                                      ("jsonld", "graph.jsonld", "json-ld")])
def test_graph_formats_round_trip(any_view, fmt, name, rdflib_format):
    data = render(any_view, [fmt])[name]
    parsed = Graph().parse(data=data.decode("utf-8"), format=rdflib_format)
    assert len(parsed) == len(any_view.triples)
    assert isomorphic(parsed, as_rdflib(any_view))


def test_turtle_is_the_project_turtle_writer(view):
    assert render(view, ["ttl"])["graph.ttl"] == render_turtle(view.triples)


def read_trig(view) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=render(view, ["trig"])["graph.trig"].decode("utf-8"), format="trig")
    return dataset


def test_trig_union_is_the_graph(any_view):
    union = Graph()
    for context in read_trig(any_view).graphs():
        for triple in context:
            union.add(triple)
    assert isomorphic(union, as_rdflib(any_view))


def test_trig_has_a_graph_per_article_with_the_facts_it_supports(view):
    graphs = {str(c.identifier): c for c in read_trig(view).graphs() if len(c)}
    named = {name.rsplit("/", 1)[-1] for name in graphs if name.startswith(KGR + "graph/")}
    assert named == {"doc-001-aaaa", "doc-002-bbbb", "doc-003-cccc"}
    envoy = URIRef(KGR + "person-o-brien-the-test")
    subjects = {name.rsplit("/", 1)[-1]: set(g.subjects()) for name, g in graphs.items()}
    assert envoy in subjects["doc-001-aaaa"] and envoy in subjects["doc-003-cccc"]
    assert envoy not in subjects["doc-002-bbbb"]
    visit = URIRef(KGR + "event-visit-2021-03-9c0d1e2f")
    doc3 = graphs[KGR + "graph/doc-003-cccc"]
    assert (visit, URIRef(KGO + "status"), None) in doc3
    assert (URIRef(KGR + "doc-003-cccc"), None, None) in doc3
    assert (URIRef(KGR + "mention-003-cccc-0-90"), URIRef(KGO + "text"), None) in doc3


def test_hostile_strings_survive_as_data(view):
    graph = as_rdflib(view)
    literals = {str(o) for o in graph.objects()}
    assert HOSTILE_PERSON in literals and HOSTILE_TITLE in literals


def test_every_format_is_registered_and_deterministic(view):
    assert set(EXPORTERS) == {"ttl", "nt", "jsonld", "trig", "html", "neo4j", "gexf", "graphml"}
    assert render(view, list(EXPORTERS)) == render(view, list(EXPORTERS))


@pytest.mark.skipif(jena_classpath() is None, reason="Java or Apache Jena is not installed (Debian libapache-jena-java)")
@pytest.mark.parametrize("fmt, name", [("ttl", "graph.ttl"), ("nt", "graph.nt"), ("jsonld", "graph.jsonld"),
                                       ("trig", "graph.trig")])
def test_jena_riot_validates_and_reads_the_same_triples(view, tmp_path, fmt, name):
    path = tmp_path / name
    path.write_bytes(render(view, [fmt])[name])
    syntax = ["--syntax=JSONLD10"] if fmt == "jsonld" else []  # see tests/jena_tools.py
    result = run_jena("riotcmd.riot", *syntax, "--validate", str(path))
    assert result.returncode == 0, result.stderr
    assert "ERROR" not in result.stderr
    read = run_jena("riotcmd.riot", *syntax, "--output=N-QUADS", str(path))
    assert read.returncode == 0, read.stderr
    dataset = Dataset()
    dataset.parse(data=read.stdout, format="nquads")
    union = Graph()
    for context in dataset.graphs():
        for triple in context:
            union.add(triple)
    assert isomorphic(union, as_rdflib(view))


@pytest.mark.skipif(jena_classpath() is None, reason="Java or Apache Jena is not installed (Debian libapache-jena-java)")
def test_jena_riot_rejects_broken_turtle(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("<a> <b> .", encoding="utf-8")
    assert run_jena("riotcmd.riot", "--validate", str(path)).returncode != 0
