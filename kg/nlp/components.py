"""Our spaCy components, all registered here (one place, no import cycles).

- `kg_line_breaks` (before the parser): a line break always ends a sentence, and so does a dateline
  ("BAKU, November 6", "KHARTOUM, 3 May (Reuters) -"), so headlines, captions and datelines are not
  parsed into the sentence after them.
- `kg_person_consistency` (after ner): one surface form gets one reading per document: a token
  sequence that is a person's surname elsewhere in the text ("Mirzoyan" after "Ararat Mirzoyan")
  is a PERSON even where the statistical model guessed NORP or nothing.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

GAZETTEER_LABELS = ("KG_STATE", "KG_ORG", "KG_PLACE", "KG_DEMONYM", "KG_CAPITAL", "KG_SOURCE")
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


@Language.component("kg_person_consistency")
def make_persons_consistent(doc: Doc) -> Doc:
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
