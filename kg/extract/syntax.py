"""Dependency-tree helpers shared by the event and agreement extractors: who a phrase refers to,
which date governs a word, whether a word is negated or only wished for."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Token

from ..model import ActorRef, DateValue
from ..resources import Lexicon
from .actors import DocActors
from .dates import DateMention, number_value

GROUP_NOUNS = {"representative", "diplomat", "leader", "minister", "delegation", "delegate", "official",
               "authority", "government", "force", "troop", "army", "co-chair", "chair", "member", "head",
               "envoy", "negotiator", "side", "party", "team", "president", "counterpart", "military", "commander",
               "soldier", "officer", "fighter", "peacekeeper", "formation", "unit", "militia", "administration",
               "ministry", "mediator", "country", "nation", "state", "people", "population", "community", "rebel",
               "separatist"}
PERSON_NOUNS = {"minister", "leader", "president", "diplomat", "premier", "envoy", "spokesman", "spokeswoman",
                "spokesperson", "chief", "chancellor", "secretary", "mediator", "counterpart", "prime", "general",
                "commander", "ambassador", "representative", "secretary-general", "king", "emir", "chairperson"}
PAIR_WORDS = {"party", "side", "country", "nation", "foe", "rival", "neighbour", "neighbor", "enemy", "adversary",
              "belligerent", "arch-foe"}
NEGOTIATOR_WORDS = {"negotiator", "delegation", "delegate"}  # "negotiators will meet again": the two sides'
RAISING_VERBS = {"expect", "schedule", "set", "due", "slate", "plan", "invite"}  # "X is expected to meet"
NEGATIVE_SUBJECTS = {"neither", "nobody", "none", "nor", "never"}
FUTURE_AUX = {"will", "would", "shall", "could", "may", "might", "should", "to", "'ll"}
ENDED_EVENT_VERBS = {"end", "halt", "stop", "resolve", "settle", "suspend", "break", "violate"}  # not the event's date
CONTINUED_EVENT_VERBS = {"continue", "pursue", "prolong"}  # nor: it began before
ENDED_EVENT_NOUNS = {"end", "halt", "resolution", "settlement", "suspension"}  # "an end to the war"
OFFSET_UNIT_DAYS = {"day": 1, "week": 7, "hour": 0, "minute": 0}  # "a day after", "two weeks before", "hours after"
NORMATIVE_AUX = {"must", "should"}  # "the war must end": what ought to be, not what is reported
OTHER_CLAUSES = {"ccomp", "parataxis", "advcl", "relcl"}  # a date inside one of them dates that clause
TIME_LINKS = {"after", "before", "since", "until", "till"}  # a clause they link has a time of its own
HYPOTHETICAL_MARKS = {"if", "whether", "unless"}
PAST_TIME_WORDS = {"when", "after", "since", "as", "while", "once"}  # a past clause they open happened
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLIMB_DEPS = {"pobj", "prep", "dobj", "advcl", "acl", "xcomp", "relcl", "attr", "npadvmod", "pcomp", "appos",
              "conj", "ccomp", "oprd"}


@dataclass
class Coreference:
    """Resolves pronouns, title nouns and group phrases to actors, by position in the document."""

    found: DocActors
    main_pair: tuple[ActorRef, ...]
    person_titles: dict[ActorRef, set[tuple[str, ActorRef | None]]]
    groups: list[tuple[int, tuple[ActorRef, ...]]] = field(default_factory=list)
    leader_titles: frozenset[str] = frozenset()
    spokesperson_titles: frozenset[str] = frozenset()  # canonical titles, lowercased, of those who speak for a body
    referred_pair: tuple[ActorRef, ...] = ()  # who "the two sides" are (see extract.referred_pair)
    armed_group_nouns: frozenset[str] = frozenset()  # lemmas of "the group", "the rebels": the last armed group
    event_verbs: frozenset[str] = frozenset()  # "it follows", "it is the first": "it" is the news, not an actor
    document_verbs: frozenset[str] = frozenset()  # "signed it": "it" is the text signed, not an actor

    def last_person(self, before: int, of: ActorRef | None = None, title_word: str | None = None) -> ActorRef | None:
        for mention in reversed(self.found.mentions):
            if mention.start >= before or mention.ref.cls != "Person":
                continue
            titles = self.person_titles.get(mention.ref, set())
            if of is not None and not any(o == of for _, o in titles):
                continue
            if title_word and titles and not any(title_word in t.lower() for t, _ in titles):
                continue
            return mention.ref
        return None

    def is_spokesperson(self, person: ActorRef) -> bool:
        return self.holds(person, lambda title: title in self.spokesperson_titles)

    def speaks_for(self, person: ActorRef) -> set[ActorRef]:
        """The bodies whose spokesperson the article says the person is."""
        return {of for title, of in self.person_titles.get(person, ()) if of is not None
                and title.lower() in self.spokesperson_titles}

    def holds(self, person: ActorRef, titled) -> bool:
        """Whether one of the person's titles (lowercased, canonical) passes the test."""
        return any(titled(t.lower()) for t, _ in self.person_titles.get(person, ()))

    def last_persons(self, before: int, size: int | None, titled=None, strict: bool = False) -> list[ActorRef]:
        """For "the two leaders" when no "X and Y" gives them: the last `size` people named whose titles pass
        `titled` (a test of a lowercased canonical title), else (unless `strict`) the last people named."""
        if size is None:
            return []
        for test in ([titled] if titled else []) + ([] if strict else [None]):
            people: list[ActorRef] = []
            for mention in reversed(self.found.mentions):
                if mention.start >= before or mention.ref.cls != "Person" or mention.ref in people:
                    continue
                if test is None or self.holds(mention.ref, test):
                    people.append(mention.ref)
                    if len(people) == size:
                        return people
        return []

    def last_institution(self, token: Token) -> ActorRef | None:
        """For "it": the last state or organization named in the same or the previous sentence."""
        sent = self.found.sentence(token.i)
        floor = sent.start
        if sent.start > 0:
            floor = self.found.sentence(sent.start - 1).start
        for mention in reversed(self.found.mentions):
            if floor <= mention.start < token.i and mention.ref.cls in ("State", "Organization"):
                return mention.ref
        return None

    def last_army(self, before: int) -> ActorRef | None:
        """For "the army", "the military": the last armed forces named (see DocActors.last_armed_forces)."""
        return self.found.last_armed_forces(before)

    def last_ministry(self, before: int) -> ActorRef | None:
        for mention in reversed(self.found.mentions):
            if mention.start < before and mention.ref.cls == "Organization" and "Ministry" in mention.ref.name:
                return mention.ref
        return None

    def last_group(self, before: int, size: int | None = None, cls: str | None = None,
                   titled=None) -> tuple[ActorRef, ...]:
        for start, members in reversed(self.groups):
            if start < before and (size is None or len(members) == size) and (cls is None or members[0].cls == cls) \
                    and (titled is None or all(self.holds(m, titled) for m in members)):
                return members
        return ()


def subtree_actors(token: Token, found: DocActors, coref: Coreference, depth: int = 0) -> list[ActorRef]:
    """Actors named by a noun phrase headed by `token`: its own name, demonym or compound modifiers,
    coordinated phrases, "representatives of X", pronouns and "the parties"."""
    if depth > 6:
        return []
    out: list[ActorRef] = []
    ref = found.actor_at(token)
    if ref is not None:
        out.append(ref)
    else:
        apposed = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ","  # also parsed as conj
        named_in_apposition = any(
            (c.dep_ == "appos" and found.actor_at(c) is not None)
            or (c.dep_ == "conj" and apposed and (found.actor_at(c) or ActorRef("", "")).cls == "Person")
            for c in token.children)
        if not named_in_apposition:  # "the two foreign ministers, A and B": A and B, not the last two named
            out.extend(_resolve_reference(token, found, coref))
        if token.lemma_.lower() in PERSON_NOUNS:  # "UN Special Envoy for Sudan Volker Perthes"
            holder = next((found.actor_at(t) for t in token.subtree if t.i > token.i and t.dep_ != "relcl"
                           and (found.actor_at(t) or ActorRef("", "")).cls == "Person"), None)
            if holder is None and token.i + 1 < len(token.doc):  # "her counterpart Olivier Nduhungirehe", misparsed
                following = found.actor_at(token.doc[token.i + 1])
                holder = following if following is not None and following.cls == "Person" else None
            if holder is not None:
                out.append(holder)
    for child in token.children:
        if child.dep_ == "amod" and child.lemma_.lower() == "lead" and ref is None:  # "Hamas-led militants"
            out.extend(r for g in child.children if g.dep_ in ("npadvmod", "compound") and g.i == child.i - 2
                       and (r := found.actor_at(g)) is not None)
        elif child.dep_ in ("compound", "amod", "nmod", "poss") and ref is None:
            if token.tag_ == "NNS" and token.lemma_.lower() in PAIR_WORDS and not child.conjuncts:
                continue  # "Sudan's warring parties", "Libya's rival sides": the sides within, not the state
            child_ref = found.actor_at(child)
            if child_ref is not None:
                out.append(child_ref)
                out.extend(r for c in child.conjuncts if (r := found.actor_at(c)) is not None)  # "Russian and Ukrainian"
        elif child.dep_ == "nmod" and ref is not None and ref.cls == "Person" \
                and (found.actor_at(child) or ActorRef("", "")).cls == "Person":
            out.extend(subtree_actors(child, found, coref, depth + 1))  # "A and B's C" misparse of "A and C"
        elif child.dep_ == "conj" or (child.dep_ == "appos" and (ref is None or _listed_side(ref, child, found))):
            out.extend(subtree_actors(child, found, coref, depth + 1))  # "Armenia, Azerbaijan to sign": a list
        elif child.dep_ == "appos":  # "X, the secretary of the council, and Y": Y hangs on the apposition
            out.extend(r for c in child.children if c.dep_ == "conj" and (named := found.actor_at(c)) is not None
                       and named.cls == ref.cls for r in subtree_actors(c, found, coref, depth + 1))
        elif child.dep_ == "prep" and child.lower_ in ("of", "from") and ref is None \
                and token.lemma_.lower() in GROUP_NOUNS:  # "representatives of X", "commanders from both sides"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(subtree_actors(pobj, found, coref, depth + 1))
    return _unique(out)


def _resolve_reference(token: Token, found: DocActors, coref: Coreference) -> list[ActorRef]:
    low, lemma = token.lower_, token.lemma_.lower()
    if low in ("he", "him", "his", "she", "her"):
        ref = coref.last_person(token.i)
        return [ref] if ref else []
    if low in ("they", "them", "their"):
        return list(coref.last_group(token.i))
    if low in ("it", "its"):
        head = token.head
        if low == "it" and token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in coref.event_verbs and (
                head.lemma_.lower() != "be" or any(c.dep_ == "attr" for c in head.children)):
            return []  # "It follows talks in Washington", "It was the first truce since 2016": the news itself
            # (not "it was open to talks")
        if low == "it" and token.dep_ == "dobj" and head.lemma_.lower() in coref.document_verbs:
            return []
        ref = coref.last_institution(token)
        return [ref] if ref else []
    if low in ("which", "who", "that") and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "relcl" \
            and token.head.head is not token.head:  # "the M23 rebel group, which seized Goma"
        return [ref for ref in relative_antecedent(token.head, token, found, coref) if ref.cls != "Place"]
    if lemma in PAIR_WORDS and token.tag_ in ("NNS", "NNPS"):
        number = next((c for c in token.children if c.dep_ == "nummod"), None)
        if number is None or number.lower_ in ("two", "2", "both") or any(c.lower_ == "both" for c in token.children):
            return list(coref.referred_pair)
    if lemma in NEGOTIATOR_WORDS and token.tag_ == "NNS" and all(
            c.dep_ in ("det", "nummod", "punct") and c.lower_ in ("the", "two", "both", "2") for c in token.children
            if c.dep_ not in ("relcl", "acl")):
        return list(coref.referred_pair)  # "Negotiators are expected to meet again", "the two delegations met"
    if lemma in ("leader", "minister", "president") and token.tag_ in ("NNS", "NNPS"):
        if any(c.dep_ in ("amod", "compound") and c.i < token.i and found.actor_at(c) is None for c in token.children):
            return []  # "European leaders", "world leaders": others than those just named
        number = next((c for c in token.children if c.dep_ == "nummod"), None)
        size = {"two": 2, "three": 3, "four": 4, "five": 5}.get(number.lower_ if number else "", None)
        titled = (lambda t: t in coref.leader_titles) if lemma == "leader" else (lambda t: lemma in t)
        people = (coref.last_group(token.i, size, cls="Person", titled=titled)
                  or coref.last_persons(token.i, size, titled, strict=True)
                  or coref.last_group(token.i, size, cls="Person") or coref.last_persons(token.i, size))
        return list(people) or list(coref.last_group(token.i, size))
    if lemma in ("coalition", "alliance") and any(c.lower_ == "the" for c in token.children) and not any(
            c.dep_ in ("compound", "amod", "poss", "nmod") for c in token.children):
        for earlier in reversed(token.doc[:token.i]):  # "the Saudi-led coalition ... The coalition intervened"
            if earlier.lemma_.lower() == lemma and any(c.dep_ in ("compound", "amod", "poss", "nmod")
                                                       for c in earlier.children):
                return subtree_actors(earlier, found, coref, depth=5)
        return []
    if lemma in coref.armed_group_nouns and token.pos_ == "NOUN" and any(c.lower_ == "the" for c in token.children) \
            and not any(c.dep_ in ("compound", "amod", "poss", "nmod") and found.actor_at(c) is not None
                        or c.dep_ == "prep" and c.lower_ == "of" for c in token.children):  # "the group of 27"
        ref = found.last_armed_group(token.i)  # "the group", "the rebels", "the rebel group", after "the ELN"
        return [ref] if ref else []
    if lemma in ("army", "military") and token.pos_ == "NOUN" and any(c.lower_ == "the" for c in token.children) \
            and not any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in token.children):
        ref = coref.last_army(token.i)  # "between the army and the RSF", after "Sudan's army"
        return [ref] if ref else []
    if lemma == "ministry" and any(c.lower_ == "the" for c in token.children):
        ref = coref.last_ministry(token.i)
        return [ref] if ref else []
    if lemma in PERSON_NOUNS and token.tag_ in ("NN", "NNP") and any(c.lower_ == "the" for c in token.children):
        of = next((found.actor_at(c) for c in token.children if c.dep_ in ("amod", "compound")
                   and found.actor_at(c) is not None), None)
        ref = coref.last_person(token.i, of=of, title_word=None if of else lemma)
        return [ref] if ref else []
    return []


def relative_antecedent(clause: Token, pronoun: Token, found: DocActors, coref: Coreference) -> list[ActorRef]:
    """Whom "who" or "which" stands for: the parser often hangs the clause on the last noun of an
    apposition ("Obasanjo, the AU's envoy for the Horn of Africa, who mediated": the Horn), so the
    phrases it sits in are tried outward, nearest first, for a person ("who") or a state or an
    organization ("which", "that"). Without one, the actors of the phrase it hangs on."""
    wanted = ("Person",) if pronoun.lower_ == "who" else ("State", "Organization")
    inside = {t.i for t in clause.subtree}
    node = clause.head
    for _ in range(4):
        named = [t for t in node.subtree if t.i < pronoun.i and t.i not in inside
                 and (ref := found.actor_at(t)) is not None and ref.cls in wanted]
        if named:  # the nearest, with those it is coordinated with ("Qatar and Egypt, which brokered")
            group = sorted([named[-1], *named[-1].conjuncts], key=lambda t: t.i)
            return _unique([ref for t in group if t.i not in inside and (ref := found.actor_at(t)) is not None
                            and ref.cls in wanted])
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            node = node.head.head
        elif node.dep_ == "appos":
            node = node.head
        else:
            break
    return subtree_actors(clause.head, found, coref, depth=5)


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen, out = set(), []
    for r in refs:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def governing_chain(token: Token, limit: int = 5) -> list[Token]:
    """The word itself and the words it hangs from, up to the clause that holds it."""
    chain = [token]
    current = token
    while current.head is not current and len(chain) <= limit:
        if current.dep_ not in CLIMB_DEPS and current.dep_ not in SUBJECT_DEPS:
            break
        current = current.head
        chain.append(current)
    return chain


def clause_subjects(token: Token, found: DocActors, coref: Coreference) -> list[ActorRef]:
    """The subject of the nearest verb above a word ("Aliyev said at a meeting" → Aliyev for "meeting")."""
    for node in governing_chain(token)[1:]:
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "prep":
            raising = node.lemma_.lower() in RAISING_VERBS and any(c.dep_ == "xcomp" for c in node.children)
            for child in node.children:
                if (child.dep_ in ("nsubj", "agent") or (raising and child.dep_ == "nsubjpass")) \
                        and child.i != token.i:
                    head = child if child.dep_ != "agent" else next((g for g in child.children if g.dep_ == "pobj"),
                                                                  None)
                    if head is not None:
                        return subtree_actors(head, found, coref) + headline_co_subjects(node, found)
            if node.dep_ == "acl" and node.tag_ == "VBG":  # "Blinken, speaking after meeting X, said": who speaks
                ref = found.actor_at(node.head)
                return [ref] if ref is not None else []
            if node.dep_ == "conj":
                stray = [c for c in node.head.children if c.dep_ == "conj" and c.i < node.i and c.pos_ == "PROPN"
                         and found.actor_at(c) is not None]
                if stray:
                    return subtree_actors(stray[-1], found, coref)
            if node.dep_ not in ("xcomp", "advcl", "conj", "pcomp"):
                break
    return []


def _listed_side(ref: ActorRef, apposed: Token, found: DocActors) -> bool:
    """A state or body apposed to another ("Armenia, Azerbaijan to sign peace deal"): listed, not described."""
    other = found.actor_at(apposed)
    bracketed = apposed.i > 0 and apposed.doc[apposed.i - 1].text == "("  # "the World Trade Organisation (WTO)"
    return ref.cls in ("State", "Organization") and other is not None and other.cls in ("State", "Organization") \
        and other != ref and not bracketed


def headline_co_subjects(verb: Token, found: DocActors) -> list[ActorRef]:
    """"Israel, Hamas agree ceasefire": a headline's first side, which the parser hangs on the verb as an
    adverbial noun, comma and all, before the subject."""
    doc = verb.doc
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return [ref for c in verb.children if c.dep_ == "npadvmod" and c.i + 2 < len(doc) and doc[c.i + 1].text == ","
            and any(s.left_edge.i == c.i + 2 for s in subjects)
            and (ref := found.actor_at(c)) is not None and ref.cls in ("State", "Organization")]


def is_definite(token: Token) -> bool:
    """"The talks", "this deal", "these meetings": a noun that may refer back to one already named."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in token.children)


def is_negated(token: Token) -> bool:
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True  # "the summit ended without a deal"
    for node in governing_chain(token, 2):
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no" and node is token):
                return True
            if child.dep_ in ("nsubj", "nsubjpass", "preconj") and node.pos_ in ("VERB", "AUX") and (
                    child.lower_ in NEGATIVE_SUBJECTS or any(g.dep_ == "det" and g.lower_ in NEGATIVE_SUBJECTS | {"no"}
                                                             for g in child.children)):
                return True  # "neither signed it", "nobody attended the talks", "neither side has signed the deal"
        if node.pos_ in ("VERB", "AUX"):
            break
    return False


def is_failed(token: Token, lexicon: Lexicon) -> bool:
    """What someone failed, refused or declined to do (cue role failure): "failed to reach an agreement";
    not "the talks failed", which happened."""
    failure = lexicon.cue("failure")
    chain = governing_chain(token, 4)
    for below, node in zip(chain, chain[1:]):
        if below.dep_ == "xcomp" and node.lemma_.lower() in failure:
            return True
        if node.pos_ in ("VERB", "AUX") and below.dep_ != "xcomp" and below is not token:
            return False
    return False


def is_hypothetical(token: Token, lexicon: Lexicon) -> bool:
    """In an "if/whether" clause, or asked or wished for ("called on Baku to release")."""
    irrealis = lexicon.cue("irrealis")
    chain = governing_chain(token, 6)
    for below, node in zip(chain, chain[1:]) if not _happened_before(token) else ():
        wisher = below.dep_ == "nsubj"  # "the declaration calls for a ceasefire": the one who asks, not what is asked
        if not wisher and (node.lemma_.lower() in irrealis or node.lower_ in irrealis):  # the model lemmatizes
            return True  # "hoped" as "hop"
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in node.children):
            return True
        if any(c.dep_ == "acomp" and c.lower_ in irrealis for c in node.children):
            return True  # "a meeting between them was possible"
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in NORMATIVE_AUX for c in node.children):
            return True  # "the war must end", "talks should resume"
        if node.dep_ == "relcl":  # "X, who hosted the meeting, called for calm": the clause is X's, not the call's
            break
        if _happened_before(node):
            break  # "When the EU launched the dialogue, officials hoped...": what happened, not what was hoped
    return any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in token.children)


def _happened_before(node: Token) -> bool:
    """A past clause opened by "when", "after", "since"... ("urged restraint after Indian missiles struck"): it
    happened, whatever the clause it hangs on asks or hopes for."""
    return node.dep_ == "advcl" and node.tag_ == "VBD" and any(
        c.dep_ in ("advmod", "mark") and c.lower_ in PAST_TIME_WORDS for c in node.children)


def is_planned(token: Token, lexicon: Lexicon) -> bool:
    planned = lexicon.cue("planned")
    for child in token.children:  # "the upcoming talks", "a planned visit"; not "the plan was signed"
        if child.dep_ in ("amod", "advmod", "aux", "npadvmod", "compound", "acl") and (
                child.lemma_.lower() in planned or child.lower_ in planned):
            return True
    chain = governing_chain(token, 4)
    for node in chain[1:]:
        if node.lemma_.lower() in planned:
            return True
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll")
                                                 for c in node.children):
            return True
        if _headline_infinitive(node):
            return True  # "Armenia, Azerbaijan to sign peace deal next month"
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "would" for c in node.children) \
                and any(c.dep_ == "nsubj" and c.lemma_.lower() in planned for c in node.children):
            return True  # "the plan would begin with a six-week truce": what a plan sets out
    if any(_reported_would(node, lexicon) for node in chain):
        return True
    if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in token.children) \
            or _headline_infinitive(token):
        return True
    return joined_verb(token) and is_planned(token.head, lexicon)  # "will open crossings and meet again in July"


def joined_verb(token: Token) -> bool:
    """A verb joined to the verb before it with no subject or tense of its own ("agreed to open crossings and
    to meet again"; not "agreed to open crossings and met again"): what is said of that verb's clause is said
    of it."""
    return token.pos_ == "VERB" and token.dep_ == "conj" and token.head.pos_ == "VERB" \
        and token.tag_ in ("VB", token.head.tag_) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "aux" and c.lower_ != "to" for c in token.children)


def _headline_infinitive(node: Token) -> bool:
    """A headline's "to" and verb with a subject and nothing above it ("Putin to meet Trump in Budapest"): what
    is to happen."""
    return node.dep_ == "ROOT" and node.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                               for c in node.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _reported_would(node: Token, lexicon: Lexicon) -> bool:
    """The future of a report ("said the two sides would meet again in March"); a "would" of its own may be
    a condition or a habit."""
    return node.pos_ in ("VERB", "AUX") and node.dep_ in ("ccomp", "parataxis") \
        and node.head.lemma_.lower() in lexicon.cue("report") \
        and any(c.dep_ == "aux" and c.lower_ == "would" for c in node.children) \
        and not any(c.dep_ == "aux" and c.lower_ == "have" for c in node.children)


@dataclass
class DateIndex:
    """Date expressions of a document, located in the dependency tree."""

    roots: list[tuple[DateMention, Token]]
    found: DocActors

    @classmethod
    def build(cls, found: DocActors, dates: list[DateMention]) -> "DateIndex":
        doc = found.doc
        roots = []
        for mention in dates:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            roots.append((mention, span.root))
        return cls(roots, found)

    def in_sentence(self, token: Token) -> list[tuple[DateMention, Token]]:
        sent = self.found.sentence(token.i)
        return [(m, r) for m, r in self.roots if sent.start <= r.i < sent.end and m.value is not None]

    def began_since(self, token: Token) -> list[DateMention]:
        """"Sudan has been at war since April 2023", "fighting has raged since Monday": the date a state that
        still lasts began, when a "since" phrase hangs on the trigger or on the perfect verb it is part of."""
        if token.tag_ in ("NNS", "NNPS"):
            return []  # "have fought two wars since 1991": not when one war began
        chain = governing_chain(token, 3)
        verb = next((n for n in chain if n.pos_ in ("VERB", "AUX") and not (n is token and n.tag_ == "VBG")), None)
        if verb is None or not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children):
            return []
        hosts = {n.i for n in chain[:chain.index(verb) + 1]}
        return [m for m, r in self.in_sentence(token) if m.since and r.head.dep_ == "prep"
                and r.head.lower_ == "since" and r.head.head.i in hosts]

    def governing(self, token: Token, other_triggers: set[int], report_verbs: frozenset[str] = frozenset()
                  ) -> list[DateMention]:
        """The dates that govern a word (see _attached), else a day counted from the clause above
        (see _counted_from_clause_above)."""
        return self._attached(token, other_triggers, report_verbs) \
            or self._counted_from_clause_above(token, other_triggers, report_verbs)

    def _counted_from_clause_above(self, token: Token, other_triggers: set[int], report_verbs: frozenset[str]
                                   ) -> list[DateMention]:
        """"Began on October 8, a day after Hamas attacked": the attack is October 7; "met on Monday, a week
        before they signed": the signing a week on; "hours after": the same day. Only when the clause above
        has one full date."""
        chain = governing_chain(token, 4)
        clause = next((n for n in chain if n.pos_ in ("VERB", "AUX")), None)
        opened = time_offset(clause) if clause is not None else None
        if opened is None and clause is not None:  # "fired on October 8, a day after the attack": "day" on "after"
            link = next((n for n in chain if n.dep_ == "prep" and n.lower_ in ("after", "before")), None)
            span = next((c for c in link.children if c.dep_ == "npadvmod"), None) if link is not None else None
            opened = (span, link) if span is not None else None
        if opened is None:
            return []
        span, link = opened
        # a noun in the linked phrase ("fired rockets on October 8, a day after the Hamas attack") counts from
        # the clause the phrase hangs on; a clause the span opens ("a day after Hamas attacked"), from the one above
        above_node = clause if token.i in {t.i for t in link.subtree} else clause.head
        if above_node is token:
            return []
        days = OFFSET_UNIT_DAYS.get(span.lemma_.lower())
        number = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
        count = number_value(number.lower_) if number is not None else (1 if days == 0 else None)  # "hours after"
        if days is None or count is None:
            return []
        above = self.governing(above_node, other_triggers - {above_node.i}, report_verbs)
        if len(above) != 1 or above[0].value.kind != "date" or above[0].end_value is not None:
            return []
        day = date.fromisoformat(above[0].value.value)
        shift = timedelta(days=days * count) * (-1 if link.lower_ == "after" else 1)
        return [replace(above[0], value=DateValue((day + shift).isoformat(), "date"))]

    def _attached(self, token: Token, other_triggers: set[int], report_verbs: frozenset[str]) -> list[DateMention]:
        """The dates that govern a word: in its own phrase first, else attached to the words above it.
        Coordinated dates ("in April and May") all govern it; "since 2020" never does; the date of a report
        ("said on Monday that Baku had broken the truce") dates the report, not what it reports."""
        subtree = {t.i for t in token.subtree}
        candidates = [(m, r) for m, r in self.in_sentence(token)  # "since May 5, when X began"; but "after the
                      if not m.since or token.i in {t.i for t in r.subtree}  # 1998-99 war": the war's own years
                      or r.head.i == token.i and r.dep_ in ("nummod", "compound", "amod")]
        if not candidates:
            return []
        chain = governing_chain(token)
        for k in range(1, len(chain)):
            below, node = chain[k - 1], chain[k]
            reported_future = below.dep_ in ("ccomp", "parataxis") and node.lemma_.lower() in report_verbs and any(
                c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in below.children)
            other_time = is_time_link(node) or _has_time_mark(below)
            ended = (below.dep_ == "dobj" and node.lemma_.lower() in ENDED_EVENT_VERBS | CONTINUED_EVENT_VERBS
                     or below.dep_ == "prep" and below.lower_ in ("to", "of") and node.pos_ == "NOUN"
                     and node.lemma_.lower() in ENDED_EVENT_NOUNS)
            # "agreed on Friday to end the war", "vowed on Sunday to continue the war", "declared an end to the war"
            if reported_future or other_time or ended:
                chain = chain[:k]  # "said on Monday talks would resume", "agreed on Friday, two years after war broke out"
                break
        chain_pos = {t.i: k for k, t in enumerate(chain)}
        best: list[tuple[int, DateMention]] = []
        for mention, root in candidates:
            if root.i in subtree:
                path = _path_up(root, token)
                if any(i in other_triggers for i in path):
                    continue
                if any(_starts_own_time(token.doc[i]) and (token.doc[i].head.i != token.i or is_time_link(
                        token.doc[i]) or _has_time_mark(token.doc[i]) or reads_as_reduced_relative(token.doc[i]))
                       for i in [root.i] + path if i != token.i):
                    continue  # "met Xi, who will travel to Moscow in May": the date of Xi's trip; "intervened in
                    # March 2015 after the Houthis ousted the government in late 2014": the date of the ousting
                if any(_own_clause(token.doc[i]) for i in path if i != token.i):
                    continue  # "X visited Riyadh in December, and Y travelled to Beijing in February"
                best.append((0, mention))
                continue
            node, steps = root, 0
            path = []
            crosses_time_link = False
            while node.head is not node and node.i not in chain_pos and steps < 8:
                crosses_time_link |= _starts_own_time(node)
                node = node.head
                path.append(node.i)
                steps += 1
            if node.i in chain_pos:
                if any(i in other_triggers for i in path[:-1]) or crosses_time_link:
                    continue  # "truces were violated since fighting erupted on April 15": that date is the fighting's
                best.append((chain_pos[node.i], mention))
        if not best:
            return []
        top = min(k for k, _ in best)
        chosen = [m for k, m in best if k == top]
        return chosen


def reads_as_reduced_relative(node: Token) -> bool:
    """A participle the parser hung on the verb above as an adverbial clause, with neither subject, auxiliary
    nor mark, right after a noun below that verb ("accused Kigali of violating the ceasefire agreed in Luanda
    last year"; a past participle also after a comma: "Under the Doha framework agreement, signed on Nov. 15,
    both sides committed"): it qualifies the noun, so its dates are not the verb's."""
    if node.dep_ != "advcl" or node.tag_ not in ("VBD", "VBN") or node.i == 0:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in node.children):
        return False
    before = node.doc[node.i - 1]
    if before.text == "," and node.tag_ == "VBN" and node.i >= 2:  # "the Doha framework agreement, signed on"
        before = node.doc[node.i - 2]
    return before.pos_ in ("NOUN", "PROPN") and before.i in {t.i for t in node.head.subtree}


def _own_clause(node: Token) -> bool:
    """A clause coordinated with another but with a subject of its own: its dates are its own."""
    return node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _starts_own_time(node: Token) -> bool:
    """A clause or phrase with a time of its own: "after/since/until ...", a reported, adverbial or relative
    clause."""
    return node.dep_ in OTHER_CLAUSES or is_time_link(node) or _has_time_mark(node)


def is_time_link(node: Token) -> bool:
    """"after", "since", "until" as a preposition."""
    return node.dep_ == "prep" and node.lower_ in TIME_LINKS


def _has_time_mark(node: Token) -> bool:
    """A clause opened by "after", "since", "until", or by a span and one of them ("a day after Hamas attacked")."""
    return any(c.dep_ == "mark" and c.lower_ in TIME_LINKS for c in node.children) or time_offset(node) is not None


def time_offset(node: Token) -> tuple[Token, Token] | None:
    """The span ("a day", "two weeks") and the link ("after", "before") that open a clause, as the parser hangs
    them: the span's noun on the clause's verb or on the link, the link on the span or on the verb."""
    mark = next((c for c in node.children if c.lower_ in ("after", "before") and (
        c.dep_ == "mark" or c.dep_ == "prep" and node.dep_ == "advcl")), None)  # also "after" misparsed as a prep
    for child in list(node.children) + (list(mark.children) if mark is not None else []):
        if child.dep_ == "npadvmod":
            link = next((g for g in child.children if g.dep_ == "prep" and g.lower_ in ("after", "before")), mark)
            if link is not None:
                return child, link
    return None


def _path_up(node: Token, stop: Token) -> list[int]:
    path = []
    while node.head is not node and node.i != stop.i:
        node = node.head
        if node.i != stop.i:
            path.append(node.i)
    return path
