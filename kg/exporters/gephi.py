"""Gephi: GEXF 1.3 (written here: networkx writes only 1.2) with viz colours and sizes, typed attributes
and time, so Gephi's timeline plays the conflict forward; and GraphML through networkx."""
from __future__ import annotations

import io
from xml.sax.saxutils import quoteattr

import networkx as nx
import pyoxigraph as ox

from .property_graph import property_graph_of
from .style import colour, period, rgb, SIZES

NODE_ATTRIBUTES = (("kind", "string"), ("class", "string"), ("date", "string"), ("endDate", "string"),
                   ("status", "string"), ("mediator", "boolean"), ("altLabels", "string"), ("wikidata", "string"),
                   ("title", "string"), ("documents", "string"), ("evidence", "string"), ("iri", "string"))


def _xml_text(value: str) -> str:
    """Attribute text with characters XML 1.0 cannot hold removed (control characters)."""
    return "".join(c for c in value if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))


def _attr(value) -> str:
    return quoteattr(_xml_text(str(value)))


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


def render_gexf(triples: list[ox.Triple]) -> dict[str, bytes]:
    graph = property_graph_of(triples)
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n')
    out.write("  <meta>\n    <creator>kgnews</creator>\n"
              "    <description>Actors, positions, events and agreements reported by news articles</description>\n"
              "  </meta>\n")
    out.write('  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n')
    out.write('    <attributes class="node" mode="static">\n')
    for name, kind in NODE_ATTRIBUTES:
        out.write(f'      <attribute id="{name}" title="{name}" type="{kind}"/>\n')
    out.write('    </attributes>\n    <attributes class="edge" mode="static">\n'
              '      <attribute id="relation" title="relation" type="string"/>\n    </attributes>\n')
    out.write(f'    <nodes count="{graph.number_of_nodes()}">\n')
    for node, data in sorted(graph.nodes(data=True)):
        r, g, b = rgb(data["cls"])
        size = SIZES[data["kind"]] * (1.5 if data["mediator"] else 1.0)
        out.write(f'      <node id={_attr(node)} label={_attr(data["label"])}{_time(data)}>\n        <attvalues>\n')
        for name, value in _node_values(data):
            out.write(f"          <attvalue for={_attr(name)} value={_attr(value)}/>\n")
        out.write(f'        </attvalues>\n        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
                  f'        <viz:size value="{size}"/>\n      </node>\n')
    out.write("    </nodes>\n")
    edges = sorted(graph.edges(keys=True, data=True))
    out.write(f'    <edges count="{len(edges)}">\n')
    for number, (source, target, key, data) in enumerate(edges):
        timed = graph.nodes[target] if graph.nodes[target]["kind"] in ("event", "agreement") else graph.nodes[source]
        out.write(f'      <edge id="e{number}" source={_attr(source)} target={_attr(target)} '
                  f'label={_attr(data["relation"])}{_time(timed)}>\n'
                  f'        <attvalues>\n          <attvalue for="relation" value={_attr(data["relation"])}/>\n'
                  f'        </attvalues>\n      </edge>\n')
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return {"graph.gexf": out.getvalue().encode("utf-8")}


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are strings, numbers or booleans (what GraphML can hold)."""
    flat = nx.MultiDiGraph()
    for node, data in sorted(graph.nodes(data=True)):
        values = dict(_node_values(data))
        values["label"] = data["label"]
        values["mediator"] = bool(data["mediator"])
        values["color"] = colour(data["cls"])
        flat.add_node(node, **{k: (_xml_text(v) if isinstance(v, str) else v) for k, v in values.items()})
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        flat.add_edge(source, target, key=key, relation=data["relation"])
    return flat


def render_graphml(triples: list[ox.Triple]) -> dict[str, bytes]:
    out = io.BytesIO()
    nx.write_graphml(flat_graph(property_graph_of(triples)), out, encoding="utf-8", prettyprint=True)
    # XML readers turn a raw carriage return into a line feed; a character reference keeps it
    return {"graph.graphml": out.getvalue().replace(b"\r", b"&#13;")}
