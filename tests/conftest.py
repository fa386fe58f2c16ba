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
