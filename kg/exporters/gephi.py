"""Gephi: GEXF 1.3 (written here: networkx writes only 1.2) with viz colours and sizes, typed attributes
and time, so Gephi's timeline plays the conflict forward; and GraphML, written here as networkx 3.6's
`write_graphml` (pretty-printed, without lxml) writes it, byte for byte, in a tenth of its time."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from ..memo import Memo, remembered
from .pieces import PIECE_CHARACTERS, encoded_in_pieces
from .property_graph import node_keys, property_graph_of
from .style import colour, period, rgb, SIZES

if TYPE_CHECKING:
    import networkx as nx

NODE_ATTRIBUTES = (("kind", "string"), ("class", "string"), ("date", "string"), ("endDate", "string"),
                   ("status", "string"), ("mediator", "boolean"), ("altLabels", "string"), ("wikidata", "string"),
                   ("title", "string"), ("documents", "string"), ("evidence", "string"), ("iri", "string"))


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """Attribute text with characters XML 1.0 cannot hold removed (control characters)."""
    return NOT_XML.sub("", value)


NEEDS_QUOTING = re.compile("[&<>\"'\n\r\t]")
PLAIN = re.compile("[^\x00-\x1f&<>\"'\ufffe\uffff]*")  # text that needs neither removals nor escapes


def _attr(value) -> str:
    """quoteattr's quoted attribute; most values need no escape, and then it is the text in double quotes."""
    text = str(value)
    if PLAIN.fullmatch(text):
        return f'"{text}"'
    text = _xml_text(text)
    return quoteattr(text) if NEEDS_QUOTING.search(text) else f'"{text}"'


def _node_values(data: dict) -> list[tuple[str, str]]:
    return [
        ("kind", data["kind"]), ("class", data["cls"]), ("date", data["date"]), ("endDate", data["end_date"]),
        ("status", data["status"]), ("mediator", "true" if data["mediator"] else "false"),
        ("altLabels", " | ".join(data["alt_labels"])), ("wikidata", data["wikidata"]), ("title", data["title"]),
        ("documents", " | ".join(data["documents"])),
        ("evidence", " | ".join(f'{e["document"]}: {e["text"]}' for e in data["evidence"])), ("iri", data["iri"]),
    ]


def _time(data: dict) -> str:
    if data["kind"] not in ("event", "agreement"):
        return ""
    start = period(data["date"])
    end = period(data["end_date"] or data["date"], last=True)
    if not start:
        return ""
    return f" start={_attr(start)} end={_attr(end or start)}"


def _gexf_node(node: str, data: dict) -> str:
    r, g, b = rgb(data["cls"])
    size = SIZES[data["kind"]] * (1.5 if data["mediator"] else 1.0)
    values = "".join(f"          <attvalue for={_attr(name)} value={_attr(value)}/>\n"
                     for name, value in _node_values(data))
    return (f'      <node id={_attr(node)} label={_attr(data["label"])}{_time(data)}>\n        <attvalues>\n'
            f'{values}        </attvalues>\n        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
            f'        <viz:size value="{size}"/>\n      </node>\n')


def gexf_chunks(triples: list[ox.Triple], size: int = PIECE_CHARACTERS, memo: Memo | None = None
                ) -> Iterator[bytes]:
    """GEXF 1.3 in pieces (see encoded_in_pieces); with a memo, each node's element is taken from it when
    the node is unchanged."""
    return encoded_in_pieces(_gexf_texts(property_graph_of(triples), memo), size)


def _gexf_texts(graph: nx.MultiDiGraph, memo: Memo | None) -> Iterator[str]:
    keys = node_keys(graph) if memo is not None else {}
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n'
    yield ("  <meta>\n    <creator>kgnews</creator>\n"
           "    <description>Actors, positions, events and agreements reported by news articles</description>\n"
           "  </meta>\n")
    yield '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
    yield '    <attributes class="node" mode="static">\n'
    for name, kind in NODE_ATTRIBUTES:
        yield f'      <attribute id="{name}" title="{name}" type="{kind}"/>\n'
    yield ('    </attributes>\n    <attributes class="edge" mode="static">\n'
           '      <attribute id="relation" title="relation" type="string"/>\n    </attributes>\n')
    yield f'    <nodes count="{graph.number_of_nodes()}">\n'
    for node, data in sorted(graph.nodes(data=True)):
        yield remembered(memo, keys.get(node), lambda: _gexf_node(node, data))
    yield "    </nodes>\n"
    edges = sorted(graph.edges(keys=True, data=True))
    yield f'    <edges count="{len(edges)}">\n'
    for number, (source, target, key, data) in enumerate(edges):
        timed = graph.nodes[target] if graph.nodes[target]["kind"] in ("event", "agreement") else graph.nodes[source]
        yield (f'      <edge id="e{number}" source={_attr(source)} target={_attr(target)} '
               f'label={_attr(data["relation"])}{_time(timed)}>\n'
               f'        <attvalues>\n          <attvalue for="relation" value={_attr(data["relation"])}/>\n'
               f'        </attvalues>\n      </edge>\n')
    yield "    </edges>\n  </graph>\n</gexf>\n"


def render_gexf(triples: list[ox.Triple], memo: Memo | None = None) -> dict[str, bytes]:
    return {"graph.gexf": b"".join(gexf_chunks(triples, memo=memo))}


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are strings, numbers or booleans (what GraphML can hold)."""
    import networkx as nx  # where a graph is made (see property_graph)

    flat = nx.MultiDiGraph()
    for node, data in sorted(graph.nodes(data=True)):
        flat.add_node(node, **_flat_values(data))
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        flat.add_edge(source, target, key=key, relation=data["relation"])
    return flat


def _flat_values(data: dict) -> dict:
    values = dict(_node_values(data))
    values["label"] = data["label"]
    values["mediator"] = bool(data["mediator"])
    values["color"] = colour(data["cls"])
    return {k: (_xml_text(v) if isinstance(v, str) else v) for k, v in values.items()}


GRAPHML_HEADER = ('<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
                  '"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"')
GRAPHML_TYPES = {str: "string", bool: "boolean", int: "int", float: "double"}


def _cdata(text: str) -> str:
    """Element text escaped as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attrib(text: str) -> str:
    """An attribute value escaped as ElementTree escapes it."""
    return (_cdata(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


def graphml_chunks(triples: list[ox.Triple], size: int = PIECE_CHARACTERS, memo: Memo | None = None
                   ) -> Iterator[bytes]:
    """The flat graph (see flat_graph) as networkx writes it, in pieces (see encoded_in_pieces): keys
    numbered as first met, listed last first; a data element per attribute; two spaces of indent per
    level. With a memo, each node's element is taken from it when the node is unchanged and the keys
    numbered as before (every node has the same attributes, so they are numbered by the first node)."""
    graph = property_graph_of(triples)
    node_key = node_keys(graph) if memo is not None else {}
    keys: dict[tuple[str, str, str], str] = {}

    def data_lines(scope: str, values: dict) -> list[str]:
        lines = []
        for name, value in values.items():
            kind = GRAPHML_TYPES[type(value)]
            key = keys.setdefault((name, kind, scope), f"d{len(keys)}")
            text = str(value)
            lines.append(f'      <data key="{key}">{_cdata(text)}</data>\n' if text
                         else f'      <data key="{key}" />\n')
        return lines

    def node_element(node: str, data: dict) -> str:
        lines = data_lines("node", _flat_values(data))
        return f'    <node id="{_attrib(str(node))}"' + (">\n" + "".join(lines) + "    </node>\n" if lines else " />\n")

    body = []  # made first: the keys, listed before it, are numbered as its elements meet them
    numbering = None
    for node, data in sorted(graph.nodes(data=True)):
        if numbering is None:
            body.append(node_element(node, data))
            numbering = tuple(keys.items())
        else:
            body.append(remembered(memo, node_key.get(node) and (numbering, node_key[node]),
                                   lambda: node_element(node, data)))
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        lines = data_lines("edge", {"relation": data["relation"]})
        body.append(f'    <edge source="{_attrib(str(source))}" target="{_attrib(str(target))}" '
                    f'id="{_attrib(str(key))}">\n' + "".join(lines) + "    </edge>\n")

    def texts() -> Iterator[str]:
        yield GRAPHML_HEADER + ">\n"
        for (name, kind, scope), key in reversed(keys.items()):
            yield f'  <key id="{key}" for="{scope}" attr.name="{_attrib(name)}" attr.type="{kind}" />\n'
        if body:
            yield '  <graph edgedefault="directed">\n'
            yield from body
            yield "  </graph>\n"
        else:
            yield '  <graph edgedefault="directed" />\n'
        yield "</graphml>\n"

    # XML readers turn a raw carriage return into a line feed; a character reference keeps it
    return (piece.replace(b"\r", b"&#13;") for piece in encoded_in_pieces(texts(), size))


def render_graphml(triples: list[ox.Triple], memo: Memo | None = None) -> dict[str, bytes]:
    return {"graph.graphml": b"".join(graphml_chunks(triples, memo=memo))}
