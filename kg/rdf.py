"""RDF terms of the public vocabulary and the graph's in-memory form: a sorted list of triples.

Every stage after assembly (exporters, validation, queries) takes the graph as a list of
`pyoxigraph.Triple`, sorted so that every serialization of the same corpus is byte-identical.
"""
from __future__ import annotations

import io
from bisect import bisect_left
from functools import lru_cache
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from .errors import GraphError

KGO_NS = "https://w3id.org/kgnews/ontology#"
KGR_NS = "https://w3id.org/kgnews/id/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS_NS = "http://purl.org/dc/terms/"
SCHEMA_NS = "https://schema.org/"
WD_NS = "http://www.wikidata.org/entity/"

PREFIXES = {
    "kgo": KGO_NS,
    "kgr": KGR_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "xsd": XSD_NS,
    "owl": OWL_NS,
    "skos": SKOS_NS,
    "dcterms": DCTERMS_NS,
    "schema": SCHEMA_NS,
    "wd": WD_NS,
}


@lru_cache(maxsize=None)
def kgo(term: str) -> ox.NamedNode:
    return ox.NamedNode(KGO_NS + term)


def kgr(local: str) -> ox.NamedNode:
    return ox.NamedNode(KGR_NS + local)


RDF_TYPE = ox.NamedNode(RDF_NS + "type")
RDFS_LABEL = ox.NamedNode(RDFS_NS + "label")
RDFS_SUBCLASSOF = ox.NamedNode(RDFS_NS + "subClassOf")
SKOS_ALTLABEL = ox.NamedNode(SKOS_NS + "altLabel")
OWL_SAMEAS = ox.NamedNode(OWL_NS + "sameAs")
DCTERMS_TITLE = ox.NamedNode(DCTERMS_NS + "title")
DCTERMS_PUBLISHER = ox.NamedNode(DCTERMS_NS + "publisher")
SCHEMA_URL = ox.NamedNode(SCHEMA_NS + "url")


@lru_cache(maxsize=None)
def xsd(kind: str) -> ox.NamedNode:
    return ox.NamedNode(XSD_NS + kind)


def literal(value, kind: str | None = None) -> ox.Literal:
    """A plain string literal, or a typed one (kind is an XSD local name such as "date", "integer")."""
    if kind is None:
        return ox.Literal(str(value))
    return ox.Literal(str(value), datatype=xsd(kind))


def _term_key(term) -> tuple:
    """Sort key of a term: IRIs, then blank nodes, then literals by value, datatype and language."""
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.Literal):
        value = term.value
        if term.datatype.value == XSD_NS + "integer":
            try:
                return (2, "", f"{int(value):020d}", term.datatype.value, term.language or "")
            except ValueError:
                pass
        return (2, value, "", term.datatype.value, term.language or "")
    return (3, str(term))


def triple_key(triple: ox.Triple) -> tuple:
    """The subject's, predicate's and object's _term_key, flattened into one tuple: the graph's order."""
    return (*_subject_key(triple.subject), 0, *_predicate_object_key(triple))


def _subject_key(subject) -> tuple:
    if type(subject) is ox.NamedNode:
        return (0, subject.value)
    if type(subject) is ox.BlankNode:
        return (1, subject.value)
    return _term_key(subject)


def _predicate_object_key(triple: ox.Triple) -> tuple:
    """The predicate's value and the object's _term_key in one tuple: a triple's place among its subject's."""
    term = triple.object
    if type(term) is ox.NamedNode:
        return (triple.predicate.value, 0, term.value)
    if type(term) is ox.Literal:
        value, datatype = term.value, term.datatype.value
        if datatype == XSD_INTEGER:
            try:
                return (triple.predicate.value, 2, "", f"{int(value):020d}", datatype, term.language or "")
            except ValueError:
                pass
        return (triple.predicate.value, 2, value, "", datatype, term.language or "")
    return (triple.predicate.value, *_term_key(term))


XSD_INTEGER = XSD_NS + "integer"


class SortedTriples(list):
    """A graph's triples in sort_triples' order, knowing where each subject's run of them starts
    (`subject_starts`, ascending, the first 0; made as they are sorted, for free): subject_spans then
    cuts runs without comparing the subjects of neighbouring triples, a pass over the whole graph (a new
    term object for each triple) that validation and several exports each made. Only read, never changed
    (a slice or copy is a plain list, whose runs are found the slow way)."""

    subject_starts: list[int]


def sort_triples(triples: Iterable[ox.Triple], sorted_groups: dict | None = None) -> SortedTriples:
    """Deduplicate and sort triples (in triple_key's order) so that serializations are stable: grouped by
    subject, then as sort_subject_groups. `sorted_groups` (subject -> its triples, already as
    sorted_group leaves them) are taken as they are, or merged with the subject's other triples."""
    by_subject: dict[object, list[ox.Triple]] = {}
    for triple in triples:
        group = by_subject.get(triple.subject)
        if group is None:
            by_subject[triple.subject] = [triple]
        else:
            group.append(triple)
    return sort_subject_groups(by_subject, sorted_groups)


def sort_subject_groups(by_subject: dict[object, list[ox.Triple]], sorted_groups: dict | None = None
                        ) -> SortedTriples:
    """sort_triples of triples already grouped by subject (as their maker can keep them, for free, rather
    than have them grouped again): the subjects sorted, then each subject's few triples, deduplicated,
    which is twice as fast as one sort of all triples, since a subject's key is made once rather than
    for each of its triples. The groups are taken over (extended, not copied)."""
    ready: set[int] = set()
    for subject, group in (sorted_groups or {}).items():
        others = by_subject.get(subject)
        if others is None:
            by_subject[subject] = group
            ready.add(id(group))
        else:
            others.extend(group)
    ordered = SortedTriples()
    starts = []
    for subject in sorted_subjects(by_subject):
        group = by_subject[subject]
        if len(group) > 1 and id(group) not in ready:
            group = sorted_group(group)
        starts.append(len(ordered))
        ordered += group
    ordered.subject_starts = starts
    return ordered


def sorted_subjects(subjects: Iterable) -> list:
    """Subjects in _subject_key's order; where all are IRIs (as in every graph a build makes), by their
    text alone, which sorts three times faster than their keys."""
    subjects = list(subjects)
    if all(type(subject) is ox.NamedNode for subject in subjects):
        return sorted(subjects, key=TERM_VALUE)
    return sorted(subjects, key=_subject_key)


TERM_VALUE = attrgetter("value")


def sorted_group(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """One subject's triples, deduplicated, in sort_triples' order."""
    return sorted(set(triples), key=_predicate_object_key)


def ntriples_lines(triples: Iterable[ox.Triple]) -> list[str]:
    """Each triple as its N-Triples line (as pyoxigraph writes N-Triples)."""
    return [f"{t} .\n" for t in triples]


CHUNK_TRIPLES = 20_000  # triples serialized at a time when a file is written piece by piece


def subject_spans(triples: list[ox.Triple], size: int = CHUNK_TRIPLES) -> Iterator[tuple[int, int]]:
    """(start, end) positions of the sorted triples in slices of about `size`, each cut where the subject
    changes (a subject's triples are consecutive in sorted order), so every slice is whole subjects; with
    size 1, one subject each. Cut where SortedTriples knows its subjects' runs to start, if it does."""
    starts = getattr(triples, "subject_starts", None)
    if starts is not None:
        yield from _spans_at(starts, len(triples), size)
        return
    start, count = 0, len(triples)
    while start < count:
        end = min(start + size, count)
        while end < count and triples[end].subject == triples[end - 1].subject:
            end += 1
        yield start, end
        start = end


def _spans_at(starts: list[int], count: int, size: int) -> Iterator[tuple[int, int]]:
    """subject_spans of `count` triples whose subjects' runs start at `starts`: each slice ends at the
    first run that starts `size` or more triples after the slice does (or at the end)."""
    if size == 1:
        yield from zip(starts, starts[1:] + [count])
        return
    start = 0
    while start < count:
        following = bisect_left(starts, min(start + size, count))
        end = starts[following] if following < len(starts) else count
        yield start, end
        start = end


def subject_runs(triples: list[ox.Triple], size: int = CHUNK_TRIPLES) -> Iterator[list[ox.Triple]]:
    """The slices of subject_spans."""
    for start, end in subject_spans(triples, size):
        yield triples[start:end]


def prefixed_once(bodies: Iterable[bytes]) -> Iterator[bytes]:
    """Turtle or TriG texts, each written with the prefix header, as the pieces of one text: the header
    (sorted) on the first only. pyoxigraph writes a subject's block, or a named graph, the same whatever
    came before it, so the pieces join to what it writes in one text."""
    first = True
    for body in bodies:
        yield sort_prefix_lines(body) if first else without_prefix_lines(body)
        first = False


def turtle_chunks(triples: list[ox.Triple], size: int = CHUNK_TRIPLES) -> Iterator[bytes]:
    """render_turtle's bytes, piece by piece, a slice of whole subjects at a time: memory stays that of
    one slice, whatever the graph's size."""
    return prefixed_once(ox.serialize(run, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
                         for run in subject_runs(triples, size))


def render_turtle(triples: list[ox.Triple]) -> bytes:
    """Turtle with the project's prefixes, subjects grouped, in the graph's sorted order.

    pyoxigraph writes the prefix lines in hash order; they are sorted here so that the bytes
    never depend on it."""
    return b"".join(turtle_chunks(triples))


def sort_prefix_lines(body: bytes) -> bytes:
    """The @prefix header of a Turtle or TriG text in sorted order (pyoxigraph writes it in hash order)."""
    rest = without_prefix_lines(body)
    header = body[:len(body) - len(rest)]
    return b"".join(sorted(header.splitlines(keepends=True))) + rest if header else body


def without_prefix_lines(body: bytes) -> bytes:
    """A Turtle or TriG text without its @prefix header: a later piece of a text written piece by piece."""
    start = 0
    while body.startswith(b"@prefix", start):
        end = body.find(b"\n", start)
        start = len(body) if end < 0 else end + 1
    return body[start:]


def read_graph(path: Path) -> list[ox.Triple]:
    """Read a graph file written by any of our RDF exporters (format from its extension)."""
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file (build one with `kg build`)")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GraphError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        if fmt.supports_datasets:
            return sort_triples(q.triple for q in ox.parse(io.BytesIO(data), format=fmt))
        return sort_triples(ox.parse(io.BytesIO(data), format=fmt))
    except (SyntaxError, ValueError) as exc:
        reason = " ".join(str(exc).split())
        raise GraphError(f"{path}: not valid {fmt.name}: {reason}") from exc


def to_store(triples: Iterable[ox.Triple]) -> ox.Store:
    """An in-memory pyoxigraph store holding the triples in its default graph, for SPARQL."""
    store = ox.Store()
    # through N-Triples: pyoxigraph writes and reads it faster than Python builds a Quad per triple; a
    # slice at a time, so the text never holds the whole graph
    iterator = iter(triples)
    while batch := list(islice(iterator, CHUNK_TRIPLES)):
        store.load(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    return store
