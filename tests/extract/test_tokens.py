"""The token columns extractors share hold, for every token, what the Token itself says."""
from __future__ import annotations

import pytest

from kg.extract.tokens import token_columns
from kg.nlp.components import doc_text


TEXTS = [
    "Foreign Minister Ararat Mirzoyan MET his counterpart in Baku on Monday.",
    "Talks resumed.\n\n  The truce,\tsigned on 10 November, held; Qatar's ministry said so.",
    "",
    "  \n",
    "Ends in white space \t\n\n ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_columns_match_the_tokens(nlp, text):
    doc = nlp(text)
    columns = token_columns(doc)
    assert columns.lower == [t.lower_ for t in doc]
    assert columns.lemma == [t.lemma_.lower() for t in doc]
    assert columns.start == [t.idx for t in doc]
    assert columns.end == [t.idx + len(t) for t in doc]
    assert [text[s:e] for s, e in zip(columns.start, columns.end)] == [t.text for t in doc]


def test_columns_are_made_once_per_document(nlp):
    doc = nlp("The envoy met both sides.")
    assert token_columns(doc) is token_columns(doc)
    assert token_columns(nlp("The envoy met both sides.")) is not token_columns(doc)


@pytest.mark.parametrize("text", TEXTS)
def test_a_doc_s_text_is_joined_once_and_is_its_text(nlp, text):
    doc = nlp(text)
    assert doc_text(doc) == doc.text == text
    assert len(doc_text(doc)) == len(text)
    assert doc_text(doc) is doc_text(doc)
