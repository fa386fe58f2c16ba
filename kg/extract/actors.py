"""Actors of one parsed document: who is named, as which class, under which canonical name.

Every token of an actor mention is mapped to an `ActorRef`, so that later extractors (positions,
events) can ask "which actor is this word?" without looking at entities again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer, GazetteerEntry
from ..model import Actor, ActorRef, Document, Mention
from ..names import without_article
from ..nlp.components import MONTH_WORD, doc_text
from ..resources import Lexicon, load_lexicon
from .tokens import token_columns

LOCATIVE_PREPS = {"in", "at", "to", "from", "near", "outside", "into", "toward", "towards", "across", "inside",
                  "around", "via", "through", "throughout", "within", "over", "on"}
DANGLING_WORDS = {"of", "for", "and", "the", "in", "on", "to", "at", "&"}  # no organization's name ends so
ORG_WORDS = {"ministry", "council", "union", "group", "forces", "force", "army", "party", "front", "movement",
             "committee", "commission", "agency", "organization", "organisation", "bank", "court", "parliament",
             "assembly", "government", "office", "service", "corps", "brigade", "battalion", "militia", "alliance",
             "league", "federation", "association", "institute", "foundation", "fund", "programme", "program",
             "mission", "coalition", "authority", "guard", "police", "navy", "cabinet", "secretariat", "senate",
             "congress", "duma", "department", "administration", "company", "corporation", "rebels"}
HONORIFICS = {"sir", "madam", "president", "minister",
              "prime", "foreign", "general", "gen.", "king", "queen", "prince", "sheikh", "emir", "gen", "col",
              "col.", "colonel", "lt", "lt.", "brig", "brigadier", "adm", "admiral", "capt", "capt.", "marshal",
              "ayatollah", "grand", "sultan"}
MOTION_VERBS = {"visit", "tour", "enter", "leave", "flee", "arrive", "travel", "fly", "return"}


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Words before a name that are no part of it: the lexicon's courtesy titles ("Mr", "Dr") and the ranks
    and offices of HONORIFICS."""
    return frozenset(HONORIFICS) | load_lexicon().cue("courtesy-title")


@dataclass
class ActorMention:
    ref: ActorRef
    start: int  # token index
    end: int
    surface: str


ARMY_NAME = re.compile(r"\b(?:army|military|armed forces)\b", re.I)


@dataclass
class DocActors:
    """The actors of one document and the token → actor map."""

    doc: Doc
    document: Document
    actors: dict[ActorRef, Actor] = field(default_factory=dict)
    by_token: dict[int, ActorRef] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    kinds: dict[ActorRef, str] = field(default_factory=dict)  # gazetteer kind (armed-group, member...)
    owner: dict[ActorRef, ActorRef] = field(default_factory=dict)  # ministry → its state
    text: str = ""  # the text the parser saw (markup masked); same length and offsets as the article
    sentences: list[Span] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)  # token index → index in `sentences`
    ents: tuple[Span, ...] = ()  # the Doc's entities: spaCy's Doc.ents makes all their Spans again each time

    def __post_init__(self):
        self.text = doc_text(self.doc)
        self.ents = self.doc.ents
        self.sentences = list(self.doc.sents)
        self.sentence_of = [0] * len(self.doc)
        for k, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = k

    def sentence(self, token_i: int) -> Span:
        """The sentence of a token (spaCy's `token.sent` walks all sentences on every call)."""
        return self.sentences[self.sentence_of[token_i]]

    def evidence(self, token_start: int, token_end: int | None = None) -> Mention:
        """The sentence around a token span, clipped to its line, as a Mention."""
        doc = self.doc
        token_end = token_end if token_end is not None else token_start + 1
        sent = self.sentence(token_start)
        text = self.document.text
        start, end = sent.start_char, sent.end_char
        anchor_start, anchor_end = doc[token_start].idx, doc[token_end - 1].idx + len(doc[token_end - 1])
        line_start = text.rfind("\n", 0, anchor_start) + 1
        line_end = text.find("\n", anchor_end)
        line_end = len(text) if line_end < 0 else line_end
        start, end = max(start, line_start), min(end, line_end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Mention(self.document.source, start, end, text[start:end])

    def add(self, ref: ActorRef, start: int, end: int, surface: str, qid: str | None = None,
            kind: str | None = None) -> None:
        actor = self.actors.get(ref)
        if actor is None:
            actor = self.actors[ref] = Actor(ref, qid=qid)
        elif actor.qid is None and qid:
            actor.qid = qid
        if surface and surface != ref.name:
            actor.alt_labels.add(surface)
        mention = self.evidence(start, end)
        if mention not in actor.mentions:
            actor.mentions.append(mention)
        if kind:
            self.kinds[ref] = kind
        for i in range(start, end):
            self.by_token[i] = ref
        self.mentions.append(ActorMention(ref, start, end, surface))

    def last_armed_forces(self, before: int) -> ActorRef | None:
        """The last armed forces named before a token ("Sudan's army", "the Sudanese Armed Forces"): whom
        "the army" or "the military" means."""
        for mention in reversed(self.mentions):
            if mention.start < before and mention.ref.cls == "Organization" and ARMY_NAME.search(
                    f"{mention.ref.name} {mention.surface}"):
                return mention.ref
        return None

    def last_armed_group(self, before: int) -> ActorRef | None:
        """Whom "the group", "the rebels" or "the militants" mean: the last organization named before a token,
        if the gazetteer knows it as an armed group (after "the European Union said", "the group" is none)."""
        for mention in reversed(self.mentions):
            if mention.start < before and mention.ref.cls == "Organization":
                return mention.ref if self.kinds.get(mention.ref) == "armed-group" else None
        return None

    def rename(self, old: ActorRef, new: ActorRef) -> None:
        """Every mention of `old` becomes a mention of `new` (a guess corrected once the article is read)."""
        actor = self.actors.pop(old)
        target = self.actors.setdefault(new, Actor(new))
        target.alt_labels |= actor.alt_labels | ({old.name} if old.name != new.name else set())
        target.mentions.extend(m for m in actor.mentions if m not in target.mentions)
        self.kinds.pop(old, None)
        for i, ref in self.by_token.items():
            if ref == old:
                self.by_token[i] = new
        self.mentions = [ActorMention(new, m.start, m.end, m.surface) if m.ref == old else m for m in self.mentions]

    def actor_at(self, token: Token) -> ActorRef | None:
        return self.by_token.get(token.i)

    def count(self, ref: ActorRef) -> int:
        return sum(1 for m in self.mentions if m.ref == ref)


TRAILING_WORDS = {"and", "the", "or"}  # what the model's span sometimes runs on into ("Linda Kasabian - the")


def clean_surface(span: Span, person: bool = False) -> tuple[int, int]:
    """Token bounds of a name without a leading "the", honorifics, white space, a trailing possessive,
    punctuation or article, what follows a spaced dash or an unclosed bracket ("Royal National Institute
    for Deaf People (RNID"), or, for a person, the numbers after the name (an age, a score: "Lisa Raymond
    7-5")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the",) or doc[start].lower_ in honorifics() or doc[start].is_space):
        start += 1
    dash = next((t.i for t in doc[start + 1:end] if t.text in ("-", "–", "—") and t.whitespace_
                 and doc[t.i - 1].whitespace_), None)
    if dash is not None:  # a spaced dash ends the name ("Steve McGregor - to"); "Ramos-Horta" has none
        end = dash
    opened = next((t.i for t in doc[start:end] if t.text == "("), None)
    if opened is not None and not any(t.text == ")" for t in doc[opened:end]):
        end = opened
    while end > start:
        last = doc[end - 1]
        closing = last.text == ")" and any(t.text == "(" for t in doc[start:end - 1])
        if closing or not (last.text in ("'s", "’s", "'", "’") or last.is_punct or last.is_space
                           or last.lower_ in TRAILING_WORDS or (person and any(c.isdigit() for c in last.text))):
            break
        end -= 1
    return start, end


def _named_in_full(found: DocActors, short: str) -> ActorRef | None:
    """The one organization already named whose full name ends with this one-word name."""
    if " " in short:
        return None
    matches = {m.ref for m in found.mentions if m.ref.cls == "Organization" and m.ref.name.endswith(" " + short)}
    return next(iter(matches)) if len(matches) == 1 else None


def is_capital_as_place(span: Span, text: str, named_after: frozenset[str] = frozenset()) -> bool:
    """A capital named as where something happens ("in Baku", "the capital of Tbilisi", a dateline), or that
    names an agreement or format after itself ("the Algiers Agreement", "the Minsk format")."""
    head = span.root
    if head.dep_ == "compound" and (head.head.lemma_.lower() in named_after or head.head.lower_ in named_after):
        return True  # "the Doha talks" too, whose lemma is "talk"
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return True
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.lower_ == "capital":
        return True
    if head.dep_ == "appos" and head.head.lower_ == "capital":
        return True
    if head.dep_ == "compound" and head.head.lower_ in ("capital", "city"):
        return True
    if head.dep_ == "dobj" and head.head.lemma_.lower() in MOTION_VERBS:
        return True
    line_start = text.rfind("\n", 0, span.start_char) + 1
    before = text[line_start:span.start_char].strip()
    after = text[span.end_char:span.end_char + 2]
    return not before and (after.startswith(",") or (span.text.isupper() and after.lstrip().startswith("(")))
    # a dateline: "BAKU, March 14", "MOSCOW (Reuters) -"


DEFINED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z-]{1,9})\)")


def _is_acronym_of(acronym: str, name: str) -> bool:
    """"GNA" of "Government of National Accord", "SPLM-IO" of "Sudan People's Liberation Movement-in-Opposition":
    its letters are the initials of the name's words, or of its capitalized words."""
    words = re.findall(r"[A-Za-z]+", name)
    letters = acronym.replace("-", "")
    return len(words) >= 2 and letters in ("".join(w[0] for w in words).upper(),
                                           "".join(w[0] for w in words if w[0].isupper()))


def _add_defined_acronyms(found: DocActors) -> None:
    """A body named in full with its acronym in brackets ("the Government of National Accord (GNA)") is
    also every later mention of that acronym the model left unnamed."""
    doc, text = found.doc, found.text
    for mention in list(found.mentions):
        if mention.ref.cls != "Organization":
            continue
        after = DEFINED_ACRONYM.match(text, doc[mention.end - 1].idx + len(doc[mention.end - 1]))
        if after is None or not _is_acronym_of(after.group(1), doc[mention.start:mention.end].text):
            continue
        acronym = after.group(1)
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            span = doc.char_span(match.start(), match.end())
            if span is not None and all(found.by_token.get(i) is None for i in range(span.start, span.end)):
                found.add(mention.ref, span.start, span.end, acronym)


def _capital_named(ent: Span, entry: GazetteerEntry) -> Token | None:
    """The word "capital" of "the Qatari capital" or "Qatar's capital", right after the state's demonym or
    name, when the gazetteer knows that capital ("the" is required: "Chinese capital" may be money)."""
    if entry.cls != "State" or not entry.capital:
        return None
    head = ent.root
    noun = head.head
    if head.dep_ not in ("amod", "compound", "poss") or noun.lemma_.lower() != "capital" \
            or noun.i not in (ent.end, ent.end + 1) or (noun.i == ent.end + 1 and ent.doc[ent.end].tag_ != "POS"):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and head.dep_ != "poss":
        return None
    return noun


def _short_name_of(text: str, states, generic: frozenset[str]) -> GazetteerEntry | None:
    """A word the gazetteer leaves ambiguous ("Congo", "Korea") is the one state named in the article whose
    names hold it as a word ("Congo" in an article on the Democratic Republic of the Congo); none when two
    such states are named, or none, or for a `generic` word of many names ("Republic", "Kingdom")."""
    if " " in text.strip() or text.lower() in generic:
        return None
    holding = [entry for entry in states if any(text in name.replace("-", " ").split() for name in entry.names)]
    return holding[0] if len(holding) == 1 else None


def _is_dateline_caps(span: Span) -> bool:
    return span.text.isupper() and len(span.text) > 3


def title_case(text: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in text.split())


def collect_actors(doc: Doc, document: Document, gazetteer: Gazetteer, lexicon: Lexicon) -> DocActors:
    found = DocActors(doc, document)
    persons: list[tuple[int, int, str]] = []
    named_in: set[int] = set()  # starts of entities that are the end of an organization's name
    places = {ent.start: ent for ent in found.ents if ent.label_ in PLACE_LABELS}
    named_states = {entry.id: entry for ent in found.ents if ent.ent_id_
                    and (entry := gazetteer.entries.get(ent.ent_id_)) is not None and entry.cls == "State"}
    for ent in found.ents:
        label = ent.label_
        if label == "KG_SOURCE" or ent.start in named_in:
            continue
        entry = gazetteer.entries.get(ent.ent_id_) if ent.ent_id_ else None
        capital = _capital_named(ent, entry) if label in ("KG_STATE", "KG_DEMONYM") and entry else None
        if capital is not None:  # "in the Qatari capital", "Qatar's capital": the city, not the state
            found.add(ActorRef("Place", entry.capital), ent.start, capital.i + 1, entry.capital, entry.capital_qid)
        elif label == "KG_STATE" and entry and (seat := gazetteer.seat(ent.text)) is not None \
                and is_capital_as_place(ent, found.text, lexicon.cue("named-after")):
            found.add(ActorRef("Place", seat), ent.start, ent.end, ent.text)  # "talks at the White House"
        elif label in ("KG_STATE", "KG_ORG", "KG_PLACE") and entry:
            start, end = ent.start, ent.end
            found.add(ActorRef(entry.cls, entry.name), start, end, ent.text, entry.qid, entry.kind)
        elif label == "KG_DEMONYM" and entry:
            if ent.start > 0 and doc[ent.start - 1].lower_ in lexicon.cue("ethnicity-word"):
                continue  # "ethnic Albanian rebels", "ethnic Armenians": a people, not the state
            found.add(ActorRef(entry.cls, entry.name), ent.start, ent.end, ent.text, entry.qid, entry.kind)
        elif label == "KG_CAPITAL" and entry:
            if is_capital_as_place(ent, found.text, lexicon.cue("named-after")):
                name = title_case(ent.text) if _is_dateline_caps(ent) else ent.text
                found.add(ActorRef("Place", entry.capital or name), ent.start, ent.end, name, entry.capital_qid)
            else:
                found.add(ActorRef(entry.cls, entry.name), ent.start, ent.end, ent.text, entry.qid, entry.kind)
        elif label == "PERSON":
            start, end = clean_surface(ent, person=True)
            if start >= end:
                continue
            text = doc[start:end].text
            if gazetteer.by_name(text) or gazetteer.by_demonym(text) or gazetteer.is_source(text):
                continue
            if not any(c.isupper() for c in text) or not re.search(r"[A-Za-zÀ-ÿ]", text):
                continue
            if _is_credit(found.text, doc[start].idx):
                continue  # a byline or "Reporting by ...": a source of the text, not an actor in it
            if len(text.split()) > 1 and doc[end - 1].lower_ in lexicon.cue("place-head"):
                found.add(ActorRef("Place", text), start, end, text)  # "Dolmabahce Palace", "Rafah Crossing"
                continue
            persons.append((start, end, text))
        elif label in ("GPE", "LOC", "FAC"):
            start, end = clean_surface(ent)
            if start >= end or doc[end - 1].lower_ in DANGLING_WORDS:
                continue  # "the Gulf of", "City of": not a place's whole name
            text = doc[start:end].text
            if gazetteer.is_source(text) or not text[:1].isupper():
                continue
            if _is_dateline_caps(doc[start:end]):  # "BRUSSELS, Feb 27": the city named Brussels elsewhere
                text = title_case(text)
            known = gazetteer.by_name(text) or _short_name_of(text, named_states.values(),
                                                              lexicon.cue("generic-name-word"))
            capital_of = None if known else gazetteer.by_capital(text)  # "DOHA (Reuters) -": Doha, with its id
            if known:
                found.add(ActorRef(known.cls, known.name), start, end, text, known.qid, known.kind)
            elif capital_of is not None and capital_of.capital:
                found.add(ActorRef("Place", capital_of.capital), start, end, text, capital_of.capital_qid)
            else:
                found.add(ActorRef("Place", text), start, end, text)
        elif label == "ORG":
            start, end = clean_surface(ent)
            if start < end and doc[end - 1].lower_ in ("of", "for"):  # the model cut "the Bank of" + "England"
                place = places.get(end + 1 if end < len(doc) and doc[end].lower_ == "the" else end)
                if place is None or doc[end - 2].lower_ in lexicon.cue("state-body"):
                    continue  # "the (Federal) Government of" + "Yemen": the state itself, named next
                named_in.add(place.start)
                end = place.end
            if start >= end or doc[end - 1].lower_ in DANGLING_WORDS:
                continue
            text = doc[start:end].text
            if gazetteer.is_source(text) or not text[:1].isupper():
                continue
            if ARMY_NAME.fullmatch(text):  # "Army chief X" opening a sentence: no name, the army named before
                army = found.last_armed_forces(start)
                if army is not None:
                    found.add(army, start, end, text)
                continue
            known = gazetteer.by_name(text)
            if known:
                found.add(ActorRef(known.cls, known.name), start, end, text, known.qid, known.kind)
            elif {t.lower_ for t in doc[start:end]} & ORG_WORDS and not _is_ministry(doc[start:end], lexicon):
                named = _named_in_full(found, text)  # "the Council" after "the UN Security Council"
                found.add(named or ActorRef("Organization", text), start, end, text,
                          found.actors[named].qid if named else None)
    _add_defined_acronyms(found)
    persons.extend(_persons_after_titles(found, lexicon, persons))
    persons.extend(_persons_before_titles(found, lexicon, persons))
    _add_persons(found, persons)
    _places_that_are_persons(found)
    _dateline_places(found, gazetteer)
    _nicknames(found)
    _add_ministries(found, gazetteer, lexicon)
    found.mentions.sort(key=lambda m: (m.start, m.end))  # in text order, as "the last one named" reads them
    return found


NAME_AFTER_TITLE = (r"(?:\s+(?:for|to|of|in)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})?"
                    r"\s+(?P<name>[A-Z][a-z][\w'-]*(?:\s+(?:bin|ibn|al|el|de|da|van|von|[A-Z][\w'-]*)){1,3})")


def _persons_after_titles(found: DocActors, lexicon: Lexicon, persons) -> list[tuple[int, int, str]]:
    """Names the statistical model missed, found by the title before them ("Special Envoy for Sudan
    Volker Perthes"): two to four capitalized words that no entity covers."""
    from .positions import title_regex
    doc, text = found.doc, found.text
    guessed = {i for ent in found.ents if ent.label_ in ("ORG", "NORP", "PRODUCT", "WORK_OF_ART")  # "Chancellor
               and not {t.lower_ for t in ent} & ORG_WORDS for i in range(ent.start, ent.end)}  # Olaf Scholz" as ORG
    covered = {i for ent in found.ents for i in range(ent.start, ent.end)} - guessed | \
        {i for start, end, _ in persons for i in range(start, end)}
    pattern = re.compile(title_regex(lexicon) + NAME_AFTER_TITLE)
    named = []
    for m in pattern.finditer(text):
        span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if span is None or any(t.i in covered for t in span) or span.text.lower() in lexicon.titles:
            continue
        if not m.group("title")[:1].isupper() and not _state_title_before(found, m, span, guessed):
            continue
        if any(t.lower_ in lexicon.titles for t in span):
            continue
        named.append((span.start, span.end, span.text))
    return named


def _state_title_before(found: DocActors, m: re.Match, name: Span, guessed: set[int]) -> bool:
    """A lowercase title counts when a state's name or demonym comes just before it and the name the
    model saw as an entity just after ("Germany's chancellor Olaf Scholz", "the German chancellor Olaf
    Scholz"), not as a word of a phrase ("a general Production Diary", "president of Futures Services")."""
    title = found.doc.char_span(m.start("title"), m.end("title"), alignment_mode="expand")
    if title is None or name.start != title.end or not all(t.i in guessed for t in name):
        return False
    return _state_just_before(found.doc, title.start, found) is not None


MAX_TITLE_WORDS = 4


def _persons_before_titles(found: DocActors, lexicon: Lexicon, persons) -> list[tuple[int, int, str]]:
    """Names the statistical model took for an organization or a nationality, found by the title apposed
    after them ("Olaf Scholz, Germany's chancellor," "Olaf Scholz, the German chancellor,"): two to four
    capitalized words, then a comma, an optional article, states' names or demonyms, and a title."""
    taken = {i for start, end, _ in persons for i in range(start, end)}
    named = []
    for ent in found.ents:
        if ent.label_ not in ("ORG", "NORP", "PRODUCT", "WORK_OF_ART") or not 2 <= len(ent) <= 4:
            continue
        if any(t.i in taken or not (t.is_title and t.is_alpha) or t.lower_ in ORG_WORDS for t in ent):
            continue
        if _apposed_title_at(found.doc, ent.end, lexicon):
            named.append((ent.start, ent.end, ent.text))
    return named


def _apposed_title_at(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """Whether ", [the|a] [states' names, demonyms, 's] title" begins at token i."""
    if i >= len(doc) or doc[i].text != ",":
        return False
    i += 1
    if i < len(doc) and doc[i].lower_ in ("the", "a"):
        i += 1
    while i < len(doc) and (doc[i].ent_type_ in ("KG_STATE", "KG_DEMONYM") or doc[i].tag_ == "POS"):
        i += 1
    words = [t.lower_ for t in doc[i:i + MAX_TITLE_WORDS]]
    return any(" ".join(words[:n]) in lexicon.titles for n in range(1, len(words) + 1))


PLACE_LABELS = ("KG_STATE", "KG_CAPITAL", "KG_PLACE", "GPE", "LOC")  # what an organization may be named after


def _is_ministry(span: Span, lexicon: Lexicon) -> bool:
    low = span.text.lower()
    return any(v in low for v in lexicon.ministries)


BYLINE = re.compile(r"^[ \t]*(?:By|BY|Written by|Text by)\s+(?:[^\n,]*?(?:,|\band)\s+)?$")
CREDIT = re.compile(r"\b(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Ee]dited|[Cc]ompiled|[Pp]hotos?)\s+by\s+[^.;)\n]*$")


def _is_credit(text: str, start: int) -> bool:
    """Whether a name at `start` stands in a byline ("By Jane Doe", "By A and B") or a credit ("Reporting by X;
    Editing by Y"): a source of the text, not an actor in it."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(BYLINE.match(text[line_start:start]) or CREDIT.search(text[max(line_start, start - 120):start]))


def _add_persons(found: DocActors, persons: list[tuple[int, int, str]]) -> None:
    """Persons under their fullest name in the document: "Bayramov" is "Jeyhun Bayramov", and "Anwar" is "Anwar
    Ibrahim" when no one else in the article has that surname or given name."""
    full_names = sorted({text for _, _, text in persons if len(text.split()) >= 2}, key=lambda t: (-len(t), t))
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for name in full_names:
        last = name.split()[-1]
        by_last.setdefault(last, set()).add(name)
        if (bare := without_article(last)) != last:  # "Burhan" is "Abdel Fattah al-Burhan"
            by_last.setdefault(bare, set()).add(name)
        by_first.setdefault(name.split()[0], set()).add(name)
    for start, end, text in persons:
        canonical = text
        if len(text.split()) == 1:
            candidates = by_last.get(text, set()) or by_first.get(text, set())
            if len(candidates) == 1:
                canonical = next(iter(candidates))
        else:
            longer = [n for n in full_names if n != text and n.endswith(" " + text)]
            if len(longer) == 1:
                canonical = longer[0]
        found.add(ActorRef("Person", canonical), start, end, text)


def _state_just_before(doc: Doc, start: int, found: DocActors) -> ActorRef | None:
    """A state or its demonym right before a word ("Iran's", "the Iranian")."""
    for i in range(start - 1, max(-1, start - 3), -1):
        ref = found.by_token.get(i)
        if ref and ref.cls == "State":
            return ref
        if doc[i].text not in ("'s", "’s") and not doc[i].is_punct:
            break
    return None


def _ministry_owner(doc: Doc, start: int, end: int, found: DocActors) -> ActorRef | None:
    """The state whose ministry this is: a demonym or state before it, or "of X" after it."""
    before = _state_just_before(doc, start, found)
    if before is not None:
        return before
    for i in range(start, end):
        ref = found.by_token.get(i)
        if ref and ref.cls == "State":
            return ref
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        for i in range(end + 1, min(len(doc), end + 5)):
            ref = found.by_token.get(i)
            if ref and ref.cls == "State":
                return ref
    return None


def _places_that_are_persons(found: DocActors) -> None:
    """A one-word "place" the model guessed that is the given name or surname of exactly one person of the article
    ("Isaias visited Addis Ababa" after "President Isaias Afwerki") is that person."""
    people = [ref for ref in found.actors if ref.cls == "Person" and len(ref.name.split()) >= 2]
    for ref in [r for r in found.actors if r.cls == "Place" and " " not in r.name and found.actors[r].qid is None]:
        named = [p for p in people if ref.name in (p.name.split()[0], p.name.split()[-1])]
        if len(named) == 1:
            found.rename(ref, named[0])


DATELINE_PLACE = re.compile(  # "OHRID, North Macedonia, March 18 (Reuters) -", "GOMA, Congo (AP) -", "KHARTOUM, 3 May"
    r"^[ \t]*(?P<place>[A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+){0,3})(?=(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?"
    r"(?:,\s*(?:" + MONTH_WORD + r"\s+\d{1,2}|\d{1,2}\s+" + MONTH_WORD + r")\b|\s*\((?P<source>[^()\n]{1,30})\)))",
    re.M)


def _dateline_places(found: DocActors, gazetteer: Gazetteer) -> None:
    """The town of a dateline that neither the gazetteer nor the model knows ("OHRID, North Macedonia, March 18
    (Reuters) -") is a place, there and wherever the article names it again ("the lakeside resort of Ohrid")."""
    doc, text = found.doc, found.text
    for m in DATELINE_PLACE.finditer(text):
        span = doc.char_span(m.start("place"), m.end("place"))
        if span is None or any(t.i in found.by_token for t in span):
            continue
        if m.group("source") and not gazetteer.is_source(m.group("source")):
            continue  # "FATAL FORCE (MACROSPACE)": a list of titles, not "GOMA, Congo (AP)"
        name, qid = title_case(span.text), None
        known, capital_of = gazetteer.by_name(name), gazetteer.by_capital(name)
        if known is not None and known.cls == "Place":  # "GOMA": too short for the matcher of any case
            name, qid = known.name, known.qid
        elif capital_of is not None and capital_of.capital and known is None:
            name, qid = capital_of.capital, capital_of.capital_qid
        elif known or gazetteer.is_source(name) or gazetteer.by_demonym(name) or name == span.text:
            continue  # a state or body, a source, or no capitals of a dateline
        ref = ActorRef("Place", name)
        found.add(ref, span.start, span.end, span.text, qid)
        for again in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            named = doc.char_span(again.start(), again.end())
            if named is not None and not any(t.i in found.by_token for t in named):
                found.add(ref, named.start, named.end, name)


KNOWN_AS = re.compile(r",?\s+(?:(?:also|better|widely|commonly)\s+)?known\s+as\s+")


def _nicknames(found: DocActors) -> None:
    """The name a person is "known as" ("Mohamed Hamdan Dagalo, known as Hemedti") is that person's
    wherever the article uses it, whatever the model took it for (a gazetteer name stays its own)."""
    doc = found.doc
    starting = {m.start: m.ref for m in found.mentions}
    for mention in [m for m in found.mentions if m.ref.cls == "Person"]:
        if mention.end >= len(doc):
            continue
        after = KNOWN_AS.match(found.text, doc[mention.end - 1].idx + len(doc[mention.end - 1]))
        if not after:
            continue
        i = next((t.i for t in doc[mention.end:mention.end + 6] if t.idx == after.end()), None)
        nickname = starting.get(i) if i is not None else None
        if nickname is None or nickname == mention.ref or mention.ref not in found.actors:
            continue
        for other in [r for r in found.actors if r.name == nickname.name and r != mention.ref]:
            if found.actors[other].qid is None:  # every mention of the name, however the model labelled it
                found.rename(other, mention.ref)
        starting = {m.start: m.ref for m in found.mentions}


def _add_ministries(found: DocActors, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    """Ministries as organizations named "Ministry of Foreign Affairs of Armenia", whatever the wording."""
    doc = found.doc
    lowered = token_columns(doc).lower
    by_first: dict[str, list[tuple[str, list[str]]]] = {}  # longest first, as a variant's words can only
    for variant in sorted(lexicon.ministries, key=lambda v: -len(v.split())):  # match from their first
        by_first.setdefault(variant.split()[0], []).append((variant, variant.split()))
    i = 0
    while i < len(doc):
        matched = None
        for variant, words in by_first.get(lowered[i], ()):
            if lowered[i:i + len(words)] == words and (doc[i].is_title or doc[i].is_upper
                                                       or _state_just_before(doc, i, found)):
                matched = (variant, len(words))  # "Iran's foreign ministry" too, not a bare "the ministry"
                break
        if not matched:
            i += 1
            continue
        variant, length = matched
        owner = _ministry_owner(doc, i, i + length, found)
        if owner is not None:
            name = f"{lexicon.ministries[variant]} of {owner.name}"
            start = i
            if i > 0 and found.by_token.get(i - 1) == owner and doc[i - 1].ent_type_ == "KG_DEMONYM":
                start = i - 1
            surface = doc[start:i + length].text
            found.add(ActorRef("Organization", name), start, i + length, surface)
            found.owner[ActorRef("Organization", name)] = owner
        i += length
