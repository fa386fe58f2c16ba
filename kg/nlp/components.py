"""Our spaCy components, all registered here (one place, no import cycles).

- `kg_line_breaks` (before the parser): a line break always ends a sentence, and so does a dateline
  ("BAKU, November 6", "KHARTOUM, 3 May (Reuters) -"), so headlines, captions and datelines are not
  parsed into the sentence after them.
- `kg_person_consistency` (after ner): a person's name runs on over the capitalized words and name
  particles that follow it ("Mohammed bin Abdulrahman Al Thani"); one surface form gets one reading
  per document: a token
  sequence that is a person's surname elsewhere in the text ("Mirzoyan" after "Ararat Mirzoyan")
  is a PERSON even where the statistical model guessed NORP or nothing.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

KIND_LABELS = {"demonym": "KG_DEMONYM", "capital": "KG_CAPITAL", "source": "KG_SOURCE"}
CLASS_LABELS = {"State": "KG_STATE", "Organization": "KG_ORG", "Place": "KG_PLACE"}
CASE_SENSITIVE_MAX = 4  # names this short ("US", "AU", "IS") must match their exact case


class GazetteerRuler:
    """Sets the gazetteer's names, demonyms, capitals and news sources as entities before the
    statistical NER runs, which then keeps them and labels the rest.

    Two phrase matchers (far faster than token patterns for thousands of names): exact case for short
    forms and all-caps acronyms; lowercase for the rest, kept only when the text capitalizes the first
    word ("Turkey", not "turkey")."""

    def __init__(self, nlp: Language, gazetteer):
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.payload: dict[str, tuple[str, str]] = {}
        for surface, kind, entry_id in gazetteer.surface_forms():
            label = CLASS_LABELS[gazetteer.entries[entry_id].cls] if kind == "name" else KIND_LABELS[kind]
            key = f"{label}|{entry_id}"
            self.payload[key] = (label, entry_id)
            pattern = nlp.make_doc(surface)
            if len(surface) <= CASE_SENSITIVE_MAX or surface.isupper():
                self.exact.add(key, [pattern])
            else:
                self.folded.add(key, [nlp.make_doc(surface.lower())])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        strings = doc.vocab.strings
        for matcher, check_case in ((self.exact, False), (self.folded, True)):
            for match_id, start, end in matcher(doc):
                if check_case and doc[start].is_lower:
                    continue
                label, entry_id = self.payload[strings[match_id]]
                spans.append(Span(doc, start, end, label=label, span_id=entry_id))
        doc.ents = filter_spans(spans)
        return doc


@Language.factory("kg_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str):
    from ..gazetteer import load_gazetteer
    return GazetteerRuler(nlp, load_gazetteer())
REPLACEABLE_LABELS = ("NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT")


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.' -]{2,40}(?:,\s*[A-Z][A-Za-z]+)?,\s*(?:" + _MONTH + r"\s+\d{1,2}|\d{1,2}\s+" + _MONTH + r")"
    r"(?:,?\s+\d{4})?\.?(?:\s*/[^/\n]{1,20}/\.?|\s*\([^)\n]{1,20}\))?\s*(?:[-–—]+\s*)?")


@Language.component("kg_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    starts = {t.idx: t.i for t in doc}
    for match in DATELINE.finditer(doc.text):
        i = starts.get(match.end())
        if i is not None and i > 0:
            doc[i].is_sent_start = True
    return doc


def _person_surnames(doc: Doc) -> set[str]:
    names = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].is_title:
            names.add(ent[-1].text)
    return names


NAME_PARTICLES = {"bin", "ibn", "bint", "al", "el", "abu", "de", "da", "del", "van", "von", "der", "ould", "ag"}


def _merge_adjacent_persons(doc: Doc) -> list[Span]:
    """"Mohammed bin Abdulrahman" + "Al Thani", with only a space between them, are one name."""
    merged: list[Span] = []
    for ent in doc.ents:
        last = merged[-1] if merged else None
        if last is not None and last.label_ == ent.label_ == "PERSON" and last.end == ent.start \
                and doc[last.end - 1].whitespace_ == " ":
            merged[-1] = Span(doc, last.start, ent.end, label="PERSON")
        else:
            merged.append(ent)
    return merged


def _extend_names(doc: Doc) -> None:
    doc.ents = _merge_adjacent_persons(doc)
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    spans = []
    for ent in doc.ents:
        end = ent.end
        if ent.label_ == "PERSON":
            while end < len(doc) and end not in covered and doc[end - 1].whitespace_:
                token = doc[end]
                if token.is_title and token.pos_ == "PROPN" and token.is_alpha:
                    end += 1
                elif token.lower_ in NAME_PARTICLES and end + 1 < len(doc) and doc[end + 1].is_title \
                        and end + 1 not in covered:
                    end += 1
                else:
                    break
        spans.append(Span(doc, ent.start, end, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_) if end != ent.end
                     else ent)
    doc.ents = filter_spans(spans)


@Language.component("kg_person_consistency")
def make_persons_consistent(doc: Doc) -> Doc:
    _extend_names(doc)
    surnames = _person_surnames(doc)
    if not surnames:
        return doc
    kept, added = [], []
    for ent in doc.ents:
        if ent.label_ in REPLACEABLE_LABELS and len(ent) == 1 and ent.text in surnames:
            added.append(Span(doc, ent.start, ent.end, label="PERSON"))
        else:
            kept.append(ent)
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for token in doc:
        if token.i not in covered and token.text in surnames and token.pos_ in ("PROPN", "NOUN", "ADJ", "VERB"):
            added.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    doc.ents = filter_spans(kept + added)
    return doc
