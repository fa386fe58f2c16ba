"""Events and agreements of one parsed document.

Triggers come from ontology/lexicon/triggers.csv and agreements.csv (lemma or phrase → class).
Around each trigger the dependency tree gives the participants, the governing date, the location
and the mediators (from the mediation cues of ontology/lexicon/cues.csv). Negated, hypothetical
and wished-for events are not asserted; announced ones are marked planned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from spacy.tokens import Token

from ..model import ActorRef, Agreement, DateValue, Event
from ..resources import Lexicon, Trigger
from .tokens import token_columns
from .actors import DocActors
from .dates import DateMention, ahead
from .merge import GENERIC_KIND, absorb_agreement, absorb_event
from .syntax import (ENDED_EVENT_VERBS, GROUP_NOUNS, PAIR_WORDS, PERSON_NOUNS, Coreference, DateIndex,
                     clause_subjects, governing_chain, headline_co_subjects, is_definite, is_failed,
                     is_hypothetical, is_negated,
                     is_time_link, is_planned, joined_verb, reads_as_reduced_relative, relative_antecedent,
                     subtree_actors)

SIGNING_VERBS = {"sign", "initial", "ink", "countersign"}
SIGNATORY_CLASSES = ("Person", "State", "Organization")
SHARED_SUBJECT_PREPS = {"after", "before", "while", "since", "upon", "by", "following"}  # "said after hosting"
CONCLUDE_VERBS = {"sign", "initial", "reach", "agree", "conclude", "broker", "strike", "seal", "ink", "adopt", "finalize",
                  "finalise", "approve", "accept", "mediate", "end", "negotiate", "secure", "clinch", "implement"}
AGREEING_VERBS = {"agree", "reach", "sign", "initial", "conclude", "seal", "strike", "ink", "broker", "clinch"}
ENDING_VERBS = {"end", "halt", "stop", "conclude"}
CONFLICT_WORDS = {"war", "fighting", "conflict", "hostility", "hostilities", "violence", "clash", "bloodshed"}
PARTICIPANT_PREPS = {"with", "between", "among", "against", "by", "of", "from"}
TARGET_PREPS = {"on", "into", "at"}  # what a military operation is on
REPORT_DAY_GAP = re.compile(r"\s+(?:(?:late|early)\s+)?(?:on\s+)?")  # "said (late) on Monday", "said Monday"
MAX_REPORT_DAY_GAP = 12
LOCATION_PREPS = {"in", "at"}
RELEASE_OBJECTS = {"prisoner", "hostage", "captive", "detainee", "soldier", "journalist", "civilian", "person",
                   "people", "citizen", "serviceman", "servicemen", "prisoners", "pow"}
NEEDS_PARTICIPANTS = {"Meeting", "Negotiation", "Statement", "Signing", "Release", "Visit"}
NEEDS_WHO_OR_WHERE = {"MilitaryOperation"}  # "a strike earmarked for 23 March", "treated as assault": no operation
TAKES_EFFECT = re.compile(r"\b(?:tak(?:e|es|ing)|took|come|comes|came|enter|enters|entered)\s+(?:into\s+)?(?:effect|"
                          r"force)\b|\b(?:begins?|starts?|expires?)\b", re.I)  # when an agreement applies, not its date
RELATIVE_PRONOUNS = {"which", "who", "that"}
GENERIC_MODIFIERS = {"previous", "earlier", "past", "other", "several", "many", "repeated", "numerous", "multiple",
                     "prior", "successive", "countless", "various", "such"}
MEDIATED_CLASSES = {"Ceasefire", "Meeting", "Negotiation", "Signing", "Release", "Visit"}
MEDIATOR_TAKES_PART = {"Signing", "Meeting"}  # a mediator signs, or hosts, as a participant too


@dataclass
class TriggerHit:
    token: Token
    start: int
    end: int
    trigger: Trigger


@dataclass
class AgreementHit:
    token: Token
    start: int
    end: int
    kind: str


def _match_phrases(doc, phrases: list[tuple[list[str], object]], taken: set[int], accept=None):
    """Longest-first matches of lowercased word sequences against token lemmas or texts. `accept(start, end,
    payload)` vets a candidate before it takes its tokens, so that a phrase listed twice ("release" as a verb
    and as a noun) is tried in each reading."""
    by_first: dict[str, list[tuple[list[str], object]]] = {}
    for words, payload in sorted(phrases, key=lambda p: -len(p[0])):
        by_first.setdefault(words[0], []).append((words, payload))
    columns = token_columns(doc)
    lemmas, lowers = columns.lemma, columns.lower
    candidates = []
    for i in range(len(doc)):
        lemma, lower = lemmas[i], lowers[i]
        for key in (lemma,) if lemma == lower else (lemma, lower):  # lemma first, in a fixed order: ties keep it
            for words, payload in by_first.get(key, ()):
                n = len(words)
                if i + n <= len(doc) and all(lemmas[i + k] == w or lowers[i + k] == w for k, w in enumerate(words)):
                    candidates.append((-n, i, words, payload))
    hits = []
    for neg_n, i, words, payload in sorted(candidates, key=lambda c: (c[0], c[1])):
        n = -neg_n
        if any(j in taken for j in range(i, i + n)):
            continue
        if accept is not None and not accept(i, i + n, payload):
            continue
        hits.append((i, i + n, payload))
        taken.update(range(i, i + n))
    return hits


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition, through a gerund ("with visiting X" → X)."""
    out = []
    for child in prep.children:
        if child.dep_ == "pobj":
            out.append(child)
        elif child.dep_ == "pcomp":
            out.extend(g for g in child.children if g.dep_ in ("dobj", "pobj"))
    return out


def _antecedent(anaphor: Event, events: list[Event], such: bool = False) -> Event | None:
    """The last dated event of the anaphor's class reported before it (for undated "talks", a meeting will do;
    for "such" a meeting, talks too: "hosted A and B for talks, the first such meeting in years"). Its status
    must match ("the talks will resume" is another round), except for a truce: "the truce would take effect at
    midnight" is the truce just agreed, and "such" a one."""
    start = min(m.start for m in anaphor.mentions)
    classes = [anaphor.cls] + (["Meeting"] if anaphor.cls == "Negotiation" and (anaphor.date is None or such) else
                               ["Negotiation"] if anaphor.cls == "Meeting" and such else [])
    any_status = anaphor.date is not None or anaphor.cls == "Ceasefire" or such
    if such:  # its own sentence too, any event named before it
        candidates = events[:next((i for i, e in enumerate(events) if e is anaphor), len(events))]
    else:
        candidates = [e for e in events if e is not anaphor and min(m.start for m in e.mentions) < start]
    for cls in classes:
        earlier = [e for e in candidates if e.cls == cls and e.date is not None
                   and (e.status == anaphor.status or any_status)]
        if earlier:
            return max(earlier, key=lambda e: min(m.start for m in e.mentions))
    return None


def _signing_verb(token: Token) -> Token | None:
    """The verb that signs an agreement: one it hangs from ("signed the accord"), or its own participle or
    relative clause ("the accord, signed on 12 December")."""
    signer = next((n for n in governing_chain(token, 3)[1:] if n.lemma_.lower() in SIGNING_VERBS), None)
    return signer or next((c for c in token.children
                           if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in SIGNING_VERBS), None)


def _is_such(token: Token) -> bool:
    """"The first such meeting in seven years", "such talks": the kind of event just reported, meaning it."""
    return token.pos_ in ("NOUN", "PROPN") and any(c.lower_ == "such" and c.dep_ in ("amod", "det", "predet")
                                                   for c in token.children)


def _is_back_reference(token: Token) -> bool:
    """"The deal", "this agreement": no words of their own that would make them another one ("the 2015 accord",
    "the Minsk agreement", "a new deal")."""
    return is_definite(token) and not any(c.dep_ in ("amod", "compound", "nummod", "poss", "nmod")
                                          for c in token.children)


def _fold_into(antecedent: Event, event: Event) -> None:
    """A later mention of an event already recorded joins it, which keeps its own date."""
    absorb_event(antecedent, event, take_date=False)
    if antecedent.agreement is not None and antecedent.cls == "Ceasefire":
        antecedent.agreement.mediators |= event.mediators  # "the truce, brokered by Riyadh": its agreement too


def period_start(value: DateValue) -> str:
    """The first day of a date's period, as an ISO string comparable with other days."""
    return {"gYear": value.value + "-01-01", "gYearMonth": value.value + "-01"}.get(value.kind, value.value)


def _complements(verb: Token, depth: int = 3) -> list[Token]:
    """The verbs that complete a verb, its subject theirs ("are due to resume", "are expected to take
    place", "were set to begin"): xcomp, also through an adjective ("due")."""
    out = []
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            out.append(child)
            if depth > 1:
                out.extend(_complements(child, depth - 1))
        elif child.dep_ == "acomp" and depth > 1:
            out.extend(_complements(child, depth - 1))
    return out


def _split_phrase(phrase: str) -> list[str]:
    """Words of a lexicon phrase as spaCy tokenizes them ("flare-up" → flare, -, up)."""
    return phrase.replace("-", " - ").split()


class EventFinder:
    def __init__(self, found: DocActors, lexicon: Lexicon, dates: list[DateMention], coref: Coreference,
                 published: DateValue | None):
        self.found = found
        self.doc = found.doc
        self.lexicon = lexicon
        self.coref = coref
        self.dates = DateIndex.build(found, dates)
        self.published = published
        self.published_day = date.fromisoformat(published.value) if published is not None else None
        self.mediators_by_sentence: dict[int, list[ActorRef]] = {}
        self.observers_by_sentence: dict[int, set[ActorRef]] = {}
        self.signable = {w for phrase in lexicon.agreements for w in _split_phrase(phrase)} | lexicon.cue(
            "signed-object")  # what a signing event may sign
        self.talk_words = self.signable | {t.phrase for t in lexicon.triggers if " " not in t.phrase
                                           and t.cls in ("Negotiation", "Meeting", "Ceasefire")}

    # -- triggers -------------------------------------------------------------------------------
    def find_agreement_hits(self, taken: set[int]) -> list[AgreementHit]:
        phrases = [(_split_phrase(p), kind) for p, kind in self.lexicon.agreements.items()]

        def accept(start, end, kind):
            head = self.doc[end - 1]
            return head.pos_ in ("NOUN", "PROPN") and (kind != "joint statement" or self._concluded(head))
        return [AgreementHit(self.doc[end - 1], start, end, kind)
                for start, end, kind in _match_phrases(self.doc, phrases, taken, accept)]

    def find_trigger_hits(self, taken: set[int]) -> list[TriggerHit]:
        phrases = [(_split_phrase(t.phrase), t) for t in self.lexicon.triggers]

        def token_of(start, end, trigger):
            return self.doc[start] if trigger.pos == "VERB" else self.doc[end - 1]
        return [TriggerHit(token_of(start, end, trigger), start, end, trigger)
                for start, end, trigger in _match_phrases(
                    self.doc, phrases, taken, lambda s, e, t: self._trigger_ok(token_of(s, e, t), t))]

    def _trigger_ok(self, token: Token, trigger: Trigger) -> bool:
        pos = token.pos_
        if trigger.pos == "VERB" and pos not in ("VERB",):
            return False
        if trigger.pos == "NOUN" and pos not in ("NOUN", "PROPN") and not (
                token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
            return False
        if trigger.pos == "VERB" and token.tag_ == "VBG" and token.dep_ in ("amod", "pcomp", "acl", "compound") \
                and not self._done_before(token):
            return False
        if token.dep_ in ("compound", "poss", "amod") and trigger.pos == "NOUN" and token.head.pos_ in ("NOUN", "PROPN"):
            return False
        if trigger.phrase == "talk" and token.lower_ != "talks":
            return False
        if token.tag_ in ("NNS", "NNPS") and any(c.dep_ in ("amod", "det") and c.lower_ in GENERIC_MODIFIERS
                                                 for c in token.children):
            return False  # "previous ceasefires", "earlier truces": a kind of event, not one of them
        if trigger.cls == "Release" and not self._releases_people(token):
            return False
        if trigger.cls == "ArmedConflict" and token.head.lower_ == "of" \
                and token.head.head.lemma_.lower() in RELEASE_OBJECTS:
            return False  # "prisoners of war"
        if trigger.cls == "Signing" and token.pos_ == "VERB" and not self._signs_an_agreement(token):
            return False
        if trigger.cls == "Meeting" and token.pos_ == "VERB" and not self._meets_someone(token):
            return False
        if trigger.cls == "MilitaryOperation" and token.pos_ == "VERB" and token.lemma_.lower() in ("strike", "hit") \
                and not self._strikes_a_target(token):
            return False  # "struck a deal", "struck a chord", "hit by sanctions"
        if trigger.cls == "MilitaryOperation" and token.pos_ == "VERB" and token.lemma_.lower() in ("fire", "launch") \
                and not any(c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.cue("fired-weapon")
                            for c in token.children):
            return False  # "fired the minister"
        if trigger.cls == "MilitaryOperation" and token.i >= 2 and self.doc[token.i - 1].lower_ == "the" \
                and self.doc[token.i - 2].lower_ == "on":
            return False  # "went on the offensive": a manner of arguing
        if trigger.cls == "MilitaryOperation" and token.pos_ == "VERB" \
                and token.lemma_.lower() in self.lexicon.cue("taking-verb") and self._takes_people(token):
            return False  # "eight men seized at a hotel": an arrest, not an operation
        return True

    def _takes_people(self, token: Token) -> bool:
        """What is seized or captured is people ("seized eight men", "men seized at a hotel", "captured two
        journalists"), not a place or a position."""
        taken = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if token.dep_ == "acl":
            taken.append(token.head)
        return any(t.lemma_.lower() in self.lexicon.cue("captive") | RELEASE_OBJECTS
                   or (self.found.actor_at(t) or ActorRef("", "")).cls == "Person" for t in taken)

    def _done_before(self, token: Token) -> bool:
        """A verb in -ing after "after", "following", "while"... (lexicon cue done-before): "Blinken, speaking
        after meeting Qatar's prime minister, said": the meeting happened; not "insisted on meeting"."""
        return token.dep_ == "pcomp" and token.head.dep_ == "prep" \
            and token.head.lower_ in self.lexicon.cue("done-before")

    def _strikes_a_target(self, token: Token) -> bool:
        """"Drones struck the city", "Russia struck Kyiv": what is struck is a place, state or body, or a
        target noun, or what strikes is a weapon or a force (lexicon cues strike-target, strike-agent)."""
        targets, agents = self.lexicon.cue("strike-target"), self.lexicon.cue("strike-agent")
        for child in token.children:
            if child.dep_ == "dobj" and ((self.found.actor_at(child) or ActorRef("Person", "")).cls != "Person"
                                         or child.lemma_.lower() in targets):
                return True  # a place, state or body (not "her debut hit Genie", a song named after a person)
            if child.dep_ in ("dobj", "ccomp") and any(c.lower_ == "what" for c in child.subtree) and any(
                    t.dep_ in ("oprd", "dobj", "attr") and t.lemma_.lower() in targets for t in child.subtree):
                return True  # "struck what it called terrorist camps"
            if child.dep_ == "nsubj" and child.lemma_.lower() in agents:
                return True
        return False

    def _meets_someone(self, token: Token) -> bool:
        """"Met Kurti", "met his counterparts", "met in Ohrid": a meeting; "met concerns", "meet the target",
        "demands were met": another sense of the verb."""
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN" and self.found.actor_at(child) is None \
                    and child.lemma_.lower() not in GROUP_NOUNS | PERSON_NOUNS:
                return False
        return True

    def _signs_an_agreement(self, token: Token) -> bool:
        """"Signed the accord", "signed it", "signed in Istanbul": yes; "signed a motion", "a petition": no."""
        allowed = self.signable
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN" and child.lemma_.lower() not in allowed \
                    and child.lower_ not in allowed:
                return False
        return True

    def _releases_people(self, token: Token) -> bool:
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "compound")]  # "a prisoner swap"
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            objects.extend(c for c in prep.children if c.dep_ == "pobj")
        if token.dep_ == "nsubjpass" or token.dep_ == "compound":
            objects.append(token.head)
        return any(o.lemma_.lower() in RELEASE_OBJECTS or (self.found.actor_at(o) or ActorRef("", "")).cls == "Person"
                   for o in objects)

    def _concluded(self, token: Token) -> bool:
        """An agreement noun reported as concluded: signed, reached, brokered, "ended ... with a deal"."""
        for node in governing_chain(token, 3)[1:]:
            if node.lemma_.lower() in CONCLUDE_VERBS:
                return True
            if node.pos_ in ("VERB", "AUX"):
                break
        for child in token.children:
            if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in CONCLUDE_VERBS:
                return True
            if child.lemma_.lower() in ("brokered", "broker", "mediate", "mediated", "sign", "signed"):
                return True
            if child.dep_ == "amod" and any(g.lemma_.lower() in ("broker", "mediate") for g in child.subtree):
                return True
        return False

    # -- arguments ------------------------------------------------------------------------------
    def targets(self, token: Token) -> list[ActorRef]:
        """The states and organizations an attack is on or into ("an attack on Ukraine's energy grid",
        "an incursion into Russia's Kursk region"), or whose land its targets are in ("struck nine sites in
        Pakistan"); a place attacked is where, not who."""
        out = []
        if token.pos_ == "VERB":  # "struck nine sites in Pakistan", "struck targets in Lebanon": the state they are in
            out.extend(r for obj in [token] + [c for c in token.children if c.dep_ == "dobj"
                                               and self.found.actor_at(c) is None]
                       for prep in obj.children if prep.dep_ == "prep" and prep.lower_ == "in"
                       for pobj in prep_objects(prep) for t in pobj.subtree if (r := self.found.actor_at(t)) is not None
                       and r.cls == "State" and r not in out)
        weapons = [o for c in token.children if c.dep_ == "dobj" and token.pos_ == "VERB"
                   for o in [c] + list(c.conjuncts)]  # "launched 400 drones and 40 missiles at Ukraine"
        for prep in (c for node in [token] + weapons for c in node.children
                     if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
            for pobj in prep_objects(prep):
                refs = subtree_actors(pobj, self.found, self.coref) + [  # and whose place it is ("Russia's Kursk region")
                    self.found.actor_at(t) for t in pobj.children if t.dep_ == "poss"]
                out.extend(r for r in refs if r is not None and r.cls in ("State", "Organization") and r not in out)
        return out

    def participants(self, token: Token, exclude: set[int] = frozenset()) -> list[ActorRef]:
        out: list[ActorRef] = []
        for child in token.children:
            if child.i in exclude:
                continue
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "amod", "compound", "nmod"):
                if child.dep_ in ("amod", "compound", "nmod") and self._modifier_place(child) is not False:
                    continue  # no actor, or where it is: "the Geneva talks", "an Oval Office meeting"
                out.extend(subtree_actors(child, self.found, self.coref))
                if child.dep_ == "nsubj":
                    out.extend(headline_co_subjects(token, self.found))
            elif child.dep_ == "conj" and token.pos_ == "VERB" and child.pos_ in ("PROPN", "NOUN") \
                    and self.found.actor_at(child) is not None:  # "signed by A, an adviser to B, and C": the
                out.extend(subtree_actors(child, self.found, self.coref))  # parser joins C to the verb
            elif child.dep_ in ("prep", "agent") and child.lower_ in PARTICIPANT_PREPS:
                for pobj in prep_objects(child):
                    if pobj.i not in exclude:
                        out.extend(subtree_actors(pobj, self.found, self.coref))
        if token.lemma_.lower() in SIGNING_VERBS:  # "signed for Moscow", "signed on behalf of the TPLF"
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "on")):
                for pobj in prep_objects(prep):
                    if prep.lower_ == "on" and pobj.lower_ == "behalf":
                        pobj = next((o for p in pobj.children if p.lower_ == "of" for o in prep_objects(p)), None)
                    if pobj is None:
                        continue
                    ref = self.found.actor_at(pobj)
                    named = [ref] if ref is not None else subtree_actors(pobj, self.found, self.coref)
                    out.extend(r for r in named if r.cls in ("State", "Organization"))  # "for the AFC/M23 alliance"
                    out.extend(r for c in pobj.conjuncts if (r := self.found.actor_at(c)) is not None
                               and r.cls == "Person")  # "A for Kinshasa and B for the rebels": B, hung on Kinshasa
        if not out:
            verb = next((n for n in governing_chain(token)[1:2] if n.pos_ == "VERB"), None)
            around = list(token.subtree) + ([c for c in verb.children if c.dep_ == "prep"] if verb else [])
            for node in around:
                if node.dep_ == "prep" and node.lower_ in ("between", "against"):
                    for pobj in prep_objects(node):
                        out.extend(subtree_actors(pobj, self.found, self.coref))
        noun = token.pos_ in ("NOUN", "PROPN")
        answered = noun and self._in_response_to(token)  # "in response to an attack": never the answering side's
        other_happening = noun and (answered or self._after_something(token)) and not self._held_with(token)
        if ((noun and not (out and other_happening)) or not out or self._shares_a_subject(token)) \
                and not (answered and other_happening):
            out.extend(clause_subjects(token, self.found, self.coref))
        if token.pos_ == "VERB" and token.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in token.children):
            out.extend(clause_subjects(token.head, self.found, self.coref) or
                       [r for c in token.head.children if c.dep_ == "nsubj"
                        for r in subtree_actors(c, self.found, self.coref)])
        seen, unique = set(), []
        for r in out:
            if r not in seen:
                seen.add(r)
                unique.append(r)
        return unique

    @staticmethod
    def _shares_a_subject(token: Token) -> bool:
        """A verb without a subject of its own below another ("after meeting X", "agreed to meet X", "Hosting
        the talks, Anwar said"): whoever does the verb above does this one too, beside its objects."""
        return token.pos_ == "VERB" and token.dep_ in ("pcomp", "xcomp", "advcl") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)

    @staticmethod
    def _held_with(token: Token) -> bool:
        """"Talks with U.S. officials", "clashes with Russian forces": the other side is named, so the clause's
        subject is the first ("Ukraine said after talks with U.S. officials")."""
        return any(c.dep_ == "prep" and c.lower_ == "with" and prep_objects(c) for c in token.children)

    def _in_response_to(self, token: Token) -> bool:
        """"Hit back in response to an attack", "in retaliation for the strikes": what is answered is another
        side's doing (cue role response)."""
        for node in governing_chain(token)[1:]:
            if node.pos_ in ("VERB", "AUX"):
                return False
            if node.dep_ == "prep" and node.lower_ in ("to", "for") and node.head.lemma_.lower() in self.lexicon.cue(
                    "response"):
                return True
        return False

    @staticmethod
    def _after_something(token: Token) -> bool:
        """A noun in "after", "before", "since"... below its clause ("fired rockets a day after the Hamas
        attack"): another happening, whose sides are its own, not the clause's subject."""
        for node in governing_chain(token)[1:]:
            if node.pos_ in ("VERB", "AUX"):
                return False
            if is_time_link(node):
                return True
        return False

    def location(self, token: Token) -> ActorRef | None:
        """The place in an "in/at X" phrase of the trigger or of the verb it hangs from, or the place
        visited ("visited Kyiv")."""
        for child in token.children:
            if child.dep_ == "dobj" and token.pos_ == "VERB":
                ref = self._place_named_by(child)  # "visited Kyiv", "seized the capital Sanaa"
                if ref is not None and ref.cls == "Place":
                    return ref
        if token.pos_ in ("NOUN", "PROPN"):
            for child in token.children:
                place = self._modifier_place(child) if child.dep_ in ("compound", "nmod") else None
                if place:
                    return place  # "the Geneva talks", "an Oval Office meeting"
        for node in governing_chain(token, 3):
            ref = self._place_in(node, within_buildings=True)
            if ref is not None:
                return ref
            if node.pos_ in ("VERB", "AUX") and node is not token:
                break
        if token.pos_ in ("NOUN", "PROPN"):  # "Putin's meeting with Trump in Alaska": the parser hangs the place
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"):  # on the other side
                for pobj in prep_objects(prep):
                    ref = self._place_in(pobj) if self.found.actor_at(pobj) is not None else None
                    if ref is not None and ref.cls == "Place":
                        return ref
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass"):
            for verb in _complements(token.head):  # "talks are due to resume in Doha", "expected to take place in"
                ref = self._place_in(verb)
                if ref is not None:
                    return ref
        if token.pos_ in ("NOUN", "PROPN") and token.head.dep_ == "prep" and token.head.lower_ == "for":
            trip = token.head.head  # "visited Moscow for talks", "flew to Doha for talks": where the trip went
            if trip.pos_ == "VERB" and trip.lemma_.lower() in self.lexicon.cue("journey") | {"visit"}:
                place = self._destination(trip) or next(
                    (r for c in trip.children if c.dep_ == "dobj" and (r := self._place_named_by(c)) is not None), None)
                if place is not None:
                    return place
        if token.pos_ == "VERB":  # "signed the accord in Havana": the parser hangs the place on the object
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in LOCATION_PREPS):
                    for pobj in prep_objects(prep):
                        ref = self._place_named_by(pobj)
                        if ref is not None and ref.cls == "Place":
                            return ref
        return None

    def _modifier_place(self, modifier: Token) -> ActorRef | None | bool:
        """The place a modifier names ("Geneva" in "the Geneva talks"), None if it names no actor, False if it
        names another kind of actor ("Russian" in "Russian strikes")."""
        ref = self.found.actor_at(modifier)
        if ref is None or ref.cls == "Place":
            return ref
        return False

    def _place_named_by(self, head: Token) -> ActorRef | None:
        """"Brussels", "the Georgian capital of Tbilisi", "the city of X": the place itself."""
        ref = self.found.actor_at(head)
        if ref is not None and ref.cls in ("Place", "State"):
            return ref
        for child in head.children:
            if self._names_a_region(child):
                continue
            if child.dep_ in ("appos", "compound") or (child.dep_ == "prep" and child.lower_ == "of"):
                for t in ([child] if child.dep_ != "prep" else prep_objects(child)):
                    ref = self.found.actor_at(t)
                    if ref is not None and ref.cls == "Place":
                        return ref
        return None

    def _place_in(self, node: Token, within_buildings: bool = False) -> ActorRef | None:
        """The place an "in" or "at" phrase of the word names; with `within_buildings`, also the place a building
        it names stands in ("at Anwar's official residence in Putrajaya", "at a hotel in Doha")."""
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in LOCATION_PREPS:
                for pobj in prep_objects(child):
                    ref = self._place_named_by(pobj) or (
                        self._place_in(pobj) if within_buildings and self.found.actor_at(pobj) is None else None)
                    if ref is not None:
                        return ref
        return None

    def _names_a_region(self, modifier: Token) -> bool:
        """"Red Sea" in "the Red Sea city", "Black Sea" in "the Black Sea port": the region a settlement lies
        in, neither the place it names nor a side."""
        head = modifier.head
        return modifier.dep_ == "compound" and head.tag_ == "NN" and head.lemma_.lower() in self.lexicon.cue(
            "settlement") and (self.found.actor_at(modifier) or ActorRef("", "")).cls == "Place"

    def _of_sentence(self, memo: dict, token: Token, find):
        """find(sentence) for the sentence of `token`, found once per sentence."""
        sent = self.found.sentence(token.i)
        if sent.start not in memo:
            memo[sent.start] = find(sent)
        return memo[sent.start]

    def sentence_mediators(self, token: Token) -> list[ActorRef]:
        return self._of_sentence(self.mediators_by_sentence, token, self._find_mediators)

    def _find_mediators(self, sent) -> list[ActorRef]:
        cues = self.lexicon.cue("mediation")
        out: list[ActorRef] = []
        # read from the token columns: a token that is no cue, in a sentence without "between", is never made
        columns = token_columns(self.doc)
        between = "between" in columns.lower[sent.start:sent.end]
        for i in range(sent.start, sent.end):
            lemma = columns.lemma[i]
            phrase_word = lemma in self.mediation_phrase_words
            cue = lemma in cues or columns.lower[i] in cues
            if not (phrase_word or cue or between):
                continue
            token = self.doc[i]
            if phrase_word:
                out.extend(self._played_part(token))
                out.extend(self._led_talks(token))
                out.extend(self._talks_envoy(token))
            if between and token.pos_ == "VERB":  # its talks "between" two sides are in its sentence
                out.extend(self._arranged_between(token))
            if not cue or self._chairs_a_bodys_meeting(token):
                continue
            if token.pos_ in ("NOUN", "PROPN"):
                heads = [token] + [c for c in token.children if c.dep_ == "conj"]
                for head in heads:
                    for child in head.children:
                        if child.dep_ in ("amod", "compound", "poss") and self.found.actor_at(child):
                            out.extend(self._hyphenated_actors(child))  # "Qatari-Egyptian mediation"
                        if child.dep_ == "prep" and child.lower_ in ("of", "from"):  # "mediators from Qatar"
                            out.extend(self._mediator_objects(child))
                if token.dep_ == "appos" and self.found.actor_at(token.head) is not None:
                    out.append(self.found.actor_at(token.head))  # "Qatar, a key mediator, said"
                out.extend(self._acting_as(token))  # "with Cuba and Norway acting as guarantors"
                if token.dep_ == "attr":  # "Cuba and Norway are guarantors of the talks"
                    out.extend(r for c in token.head.children if c.dep_ == "nsubj"
                               for r in subtree_actors(c, self.found, self.coref))
                if token.dep_ in ("compound", "nmod") or token.head.lemma_.lower() in ("effort", "role"):
                    for child in token.head.children:
                        if child.dep_ == "prep" and child.lower_ == "of":
                            out.extend(self._mediator_objects(child))
            else:
                subject_of = self._controller(token)  # "Qatar helped broker the deal", "Anwar said after hosting"
                for child in token.children:
                    if child.dep_ == "agent":
                        out.extend(self._mediator_objects(child))
                    if child.dep_ == "dobj" and token.pos_ == "VERB":
                        out.extend(self._joint_mediators(child))  # "mediated the talks together with Macron"
                if token.dep_ == "pcomp" and token.head.lower_ == "for" and token.head.head.lemma_.lower() in \
                        self.lexicon.cue("credit"):  # "thanked the U.S. for facilitating the agreement"
                    out.extend(r for c in token.head.head.children if c.dep_ == "dobj"
                               for r in subtree_actors(c, self.found, self.coref))
                for child in subject_of.children:
                    if child.dep_ == "nsubj" and token.pos_ == "VERB" and child.lower_ not in RELATIVE_PRONOUNS:
                        out.extend(subtree_actors(child, self.found, self.coref))
                        out.extend(self._joint_mediators(child))
                if token.pos_ == "VERB":
                    out.extend(self._joint_mediators(token))
                shuttling = token.dep_ == "acl" and token.tag_ == "VBG"  # not "an agreement brokered by": passive
                pronoun = next((c for c in token.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS),
                               None) if token.dep_ == "relcl" else None
                if token.pos_ == "VERB" and pronoun is not None:  # "Qatar, which brokered the deal"
                    out.extend(relative_antecedent(token, pronoun, self.found, self.coref))
                elif token.pos_ == "VERB" and shuttling:  # "with Oman's minister shuttling"
                    out.extend(subtree_actors(token.head, self.found, self.coref))
                prev = token.i - 1
                if prev >= 0 and self.doc[prev].text in ("-", "–"):
                    ref = self.found.actor_at(self.doc[prev - 1]) if prev >= 1 else None
                    if ref:
                        out.append(ref)
                if token.dep_ == "amod":
                    for child in token.children:
                        ref = self.found.actor_at(child)
                        if ref:
                            out.append(ref)
        seen, unique = set(), []
        for r in out:
            if r not in seen and r.cls != "Place":
                seen.add(r)
                unique.append(r)
        return unique

    def _arranged_between(self, token: Token) -> list[ActorRef]:
        """"Qatar negotiated a ceasefire between Israel and Hamas", "Turkey arranged talks between Moscow and
        Kyiv": who brings about talks or a truce between others mediates them."""
        if token.pos_ != "VERB":
            return []
        between = [r for o in token.children if o.dep_ == "dobj" and o.lemma_.lower() in self.talk_words
                   for p in o.children if p.dep_ == "prep" and p.lower_ == "between"
                   for pobj in prep_objects(p) for r in subtree_actors(pobj, self.found, self.coref)]
        if len(between) < 2:
            return []
        return [r for c in token.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS
                for r in subtree_actors(c, self.found, self.coref) if r not in between]

    def _still_in_the_making(self, token: Token) -> bool:
        """An agreement or truce that the nearest verb above says is being drafted, negotiated or worked on
        (cue role in-the-making: "drafting a memorandum", "are negotiating a ceasefire", "working on a deal"),
        or that something leads toward."""
        if token.dep_ == "pobj" and token.head.lower_ in ("toward", "towards"):
            return True  # "a step toward a peace treaty", "progress towards a ceasefire": not made yet
        chain = governing_chain(token, 3)
        making = self.lexicon.cue("in-the-making")
        for below, node in zip(chain, chain[1:]):
            if node.pos_ in ("VERB", "AUX"):
                ongoing = node.lemma_.lower() in self.lexicon.cue("in-the-making-present") and node.tag_ in (
                    "VB", "VBP", "VBZ", "VBG")  # "while they negotiate a peace deal"; "Qatar negotiated the truce" made it
                return (node.lemma_.lower() in making or node.lower_ in making or ongoing) and (
                    below.dep_ in ("dobj", "nsubjpass") or below.dep_ == "prep" and below.lower_ in ("on", "toward",
                                                                                                    "towards"))
        return False

    def _talks_envoy(self, token: Token) -> list[ActorRef]:
        """"The EU's envoy for the Belgrade-Pristina dialogue, Miroslav Lajcak": whoever sends an envoy for the
        talks (cue role talks-envoy), and the envoy, mediate them (not "Ukraine's envoy to the talks": a side's)."""
        if token.lemma_.lower() not in self.lexicon.cue("talks-envoy") or token.pos_ != "NOUN":
            return []
        if not any(c.dep_ == "prep" and c.lower_ == "for" and any(o.lemma_.lower() in self.talk_words
                                                                  for o in prep_objects(c)) for c in token.children):
            return []
        out = [r for c in token.children if c.dep_ in ("poss", "compound", "amod")
               for r in self._hyphenated_actors(c) if self.found.actor_at(c) is not None]
        named = [self.found.actor_at(c) for c in token.children if c.dep_ == "appos"]
        return out + [r for r in named if r is not None and r.cls == "Person"]

    def _chairs_a_bodys_meeting(self, token: Token) -> bool:
        """"Chairing a meeting of the Commission for Africa", "a session of the council chaired by X": the
        chair of a body's own meeting, not a mediator between sides."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.cue("chair-verb"):
            return False
        chaired = [c for c in token.children if c.dep_ == "dobj"] + ([token.head] if token.dep_ == "acl" else [])
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(self.found.actor_at(o) for o in prep_objects(c))
                   for noun in chaired for c in noun.children)

    def _led_talks(self, token: Token) -> list[ActorRef]:
        """"Egyptian-led talks between Israel and Hamas", "the Qatar-led mediation": the actor hyphenated
        to "led" (cue role led-talks) on a noun of talks or of mediation (not "a US-led coalition"), unless
        the talks are "with" someone ("Israeli-led talks with Hamas": Israel is a side)."""
        if token.lemma_.lower() not in self.lexicon.cue("led-talks") or token.dep_ != "amod" or token.i < 2 \
                or self.doc[token.i - 1].text not in ("-", "–"):
            return []
        head = token.head.lemma_.lower()
        if head not in self.negotiation_words and head not in self.lexicon.cue("mediation") or any(
                c.dep_ == "prep" and c.lower_ == "with" for c in token.head.children):
            return []  # "Israeli-led talks with Hamas": a side's
        leader = self.doc[token.i - 2]
        return self._hyphenated_actors(leader) if self.found.actor_at(leader) else []

    @cached_property
    def mediation_phrase_words(self) -> frozenset[str]:
        """The cue words of the mediation phrases tried word by word (_played_part, _led_talks, _talks_envoy)."""
        return self.lexicon.cue("third-party-part") | self.lexicon.cue("led-talks") | self.lexicon.cue("talks-envoy")

    @cached_property
    def negotiation_words(self) -> set[str]:
        return {t.phrase for t in self.lexicon.triggers if " " not in t.phrase and t.cls == "Negotiation"}

    def _played_part(self, token: Token) -> list[ActorRef]:
        """"Qatar played a key role in the talks", "with Sudan and Uganda playing a leading role in the
        negotiations": who played a part (cue role third-party-part) in talks, a truce or a deal mediated
        them; not "the two sides", nor the article's named sides (see named_sides)."""
        if token.lemma_.lower() not in self.lexicon.cue("third-party-part") or token.dep_ != "dobj" \
                or token.head.lemma_.lower() != "play":
            return []
        objects = [o for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "to") for o in prep_objects(c)]
        if not any(o.lemma_.lower() in self.talk_words for o in objects):
            return []
        sides = self.named_sides
        if sides is None:
            return []
        return [r for c in token.head.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS
                and c.lemma_.lower() not in PAIR_WORDS
                for r in subtree_actors(c, self.found, self.coref) if r not in sides]

    @cached_property
    def named_sides(self) -> set[ActorRef] | None:
        """The sides of the article's talks, truces or deals, whatever part they play: who they are "between",
        and who holds, signs or reaches them ("Kenya and Somalia held talks"); None when the article says
        only "between the two sides", and so who the sides are is not known yet."""
        sides: set[ActorRef] = set()
        for token in self.doc:
            if token.lemma_.lower() not in self.talk_words:
                continue
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ == "between":
                    for g in prep_objects(c):
                        if g.lemma_.lower() in PAIR_WORDS:
                            return None
                        sides.update(subtree_actors(g, self.found, self.coref))
            if token.dep_ == "dobj" and token.head.pos_ == "VERB" and token.head.lemma_.lower() not in (
                    self.lexicon.cue("mediation") | self.lexicon.cue("hosting")):
                sides.update(r for c in token.head.children if c.dep_ == "nsubj"
                             for r in subtree_actors(c, self.found, self.coref))
        return sides

    def sentence_observers(self, token: Token) -> set[ActorRef]:
        """Who the sentence says only observes ("attended the talks as an observer", "the UN, an observer at
        the talks"): present, but neither a side nor a mediator."""
        return self._of_sentence(self.observers_by_sentence, token, self._find_observers)

    def _find_observers(self, sent) -> set[ActorRef]:
        cues = self.lexicon.cue("observer")
        out: set[ActorRef] = set()
        for token in sent:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in cues:
                continue
            if token.dep_ == "appos":
                out.update(subtree_actors(token.head, self.found, self.coref))
            elif token.dep_ == "pobj" and token.head.lower_ == "as":
                verb = next((n for n in token.head.ancestors if n.pos_ in ("VERB", "AUX")), None)
                if verb is None:
                    continue
                pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS),
                               None)
                if verb.dep_ == "relcl" and pronoun is not None:  # "Russia and Turkey, which attended as observers"
                    out.update(relative_antecedent(verb, pronoun, self.found, self.coref))
                else:
                    out.update(r for c in verb.children if c.dep_ == "nsubj"
                               for r in subtree_actors(c, self.found, self.coref))
        return out

    @staticmethod
    def _controller(verb: Token) -> Token:
        """The verb whose subject is the subject of a verb with none of its own: "Qatar helped broker the deal"
        (xcomp), "Anwar said after hosting talks" (after + -ing), "Hosting the talks, Anwar said" (advcl)."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.tag_ not in ("VB", "VBG"):
            return verb  # "co-chaired by the envoy" (a passive participle): no subject to share
        if verb.dep_ in ("xcomp", "advcl") and verb.head is not verb:
            return verb.head
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
                and verb.head.lower_ in SHARED_SUBJECT_PREPS and verb.head.head.pos_ in ("VERB", "AUX"):
            return verb.head.head
        return verb

    def _acting_as(self, role: Token) -> list[ActorRef]:
        """Who a mediating role is given to with "as": "talks held with Cuba and Norway acting as guarantor
        countries", "talks, with Norway as facilitator", "Qatar, acting as mediator", "Norway serves as
        facilitator"."""
        node = role.head if role.dep_ == "compound" else role
        if node.dep_ != "pobj" or node.head.lower_ != "as":
            return []
        prep = node.head
        head = prep.head
        scopes = [head] + ([head.head] if head.pos_ == "VERB" and head.dep_ in ("advcl", "acl") else [])
        for scope in scopes:
            with_prep = [c for c in scope.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < prep.i]
            if with_prep:
                return self._mediator_objects(with_prep[-1], joint=False)
        nested = [t for t in head.subtree if t.dep_ == "prep" and t.lower_ == "with" and t.right_edge.i == prep.i - 1]
        if nested:  # "negotiated over four years with Cuba and Norway as guarantors": "with" hangs on "years"
            return self._mediator_objects(nested[-1], joint=False)
        if head.pos_ in ("VERB", "AUX"):
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if subjects:
                return subtree_actors(subjects[0], self.found, self.coref)
            if head.dep_ == "acl" and self.found.actor_at(head.head) is not None:
                return [self.found.actor_at(head.head)]
        return []

    def _joint_mediators(self, node: Token) -> list[ActorRef]:
        """Who mediates with a mediator ("mediated by Michel alongside Macron", "mediated the talks together
        with Macron"): the objects of a joint preposition (cues of role "joint") hanging on its phrase."""
        joint = self.lexicon.cue("joint")
        out = []
        for prep in (c for c in node.children if c.dep_ == "prep"):
            together_with = prep.lower_ == "with" and (  # "together with", parsed either way
                any(c.dep_ == "advmod" and c.lower_ in joint for c in prep.children)
                or (prep.i > 0 and self.doc[prep.i - 1].lower_ in joint))
            if prep.lower_ in joint or together_with:
                out.extend(self._mediator_objects(prep, joint=False))
        return out

    def _hyphenated_actors(self, token: Token) -> list[ActorRef]:
        """The actor of a word and of those hyphenated before it ("US-Qatari", "Qatari-Egyptian")."""
        out = [self.found.actor_at(token)]
        i = token.i
        while i >= 2 and self.doc[i - 1].text in ("-", "–") and self.found.actor_at(self.doc[i - 2]) is not None:
            i -= 2
            out.insert(0, self.found.actor_at(self.doc[i]))
        return out

    def _mediator_objects(self, prep: Token, joint: bool = True) -> list[ActorRef]:
        out = []
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            ref = self.found.actor_at(pobj)
            if ref:
                out.append(ref)
            else:  # "by the UN special envoy", "of Qatari diplomats"
                out.extend(subtree_actors(pobj, self.found, self.coref))
            if joint:
                out.extend(self._joint_mediators(pobj))  # "mediated by Michel alongside Macron"
            conjuncts = [c for c in pobj.children if c.dep_ == "conj"]
            while conjuncts:
                conj = conjuncts.pop(0)
                if self.found.actor_at(conj):
                    out.append(self.found.actor_at(conj))
                conjuncts.extend(c for c in conj.children if c.dep_ == "conj")
        return out

    def all_mediators(self) -> set[ActorRef]:
        """Everyone the document names as mediating anything."""
        return {ref for sent in self.found.sentences for ref in self.sentence_mediators(sent[0])}

    def date_for(self, token: Token, trigger_tokens: set[int]) -> list[DateMention]:
        return self.dates.governing(token, trigger_tokens - {token.i}, self.lexicon.cue("report"))

    # -- assembly of one document's events -------------------------------------------------------
    def run(self) -> tuple[list[Event], list[Agreement]]:
        # words of a body's or a person's name are no trigger: "the Government of National Accord"
        taken = {i for m in self.found.mentions if m.ref.cls in ("Organization", "Person") and m.end - m.start > 1
                 for i in range(m.start, m.end)}
        agreement_hits = self.find_agreement_hits(taken)
        trigger_hits = self.find_trigger_hits(taken)
        trigger_tokens = {h.token.i for h in trigger_hits} | {h.token.i for h in agreement_hits}
        agreements_by_token: dict[int, Agreement] = {}
        agreement_spans: dict[int, set[int]] = {}
        unresolved: list[int] = []  # "the agreement" with no agreement named before it
        for hit in sorted(agreement_hits, key=lambda h: h.start):
            agreement = self._agreement(hit, trigger_tokens)
            if agreement is None:
                continue
            earlier = [a for i, a in sorted(agreements_by_token.items()) if i < hit.token.i]
            if earlier and _is_back_reference(hit.token):  # "the deal was signed on 20 May": the deal just named
                same_kind = [a for a in earlier if a.kind == agreement.kind]  # "the declaration": the declaration
                target = same_kind[-1] if same_kind and agreement.kind != GENERIC_KIND else earlier[-1]
                absorb_agreement(target, agreement)
                agreement = target
            elif _is_back_reference(hit.token):
                unresolved.append(hit.token.i)
            agreements_by_token[hit.token.i] = agreement
            agreement_spans[hit.token.i] = {t.i for t in hit.token.subtree}
        events: list[Event] = []
        trigger_hits = [h for h in trigger_hits if not self._meeting_purpose(h, trigger_hits)
                        and not self._topic_of_talks(h, trigger_hits)]
        anaphors: list[tuple[Event, bool]] = []  # and whether it is "such" a one
        unlinked_signings: list[tuple[TriggerHit, list[Event]]] = []
        for hit in trigger_hits:
            found = self._events(hit, trigger_tokens, agreements_by_token, agreement_spans)
            if len(found) == 1 and _is_such(hit.token):
                anaphors.append((found[0], True))
            elif self._is_anaphor(hit, found):
                anaphors.append((found[0], False))
            if hit.trigger.cls == "Signing" and found and found[0].agreement is None:
                unlinked_signings.append((hit, found))
            events.extend(found)
        for hit, found in unlinked_signings:  # "signed a truce": the truce's agreement is made after the signing
            agreement = self._linked_agreement(hit.token, agreements_by_token, agreement_spans)
            for event in found:
                event.agreement = agreement
                if agreement is not None:  # who signed it signs the agreement
                    agreement.signatories |= {p for p in event.participants if p.cls in SIGNATORY_CLASSES
                                              and p not in agreement.mediators}
        self._resolve_back_references(unresolved, agreements_by_token, events)
        events.extend(self._reported_statements(trigger_tokens))
        for token_i, agreement in agreements_by_token.items():
            if agreement.mentions and self._ends_conflict(self.doc[token_i], agreement) and not any(
                    e.agreement is agreement and e.cls == "Ceasefire" for e in events):
                events.append(Event("Ceasefire", "ceasefire", agreement.date, None,
                                    set(agreement.parties) - set(agreement.mediators), set(agreement.mediators),
                                    None, None, agreement, list(agreement.mentions)))
        for anaphor, such in anaphors:
            antecedent = _antecedent(anaphor, events, such)
            if antecedent is not None:
                _fold_into(antecedent, anaphor)
                events.remove(anaphor)
        unique = list({id(a): a for a in agreements_by_token.values()}.values())  # back references share one
        return events, unique

    def _outlives_negation(self, token: Token) -> bool:
        """An agreement that is the subject of a denied consequence was still made ("the accord signed in
        Algiers was never implemented", "the deal did not last"), unlike one whose coming about is denied
        ("the deal was not signed", words of cue role coming-about) or one named with "no"."""
        verb = token.head
        return (token.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "neg" for c in verb.children)
                and verb.lemma_.lower() not in self.lexicon.cue("coming-about")
                and not any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
                and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i for c in verb.children))

    @staticmethod
    def _resolve_back_references(unresolved: list[int], agreements_by_token: dict[int, Agreement],
                                 events: list[Event]) -> None:
        """"Signed a permanent ceasefire on Friday. The agreement was signed by...": the agreement a truce's
        verb made (made after the agreement words were read) is the one "the agreement" refers back to."""
        for token_i in unresolved:
            agreement = agreements_by_token[token_i]
            earlier = [a for i, a in sorted(agreements_by_token.items()) if i < token_i and a is not agreement]
            if not earlier:
                continue
            target = earlier[-1]
            absorb_agreement(target, agreement)
            for i, a in list(agreements_by_token.items()):
                if a is agreement:
                    agreements_by_token[i] = target
            for event in events:
                if event.agreement is agreement:
                    event.agreement = target

    def _sets_up_agreement(self, token: Token) -> bool:
        """A truce that is an agreement of its own: "agreed to cease fire", "agreed to a truce", "a US-brokered
        truce" (but "the truce, brokered by Riyadh" is the one just reported)."""
        if token.pos_ == "VERB" or self._agreed(token):
            return True
        return self._concluded(token) and not is_definite(token)

    def _agreed(self, token: Token) -> bool:
        """A ceasefire noun the sides agreed to, reached or signed ("agreed on Friday to a truce")."""
        for node in governing_chain(token, 4)[1:]:
            if node.pos_ in ("VERB", "AUX"):
                return node.lemma_.lower() in AGREEING_VERBS
        return False

    def _commitment_verb(self, token: Token) -> Token | None:
        """The verb of commitment of what the sides agreed or pledged to do ("agreed to the release of hostages",
        "pledged to meet"), if any: the nearest verb above is a commitment and the word is in what it commits to,
        not in its subject or an adverbial ("leaders at a summit pledged", "in a speech, he promised"); for a
        joined verb ("agreed to open crossings and to meet again"), that of the verb it is joined to."""
        if joined_verb(token):
            return self._commitment_verb(token.head)
        chain = governing_chain(token, 4)
        for below, node in zip(chain, chain[1:]):
            if node.pos_ in ("VERB", "AUX"):
                committed_to = below.dep_ in ("xcomp", "dobj", "ccomp") or (
                    below.dep_ == "prep" and below.lower_ in ("to", "on"))
                return node if committed_to and node.lemma_.lower() in self.lexicon.cue("commitment") else None
        return None

    def _topic_of_talks(self, hit: TriggerHit, hits: list[TriggerHit]) -> bool:
        """"Talks on a ceasefire", "negotiations over a prisoner swap": what is talked about, not an event."""
        talks = {h.token.i for h in hits if h.trigger.cls in ("Negotiation", "Meeting")}
        token = hit.token
        return hit.trigger.cls not in ("Negotiation", "Meeting") and token.dep_ == "pobj" \
            and token.head.lower_ in ("on", "for", "about", "over", "towards", "toward") and token.head.head.i in talks

    def _meeting_purpose(self, hit: TriggerHit, hits: list[TriggerHit]) -> bool:
        """Talks that are what a meeting is for ("met in Brussels for talks", "a meeting for negotiations"):
        one happening, the meeting."""
        if hit.trigger.cls != "Negotiation":
            return False
        meetings = {h.token.i for h in hits if h.trigger.cls == "Meeting"}
        chain = governing_chain(hit.token, 3)[1:]
        return any(node.i in meetings for node in chain) and any(
            node.dep_ == "prep" and node.lower_ in ("for", "on") for node in chain)

    def _is_anaphor(self, hit: TriggerHit, found: list[Event]) -> bool:
        """"The meeting", "the talks", "this summit" with no date of their own, or with no sides of their own ("the
        truce takes effect on Monday"): a mention of an event the article has already reported."""
        token = hit.token
        if len(found) != 1 or token.pos_ not in ("NOUN", "PROPN"):
            return False
        if found[0].date is not None and found[0].participants:
            return False  # dated and with its own sides: an event of its own ("the 2016 ceasefire between ...")
        if not is_definite(token):
            return False
        return not any(c.dep_ in ("amod", "compound") and c.lower_ in ("next", "new", "previous", "last", "first",
                                                                         "future") for c in token.children)

    def _ends_conflict(self, token: Token, agreement: Agreement) -> bool:
        if "cease" in agreement.label.lower() or "truce" in agreement.label.lower():
            return True
        if (token.dep_ == "pobj" and token.head.lower_ == "of") or (
                token.dep_ == "dobj" and token.head.lemma_.lower() in ENDING_VERBS):
            return False  # "announced the end of the accord", "junta ends accord": the agreement ends, not a war
        chain = governing_chain(token, 3)
        for below, node in zip(chain, chain[1:]):
            if node.lemma_.lower() in ENDING_VERBS and node.pos_ == "VERB":
                # "the war ended with a deal"; not "ends a dispute over a port deal" (the deal is in what ends),
                # nor "the talks ended with a deal" (what ended is no conflict)
                subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects and not any(c.lemma_.lower() in CONFLICT_WORDS for c in subjects) and not any(
                        c.dep_ == "dobj" and c.lemma_.lower() in CONFLICT_WORDS for c in node.children):
                    return False
                return below.dep_ not in ("dobj", "nsubj", "nsubjpass")
        verbs = [token] + [n for n in governing_chain(token, 2)[1:] if n.pos_ == "VERB"][:1]
        return any(child.lemma_.lower() in ENDING_VERBS and child.dep_ in ("acl", "relcl", "xcomp", "advcl")
                   and any(o.dep_ == "dobj" and o.lemma_.lower() in CONFLICT_WORDS for o in child.children)
                   for verb in verbs for child in verb.children)  # "reached a deal to end the fighting"

    def _agreement(self, hit: AgreementHit, trigger_tokens: set[int]) -> Agreement | None:
        token = hit.token
        if (is_negated(token) and not self._outlives_negation(token)) or is_hypothetical(token, self.lexicon) \
                or is_failed(token, self.lexicon):
            return None
        if self._still_in_the_making(token):
            return None  # "Moscow was drafting a memorandum", "working on a deal": none is made yet
        if is_planned(token, self.lexicon) and not _is_back_reference(token):
            return None  # "expected to sign a further agreement": none is made yet (the signing is planned)
        pledge = self._commitment_verb(token)
        if pledge is not None and pledge.lemma_.lower() not in AGREEING_VERBS:
            return None  # "committing to a comprehensive peace deal by Aug. 18": pledged, not made
        signer = _signing_verb(token)
        if signer is not None and self._commitment_verb(signer) is not None:
            return None  # "pledged to sign a final agreement by May 2": to be made (the signing is planned)
        mediators = self.sentence_mediators(token)
        own_signing = {c.i for c in token.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in SIGNING_VERBS}
        dates = [d for d in self.date_for(token, trigger_tokens - own_signing)  # "the accord, signed on 12 December"
                 if not TAKES_EFFECT.search(self.found.text[token.idx:d.start])]  # not "due to take effect on ..."
        conclusion = self._own_conclusion(token)
        if conclusion is not None and conclusion.head.i != token.i and not dates:
            dates = self.date_for(conclusion, trigger_tokens)  # "the Doha framework agreement, signed on Nov. 15,"
        concluded = self._concluded(token) or conclusion is not None
        if _is_back_reference(token) and not concluded:
            dates = []  # "welcomed the agreement on Thursday": the day of the welcome, not of the agreement
        if not (concluded or mediators or dates):
            return None
        label = self.doc[hit.start:hit.end].text
        if any(t.lemma_.lower() in ("ceasefire", "truce", "cease") for t in token.subtree):
            label = f"{label} (ceasefire)"
        kind = "ceasefire" if label.endswith("(ceasefire)") and hit.kind == "agreement" else hit.kind
        agreement = Agreement(label=label, kind=kind)
        if dates:
            agreement.date, agreement.end_date = dates[0].value, dates[0].end_value
        if signer is not None:
            signatories = self.participants(signer, exclude={token.i})
            agreement.signatories = {r for r in signatories if r.cls in SIGNATORY_CLASSES}
        parties = self.participants(token)
        named_after = {self.found.actor_at(c) for c in token.children if c.dep_ == "compound"}  # "Algiers Agreement"
        agreement.parties = {r for r in parties if r.cls in ("State", "Organization", "Place")
                             and not (r.cls == "Place" and r in named_after)}
        agreement.mediators = set(mediators)
        agreement.parties -= agreement.mediators  # "Qatar also helped broker the deal": a broker, not a side
        agreement.mentions.append(self.found.evidence(hit.start, hit.end))
        return agreement

    def _events(self, hit: TriggerHit, trigger_tokens: set[int], agreements_by_token: dict[int, Agreement],
                agreement_spans: dict[int, set[int]]) -> list[Event]:
        token, trigger = hit.token, hit.trigger
        if is_negated(token) or is_hypothetical(token, self.lexicon) or is_failed(token, self.lexicon):
            return []
        if trigger.cls == "Ceasefire" and self._still_in_the_making(token):
            return []  # "the two sides are negotiating a ceasefire": the talks are reported, no truce yet
        if trigger.cls == "Statement" and self._is_agreement_statement(token, agreements_by_token):
            return []
        conclusion = self._own_conclusion(token) if trigger.cls == "Ceasefire" else None
        dates = self.date_for(token, trigger_tokens - ({conclusion.i} if conclusion is not None else set()))
        if conclusion is not None and not dates and conclusion.head.i != token.i:
            dates = self.date_for(conclusion, trigger_tokens)  # "the ceasefire agreed in Luanda last year"
        pledge = self._commitment_verb(token)
        committed = pledge is not None and (trigger.cls != "Ceasefire" or pledge.lemma_.lower() not in AGREEING_VERBS)
        # a truce agreed to is the truce itself; one pledged or committed to is still to come
        if committed:  # "agreed on Wednesday to the release of hostages": to come, and not on Wednesday
            dates = [d for d in dates if token.left_edge.idx <= d.start
                     and d.end <= token.right_edge.idx + len(token.right_edge)]
        if not dates and trigger.cls == "ArmedConflict":
            dates = self.dates.began_since(token)  # "has been at war since April 2023": it began then
        if trigger.requires_date and not dates:
            return []
        if token.lemma_.lower() in self.lexicon.cue("declared-act") and not self._declared(token):
            return []  # "declared independence in 1991" is a happening; "the push for independence" is not
        if not dates and trigger.cls in ("MilitaryOperation", "ArmedConflict") and token.dep_ == "dobj" \
                and token.head.lemma_.lower() in ENDED_EVENT_VERBS:
            return []  # "agreed to halt all military operations": no operation is reported, only its end
        journey = token.pos_ == "VERB" and token.lemma_.lower() in self.lexicon.cue("journey")
        destination = self._destination(token) if journey or (trigger.cls == "Visit" and token.pos_ == "NOUN") \
            else None  # "travelled to Beijing", "a state visit to France"
        if journey and destination is None:  # "fly long-haul routes", "travelled with the minister"
            return []
        agreement = self._linked_agreement(token, agreements_by_token, agreement_spans)
        exclude = {a for a in agreements_by_token} if trigger.cls == "Signing" else set()
        participants = self.participants(token, exclude)
        if trigger.cls == "MilitaryOperation":
            participants += [p for p in self.targets(token) if p not in participants]
        participants += [p for p in self._accused(token) if p not in participants]
        if agreement is not None and trigger.cls == "Signing":
            participants = list(agreement.signatories) + [p for p in agreement.parties if p not in participants] \
                + participants
        mediators = list(self.sentence_mediators(token)) if trigger.cls in MEDIATED_CLASSES else []
        hosting = token.lemma_.lower() in self.lexicon.cue("hosting")
        host = token if hosting else self._hosted_for(token)  # "hosted A and B for talks": the talks' sides
        guests = self._guests(host, trigger_tokens) if host is not None else []
        if hosting and not guests:
            return []
        if guests:
            hosts = participants if hosting else [r for c in host.children if c.dep_ == "nsubj"
                                                  for r in subtree_actors(c, self.found, self.coref)]
            if len(guests) >= 2:  # a host between two guests mediates; a host of one guest is a side
                mediators += [p for p in hosts if p not in guests and p not in mediators]
            else:
                mediators = [m for m in mediators if m not in hosts]
            participants = guests + [p for p in (participants if hosting else hosts) if p not in guests]
        if agreement is not None:
            mediators += [m for m in agreement.mediators if m not in mediators]
        if trigger.cls == "Ceasefire" and agreement is None and self._sets_up_agreement(token):
            agreement = self._agreement_from_verb(hit, dates, participants, mediators)
            agreements_by_token[token.i] = agreement
        status = "planned" if (committed or is_planned(token, self.lexicon) or any(d.future for d in dates)
                               or self._after_publication(dates)) else None
        if status == "planned":
            dates = [ahead(d, self.published_day) for d in dates]  # "agreed to meet again in July": the July to come
        participants = [p for p in participants if p not in mediators or trigger.cls in MEDIATOR_TAKES_PART]
        observers = self.sentence_observers(token) if trigger.cls in MEDIATED_CLASSES else set()
        participants = [p for p in participants if p not in observers]
        mediators = [m for m in mediators if m not in observers]
        location = destination or self.location(token) or (self.location(conclusion) if conclusion is not None
                                                           else None)
        participants = [p for p in participants if p != location or p.cls != "Place"]  # "seized Goma": where
        regions = {self.found.actor_at(t) for t in token.sent if self._names_a_region(t)} \
            if any(p.cls == "Place" for p in participants) else set()
        participants = [p for p in participants if p not in regions and (
            trigger.cls != "Signing" or p.cls in SIGNATORY_CLASSES)]  # "the Stockholm Agreement, signed": no signer
        evidence = self.found.evidence(hit.start, hit.end)
        label = self.doc[hit.start:hit.end].text
        if not dates:
            dates = [None]
        elif len(dates) > 1 and any(self.found.text[d.start - 4:d.start].strip().lower() == "or" for d in dates):
            dates = dates[:1]
        events = []
        for date in dates:
            events.append(Event(
                cls=trigger.cls, label=label,
                date=date.value if date else None, end_date=date.end_value if date else None,
                participants=set(participants), mediators=set(mediators), location=location, status=status,
                agreement=agreement, mentions=[evidence]))
        return events

    def _accused(self, token: Token) -> list[ActorRef]:
        """Whom the clause accuses of what the word names ("accused Kigali of violating the ceasefire", "blamed
        Hamas for attacking"): a side of it, beside the accuser."""
        verb = token
        if token.pos_ in ("NOUN", "PROPN"):
            if token.dep_ not in ("dobj", "pobj") or token.head.pos_ != "VERB":
                return []
            verb = token.head
        if verb.dep_ != "pcomp" or verb.head.lower_ not in ("of", "for"):
            return []
        accuser = verb.head.head
        if accuser.lemma_.lower() not in self.lexicon.cue("accusation"):
            return []
        return [r for c in accuser.children if c.dep_ == "dobj" for r in subtree_actors(c, self.found, self.coref)]

    @staticmethod
    def _own_conclusion(token: Token) -> Token | None:
        """The participle that says when and where a truce was made ("the truce signed in Doha in 2020", "the
        ceasefire reached in Addis Ababa"): its dates and place are the truce's. Also when the parser hangs
        it on the verb before, as a clause of its own with neither subject nor auxiliary ("accused Kigali of
        violating the ceasefire agreed in Luanda last year")."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in token.children:
            if child.dep_ in ("acl", "relcl") and child.tag_ == "VBN" and child.lemma_.lower() in CONCLUDE_VERBS:
                return child
        for after in token.doc[token.i + 1:token.i + 3]:
            if after.text == "," and after.i == token.i + 1:
                continue
            if reads_as_reduced_relative(after) and after.lemma_.lower() in CONCLUDE_VERBS:
                return after
            break
        return None

    def _declared(self, token: Token) -> bool:
        """An act that is declared: the object of a declaring verb, the subject of its passive, or "the
        declaration of" it."""
        declaring = self.lexicon.cue("declaring")
        if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in declaring:
            return True
        return (token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in declaring
                and token.head.head.pos_ == "NOUN")

    def _destination(self, token: Token) -> ActorRef | None:
        """The place a journey verb goes to ("travelled to Beijing", "flew to Moscow")."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                for pobj in prep_objects(child):
                    ref = self._place_named_by(pobj)
                    if ref is not None:
                        return ref
        return None

    def _hosted_for(self, token: Token) -> Token | None:
        """The hosting verb whose guests came for this event ("hosted A and B for informal talks")."""
        if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.pos_ == "VERB" \
                and token.head.head.lemma_.lower() in self.lexicon.cue("hosting"):
            return token.head.head
        return None

    def _guests(self, host: Token, trigger_tokens: set[int]) -> list[ActorRef]:
        """Whom a host received ("hosted the two leaders", "hosted Vucic and Kurti"): the actors its objects
        name, but an object that is an event of its own ("hosted talks")."""
        guests = []
        for obj in (c for c in host.children if c.dep_ == "dobj"):
            if obj.i in trigger_tokens:  # "hosted talks"; and "hosted A and B, the first such meeting": a second
                continue  # object, the event of the visit
            guests += [r for r in subtree_actors(obj, self.found, self.coref) if r.cls != "Place" and r not in guests]
        return guests

    def _after_publication(self, dates: list[DateMention]) -> bool:
        """A date whose whole period lies after publication ("2022-08" in an article of 2022-07-16)."""
        if self.published is None:
            return False
        return any(d.value is not None and d.value.kind != "gMonthDay" and period_start(d.value) > self.published.value
                   for d in dates)

    def _is_agreement_statement(self, token: Token, agreements_by_token: dict[int, Agreement]) -> bool:
        return token.i in agreements_by_token or self._concluded(token)

    def _linked_agreement(self, token: Token, agreements_by_token: dict[int, Agreement],
                          agreement_spans: dict[int, set[int]]) -> Agreement | None:
        if token.lemma_.lower() in SIGNING_VERBS:
            for child in token.subtree:
                if child.i in agreements_by_token and child.head.i == token.i:
                    return agreements_by_token[child.i]
            for child in token.children:
                if child.i in agreements_by_token:
                    return agreements_by_token[child.i]
            if token.dep_ in ("relcl", "acl") and token.head.i in agreements_by_token:
                return agreements_by_token[token.head.i]
        for agreement_i, span in agreement_spans.items():
            if token.i in span and agreement_i != token.i:
                return agreements_by_token[agreement_i]
        for node in governing_chain(token, 3)[1:]:
            if node.i in agreements_by_token:
                return agreements_by_token[node.i]
            if node.pos_ == "VERB":
                objects = [c for c in node.children if c.dep_ in ("dobj", "nsubjpass") and c.i in agreements_by_token]
                if objects:
                    return agreements_by_token[objects[0].i]
                break
        return None

    def _agreement_from_verb(self, hit: TriggerHit, dates, participants, mediators) -> Agreement:
        """"The parties agreed to cease fire": a ceasefire agreement as well as the ceasefire."""
        agreement = Agreement(label="ceasefire agreement", kind="ceasefire")
        if dates:
            agreement.date, agreement.end_date = dates[0].value, dates[0].end_value
        agreement.parties = {p for p in participants if p.cls in ("State", "Organization", "Place")}
        agreement.mediators = set(mediators)
        agreement.mentions.append(self.found.evidence(hit.start, hit.end))
        return agreement

    def _reported_statements(self, trigger_tokens: set[int]) -> list[Event]:
        """"The ministry said", "Baku said", "X told reporters": statements without a statement noun.
        A person's words count only when the press is named; remarks at a meeting belong to the meeting."""
        report, press, acts = self.lexicon.cue("report"), self.lexicon.cue("press"), self.lexicon.cue("act-object")
        events = []
        lemmas = token_columns(self.doc).lemma
        for i, lemma in enumerate(lemmas):
            if lemma not in report or self.doc[i].pos_ != "VERB":
                continue
            token = self.doc[i]
            if any(c.dep_ == "prep" and c.lower_ in ("at", "during", "in") and any(
                    g.i in trigger_tokens for g in c.subtree) for c in token.children):
                continue  # "said at the talks", "said in a social media post": that event says it
            if any(c.dep_ == "dobj" and c.pos_ == "NOUN" and (c.i in trigger_tokens or c.lemma_.lower() in acts)
                   for c in token.children):
                continue  # "declared independence", "announced a ceasefire": an act, or an event of its own
            subject_heads = [c for c in token.children if c.dep_ == "nsubj"]
            if any(c.lemma_.lower() in PAIR_WORDS for c in subject_heads):
                continue
            subjects = [r for c in subject_heads for r in subtree_actors(c, self.found, self.coref)]
            if not subjects or is_negated(token) or is_hypothetical(token, self.lexicon):
                continue
            institutional = [s for s in subjects if s.cls in ("State", "Organization")]
            press_named = any(t.lemma_.lower() in press or t.lower_ in press for t in self._own_words(token))
            spokesperson = any(self.coref.is_spokesperson(s) for s in subjects)
            if not institutional and not press_named and not spokesperson:  # a spokesperson speaks for the body
                continue
            own = {t.idx for t in self._own_words(token)}
            dates = [d for d in self.date_for(token, trigger_tokens)  # not a date of what was said
                     if any(t.idx in own for t in self.doc.char_span(d.start, d.end, alignment_mode="expand") or ())]
            dates = dates or self._day_right_after(token)
            evidence = self.found.evidence(token.i)
            events.append(Event("Statement", token.text, dates[0].value if dates else None, None,
                                set(subjects), set(), self.location(token), None, None, [evidence]))
        return events

    def _day_right_after(self, verb: Token) -> list:
        """The day written right after a report's verb ("said on Monday it had retaken the palace", where the
        parser hangs the day on what was said): the report's day, as news style writes it; not "said
        Monday's attack", and not a month or year, which is more often what the report is about."""
        end = verb.idx + len(verb)
        text = self.found.text
        for mention, _ in self.dates.in_sentence(verb):
            if end <= mention.start <= end + MAX_REPORT_DAY_GAP and mention.value.kind == "date" \
                    and REPORT_DAY_GAP.fullmatch(text[end:mention.start]) and not text.startswith(("'", "’"), mention.end):
                return [mention]
        return []

    def _own_words(self, verb: Token):
        """The verb's own phrase, without quoted speech (its ccomp) — where "told reporters" would be."""
        for child in verb.children:
            if child.dep_ in ("ccomp", "parataxis", "punct", "nsubj"):
                continue
            yield from child.subtree
