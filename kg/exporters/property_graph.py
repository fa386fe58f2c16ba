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
from ..rdf import DCTERMS_TITLE, KGO_NS, OWL_SAMEAS, RDF_NS, RDFS_LABEL, SKOS_ALTLABEL, kgo

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


def _types_and_values(triples: list[ox.Triple]) -> tuple[dict[str, set[str]], dict[str, dict[str, list]]]:
    """Each subject's kgo classes, and its other values by predicate, in one pass: a subject's triples
    are consecutive in the sorted graph, so its dict is looked up once per run of them (and again only
    where a graph given out of order breaks a run)."""
    types: dict[str, set[str]] = {}
    values: dict[str, dict[str, list]] = {}
    kgo_length = len(KGO_NS)
    current = None
    for t in triples:
        subject = t.subject.value
        if subject != current:
            current = subject
            own = values.get(subject)
            if own is None:
                own = values[subject] = {}
        predicate, o = t.predicate.value, t.object
        if predicate == RDF_TYPE:
            cls = o.value
            if cls.startswith(KGO_NS):
                found = types.get(subject)
                if found is None:
                    types[subject] = {cls[kgo_length:]}
                else:
                    found.add(cls[kgo_length:])
                continue
        found = own.get(predicate)
        if found is None:
            own[predicate] = [o]
        else:
            found.append(o)
    return types, values


NO_VALUES: dict[str, list] = {}


def build_property_graph(triples: list[ox.Triple]) -> nx.MultiDiGraph:
    """Nodes (actors, positions, events, agreements) keyed by their IRI's local name, with their
    properties and evidence; edges for the relations between them; all in sorted order."""
    types, values = _types_and_values(triples)
    documents, titles = {}, {}
    for s, ts in types.items():
        if "Document" in ts:
            own = values.get(s, NO_VALUES)
            documents[s] = (own.get(SOURCE) or [None])[0]
            titles[s] = (own.get(TITLE) or [None])[0]
    mentions = {}
    for s, ts in types.items():
        if "Mention" in ts:
            v = values.get(s, NO_VALUES)
            doc = (v.get(DOCUMENT) or [None])[0]
            source = documents.get(doc.value) if doc is not None else None
            title = titles.get(doc.value) if doc is not None else None
            mentions[s] = {
                "document": source.value if source is not None else "",
                "title": title.value if title is not None else "",
                "start": int(v[START][0].value) if v.get(START) else 0,
                "end": int(v[END][0].value) if v.get(END) else 0,
                "text": v[TEXT][0].value if v.get(TEXT) else "",
            }
    import networkx as nx

    graph = nx.MultiDiGraph()
    node_classes = set(NODE_CLASSES)
    node_iris = sorted(s for s, ts in types.items() if not ts.isdisjoint(node_classes))
    for iri in node_iris:
        v = values.get(iri, NO_VALUES)
        kind, cls = node_class(types[iri])
        evidence = sorted((mentions[m.value] for m in v.get(EVIDENCE, ()) if m.value in mentions),
                          key=_evidence_order)
        attrs = {
            "iri": iri,
            "label": (v.get(LABEL) or [ox.Literal(local_name(iri))])[0].value,
            "kind": kind,
            "cls": cls,
            "event_class": cls if kind == "event" else "",
            "mediator": "Mediator" in types[iri],
            "alt_labels": sorted(o.value for o in v.get(ALT_LABEL, ())),
            "wikidata": min((o.value for o in v.get(SAME_AS, ())), default=""),
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
                target = local_name(o.value)
                if isinstance(o, ox.NamedNode) and target in known:
                    edges.append((local_name(iri), target, relation))
    for source, target, relation in sorted(set(edges)):
        graph.add_edge(source, target, key=relation, relation=relation)
    return graph


def _evidence_order(evidence: dict) -> tuple:
    return evidence["document"], evidence["start"], evidence["end"]


def _one(values: dict, prop: str) -> str:
    """The least of a property's values, or "" without one."""
    return min((o.value for o in values.get(PROPERTY_IRIS[prop], ())), default="")
