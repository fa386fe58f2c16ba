"""RDF serializations: Turtle, N-Triples, JSON-LD (with a context for the vocabulary) and TriG (one
named graph per article holding the facts it supports)."""
from __future__ import annotations

from collections import defaultdict
from json.encoder import encode_basestring

import pyoxigraph as ox

from ..rdf import KGO_NS, KGR_NS, PREFIXES, RDF_NS, render_turtle, sort_prefix_lines

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


def _json_item(value: object) -> str:
    """A @type or value object as `json.dumps(..., indent=1)` writes it at the depth of a property's list."""
    if isinstance(value, str):
        return "    " + encode_basestring(value)
    return ("    {\n" + ",\n".join(f"     {encode_basestring(k)}: {encode_basestring(v)}" for k, v in value.items())
            + "\n    }")


def render_jsonld(triples: list[ox.Triple]) -> dict[str, bytes]:
    """Expanded-IRI JSON-LD nodes under an @context that declares the vocabulary's prefixes: every
    key is a full IRI, so any JSON-LD processor reads the same triples back. Written piece by piece,
    as `json.dumps(document, ensure_ascii=False, indent=1)` writes the document, in a fraction of its time."""
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        key = "@type" if t.predicate.value == RDF_NS + "type" else t.predicate.value
        value = t.object.value if key == "@type" else _json_value(t.object)
        nodes[t.subject.value][key].append(value)
    context = ",\n".join(f"  {encode_basestring(k)}: {encode_basestring(v)}" for k, v in sorted(PREFIXES.items()))
    graph = []
    for subject in sorted(nodes):
        properties = [f"   \"@id\": {encode_basestring(subject)}"]
        for key in sorted(nodes[subject]):
            properties.append(f"   {encode_basestring(key)}: [\n"
                              + ",\n".join(_json_item(v) for v in nodes[subject][key]) + "\n   ]")
        graph.append("  {\n" + ",\n".join(properties) + "\n  }")
    body = "[\n" + ",\n".join(graph) + "\n ]" if graph else "[]"
    text = f'{{\n "@context": {{\n{context}\n }},\n "@graph": {body}\n}}\n'
    return {"graph.jsonld": text.encode("utf-8")}


def facts_by_document(triples: list[ox.Triple]) -> dict[str, set[ox.Triple]]:
    """For each document node: the facts of every node with evidence in it (its triples but the
    evidence links to other documents), the evidence links and mentions in it, and the document."""
    return {doc: {triples[i] for i in facts} for doc, facts in _facts_by_document(triples).items()}


def _facts_by_document(triples: list[ox.Triple]) -> dict[str, set[int]]:
    """facts_by_document with triples as their positions in the list."""
    evidence, document = KGO_NS + "evidence", KGO_NS + "document"
    terms = [(t.subject.value, t.predicate.value, t.object.value) for t in triples]
    mention_doc = {s: o for s, p, o in terms if p == document}
    facts: dict[str, list[int]] = defaultdict(list)
    links: dict[str, list[int]] = defaultdict(list)
    for i, (s, p, o) in enumerate(terms):
        (links if p == evidence else facts)[s].append(i)
    graphs: dict[str, set[int]] = defaultdict(set)
    for node, node_links in links.items():
        docs = set()
        for link in node_links:
            mention = terms[link][2]
            doc = mention_doc.get(mention)
            if doc is not None:
                graphs[doc].add(link)
                graphs[doc].update(facts[mention])
                docs.add(doc)
        for doc in docs:
            graphs[doc].update(facts[node])
    for doc in list(graphs):
        graphs[doc].update(facts[doc])
    return graphs


def render_trig(triples: list[ox.Triple]) -> dict[str, bytes]:
    """TriG: a named graph per article (its facts, possibly repeated in another article's graph), and
    the triples no article supports in the default graph; the union is the whole graph.

    The triples are the graph's sorted ones, so their positions give each graph's order; the quads go
    to pyoxigraph as N-Quads text, which it reads faster than Python builds Quad objects."""
    graphs = _facts_by_document(triples)
    covered = set().union(*graphs.values()) if graphs else set()
    statements = [str(t) for t in triples]
    lines = [statements[i] + " .\n" for i in range(len(triples)) if i not in covered]
    for doc in sorted(graphs):
        name = str(ox.NamedNode(DOCUMENT_GRAPH_NS + doc.rsplit("/", 1)[-1]))
        lines.extend(f"{statements[i]} {name} .\n" for i in sorted(graphs[doc]))
    quads = ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return {"graph.trig": sort_prefix_lines(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))}
