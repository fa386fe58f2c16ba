"""The spaCy pipeline: our memoized stand-in for the model's attribute_ruler and lemmatizer gives every
token exactly the attributes the real components give, whatever came before it in the process."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import parser_text
from kg.corpus import ReadReport, read_corpus
from kg.nlp.pipeline import make_nlp

ROOT = Path(__file__).resolve().parent.parent
ATTRIBUTES = ("tag_", "dep_", "pos_", "morph", "lemma_")

# sentences that exercise the model's rules: multi-token ones ("there is", "let's", "gonna", "ain't"),
# ones that read the dependency label (pronoun case, auxiliaries, "that" as marker or pronoun, "do" as
# a main verb), whitespace tokens, and words a second time in other roles
SENTENCES = [
    "There is no agreement yet, and there were no talks. Let's see, y'all: I ain't gonna sign, you gotta wait.",
    "C'mon, he said. It was signed, but it did not hold; they did what they had to do. I saw it and it saw me.",
    "The minister said that the deal, which that side rejected, had been agreed.\n\n  \nThat is all.",
    "Talks will resume in Doha.\r\n\tThe talks, however, have stalled, but Qatar and Egypt are still mediating.",
    "She has a plan. She has planned the meeting. Do they? They do. He does what he does best.",
]


def attributes(doc):
    return [tuple(str(getattr(token, name)) for name in ATTRIBUTES) for token in doc]


@pytest.fixture(scope="module")
def pipelines():
    ours = make_nlp()
    reference = make_nlp()
    reference.enable_pipe("attribute_ruler")
    reference.enable_pipe("lemmatizer")
    reference.disable_pipe("kg_tag_attributes")
    return ours, reference


def test_the_model_components_are_replaced(pipelines):
    ours, reference = pipelines
    assert "kg_tag_attributes" in ours.pipe_names
    assert "attribute_ruler" not in ours.pipe_names and "lemmatizer" not in ours.pipe_names
    assert "attribute_ruler" in reference.pipe_names and "kg_tag_attributes" not in reference.pipe_names


def texts():
    seeds = [parser_text(d.text) for d in read_corpus(ROOT / "corpus", ReadReport())]
    return SENTENCES + seeds


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_same_attributes_as_the_real_components(pipelines, order):
    ours, reference = pipelines
    batch = texts() if order == "forward" else texts()[::-1]
    for text in batch + batch:  # the second time round, every token comes from the memo
        expected, got = attributes(reference(text)), attributes(ours(text))
        assert len(got) == len(expected)
        differences = [(i, g, e) for i, (g, e) in enumerate(zip(got, expected)) if g != e]
        assert not differences, differences[:5]


def test_unnamed_labels_share_one_key_without_losing_what_a_rule_sets(pipelines):
    """A whitespace token the parser made ROOT gets the label "dep" from the model's rules, even after
    one with another label was memoized."""
    ours, reference = pipelines
    for text in ("Talks resumed.\n\nThey ended.", "\n\nCeasefire holds.", "Truce \n\n"):
        assert attributes(ours(text)) == attributes(reference(text))


@pytest.mark.parametrize("text, sentences", [
    ("Talks were brokered by Turkey and the U.N. A joint centre will monitor the shipments.", 2),
    ("The U.S. State Department said the U.N. Security Council would meet.", 1),
])
def test_an_abbreviation_s_full_stop_ends_a_sentence_before_a_sentence_opener(nlp, text, sentences):
    assert len(list(nlp(text).sents)) == sentences
