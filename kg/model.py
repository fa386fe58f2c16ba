"""The intermediate record between extraction and graph assembly: plain dataclasses, no spaCy objects.

Extraction fills one `DocumentRecord` per article; assembly merges the records of a corpus
into one graph. Actors are referred to by `ActorRef` keys (class + canonical name), so records
stay independent of each other and of the graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

ACTOR_CLASSES = ("Person", "State", "Organization", "Place")
EVENT_CLASSES = ("Ceasefire", "Meeting", "Negotiation", "MilitaryOperation", "ArmedConflict",
                 "Statement", "Signing", "Release", "Visit")
DATE_KINDS = ("date", "gYearMonth", "gYear", "gMonthDay")


@dataclass(frozen=True)
class Document:
    """One article as read from the corpus: the decoded text and its metadata."""

    source: str  # file name, or the line's id in a .jsonl corpus
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


class Mention(NamedTuple):
    """A span of a document that states a fact: code-point offsets, end exclusive. A named tuple, not a
    frozen dataclass: assembly hashes, compares and orders tens of thousands of them, and a tuple does
    that in C, where a dataclass runs Python code for each (a tenth of assembly's time)."""

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, order=True)
class DateValue:
    """A date as precise as the text gives it, in its XSD lexical form ("2020-11", "--11-10")."""

    value: str
    kind: str  # one of DATE_KINDS

    def __post_init__(self):
        if self.kind not in DATE_KINDS:
            raise ValueError(f"unknown date kind {self.kind!r}")

    def covers(self, other: DateValue) -> bool:
        """True when `other` is this date or a more precise date within it (2020-11-10 within 2020-11)."""
        return other.value == self.value or other.value.startswith(self.value + "-")

    def compatible(self, other: DateValue) -> bool:
        return self.covers(other) or other.covers(self)

    @property
    def precision(self) -> int:
        return {"gYear": 1, "gYearMonth": 2, "date": 3, "gMonthDay": 0}[self.kind]


def compatible_dates(a: DateValue | None, b: DateValue | None) -> bool:
    """Two mentions can be one happening: one undated, or one date within the other."""
    return a is None or b is None or a.compatible(b)


def more_precise(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    """The more precise of two dates, the first when equally precise."""
    if a is None:
        return b
    if b is None:
        return a
    return b if b.precision > a.precision else a


class ActorRef(NamedTuple):
    """The key of an actor across documents: its class and canonical name (a named tuple, as Mention)."""

    cls: str
    name: str


@dataclass
class Actor:
    ref: ActorRef
    alt_labels: set[str] = field(default_factory=set)
    qid: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.ref.name


@dataclass
class Position:
    holder: ActorRef
    title: str  # canonical title from ontology/titles.csv
    of: ActorRef | None
    date: DateValue | None = None
    mentions: list[Mention] = field(default_factory=list)
    former: bool = False  # the text names it as past ("former President"): not held when the article was written


@dataclass
class Agreement:
    label: str
    date: DateValue | None = None
    end_date: DateValue | None = None
    signatories: set[ActorRef] = field(default_factory=set)
    parties: set[ActorRef] = field(default_factory=set)
    mediators: set[ActorRef] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    kind: str = "agreement"  # from ontology/lexicon/agreements.csv: "agreement" (any kind), "ceasefire", "treaty"...


@dataclass
class Event:
    cls: str  # one of EVENT_CLASSES
    label: str
    date: DateValue | None = None
    end_date: DateValue | None = None
    participants: set[ActorRef] = field(default_factory=set)
    mediators: set[ActorRef] = field(default_factory=set)
    location: ActorRef | None = None
    status: str | None = None  # "planned" for an announced future event
    agreement: Agreement | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class DocumentRecord:
    """Everything extracted from one document."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
