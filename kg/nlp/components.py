"""Our spaCy components, all registered here (one place, no import cycles).

- `kg.TokenizerFromModel.v1` (a tokenizer factory): the model's tokenizer built empty for its files to
  fill, not spaCy's default English one that they then replace.
- `kg_gazetteer` (before ner): the gazetteer's names as entities (see `GazetteerRuler`), all of them,
  or only those that can occur in the texts it is made for.
- `kg_line_breaks` (before the parser): a line break always ends a sentence, and so does an abbreviation's
  full stop before a word that opens sentences ("the U.N. The talks"), and a dateline
  ("BAKU, November 6", "KHARTOUM, 3 May (Reuters) -"), so headlines, captions and datelines are not
  parsed into the sentence after them.
- `kg_tag_attributes` (in place of the model's attribute_ruler and lemmatizer): the same part of
  speech, morphology and lemmas, memoized (see `MemoizedTagAttributes`).
- `kg_person_consistency` (after ner): a person's name runs on over the capitalized words and name
  particles that follow it ("Mohammed bin Abdulrahman Al Thani"); one surface form gets one reading
  per document: a token
  sequence that is a person's surname elsewhere in the text ("Mirzoyan" after "Ararat Mirzoyan"),
  or the first word of a full name after a courtesy title ("Mr Abiy" after "Abiy Ahmed"), is a PERSON
  even where the statistical model guessed NORP or nothing; names after a plural title ("Foreign
  Ministers A and B") are people, the title no part of them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

KIND_LABELS = {"demonym": "KG_DEMONYM", "capital": "KG_CAPITAL", "source": "KG_SOURCE"}
CLASS_LABELS = {"State": "KG_STATE", "Organization": "KG_ORG", "Place": "KG_PLACE"}
CASE_SENSITIVE_MAX = 4  # names this short ("US", "AU", "IS") must match their exact case


class GazetteerRuler:
    """Sets the gazetteer's names, demonyms, capitals and news sources as entities before the
    statistical NER runs, which then keeps them and labels the rest.

    Two phrase matchers (far faster than token patterns for thousands of names): exact case for short
    forms and all-caps acronyms; lowercase for the rest, kept only when the text capitalizes the first
    word ("Turkey", not "turkey")."""

    def __init__(self, nlp: Language, gazetteer, texts: list[str] | None = None):
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.payload: dict[str, tuple[str, str]] = {}
        could_match = _could_match_in(texts) if texts is not None else None
        for surface, kind, entry_id in gazetteer.surface_forms():
            if could_match is not None and not could_match(surface):
                continue
            label = CLASS_LABELS[gazetteer.entries[entry_id].cls] if kind == "name" else KIND_LABELS[kind]
            key = f"{label}|{entry_id}"
            self.payload[key] = (label, entry_id)
            if len(surface) <= CASE_SENSITIVE_MAX or surface.isupper():
                self.exact.add(key, [nlp.make_doc(surface)])
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
        covered = {i for span in spans for i in range(span.start, span.end)}
        doc.ents = filter_spans([s for s in spans if not _ends_a_person_name(doc, s, covered)])
        return doc


def _ends_a_person_name(doc: Doc, span: Span, covered: set[int]) -> bool:
    """A one-word organization name that is the surname of a person named just before it ("Foreign Minister
    Therese Kayikwamba Wagner" is no Wagner Group): after a capitalized proper noun that no gazetteer name
    covers, within the sentence."""
    if span.label_ != "KG_ORG" or len(span) != 1 or span.start == 0:
        return False
    before = doc[span.start - 1]
    return (before.is_title and before.tag_ == "NNP" and before.whitespace_ == " " and before.i not in covered
            and not before.is_sent_start and before.is_alpha)


WHITESPACE = re.compile(r"\s+")


def _could_match_in(texts: list[str]):
    """A test of a surface form that is false only where the form can match in none of the texts: a match
    is a run of tokens whose text, less the white space between them, is the form's (lowercase, for
    the folded matcher), so the form less its white space is then part of the text less its own. A
    pipeline made for a few texts (a rebuild's new articles) adds only these forms: making the Docs of
    all of them is most of the time it takes to add the ruler."""
    folded = "\x00".join(WHITESPACE.sub("", text.lower()) for text in texts)
    return lambda surface: WHITESPACE.sub("", surface.lower()) in folded


@registry.tokenizers("kg.TokenizerFromModel.v1")
def model_tokenizer():
    """The tokenizer as the model's files describe it, made empty for them to fill: spaCy's default
    factory first builds English's own (its 1,300 exceptions, tokenized one by one) for the model's
    files to replace them all, a tenth of a second of loading the pipeline (see make_nlp)."""
    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)
    return make


def load_tokenizer_for(tokenizer: Tokenizer, path: Path, texts: list[str]) -> None:
    """Fill an empty tokenizer from the model's file at `path` as for a pipeline that will parse only
    `texts`: with only the exceptions (special cases) that can apply to them or to the gazetteer's forms
    that can match in them (see _could_match_in), so that loading tokenizes some thirty exceptions, not
    1,300. An exception applies only to text that is its own string (the tokenizer looks them up by the
    exact text of a span, and matches them as tokens whose texts join to it), so whatever is tokenized
    differently without it never holds its string, less white space, and that leaves out the texts and
    the gazetteer's forms that can match in them (which do hold theirs)."""
    data = Path(path).read_bytes()
    tokenizer.from_bytes(data, exclude=["vocab", "exceptions"])
    could_apply = _could_match_in(texts)
    tokenizer.rules = {string: tokens for string, tokens in srsly.msgpack_loads(data)["exceptions"].items()
                       if could_apply(string)}


@Language.factory("kg_gazetteer", default_config={"texts": None})
def make_gazetteer_ruler(nlp: Language, name: str, texts: list[str] | None):
    """The gazetteer ruler; with `texts`, one for a pipeline that will parse only those texts."""
    from ..gazetteer import load_gazetteer
    return GazetteerRuler(nlp, load_gazetteer(), texts)
REPLACEABLE_LABELS = ("NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT")


MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.'/ -]{2,40}(?:,\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})?(?:,\s*(?:" + MONTH_WORD
    + r"\s+\d{1,2}|\d{1,2}\s+" + MONTH_WORD
    + r")(?:,?\s+\d{4})?\.?(?:\s*/[^/\n]{1,20}/\.?|\s*\([^)\n]{1,20}\))?\s*(?:[-–—]+\s*)?"
    r"|\s*\([^)\n]{1,20}\)\s*[-–—]+\s*"
    r"|(?<=[A-Za-z])\s+[-–—]+\s+)")  # "BAKU, March 14 (AFP) -", "ISTANBUL (Reuters) -", "JEDDAH, Saudi Arabia -"


DOC_TEXT = "kg_text"  # the Doc's user_data key of its text (doc_text)


def doc_text(doc: Doc) -> str:
    """A Doc's text, joined once and kept with the Doc: spaCy's Doc.text joins every token's text again at
    each read (a millisecond or two for an article). kg_line_breaks makes it, extraction reads it."""
    text = doc.user_data.get(DOC_TEXT)
    if text is None:
        text = doc.user_data[DOC_TEXT] = doc.text
    return text


@Language.component("kg_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    from ..resources import load_lexicon
    openers = load_lexicon().cue("sentence-opener")
    tokens = list(doc)  # made once: each Token made costs
    for token, following in zip(tokens, tokens[1:]):
        if "\n" in token.text or "\n" in token.whitespace_:
            following.is_sent_start = True
        elif token.text.endswith(".") and len(token) > 2 and token.whitespace_ and following.is_title \
                and following.lower_ in openers:
            following.is_sent_start = True  # "brokered by Turkey and the U.N. A joint centre will": the
            # abbreviation's full stop ends the sentence too
    starts = {t.idx: t.i for t in tokens}
    for match in DATELINE.finditer(doc_text(doc)):
        i = starts.get(match.end())
        if i is not None and i > 0:
            doc[i].is_sent_start = True
            for follower in doc[i + 1:i + 3]:  # the parser may not split "KYIV, May 3 - Ukrainian | President"
                if "\n" in doc[follower.i - 1].whitespace_ or "\n" in doc[follower.i - 1].text:
                    break
                follower.is_sent_start = False
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


@lru_cache(maxsize=1)
def plural_title_words() -> frozenset[str]:
    """The plurals of the head words of the lexicon's titles ("ministers", "presidents", "envoys")."""
    from ..resources import load_lexicon
    heads = {variant.split()[-1] for variant in load_lexicon().titles if variant.split()[-1].isalpha()}
    return frozenset(w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s" for w in heads)


@lru_cache(maxsize=1)
def _plural_title_hashes() -> frozenset[int]:
    """The string ids of plural_title_words, to find them in a document's LOWER column at once."""
    from spacy.strings import get_string_id
    return frozenset(get_string_id(word) for word in plural_title_words())


def _names_after_plural_titles(doc: Doc) -> None:
    """"Deputy Prime Ministers Mher Grigoryan and Shahin Mustafayev": the title word is not part of the first
    name, which the model may also miss, as it does "Ararat Mirzoyan" in "Foreign Ministers Ararat Mirzoyan
    and Jeyhun Bayramov", or reads as a place, as "Giorgos Gerapetritis" in "their foreign ministers, Giorgos
    Gerapetritis and Hakan Fidan"; a run of two or more capitalized proper nouns after the plural title (and
    a comma), before "and" or a comma, that no gazetteer name covers, is a person's name."""
    from spacy.attrs import LOWER
    plurals = _plural_title_hashes()  # sets, not numpy's isin: its first call imports numpy.ma (15 ms)
    found = {i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in plurals}
    if not found:  # most documents: no plural title, nothing to do
        return
    spans = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 3 and ent.start in found and ent[0].is_title:
            ent = Span(doc, ent.start + 1, ent.end, label="PERSON")
        spans.append(ent)
    fixed = {i for span in spans if span.label_ not in REPLACEABLE_LABELS for i in range(span.start, span.end)}
    for i in sorted(found):
        if i >= len(doc) - 2 or i in fixed:
            continue
        start = i + 2 if doc[i + 1].text == "," else i + 1  # "their foreign ministers, A and B"
        end = start
        while end < len(doc) and end not in fixed and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end - start >= 2 and end < len(doc) and doc[end].lower_ in ("and", ","):
            spans = [s for s in spans if s.end <= start or s.start >= end]  # the model's other reading goes
            spans.append(Span(doc, start, end, label="PERSON"))
    doc.ents = filter_spans(spans)


def _given_names(doc: Doc) -> set[str]:
    """The first words of people's full names: the name a courtesy title goes with where the family name
    is not the last word or there is none ("Mr Abiy" for Abiy Ahmed, "Mr Isaias" for Isaias Afwerki)."""
    return {ent[0].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2 and ent[0].is_title}


@Language.component("kg_person_consistency")
def make_persons_consistent(doc: Doc) -> Doc:
    from ..resources import load_lexicon
    _extend_names(doc)
    _names_after_plural_titles(doc)
    surnames = _person_surnames(doc)
    if not surnames:
        return doc
    given, courtesy = _given_names(doc), load_lexicon().cue("courtesy-title")

    def is_name(token) -> bool:
        return token.text in surnames or (token.text in given and token.i > 0 and doc[token.i - 1].lower_ in courtesy)
    kept, added = [], []
    for ent in doc.ents:
        if ent.label_ in REPLACEABLE_LABELS and len(ent) == 1 and is_name(ent[0]):
            added.append(Span(doc, ent.start, ent.end, label="PERSON"))
        else:
            kept.append(ent)
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for token in doc:
        if token.i not in covered and is_name(token) and token.pos_ in ("PROPN", "NOUN", "ADJ", "VERB"):
            added.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    doc.ents = filter_spans(kept + added)
    return doc


class MemoizedTagAttributes:
    """The model's attribute_ruler and lemmatizer, run once for each kind of token rather than for every
    token: a quarter of the bare pipeline's time goes to these two, yet what they set depends only on a
    token's text, tag and dependency label (their rules and tables read nothing else; the label only
    where a rule names it), and, for the few rules that span tokens ("there is", "let's"), on that
    window of tokens. Results are memoized on exactly those keys; tokens not seen before go through the
    real components together, one synthetic Doc per document. A test checks that every token gets the
    same attributes as from the real components."""

    SEPARATOR = "\u241e"
    OTHER_LABEL = "kg_unread_label"  # stands for every dependency label no rule names, so keys stay few

    def __init__(self, nlp: Language, ruler: str, lemmatizer: str):
        self.ruler = nlp.get_pipe(ruler)
        self.lemmatizer = nlp.get_pipe(lemmatizer)
        self.vocab = nlp.vocab
        strings = self.vocab.strings
        self.windows = Matcher(nlp.vocab)
        self.anchors: list[tuple[int, set[int]]] | None = []
        self.labels_read: set[int] = set()
        self.labels_read_for: dict[int, set[int]] = {}
        for n, rule in enumerate(self.ruler.patterns):
            for pattern in rule["patterns"]:
                if len(pattern) > 1:
                    self.windows.add(f"window{n}", [pattern])
                    self._add_anchor(pattern)
                elif "DEP" in pattern[0]:
                    labels = {strings.add(v) for v in _values(pattern[0]["DEP"]) or ()}
                    lowers = _values(pattern[0].get("LOWER"))
                    if lowers is None:
                        self.labels_read |= labels
                    else:
                        for lower in lowers:
                            self.labels_read_for.setdefault(strings.add(lower), set()).update(labels)
        self.separator = (strings.add(self.SEPARATOR), strings.add("NFP"), strings.add("punct"))
        self.other_label = strings.add(self.OTHER_LABEL)
        self.memo: dict[tuple, tuple[int, int, int, int, int]] = {}

    def _add_anchor(self, pattern: list[dict]) -> None:
        """The narrowest literal LOWER or DEP test of a multi-token rule: a document with no token passing
        it cannot match the rule, so the window matcher need not run on it."""
        from spacy.attrs import DEP, LOWER
        options = [(attr, _values(spec.get(name))) for spec in pattern for name, attr in (("LOWER", LOWER), ("DEP", DEP))]
        options = [(attr, values) for attr, values in options if values]
        if not options or self.anchors is None:
            self.anchors = None
            return
        attr, values = min(options, key=lambda option: len(option[1]))
        self.anchors.append((attr, {self.vocab.strings.add(v) for v in values}))

    def _windows(self, doc: Doc) -> dict[int, tuple]:
        """Token index → (offset, the window's tokens) for tokens inside a multi-token rule's match,
        overlapping matches merged into one window."""
        if self.anchors is not None:
            from spacy.attrs import DEP, LOWER
            columns = dict(zip((LOWER, DEP), doc.to_array([LOWER, DEP]).T.tolist()))
            if all(values.isdisjoint(columns[attr]) for attr, values in self.anchors):
                return {}
        spans = sorted((start, end) for _, start, end in self.windows(doc, allow_missing=True))
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        keyed = {}
        for start, end in merged:
            window = tuple((t.orth, t.tag, t.dep) for t in doc[start:end])
            for i in range(start, end):
                keyed[i] = (i - start, window)
        return keyed

    def _compute(self, units: dict[tuple, tuple]) -> None:
        """Run the real components over the unseen units, all in one Doc, and memoize each token.
        Units are fenced off by separators only if a multi-token rule would match across two of them."""
        synthetic, places = self._synthetic(units, fenced=False)
        if self._windows(synthetic):
            synthetic, places = self._synthetic(units, fenced=True)
        self.lemmatizer(self.ruler(synthetic))
        for key, (i, tag, dep) in places.items():
            t = synthetic[i]
            self.memo[key] = (t.tag if t.tag != tag else 0, t.dep if t.dep != dep else 0, t.pos, t.morph.key,
                              t.lemma)

    def _synthetic(self, units: dict[tuple, tuple], fenced: bool) -> tuple[Doc, dict]:
        words, tags, deps, places = [], [], [], {}
        for key, (offset, unit) in units.items():
            places[key] = (len(words) + offset,) + unit[offset][1:]
            for orth, tag, dep in unit + ((self.separator,) if fenced else ()):
                words.append(self.vocab.strings[orth])
                tags.append(tag)
                deps.append(dep)
        synthetic = Doc(self.vocab, words=words, spaces=[False] * len(words))
        for token, tag, dep in zip(synthetic, tags, deps):
            token.tag = tag
            token.dep = dep
        return synthetic, places

    def __call__(self, doc: Doc) -> Doc:
        windows = self._windows(doc)
        read, read_for, other, nothing = self.labels_read, self.labels_read_for, self.other_label, frozenset()
        memo = self.memo
        keys = []
        unseen: dict[tuple, tuple] = {}
        for token in doc:
            window = windows.get(token.i)
            dep = token.dep
            label = dep if dep in read or dep in read_for.get(token.lower, nothing) else other
            key = (token.orth, token.tag, label, window)
            keys.append(key)
            if key not in memo and key not in unseen:
                unseen[key] = window or (0, ((token.orth, token.tag, label),))
        if unseen:
            self._compute(unseen)
        for token, key in zip(doc, keys):
            tag, dep, pos, morph, lemma = memo[key]
            if tag:
                token.tag = tag
            if dep:
                token.dep = dep
            token.pos = pos
            token.set_morph(morph)
            token.lemma = lemma
        return doc


def _values(spec) -> list[str] | None:
    """The literal values a token-pattern test accepts or names (a string, IN or NOT_IN), else None."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        for op in ("IN", "NOT_IN"):
            if op in spec and set(spec) == {op}:
                return list(spec[op])
    return None


@Language.factory("kg_tag_attributes", default_config={"ruler": "attribute_ruler", "lemmatizer": "lemmatizer"})
def make_tag_attributes(nlp: Language, name: str, ruler: str, lemmatizer: str):
    return MemoizedTagAttributes(nlp, ruler, lemmatizer)
