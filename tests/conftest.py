"""Shared fixtures: one spaCy pipeline per test session (loading it takes about a second)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.model import Document


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import shared_nlp
    return shared_nlp()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Extract the record of a hand-made article: extract_text(text, published=date | None)."""
    from kg.extract import extract

    def run(text: str, published: date | None = None, source: str = "test.txt"):
        return extract(nlp(text), Document(source=source, text=text, published=published))
    return run


@pytest.fixture(scope="session")
def built_graph(tmp_path_factory, nlp):
    """The Turtle graph a CLI build writes for a fixture corpus, parsed by rdflib: built_graph(folder)."""
    from rdflib import Graph

    from kg.cli import main

    def build(corpus):
        out = tmp_path_factory.mktemp(corpus.name)
        assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--no-cache"]) == 0
        return Graph().parse(out / "graph.ttl", format="turtle")
    return build
