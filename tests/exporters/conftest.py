"""Fixture graphs for the exporters: the hand-written Turtle graph (every class, hostile strings),
the same kind of graph assembled from extraction records, and a generated 5,000-node graph."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.assemble import build_graph
from kg.exporters import GraphView
from kg.model import Actor, ActorRef, Agreement, DateValue, Document, DocumentRecord, Event, Mention, Position
from kg.rdf import RDF_TYPE, RDFS_LABEL, kgo, kgr, literal, read_graph, sort_triples

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exporters"
HOSTILE_PERSON = 'O\'Brien "the \\ Test"'
HOSTILE_TITLE = "Talks </script><script>alert(1)</script> resume"
FORMULA_NAME = '=HYPERLINK("http://x","y")'
HOSTILE_EVENT = "Ceasefire 2020-11-10: Armenia, Azerbaijan </script><script>alert(1)</script>"


def small_graph() -> list[ox.Triple]:
    return read_graph(FIXTURES / "small.ttl")


def _mention(source, text, start=0):
    return Mention(source, start, start + len(text), text)


def assembled_graph() -> list[ox.Triple]:
    """A graph with the same hostile strings, made by the project's own assembly from records."""
    text = f"{HOSTILE_PERSON} met {FORMULA_NAME} in Doha. </script><script>alert(1)</script>"
    source = "a.txt"
    m = _mention(source, text)
    qatar, kenya = ActorRef("State", "Qatar"), ActorRef("State", "Kenya")
    person, odd = ActorRef("Person", HOSTILE_PERSON), ActorRef("Organization", FORMULA_NAME)
    doha = ActorRef("Place", "Doha")
    actors = [Actor(qatar, {"Qatari", "<b>Doha</b>"}, "Q846", [m]), Actor(kenya, set(), "Q114", [m]),
              Actor(person, set(), None, [m]), Actor(odd, set(), None, [m]), Actor(doha, set(), None, [m])]
    deal = Agreement(HOSTILE_EVENT, DateValue("2023-05", "gYearMonth"), None, {person}, {kenya, odd}, {qatar}, [m])
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


def big_graph(n_actors: int = 3000, n_events: int = 2000) -> list[ox.Triple]:
    """5,000 nodes: states, and dated meetings between two of them each."""
    triples = []
    for i in range(n_actors):
        triples += [ox.Triple(kgr(f"state-s{i}"), RDF_TYPE, kgo("State")),
                    ox.Triple(kgr(f"state-s{i}"), RDFS_LABEL, literal(f"State {i}"))]
    for i in range(n_events):
        event = kgr(f"event-e{i}")
        triples += [ox.Triple(event, RDF_TYPE, kgo("Event")), ox.Triple(event, RDF_TYPE, kgo("Meeting")),
                    ox.Triple(event, RDFS_LABEL, literal(f"Meeting {i}")),
                    ox.Triple(event, kgo("date"), literal(f"{2000 + i % 20}-01-01", "date")),
                    ox.Triple(event, kgo("participant"), kgr(f"state-s{i % n_actors}")),
                    ox.Triple(event, kgo("participant"), kgr(f"state-s{(i * 7 + 1) % n_actors}"))]
    return sort_triples(triples)


GRAPHS = {"small.ttl": small_graph, "assembled": assembled_graph}


@pytest.fixture(scope="session", params=sorted(GRAPHS))
def any_view(request):
    """Each fixture graph in turn."""
    return GraphView(GRAPHS[request.param]())


@pytest.fixture(scope="session")
def view():
    return GraphView(small_graph())
