"""Within one document, the mentions of one event (or agreement) become one record.

Two records are the same happening when they have the same class, compatible dates (equal, one more
precise than the other, or one undated), the same status, and overlapping participants (or one has
none; except for statements, a person also counts for the state or body they serve). The merged record
keeps the most precise date and every piece of evidence."""
from __future__ import annotations

from ..model import Agreement, Event, Mention, compatible_dates, more_precise


def _overlap(a: set, b: set) -> int:
    return len(a & b)


def _event_fits(cluster: Event, event: Event, sides) -> bool:
    if cluster.cls != event.cls or cluster.status != event.status:
        return False
    if not compatible_dates(cluster.date, event.date):
        return False
    if cluster.agreement is not None and event.agreement is not None and cluster.agreement is not event.agreement:
        return False
    if cluster.agreement is not None and cluster.agreement is event.agreement and cluster.cls in ("Signing", "Ceasefire"):
        return True  # two mentions of the signing of one agreement, or of the truce it sets up
    if _different_places(cluster.location, event.location):
        return False  # met in Istanbul, met in Tirana the same day: two meetings
    if event.cls == "Statement":
        return _same_speaker(cluster.participants, event.participants)
    if cluster.participants and event.participants:
        if cluster.participants & event.participants:
            return True
        return bool(sides(cluster.participants) & sides(event.participants))
    return True


def _same_speaker(a: set, b: set) -> bool:
    """Two statements by one speaker: the same person, or, when neither names a person, a body or state in
    common (the ministry's statement and "Baku said" are one; the ministry's statement and the spokesman's
    remarks to reporters, two)."""
    people_a, people_b = ({p for p in refs if p.cls == "Person"} for refs in (a, b))
    if people_a or people_b:
        return bool(people_a & people_b)
    return bool(a & b)


def _different_places(a, b) -> bool:
    """Two named places, neither a whole country (talks "in Oman" and "in Muscat" may be the same)."""
    return a is not None and b is not None and a != b and a.cls == "Place" and b.cls == "Place"


def _themselves(refs: set) -> set:
    return set(refs)


def merge_events(events: list[Event], sides=_themselves) -> list[Event]:
    """`sides(refs)` widens participants to the states and bodies they stand for, so that "Shoigu signed" and
    "Russia and Ukraine signed" can be one signing. Passes repeat until nothing merges: a record that joins a
    cluster can make it fit another one."""
    while True:
        clusters = _merge_event_pass(events, sides)
        if len(clusters) == len(events):
            return clusters
        events = clusters


def _merge_event_pass(events: list[Event], sides) -> list[Event]:
    split = _split_by_dates(events)
    clusters: list[Event] = []
    for event in events:
        fits = [c for c in clusters if _event_fits(c, event, sides)
                and not ((c.date is None) != (event.date is None) and (id(c) in split or id(event) in split))]
        if not fits:
            clusters.append(event)
            continue
        best = max(fits, key=lambda c: (c.date == event.date and c.date is not None,
                                        _overlap(c.participants, event.participants), clusters.index(c)))
        absorb_event(best, event)
    return clusters


def _split_by_dates(events: list[Event]) -> set[int]:
    """The events of a class one sentence gives several of, one per date ("rounds of talks in 2021 and
    2022"): an undated mention of such talks could be any of them, so it is joined to none."""
    dates_of: dict[tuple[Mention, str], set] = {}
    for event in events:
        for mention in event.mentions:
            if event.date is not None:
                dates_of.setdefault((mention, event.cls), set()).add(event.date)
    return {id(e) for e in events if e.date is not None and any(len(dates_of[m, e.cls]) > 1 for m in e.mentions)}


def absorb_event(target: Event, event: Event, take_date: bool = True) -> None:
    """`event` is another mention of `target`: its sides, mediators, place (a city rather than its country),
    agreement and evidence join it, and its date when more precise (unless `take_date` is off: "the truce takes
    effect on Monday" keeps the truce's own date)."""
    if take_date:
        target.date = more_precise(target.date, event.date)
        target.end_date = target.end_date or event.end_date
    target.participants |= event.participants
    target.mediators |= event.mediators
    if target.location is None or (target.location.cls == "State" and event.location is not None
                                   and event.location.cls == "Place"):
        target.location = event.location  # "signed in South Africa", "signed in Pretoria": the city
    target.agreement = target.agreement or event.agreement
    target.mentions.extend(m for m in event.mentions if m not in target.mentions)


def absorb_agreement(target: Agreement, agreement: Agreement) -> None:
    """`agreement` is another mention of `target`: its date when more precise, its sides, signatories, brokers and
    evidence join it."""
    target.date = more_precise(target.date, agreement.date)
    target.end_date = target.end_date or agreement.end_date
    target.signatories |= agreement.signatories
    target.parties |= agreement.parties
    target.mediators |= agreement.mediators
    target.mentions.extend(m for m in agreement.mentions if m not in target.mentions)
    if target.kind == GENERIC_KIND:
        target.kind = agreement.kind


GENERIC_KIND = "agreement"  # "the deal", "the agreement": may be any kind


def _agreement_fits(cluster: Agreement, agreement: Agreement) -> bool:
    if not compatible_dates(cluster.date, agreement.date):
        return False
    if GENERIC_KIND not in (cluster.kind, agreement.kind) and cluster.kind != agreement.kind:
        return False  # a truce and a declaration of principles signed the same month: two agreements
    brokers = cluster.mediators | agreement.mediators  # "the UN-brokered truce": the UN is no side of it
    sides, other_sides = cluster.parties - brokers, agreement.parties - brokers
    if sides and other_sides:
        return bool(sides & other_sides)
    return True


def _first_said(agreement: Agreement) -> int:
    return min((m.start for m in agreement.mentions), default=0)


def merge_agreements(agreements: list[Agreement]) -> tuple[list[Agreement], dict[int, Agreement]]:
    """Merged agreements, and for each merged-away record (by id) the record that absorbed it. Passes repeat
    until nothing merges, as for events."""
    replaced: dict[int, Agreement] = {}
    agreements = sorted(agreements, key=_first_said)  # in the order the text names them, however found
    while True:
        clusters = _merge_agreement_pass(agreements, replaced)
        if len(clusters) == len(agreements):
            break
        agreements = clusters
    for key, target in replaced.items():
        while id(target) in replaced and replaced[id(target)] is not target:
            target = replaced[id(target)]
        replaced[key] = target
    return clusters, replaced


def _merge_agreement_pass(agreements: list[Agreement], replaced: dict[int, Agreement]) -> list[Agreement]:
    clusters: list[Agreement] = []
    for agreement in agreements:
        fits = [c for c in clusters if _agreement_fits(c, agreement)]
        if not fits:
            clusters.append(agreement)
            continue
        best = max(fits, key=lambda c: (c.date == agreement.date and c.date is not None, c.kind == agreement.kind,
                                        _overlap(c.parties, agreement.parties), clusters.index(c)))
        absorb_agreement(best, agreement)
        replaced[id(agreement)] = best
    return clusters


TALKS = ("Meeting", "Negotiation")


def fold_undated_talks(events: list[Event], sides=_themselves, headline_end: int = 0) -> list[Event]:
    """An undated meeting or talks (a headline, "the first direct talks") is the article's one dated meeting or
    talks of the same sides, whichever of the two words each sentence used, when it names no one else ("Lavrov
    also met Xi" is another meeting). A headline's talks, among several such, are the one with all their sides
    (text before `headline_end`; in the body, undated talks may be the negotiations at large)."""
    kept = []
    for event in events:
        if event.cls in TALKS and event.date is None:
            dated = [c for c in events if c.cls in TALKS and c.date is not None and c.status == event.status
                     and sides(c.participants) & sides(event.participants)
                     and not _different_places(c.location, event.location)]
            def covers(c: Event) -> bool:  # names no one the dated one does not
                return event.participants <= sides(c.participants) | c.participants
            if len(dated) > 1 and min(m.start for m in event.mentions) < headline_end:
                dated = [c for c in dated if covers(c)]
            if len(dated) == 1 and covers(dated[0]):
                absorb_event(dated[0], event)
                continue
        kept.append(event)
    return kept
