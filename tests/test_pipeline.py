"""The spaCy pipeline: our memoized stand-in for the model's attribute_ruler and lemmatizer gives every
token exactly the attributes the real components give, whatever came before it in the process."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.parse import parser_text
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


# names the gazetteer knows, written as articles write them: other case, other spacing, split by the
# tokenizer ("al-Shabaab", "U.S.-brokered"), at the end of a sentence, and next to names it must not find
RESTRICTED_TEXTS = [
    "The U.S.-brokered truce between Ethiopia and Eritrea held, the African Union said in Addis Ababa.",
    "Fighters of al - Shabaab attacked a base in Somalia; AMISOM and the UN condemned it.",
    "UNITED NATIONS, March 3 (Reuters) - The Security Council met. Qatar and Egypt mediated in Doha.",
    "The Kremlin said Moscow and Kyiv would swap prisoners with help from the United Arab Emirates.",
    "turkey and china are common nouns here, but Turkey and China are states.",
]


@pytest.fixture(scope="module")
def restricted():
    return make_nlp(RESTRICTED_TEXTS)


def entities(doc):
    return [(e.start, e.end, e.label_, e.ent_id_ or e.id_) for e in doc.ents]


# every attribute a string store gives back; the pipeline made for texts reads none of the model's strings
STRING_ATTRIBUTES = ATTRIBUTES + ("text", "norm_", "lower_", "shape_", "prefix_", "suffix_", "ent_type_", "ent_iob_",
                                  "ent_id_", "lang_")


@pytest.mark.parametrize("text", RESTRICTED_TEXTS)
def test_a_pipeline_made_for_texts_reads_them_as_the_whole_pipeline_does(nlp, restricted, text):
    expected, got = nlp(text), restricted(text)
    assert entities(got) == entities(expected)
    assert [[str(getattr(t, name)) for name in STRING_ATTRIBUTES] for t in got] == \
        [[str(getattr(t, name)) for name in STRING_ATTRIBUTES] for t in expected]
    assert [(s.start, s.end) for s in got.sents] == [(s.start, s.end) for s in expected.sents]
    assert any(label.startswith("KG_") for _, _, label, _ in entities(got))


def test_a_pipeline_made_for_texts_leaves_the_model_s_strings_unread(nlp):
    made_for_texts = make_nlp(["Talks resumed in Doha."])
    assert len(made_for_texts.vocab.strings) < len(nlp.vocab.strings) / 10


def test_a_pipeline_made_for_texts_holds_only_the_names_that_can_occur_in_them(nlp, restricted):
    ours = restricted.get_pipe("kg_gazetteer").payload
    everything = nlp.get_pipe("kg_gazetteer").payload
    assert 0 < len(ours) < len(everything) / 10
    assert set(ours) <= set(everything)


@pytest.mark.parametrize("surface, text, can_match", [
    ("al-Shabaab", "Fighters of al - Shabaab attacked", True),  # the tokens match whatever the spaces
    ("Saudi Arabia", "in SAUDI\nARABIA,", True),
    ("U.S.", "the U.S.-brokered truce", True),
    ("Kyiv", "in Kiev", False),
    ("Niger", "in Nigeria", True),  # part of a longer word: the ruler's matchers decide, not this test
    ("Chad", "talks in Sudan", False),
    ("Mali", "one text about Ma", False),  # never across two texts
])
def test_a_name_is_left_out_only_where_it_cannot_match(surface, text, can_match):
    from kg.nlp.components import _could_match_in

    assert _could_match_in([text, "li and more"])(surface) is can_match


def test_the_tokenizer_is_the_one_the_model_describes(nlp):
    """make_nlp builds the tokenizer empty for the model's files to fill (kg.TokenizerFromModel.v1):
    the same exceptions and patterns as spaCy's own way of loading the model."""
    import spacy

    from kg.nlp.pipeline import MODEL_NAME
    reference = spacy.load(MODEL_NAME).tokenizer
    ours = nlp.tokenizer
    assert ours.rules == reference.rules and len(ours.rules) > 1000
    def pattern(tokenizer, attribute):
        found = getattr(tokenizer, attribute)  # a compiled pattern's bound method, or None
        return None if found is None else found.__self__.pattern

    for attribute in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert pattern(ours, attribute) == pattern(reference, attribute)
    assert pattern(ours, "prefix_search") and pattern(ours, "url_match")
    assert ours.faster_heuristics == reference.faster_heuristics
    text = "U.S.-brokered talks (in Doha) didn't end; see https://example.org/a?b=1 — 10km away, 3:30pm."
    assert [t.text for t in ours(text)] == [t.text for t in reference(text)]


@pytest.mark.parametrize("text", [
    "Gov. Abbott didn't meet the U.S. envoy in Washington, D.C. on Jan. 5 :) e.g. o.O",
    "Mr. and Mrs. Smith can't go; it's 5 p.m. in N.Y.\n\nThey'll wait.",
    "DON'T SHOUT, said the U.N.-backed envoy (i.e. Perthes) at 10a.m.",
    "no exception here at all",
])
def test_a_tokenizer_made_for_texts_splits_them_as_the_whole_one_does(nlp, text):
    """load_tokenizer_for leaves out the exceptions that cannot apply to the texts: they split alike, and
    the gazetteer's forms (made into patterns by the tokenizer) too."""
    from spacy.tokenizer import Tokenizer

    from kg.nlp.components import load_tokenizer_for
    ours = Tokenizer(nlp.vocab)
    load_tokenizer_for(ours, nlp.path / "tokenizer", [text])
    whole = nlp.tokenizer
    assert [t.text for t in ours(text)] == [t.text for t in whole(text)]
    assert [t.text for t in ours(text.lower())] == [t.text for t in whole(text.lower())]
    assert len(ours.rules) < 100 and all(whole.rules[string] == tokens for string, tokens in ours.rules.items())
    flat = "".join(text.lower().split())
    assert all("".join(string.lower().split()) not in flat for string in set(whole.rules) - set(ours.rules))


def test_the_pipeline_runs_what_the_model_runs_and_ours():
    assert make_nlp(["x"]).pipe_names == ["tok2vec", "tagger", "kg_line_breaks", "parser", "kg_tag_attributes",
                                          "kg_gazetteer", "ner", "kg_person_consistency"]
