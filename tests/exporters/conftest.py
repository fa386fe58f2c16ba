"""A small graph with every node class and hostile strings, assembled from hand-made records."""
from __future__ import annotations

from datetime import date

import pytest

from kg.assemble import build_graph
from kg.exporters import GraphView
from kg.model import Actor, ActorRef, Agreement, DateValue, Document, DocumentRecord, Event, Mention, Position

HOSTILE_PERSON = 'O\'Brien "the \\ Test"'
HOSTILE_TITLE = "Talks </script><script>alert(1)</script> resume"
FORMULA_NAME = "=HYPERLINK(\"http://x\")"


def _mention(source, text, start=0):
    return Mention(source, start, start + len(text), text)


@pytest.fixture(scope="session")
def hostile_triples():
    text = f"{HOSTILE_PERSON} met {FORMULA_NAME} in Doha. </script><script>alert(1)</script>"
    source = "a.txt"
    m = _mention(source, text)
    qatar, kenya = ActorRef("State", "Qatar"), ActorRef("State", "Kenya")
    person, odd = ActorRef("Person", HOSTILE_PERSON), ActorRef("Organization", FORMULA_NAME)
    doha = ActorRef("Place", "Doha")
    actors = [Actor(qatar, {"Qatari", "<b>Doha</b>"}, "Q846", [m]), Actor(kenya, set(), "Q114", [m]),
              Actor(person, set(), None, [m]), Actor(odd, set(), None, [m]), Actor(doha, set(), None, [m])]
    deal = Agreement("Doha accord", DateValue("2023-05", "gYearMonth"), None, {person}, {kenya, odd}, {qatar}, [m])
    events = [
        Event("Meeting", "met", DateValue("2023-05-02", "date"), None, {person, odd}, {qatar}, doha, None, None, [m]),
        Event("Signing", "signed", DateValue("2023-05", "gYearMonth"), None, {person}, {qatar}, None, None, deal, [m]),
        Event("Statement", "said", None, None, {kenya}, set(), None, "planned", None, [m]),
        Event("ArmedConflict", "war", DateValue("1992", "gYear"), DateValue("1994", "gYear"), {kenya}, set(), None,
              None, None, [m]),
    ]
    positions = [Position(person, "Special Envoy", kenya, DateValue("2023-05-21", "date"), [m])]
    record = DocumentRecord(Document(source, text, HOSTILE_TITLE, date(2023, 5, 21), "=cmd|' /C calc'!A0",
                                     "https://example.org/a?x=1&y=<2>"),
                            actors, positions, events, [deal])
    second = DocumentRecord(Document("b.txt", "Kenya spoke.", None, None, None, None),
                            [Actor(kenya, set(), "Q114", [_mention("b.txt", "Kenya spoke.")])], [], [], [])
    return build_graph([record, second])


@pytest.fixture(scope="session")
def view(hostile_triples):
    return GraphView(hostile_triples)
