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
from ..rdf import DCTERMS_TITLE, KGO_NS, OWL_SAMEAS, RDF_NS, RDFS_LABEL, SKOS_ALTLABEL, kgo, subject_spans

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
        _last_built = (key, build_property_graph(key))
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


def _types_and_values(triples: list[ox.Triple]) -> tuple[dict[str, set[str]], dict[str, dict[str, list[str]]]]:
    """Each subject's kgo classes, and the values (as strings) of the predicates the graph reads, IRIs
    alone for those of edges, in one pass of a subject's run of triples at a time (a subject met again in
    a later run, in a graph given out of order, has its dict looked up again). Strings, not pyoxigraph
    terms: each term read is a new object with a copy of its text, and keeping them all (some 70,000 for
    1,000 articles) made this pass two to three times longer in a forked worker, for the fresh memory."""
    types: dict[str, set[str]] = {}
    values: dict[str, dict[str, list[str]]] = {}
    kgo_length = len(KGO_NS)
    named_node = ox.NamedNode
    for start, end in subject_spans(triples, 1):
        subject = triples[start].subject.value
        own = values.get(subject)
        if own is None:
            own = values[subject] = {}
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
                    found = types.get(subject)
                    if found is None:
                        types[subject] = {cls[kgo_length:]}
                    else:
                        found.add(cls[kgo_length:])
                continue
            else:
                continue
            found = own.get(predicate)
            if found is None:
                own[predicate] = [o]
            else:
                found.append(o)
    return types, values


NO_VALUES: dict[str, list[str]] = {}


def build_property_graph(triples: list[ox.Triple]) -> nx.MultiDiGraph:
    """Nodes (actors, positions, events, agreements) keyed by their IRI's local name, with their
    properties and evidence; edges for the relations between them; all in sorted order."""
    types, values = _types_and_values(triples)
    documents, titles = {}, {}
    for s, ts in types.items():
        if "Document" in ts:
            own = values.get(s, NO_VALUES)
            documents[s] = (own.get(SOURCE) or [""])[0]
            titles[s] = (own.get(TITLE) or [""])[0]
    mentions = {}
    for s, ts in types.items():
        if "Mention" in ts:
            v = values.get(s, NO_VALUES)
            doc = (v.get(DOCUMENT) or [None])[0]
            mentions[s] = {
                "document": documents.get(doc, ""),
                "title": titles.get(doc, ""),
                "start": int(v[START][0]) if v.get(START) else 0,
                "end": int(v[END][0]) if v.get(END) else 0,
                "text": v[TEXT][0] if v.get(TEXT) else "",
            }
    import networkx as nx

    graph = nx.MultiDiGraph()
    node_classes = set(NODE_CLASSES)
    node_iris = sorted(s for s, ts in types.items() if not ts.isdisjoint(node_classes))
    for iri in node_iris:
        v = values.get(iri, NO_VALUES)
        kind, cls = node_class(types[iri])
        evidence = sorted((mentions[m] for m in v.get(EVIDENCE, ()) if m in mentions), key=_evidence_order)
        attrs = {
            "iri": iri,
            "label": (v.get(LABEL) or [local_name(iri)])[0],
            "kind": kind,
            "cls": cls,
            "event_class": cls if kind == "event" else "",
            "mediator": "Mediator" in types[iri],
            "alt_labels": sorted(v.get(ALT_LABEL, ())),
            "wikidata": min(v.get(SAME_AS, ()), default=""),
            "date": _one(v, "date"),
            "end_date": _one(v, "endDate"),
            "status": _one(v, "status"),
            "title": _one(v, "title"),
            "evidence": evidence,
            "documents": sorted({e["document"] for e in evidence}),
        }
        graph.add_node(local_name(iri), **attrs)
    known = {local_name(i) for i in node_iris}
    edges = []
    for iri in node_iris:
        v = values.get(iri, NO_VALUES)
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
