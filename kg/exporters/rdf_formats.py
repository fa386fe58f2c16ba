"""RDF serializations: Turtle, N-Triples, JSON-LD (with a context for the vocabulary) and TriG (one
named graph per article holding the facts it supports).

JSON-LD and TriG take most of the writing time; given a memo (kg.memo) they keep each node's JSON-LD
text, and each article's TriG graph, under the digest of the N-Triples lines it is made from, so a
rebuild writes again only the nodes and articles whose triples changed."""
from __future__ import annotations

from collections import defaultdict
from json.encoder import encode_basestring
from typing import Iterator

import pyoxigraph as ox

from ..memo import Memo, keyed_subject_runs, remembered, run_key
from ..rdf import (CHUNK_TRIPLES, KGO_NS, KGR_NS, PREFIXES, RDF_NS, ntriples_lines, prefixed_once, render_turtle,
                   subject_runs, subject_spans)

DOCUMENT_GRAPH_NS = KGR_NS + "graph/"


def render_ttl(triples: list[ox.Triple]) -> dict[str, bytes]:
    return {"graph.ttl": render_turtle(triples)}


def nt_chunks(triples: list[ox.Triple], size: int = CHUNK_TRIPLES) -> Iterator[bytes]:
    """N-Triples, a slice of triples at a time (one line per triple, so the pieces join exactly)."""
    for start in range(0, len(triples), size):
        yield ox.serialize(triples[start:start + size], format=ox.RdfFormat.N_TRIPLES)


def render_nt(triples: list[ox.Triple]) -> dict[str, bytes]:
    return {"graph.nt": b"".join(nt_chunks(triples))}


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


JSONLD_NODES_PER_CHUNK = 2_000


def _jsonld_node(subject: str, triples: list[ox.Triple], spans: list[tuple[int, int, tuple | None]]) -> str:
    """The inside of one node's JSON object, from its runs of triples ((start, end, key) each)."""
    properties: dict[str, list] = defaultdict(list)
    for start, end, _ in spans:
        for t in triples[start:end]:
            key = "@type" if t.predicate.value == RDF_TYPE_IRI else t.predicate.value
            properties[key].append(t.object.value if key == "@type" else _json_value(t.object))
    lines = [f"   \"@id\": {encode_basestring(subject)}"]
    for key in sorted(properties):
        lines.append(f"   {encode_basestring(key)}: [\n" + ",\n".join(_json_item(v) for v in properties[key])
                     + "\n   ]")
    return ",\n".join(lines)


def jsonld_chunks(triples: list[ox.Triple], size: int = JSONLD_NODES_PER_CHUNK, memo: Memo | None = None
                  ) -> Iterator[bytes]:
    """Expanded-IRI JSON-LD nodes under an @context that declares the vocabulary's prefixes: every
    key is a full IRI, so any JSON-LD processor reads the same triples back. Written piece by piece
    (a subject's triples are consecutive in the sorted graph, so a node is made from its run of
    triples when its turn comes), as `json.dumps(document, ensure_ascii=False, indent=1)` writes the
    document, in a fraction of its time and without holding the document. With a memo, a node whose
    triples an earlier build wrote is taken from it."""
    runs: dict[str, list[tuple[int, int, tuple | None]]] = defaultdict(list)
    for start, end, key in (keyed_subject_runs(triples) if memo is not None else
                            ((start, end, None) for start, end in subject_spans(triples, 1))):
        runs[triples[start].subject.value].append((start, end, key))
    context = ",\n".join(f"  {encode_basestring(k)}: {encode_basestring(v)}" for k, v in sorted(PREFIXES.items()))
    yield f'{{\n "@context": {{\n{context}\n }},\n "@graph": '.encode("utf-8")
    if not runs:
        yield b"[]\n}\n"
        return
    pieces = ["[\n"]
    for n, subject in enumerate(sorted(runs)):
        spans = runs[subject]
        if memo is None or len(spans) == 1:  # a sorted graph's subjects: one run each, keyed already
            key = spans[0][2]
        else:
            key = run_key([t for start, end, _ in spans for t in triples[start:end]])
        node = remembered(memo, key, lambda: _jsonld_node(subject, triples, spans))
        pieces.append(("  {\n" if n == 0 else ",\n  {\n") + node + "\n  }")
        if len(pieces) >= size:
            yield "".join(pieces).encode("utf-8")
            pieces = []
    pieces.append("\n ]\n}\n")
    yield "".join(pieces).encode("utf-8")


RDF_TYPE_IRI = RDF_NS + "type"


def render_jsonld(triples: list[ox.Triple]) -> dict[str, bytes]:
    return {"graph.jsonld": b"".join(jsonld_chunks(triples))}


def facts_by_document(triples: list[ox.Triple]) -> dict[str, set[ox.Triple]]:
    """For each document node: the facts of every node with evidence in it (its triples but the
    evidence links to other documents), the evidence links and mentions in it, and the document."""
    return {doc: {triples[i] for i in facts} for doc, facts in _facts_by_document(triples).items()}


def _facts_by_document(triples: list[ox.Triple]) -> dict[str, set[int]]:
    """facts_by_document with triples as their positions in the list."""
    evidence, document = KGO_NS + "evidence", KGO_NS + "document"
    mention_doc: dict[str, str] = {}
    facts: dict[str, list[int]] = defaultdict(list)
    links: dict[str, list[int]] = defaultdict(list)
    for start, end in subject_spans(triples, 1):  # a subject's value made once per run of its triples
        subject = triples[start].subject.value
        own_facts, own_links = facts[subject], links[subject]
        for i in range(start, end):
            t = triples[i]
            predicate = t.predicate.value
            if predicate == evidence:
                own_links.append(i)
            else:
                own_facts.append(i)
                if predicate == document:
                    mention_doc[subject] = t.object.value
    graphs: dict[str, set[int]] = defaultdict(set)
    for node, node_links in links.items():
        docs = set()
        for link in node_links:
            doc = mention_doc.get(triples[link].object.value)
            if doc is not None:
                graphs[doc].add(link)
                graphs[doc].update(facts[triples[link].object.value])
                docs.add(doc)
        for doc in docs:
            graphs[doc].update(facts[node])
    for doc in list(graphs):
        graphs[doc].update(facts[doc])
    return graphs


def trig_chunks(triples: list[ox.Triple], size: int = CHUNK_TRIPLES, memo: Memo | None = None
                ) -> Iterator[bytes]:
    """TriG: a named graph per article (its facts, possibly repeated in another article's graph), and
    the triples no article supports in the default graph; the union is the whole graph.

    The triples are the graph's sorted ones, so their positions give each graph's order. Written a
    graph (the default one, a slice of whole subjects) at a time, as pyoxigraph writes them in one
    text, each going to it as N-Quads text, which it reads faster than Python builds Quad objects. With a
    memo, a graph whose lines an earlier build wrote is taken from it."""
    graphs = _facts_by_document(triples)
    covered = bytearray(len(triples))
    for indices in graphs.values():
        for i in indices:
            covered[i] = 1

    def graphs_in_order() -> Iterator[tuple[str, list[ox.Triple]]]:
        """(graph name, or "" for the default graph; its triples)."""
        uncovered = [triples[i] for i in range(len(triples)) if not covered[i]]
        for run in subject_runs(uncovered, size):
            yield "", run
        del uncovered
        for doc in sorted(graphs):
            name = str(ox.NamedNode(DOCUMENT_GRAPH_NS + doc.rsplit("/", 1)[-1]))
            yield name, [triples[i] for i in sorted(graphs[doc])]

    def bodies() -> Iterator[bytes]:
        for name, run in graphs_in_order():
            yield remembered(memo, None if memo is None else run_key(run, name), lambda: _trig_body(
                ntriples_lines(run) if not name else [f"{t} {name} .\n" for t in run]))
    yield from prefixed_once(bodies())


def _trig_body(lines: list[str]) -> bytes:
    """N-Quads lines as pyoxigraph writes them in TriG, the prefixes declared."""
    return ox.serialize(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS),
                        format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def render_trig(triples: list[ox.Triple]) -> dict[str, bytes]:
    return {"graph.trig": b"".join(trig_chunks(triples))}
