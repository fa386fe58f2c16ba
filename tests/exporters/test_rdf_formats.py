"""Every RDF export parses back with rdflib (and Jena's riot where Java is present) into the same triples."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.exporters import EXPORTERS, render
from kg.rdf import render_turtle

from ..jena_tools import jena_classpath, run_jena
from .conftest import HOSTILE_PERSON, HOSTILE_TITLE


def as_rdflib(view):
    return Graph().parse(data=render_turtle(view.triples).decode("utf-8"), format="turtle")


@pytest.mark.parametrize("fmt, name, rdflib_format", [("ttl", "graph.ttl", "turtle"), ("nt", "graph.nt", "nt"),
                                                      ("jsonld", "graph.jsonld", "json-ld")])
def test_graph_formats_round_trip(view, fmt, name, rdflib_format):
    data = render(view, [fmt])[name]
    parsed = Graph().parse(data=data.decode("utf-8"), format=rdflib_format)
    assert len(parsed) == len(view.triples)
    assert isomorphic(parsed, as_rdflib(view))


def test_trig_has_a_graph_per_article_whose_union_is_the_graph(view):
    data = render(view, ["trig"])["graph.trig"]
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format="trig")
    union = Graph()
    names = set()
    for context in dataset.graphs():
        if len(context):
            names.add(str(context.identifier))
        for triple in context:
            union.add(triple)
    assert isomorphic(union, as_rdflib(view))
    assert {"https://w3id.org/kgnews/id/graph/doc-a-txt", "https://w3id.org/kgnews/id/graph/doc-b-txt"} <= names


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
def test_jena_riot_validates(view, tmp_path, fmt, name):
    path = tmp_path / name
    path.write_bytes(render(view, [fmt])[name])
    syntax = ["--syntax=JSONLD10"] if fmt == "jsonld" else []
    result = run_jena("riotcmd.riot", *syntax, "--validate", str(path))
    assert result.returncode == 0, result.stderr
    assert "ERROR" not in result.stderr


@pytest.mark.skipif(jena_classpath() is None, reason="Java or Apache Jena is not installed (Debian libapache-jena-java)")
def test_jena_riot_rejects_broken_turtle(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("<a> <b> .", encoding="utf-8")
    assert run_jena("riotcmd.riot", "--validate", str(path)).returncode != 0
