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
from collections import defaultdict
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..model import ACTOR_CLASSES, EVENT_CLASSES
from ..rdf import DCTERMS_NS, KGO_NS, OWL_NS, RDF_NS, RDFS_NS, SKOS_NS

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


def build_property_graph(triples: list[ox.Triple]) -> nx.MultiDiGraph:
    """Nodes (actors, positions, events, agreements) keyed by their IRI's local name, with their
    properties and evidence; edges for the relations between them; all in sorted order."""
    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == RDF_TYPE and o.value.startswith(KGO_NS):
            types[s].add(o.value[len(KGO_NS):])
        else:
            values[s][p].append(o)
    mentions = {}
    documents = {s: (values[s].get(KGO_NS + "source") or [None])[0] for s, ts in types.items() if "Document" in ts}
    titles = {s: (values[s].get(DCTERMS_NS + "title") or [None])[0] for s in documents}
    for s, ts in types.items():
        if "Mention" in ts:
            v = values[s]
            doc = (v.get(KGO_NS + "document") or [None])[0]
            title = titles.get(doc.value) if doc is not None else None
            mentions[s] = {
                "document": documents.get(doc.value).value if doc is not None and documents.get(doc.value) else "",
                "title": title.value if title is not None else "",
                "start": int(v[KGO_NS + "start"][0].value) if v.get(KGO_NS + "start") else 0,
                "end": int(v[KGO_NS + "end"][0].value) if v.get(KGO_NS + "end") else 0,
                "text": v[KGO_NS + "text"][0].value if v.get(KGO_NS + "text") else "",
            }
    import networkx as nx

    graph = nx.MultiDiGraph()
    node_iris = sorted(s for s, ts in types.items() if ts & set(NODE_CLASSES))
    for iri in node_iris:
        v = values[iri]
        kind, cls = node_class(types[iri])
        evidence = sorted((mentions[m.value] for m in v.get(KGO_NS + "evidence", []) if m.value in mentions),
                          key=lambda e: (e["document"], e["start"], e["end"]))
        attrs = {
            "iri": iri,
            "label": (v.get(RDFS_NS + "label") or [ox.Literal(local_name(iri))])[0].value,
            "kind": kind,
            "cls": cls,
            "event_class": cls if kind == "event" else "",
            "mediator": "Mediator" in types[iri],
            "alt_labels": sorted(o.value for o in v.get(SKOS_NS + "altLabel", [])),
            "wikidata": next((o.value for o in sorted(v.get(OWL_NS + "sameAs", []), key=lambda o: o.value)), ""),
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
        for relation in RELATIONS:
            for o in values[iri].get(KGO_NS + relation, []):
                target = local_name(o.value)
                if isinstance(o, ox.NamedNode) and target in known:
                    edges.append((local_name(iri), target, relation))
    for source, target, relation in sorted(set(edges)):
        graph.add_edge(source, target, key=relation, relation=relation)
    return graph


def _one(values: dict, prop: str) -> str:
    found = sorted(o.value for o in values.get(KGO_NS + prop, []))
    return found[0] if found else ""
