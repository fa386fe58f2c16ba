"""The property-graph view of the RDF graph, built once and shared by the viewer, Neo4j and Gephi
exporters so that they agree on nodes, edges, labels and counts.

A node for every actor, position, event and agreement; an edge for every relation between them.
Documents and evidence are carried as node properties, not nodes.

networkx is imported where a graph is made, not with the exporters: `kg` starts, and a rebuild sets
about its parse, without waiting for it.
"""
from __future__ import annotations

import hashlib
import pickle
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..model import ACTOR_CLASSES, EVENT_CLASSES
from ..rdf import (DCTERMS_TITLE, KGO_NS, OWL_SAMEAS, RDF_NS, RDFS_LABEL, SKOS_ALTLABEL, SortedTriples, kgo,
                   sort_triples, subject_spans)

if TYPE_CHECKING:
    import networkx as nx

NODE_CLASSES = ACTOR_CLASSES + ("Position", "Event", "Agreement")
RELATIONS = ("participant", "mediator", "location", "agreement", "signatory", "party", "holder", "of")
RDF_TYPE = RDF_NS + "type"


def local_name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def node_class(types: set[str]) -> tuple[str, str]:
    """(kind, class): kind is actor/position/event/agreement; class the most specific kgo class."""
    for cls in EVENT_CLASSES:
        if cls in types:
            return "event", cls
    if "Event" in types:
        return "event", "Event"
    for cls in ACTOR_CLASSES:
        if cls in types:
            return "actor", cls
    if "Position" in types:
        return "position", "Position"
    return "agreement", "Agreement"


_last_built: tuple[tuple, nx.MultiDiGraph] | None = None


def property_graph_of(triples: list[ox.Triple]) -> nx.MultiDiGraph:
    """The property graph of these triples, built once for the exporters that share it (read-only).

    One graph is kept: the viewer, Neo4j, GEXF and GraphML exporters each take the triples, and
    when they are given the same triples in a row the graph is not built again."""
    global _last_built
    key = tuple(triples)
    if _last_built is None or _last_built[0] != key:
        _last_built = (key, build_property_graph(triples))  # the triples, not the key: a tuple of sorted
        # triples no longer knows where its subjects' runs start, and would be sorted again
    return _last_built[1]


_last_keys: tuple[nx.MultiDiGraph, dict[str, bytes]] | None = None  # the graph itself, not its id, which
# a later graph may be given once this one is gone


def node_keys(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """A digest of each node's id and attributes, made once for a graph: the exporters draw a node from
    these alone, so a memo of its drawing is keyed by them (see kg.memo). Digested as pickled, twice as
    fast as their repr: equal attributes pickle alike, as build_property_graph makes them the same way
    (the same objects shared), and were one pickled otherwise it would only be drawn again."""
    global _last_keys
    if _last_keys is None or _last_keys[0] is not graph:
        _last_keys = (graph, {node: hashlib.blake2b(pickle.dumps((node, data), protocol=5), digest_size=16).digest()
                              for node, data in graph.nodes(data=True)})
    return _last_keys[1]


def forget_property_graph() -> None:
    """Let the property graph kept for the exporters (and its node keys) go: for a process that goes on
    to other work."""
    global _last_built, _last_keys
    _last_built = _last_keys = None


# the IRIs read, as the strings the triples' terms give (the terms themselves are kg.rdf's)
SOURCE, DOCUMENT, START, END, TEXT, EVIDENCE = (kgo(term).value
                                                for term in ("source", "document", "start", "end", "text", "evidence"))
TITLE, LABEL, ALT_LABEL, SAME_AS = (term.value for term in (DCTERMS_TITLE, RDFS_LABEL, SKOS_ALTLABEL, OWL_SAMEAS))
RELATION_IRIS = tuple((relation, kgo(relation).value) for relation in RELATIONS)
PROPERTY_IRIS = {prop: kgo(prop).value for prop in ("date", "endDate", "status", "title")}


READ_IRIS = frozenset({SOURCE, TITLE, DOCUMENT, START, END, TEXT, EVIDENCE, LABEL, ALT_LABEL, SAME_AS,
                       *PROPERTY_IRIS.values()})  # the predicates whose values (as strings) the graph reads
RELATION_IRI_SET = frozenset(iri for _, iri in RELATION_IRIS)  # the predicates of edges: IRI objects only
KGO_LENGTH = len(KGO_NS)
NODE_CLASS_SET = frozenset(NODE_CLASSES)


class Subjects:
    """What the property graph reads of each subject, gathered in one pass of the sorted triples:
    - `classes`: each node's kgo classes (one frozenset shared by every node of the same classes);
    - `values`: each node's values (as strings) of the predicates the graph reads, IRIs alone for those
      of edges;
    - `mentions`: each mention's (document IRI, start, end, text);
    - `documents`: each document's (source, title).
    Mentions are most subjects, and each is kept as one tuple. Keeping their values as dicts of lists, as
    a node's are, and a set of classes for every subject wrote some 4,000 more pages of fresh memory in a
    forked worker (for 1,000 articles, 0.33 s against 0.31 s). Triples not in sorted order are sorted
    (and so deduplicated) first, for each subject to have one run."""

    def __init__(self, triples: list[ox.Triple]):
        self.classes: dict[str, frozenset[str]] = {}
        self.values: dict[str, dict[str, list[str]]] = {}
        self.mentions: dict[str, tuple[str | None, int, int, str]] = {}
        self.documents: dict[str, tuple[str, str]] = {}
        if not isinstance(triples, SortedTriples):  # each subject made one run
            triples = sort_triples(triples)
        shared: dict[frozenset[str], frozenset[str]] = {}
        for start, end in subject_spans(triples, 1):
            subject = triples[start].subject.value
            classes, own = self._run(triples, start, end)
            if "Document" in classes:
                self.documents[subject] = ((own.get(SOURCE) or [""])[0], (own.get(TITLE) or [""])[0])
            if "Mention" in classes:
                self.mentions[subject] = ((own.get(DOCUMENT) or [None])[0],
                                          int(own[START][0]) if own.get(START) else 0,
                                          int(own[END][0]) if own.get(END) else 0,
                                          own[TEXT][0] if own.get(TEXT) else "")
            if not classes.isdisjoint(NODE_CLASS_SET):
                self.classes[subject] = shared.setdefault(classes, classes)
                self.values[subject] = own

    @staticmethod
    def _run(triples: list[ox.Triple], start: int, end: int) -> tuple[frozenset[str], dict[str, list[str]]]:
        """One subject's kgo classes and values, from its run of triples."""
        classes = []
        own: dict[str, list[str]] = {}
        named_node = ox.NamedNode
        for i in range(start, end):
            t = triples[i]
            predicate = t.predicate.value
            if predicate in READ_IRIS:
                o = t.object.value
            elif predicate in RELATION_IRI_SET:
                o = t.object
                if type(o) is not named_node:
                    continue
                o = o.value
            elif predicate == RDF_TYPE:
                cls = t.object.value
                if cls.startswith(KGO_NS):
                    classes.append(cls[KGO_LENGTH:])
                continue
            else:
                continue
            found = own.get(predicate)
            if found is None:
                own[predicate] = [o]
            else:
                found.append(o)
        return frozenset(classes), own


def build_property_graph(triples: list[ox.Triple]) -> nx.MultiDiGraph:
    """Nodes (actors, positions, events, agreements) keyed by their IRI's local name, with their
    properties and evidence; edges for the relations between them; all in sorted order."""
    subjects = Subjects(triples)
    evidence_of: dict[str, dict] = {}  # a mention's evidence, made once for every node it supports

    def evidence(mention: str) -> dict:
        made = evidence_of.get(mention)
        if made is None:
            document, start, end, text = subjects.mentions[mention]
            source, title = subjects.documents.get(document, ("", ""))
            made = evidence_of[mention] = {"document": source, "title": title, "start": start, "end": end,
                                           "text": text}
        return made

    import networkx as nx

    graph = nx.MultiDiGraph()
    node_iris = sorted(subjects.classes)
    for iri in node_iris:
        v = subjects.values[iri]
        classes = subjects.classes[iri]
        kind, cls = node_class(classes)
        found = sorted((evidence(m) for m in v.get(EVIDENCE, ()) if m in subjects.mentions), key=_evidence_order)
        attrs = {
            "iri": iri,
            "label": (v.get(LABEL) or [local_name(iri)])[0],
            "kind": kind,
            "cls": cls,
            "event_class": cls if kind == "event" else "",
            "mediator": "Mediator" in classes,
            "alt_labels": sorted(v.get(ALT_LABEL, ())),
            "wikidata": min(v.get(SAME_AS, ()), default=""),
            "date": _one(v, "date"),
            "end_date": _one(v, "endDate"),
            "status": _one(v, "status"),
            "title": _one(v, "title"),
            "evidence": found,
            "documents": sorted({e["document"] for e in found}),
        }
        graph.add_node(local_name(iri), **attrs)
    known = {local_name(i) for i in node_iris}
    edges = []
    for iri in node_iris:
        v = subjects.values[iri]
        for relation, relation_iri in RELATION_IRIS:
            for o in v.get(relation_iri, ()):
                target = local_name(o)
                if target in known:
                    edges.append((local_name(iri), target, relation))
    for source, target, relation in sorted(set(edges)):
        graph.add_edge(source, target, key=relation, relation=relation)
    return graph


def _evidence_order(evidence: dict) -> tuple:
    return evidence["document"], evidence["start"], evidence["end"]


def _one(values: dict, prop: str) -> str:
    """The least of a property's values, or "" without one."""
    return min(values.get(PROPERTY_IRIS[prop], ()), default="")
