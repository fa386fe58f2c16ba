"""RDF serializations: Turtle, N-Triples, JSON-LD (with a context for the vocabulary) and TriG (one
named graph per article holding the facts it supports)."""
from __future__ import annotations

import json
from collections import defaultdict

import pyoxigraph as ox

from ..rdf import KGO_NS, KGR_NS, PREFIXES, RDF_NS, render_turtle, sort_prefix_lines, sort_triples

DOCUMENT_GRAPH_NS = KGR_NS + "graph/"


def render_ttl(triples: list[ox.Triple]) -> dict[str, bytes]:
    return {"graph.ttl": render_turtle(triples)}


def render_nt(triples: list[ox.Triple]) -> dict[str, bytes]:
    return {"graph.nt": ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)}


def _json_value(term) -> object:
    if isinstance(term, ox.NamedNode):
        return {"@id": term.value}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return {"@value": term.value}
    return {"@value": term.value, "@type": term.datatype.value}


def render_jsonld(triples: list[ox.Triple]) -> dict[str, bytes]:
    """Expanded-IRI JSON-LD nodes under an @context that declares the vocabulary's prefixes: every
    key is a full IRI, so any JSON-LD processor reads the same triples back."""
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        key = "@type" if t.predicate.value == RDF_NS + "type" else t.predicate.value
        value = t.object.value if key == "@type" else _json_value(t.object)
        nodes[t.subject.value][key].append(value)
    graph = []
    for subject in sorted(nodes):
        node = {"@id": subject}
        for key in sorted(nodes[subject]):
            node[key] = nodes[subject][key]
        graph.append(node)
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}
    return {"graph.jsonld": (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")}


def facts_by_document(triples: list[ox.Triple]) -> dict[str, set[ox.Triple]]:
    """For each document node: the facts of every node with evidence in it (its triples but the
    evidence links to other documents), the evidence links and mentions in it, and the document."""
    evidence = KGO_NS + "evidence"
    mention_doc = {t.subject.value: t.object.value for t in triples if t.predicate.value == KGO_NS + "document"}
    facts: dict[str, list[ox.Triple]] = defaultdict(list)
    links: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        (links if t.predicate.value == evidence else facts)[t.subject.value].append(t)
    graphs: dict[str, set[ox.Triple]] = defaultdict(set)
    for node, node_links in links.items():
        docs = set()
        for link in node_links:
            doc = mention_doc.get(link.object.value)
            if doc is not None:
                graphs[doc].add(link)
                graphs[doc].update(facts[link.object.value])
                docs.add(doc)
        for doc in docs:
            graphs[doc].update(facts[node])
    for doc in list(graphs):
        graphs[doc].update(facts[doc])
    return graphs


def render_trig(triples: list[ox.Triple]) -> dict[str, bytes]:
    """TriG: a named graph per article (its facts, possibly repeated in another article's graph), and
    the triples no article supports in the default graph; the union is the whole graph."""
    graphs = facts_by_document(triples)
    covered = set().union(*graphs.values()) if graphs else set()
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in sort_triples(set(triples) - covered)]
    for doc in sorted(graphs):
        name = ox.NamedNode(DOCUMENT_GRAPH_NS + doc.rsplit("/", 1)[-1])
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in sort_triples(graphs[doc]))
    return {"graph.trig": sort_prefix_lines(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))}
