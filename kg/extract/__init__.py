"""Extraction: one parsed spaCy Doc and its Document → the intermediate record (kg.model)."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ..gazetteer import Gazetteer, load_gazetteer
from ..model import ActorRef, Agreement, DateValue, DocumentRecord, Document, Event, Position
from ..nlp.components import doc_text
from ..resources import Lexicon, load_lexicon
from .actors import DocActors, collect_actors
from .dates import find_dates
from .events import MEDIATOR_TAKES_PART, NEEDS_PARTICIPANTS, NEEDS_WHO_OR_WHERE, EventFinder
from .merge import GENERIC_KIND, fold_undated_talks, merge_agreements, merge_events
from .positions import find_positions
from .syntax import Coreference
from .tokens import token_columns

CONFLICT_KINDS = {"armed-group"}
THIRD_PARTY_CLASSES = {"Meeting", "Negotiation", "Signing", "Ceasefire"}
PAIR_DEFAULT_CLASSES = {"Ceasefire", "Negotiation"}
UNNAMED_PAIR_CLASSES = {"ArmedConflict"}  # "the fighting" with no side named is between the two sides


def extract(doc: Doc, document: Document, gazetteer: Gazetteer | None = None,
            lexicon: Lexicon | None = None) -> DocumentRecord:
    if len(doc_text(doc)) != len(document.text):
        raise ValueError(f"{document.source}: the parsed text does not align with the article")
    gazetteer = gazetteer or load_gazetteer()
    lexicon = lexicon or load_lexicon()
    published = DateValue(document.published.isoformat(), "date") if document.published else None
    found = collect_actors(doc, document, gazetteer, lexicon)
    positions = find_positions(found, lexicon, published)
    person_titles: dict[ActorRef, set] = {}
    former_offices: dict[ActorRef, set[ActorRef]] = {}
    for position in positions:  # the offices people hold: a former president no longer speaks for the state
        if not position.former:
            person_titles.setdefault(position.holder, set()).add((position.title, position.of))
        elif position.of is not None:
            former_offices.setdefault(position.holder, set()).add(position.of)
    coref = Coreference(found, (), person_titles, coordinated_groups(found), lexicon.cue("leader-title"),
                        lexicon.cue("spokesperson-title"), armed_group_nouns=lexicon.cue("armed-group-noun"),
                        event_verbs=lexicon.cue("news-subject-verb"), document_verbs=lexicon.cue("document-verb"))
    dates = find_dates(found.text, document.published)
    finder = EventFinder(found, lexicon, dates, coref, published)
    mediators = finder.all_mediators()
    backing = lexicon.cue("backing")
    coref.main_pair = main_pair(found, mediators, backing)
    coref.referred_pair = referred_pair(found, mediators | _as_institutions(mediators, person_titles), coref.main_pair,
                                        backing)
    events, agreements = finder.run()
    for agreement in agreements:
        complete_agreement(agreement, coref, person_titles)
    designated = designated_mediators(found, lexicon.cue("mediator-role"))
    for event in events:
        complete_event(event, coref, person_titles, published, designated, found.owner, former_offices)
    agreements, replaced = merge_agreements(agreements)
    for agreement in agreements:
        agreement.parties -= agreement.mediators  # a mediator may sign, but is no side the agreement binds
    for event in events:
        if event.agreement is not None:
            event.agreement = replaced.get(id(event.agreement), event.agreement)
            inherit_from_agreement(event)
        elif event.cls == "Ceasefire" and (agreement := the_truce_agreement(event, agreements)) is not None:
            event.agreement = agreement  # brokered by its brokers; dated by its own sentence, as the truce may
            event.mediators |= agreement.mediators - event.participants  # take effect after it is agreed
    offices_of_signatories(positions, agreements, lexicon.cue("state-office"))
    def sides(refs):
        return set(refs) | _sides(refs, person_titles)
    events = fold_undated_talks(merge_events(events, sides), sides, headline_end(found.text))
    for event in events:  # nor are a third party's people ("held talks with EU envoy Miroslav Lajcak")
        if event.cls not in MEDIATOR_TAKES_PART:
            event.participants = {p for p in event.participants - event.mediators
                                  if not _serves_only(p, event.mediators, person_titles)}
    events = [e for e in events if e.participants or (e.cls not in NEEDS_PARTICIPANTS and (
        e.cls not in NEEDS_WHO_OR_WHERE or e.location is not None))]
    return DocumentRecord(document, sorted(found.actors.values(), key=lambda a: a.ref), positions, events, agreements)


def headline_end(text: str) -> int:
    """Where the first line ends: an article's headline, when it has one."""
    stripped = text.lstrip()
    newline = stripped.find("\n")
    return len(text) - len(stripped) + newline if newline > 0 else 0


def side_mentions(found: DocActors, mediators: set[ActorRef], backing: frozenset[str] = frozenset()) -> Counter:
    """How often the document names each state or armed group that could be a side (mediators aside, and
    not where it only backs a side: "Yemen's Saudi-backed government", words of cue role backing)."""
    doc = found.doc
    return Counter(m.ref for m in found.mentions if m.ref not in mediators
                   and (m.ref.cls == "State" or found.kinds.get(m.ref) in CONFLICT_KINDS)
                   and not (m.end + 1 < len(doc) and doc[m.end].text in ("-", "–")
                            and doc[m.end + 1].lower_ in backing))


def main_pair(found: DocActors, mediators: set[ActorRef] = frozenset(), backing: frozenset[str] = frozenset()
              ) -> tuple[ActorRef, ...]:
    """The two sides the document is about: its two most named states or armed groups, mediators aside."""
    ranked = sorted(side_mentions(found, mediators, backing).items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(ref for ref, n in ranked[:2] if n >= 2) if len(ranked) >= 2 else ()


def referred_pair(found: DocActors, mediators: set[ActorRef], pair: tuple[ActorRef, ...],
                  backing: frozenset[str] = frozenset()) -> tuple[ActorRef, ...]:
    """Who "the two countries" and "both sides" are: the main pair, or, in an article that names just two
    armed forces or groups, or just two states or armed groups, besides its mediators and the states they
    serve (however rarely), those two."""
    if len(pair) == 2:
        return pair
    candidates = sorted(side_mentions(found, mediators, backing))
    groups = [ref for ref in candidates if found.kinds.get(ref) in CONFLICT_KINDS]
    if len(groups) == 2:  # a war within a state: its army and the armed group fighting it
        return tuple(groups)
    return tuple(candidates) if len(candidates) == 2 else ()


def coordinated_groups(found: DocActors) -> list[tuple[int, tuple[ActorRef, ...]]]:
    """Every "X, Y and Z" of actors in the document, for "the three leaders" and "their"."""
    groups = []
    for i in sorted(found.by_token):  # the tokens that name an actor, in document order
        token = found.doc[i]
        if token.dep_ == "conj":
            continue
        members = [found.actor_at(token)]
        stack = [c for c in token.children if c.dep_ == "conj"]
        while stack:
            node = stack.pop(0)
            ref = found.actor_at(node)
            if ref is not None and ref not in members:
                members.append(ref)
            stack.extend(c for c in node.children if c.dep_ == "conj")
        if len(members) >= 2 and len({m.cls for m in members}) == 1:
            groups.append((token.i, tuple(members)))
    return groups


def _sides(refs, person_titles) -> set[ActorRef]:
    """The states and organizations that actors stand for (a person counts for the state they serve)."""
    out = set()
    for ref in refs:
        if ref.cls == "Person":
            out.update(of for _, of in person_titles.get(ref, ()) if of is not None)
        elif ref.cls in ("State", "Organization"):
            out.add(ref)
    return out


def _as_institutions(refs, person_titles) -> set[ActorRef]:
    """A person who mediates stands for the one state or body they serve ("Omani Foreign Minister Badr Albusaidi
    shuttling between the delegations": Oman); a person with no office, or several, stays."""
    out = set()
    for ref in refs:
        bodies = {of for _, of in person_titles.get(ref, ()) if of is not None} if ref.cls == "Person" else set()
        out |= bodies if len(bodies) == 1 else {ref}
    return out


def designated_mediators(found: DocActors, roles: frozenset[str]) -> list[tuple[int, ActorRef]]:
    """"The EU has been functioning as the key mediator between the two sides", "Cuba and Norway are
    guarantors of the talks" (nouns of `roles`): (where, who)."""
    out = []
    for i, lemma in enumerate(token_columns(found.doc).lemma):
        if lemma not in roles or found.doc[i].pos_ != "NOUN":
            continue
        token = found.doc[i]
        node = token
        for _ in range(4):
            if node.head is node:
                break
            node = node.head
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if subjects:
                ref = found.actor_at(subjects[0])
                if ref is not None and ref.cls in ("State", "Organization"):
                    out.append((token.i, ref))
                break
    return out


def complete_event(event: Event, coref: Coreference, person_titles, published: DateValue | None,
                   designated: list[tuple[int, ActorRef]] = (), owner: dict | None = None,
                   former_offices: dict[ActorRef, set[ActorRef]] | None = None) -> None:
    """Defaults that follow from the document: the two sides for an unattributed ceasefire, talks or fighting,
    third parties at the two sides' talks as mediators (a state or body, or a former leader of a third state
    who holds no office now: "former Nigerian President Olusegun Obasanjo, who led the talks"), a mediator
    the article names for the two sides, and the publication date for an undated statement."""
    pair = set(coref.main_pair)
    if event.cls == "Ceasefire":
        if event.agreement is not None and event.agreement.parties:
            event.participants = set(event.agreement.parties) - set(event.agreement.mediators) or event.participants
        else:
            event.participants = _sides(event.participants, person_titles) or event.participants
        event.mediators |= event.agreement.mediators if event.agreement is not None else set()
    if event.cls in PAIR_DEFAULT_CLASSES and not (_sides(event.participants, person_titles) & pair) \
            and len(pair) == 2:
        event.participants |= pair
    if event.cls in UNNAMED_PAIR_CLASSES and not event.participants and len(pair) == 2:
        event.participants = set(pair)
    if event.cls in THIRD_PARTY_CLASSES and len(pair) == 2:
        sides = _sides(event.participants, person_titles)
        if pair <= sides:
            event.mediators |= {s for s in sides - pair if s.cls in ("State", "Organization")
                                and coref.found.kinds.get(s) not in CONFLICT_KINDS}  # an armed group is a side
            event.mediators |= {p for p in event.participants if p.cls == "Person" and p not in person_titles
                                and (former_offices or {}).get(p) and not former_offices[p] & pair}
            first = min(m.start for m in event.mentions)
            event.mediators |= {ref for i, ref in designated
                                if coref.found.doc[i].idx < first and ref not in pair}
    event.mediators = _as_institutions(event.mediators, person_titles)
    if event.cls not in MEDIATOR_TAKES_PART:  # a third party to talks or a truce is no side of them
        event.participants -= event.mediators
    if event.cls == "Statement":
        event.participants |= {owner[p] for p in event.participants if owner and p in owner}
        event.participants |= {body for p in set(event.participants) for body in coref.speaks_for(p)}
        if event.date is None and published is not None:
            event.date = published


def the_truce_agreement(ceasefire: Event, agreements: list[Agreement]) -> Agreement | None:
    """The agreement a truce named in another sentence is ("A ceasefire between Israel and Hezbollah took
    effect on Wednesday. The agreement, brokered by the United States and France, ..."): the article's one
    ceasefire agreement, else its one agreement of no stated kind, if it binds no one else."""
    def fits(agreement):
        return not agreement.parties or not ceasefire.participants or bool(agreement.parties & ceasefire.participants)
    for kinds in (("ceasefire",), (GENERIC_KIND,)):
        candidates = [a for a in agreements if a.kind in kinds]
        if candidates:
            return candidates[0] if len(candidates) == 1 and fits(candidates[0]) else None
    return None


def inherit_from_agreement(event: Event) -> None:
    """A signing or a truce is dated by its agreement when the sentence gives no date ("the accord was signed in
    Havana"), and mediated by whoever brokered the agreement, wherever the article says so."""
    agreement = event.agreement
    if event.cls in ("Signing", "Ceasefire") and event.date is None and agreement.date is not None \
            and event.status is None:
        event.date, event.end_date = agreement.date, agreement.end_date
    if event.cls == "Signing" and not event.participants:  # "the accord, signed on 12 December": by its sides
        event.participants = set(agreement.signatories | agreement.parties)
    if event.cls in ("Signing", "Ceasefire"):
        event.mediators |= agreement.mediators - event.participants if event.cls == "Ceasefire" \
            else agreement.mediators


def _serves_only(person: ActorRef, bodies: set[ActorRef], person_titles) -> bool:
    """Whether every office the article gives the person is held in one of the bodies."""
    offices = person_titles.get(person, set())
    return person.cls == "Person" and bool(bodies) and bool(offices) and all(of in bodies for _, of in offices)


def offices_of_signatories(positions: list[Position], agreements: list[Agreement], state_offices: frozenset[str]
                           ) -> None:
    """"President Gustavo Petro and ELN commander Antonio Garcia signed the accord": of an agreement between
    one state and bodies that are not states, a signatory whose state office names no state holds it in
    that state (a rebel group confers no presidency)."""
    for agreement in agreements:
        states = [p for p in agreement.parties if p.cls == "State"]
        if len(states) != 1 or len(agreement.parties) < 2:
            continue
        others = agreement.parties - set(states)
        for position in positions:
            if position.of is None and not position.former and position.holder in agreement.signatories \
                    and position.title.lower() in state_offices \
                    and not any(p.holder == position.holder and p.of in others for p in positions):
                position.of = states[0]


def complete_agreement(agreement: Agreement, coref: Coreference, person_titles) -> None:
    agreement.mediators = _as_institutions(agreement.mediators, person_titles)
    pair = set(coref.main_pair)
    agreement.parties |= _sides(agreement.signatories, person_titles)
    if not (agreement.parties & pair) and len(pair) == 2:
        agreement.parties |= pair
    if len(pair) == 2 and pair <= agreement.parties:  # a third party beside the two sides mediates, unless it signed
        agreement.mediators |= {p for p in agreement.parties - pair - agreement.signatories
                                if p.cls in ("State", "Organization")
                                and coref.found.kinds.get(p) not in CONFLICT_KINDS}
