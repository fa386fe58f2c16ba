"""The interactive viewer graph.html: one self-contained page with the copy of vis-network that pyvis
0.3.2 ships (inlined: no CDN, no Bootstrap, no network request at all). Nodes are
coloured and shaped by class, mediators ringed with a halo; a legend filters by class, a slider by
date, a box searches names, and a click on a node or edge shows its label, dates, other names,
Wikidata link and the sentences that state it, with their article.

Article text never becomes markup or code: the graph travels as JSON inside a
<script type="application/json"> block with <, >, &, U+2028 and U+2029 escaped, and the page builds
every element with textContent.

The node and edge lists are vis-network's own dictionaries, made here: pyvis' Network.add_node checks
every earlier node (5,000 nodes take seconds), and importing pyvis (which imports IPython) alone takes
longer than writing the page, so pyvis is only where vis-network's files are found, never imported.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pyoxigraph as ox

from ..memo import Memo, remembered
from .pieces import PIECE_CHARACTERS, encoded_in_pieces
from .property_graph import node_keys, property_graph_of
from .style import SIZES, colour, period, shape

if TYPE_CHECKING:
    import networkx as nx

VIS_DIR = (Path(importlib.util.find_spec("pyvis").submodule_search_locations[0]).resolve()
           / "templates" / "lib" / "vis-9.1.2")
LARGE_GRAPH = 1000  # nodes; above it the layout skips vis' slow "improvedLayout" and edge labels
STABILIZATION_ITERATIONS = 200
MEDIATOR_HALO = "#f5b700"
GLYPHS = {"dot": "\u25cf", "square": "\u25a0", "diamond": "\u25c6", "triangle": "\u25b2", "star": "\u2605",
          "box": "\u25ac"}


def safe_json(value) -> str:
    """JSON that cannot close its <script> element or break a JavaScript string."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def is_dark(fill: str) -> bool:
    """Whether a #rrggbb colour needs white text (relative luminance below one half)."""
    red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 128


def vis_node(node: str, data: dict) -> dict:
    """vis-network's description of one node: shape and colour by class, a halo for mediators."""
    fill = colour(data["cls"])
    node_shape = shape(data["kind"], data["cls"])
    vis = {"id": node, "label": data["label"], "cls": data["cls"], "shape": node_shape,
           "size": SIZES[data["kind"]], "borderWidth": 1,
           "color": {"background": fill, "border": fill, "highlight": {"background": fill, "border": "#000000"}}}
    if node_shape == "box":
        vis["font"] = {"color": "#ffffff" if is_dark(fill) else "#111111"}
    if data["mediator"]:
        vis["borderWidth"] = 4
        vis["color"]["border"] = "#000000"
        vis["shadow"] = {"enabled": True, "color": MEDIATOR_HALO, "size": 18, "x": 0, "y": 0}
    return vis


def vis_edge(number: int, source: str, target: str, relation: str, large: bool) -> dict:
    edge = {"id": f"e{number}", "from": source, "to": target, "arrows": "to", "relation": relation,
            "color": {"color": "#000000" if relation == "mediator" else "#9a9a9a"}, "dashes": relation == "mediator"}
    if not large:
        edge["label"] = relation
    return edge


def details(data: dict) -> dict:
    """What the side panel shows for a node (as data: the page sets it as text)."""
    return {"label": data["label"], "cls": data["cls"], "kind": data["kind"], "mediator": data["mediator"],
            "date": data["date"], "endDate": data["end_date"], "from": period(data["date"]),
            "to": period(data["end_date"] or data["date"], last=True), "status": data["status"],
            "altLabels": data["alt_labels"], "wikidata": data["wikidata"], "title": data["title"],
            "evidence": [{"document": e["document"], "title": e["title"], "text": e["text"]}
                         for e in data["evidence"]]}


def vis_options(large: bool) -> dict:
    return {
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "physics": {"solver": "barnesHut", "barnesHut": {"gravitationalConstant": -6000, "springLength": 120},
                    "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS,
                                      "updateInterval": 50}},
        "interaction": {"hover": True, "tooltipDelay": 200},
        "edges": {"smooth": False, "font": {"size": 9, "align": "middle"}},
        "nodes": {"font": {"size": 14}, "scaling": {"label": {"drawThreshold": 3}}},
    }


def legend(graph: nx.MultiDiGraph) -> dict:
    """Per class: its colour, the glyph of its shape and how many nodes it has."""
    classes: dict[str, dict] = {}
    for _, data in graph.nodes(data=True):
        entry = classes.setdefault(data["cls"], {"colour": colour(data["cls"]),
                                                 "glyph": GLYPHS.get(shape(data["kind"], data["cls"]), "\u25cf"),
                                                 "count": 0})
        entry["count"] += 1
    return dict(sorted(classes.items()))


def viewer_json_pieces(graph: nx.MultiDiGraph, memo: Memo | None = None) -> Iterator[str]:
    """The page's data as safe_json writes {nodes, edges, options, details, classes, mediatorHalo} (keys
    sorted, so the text is each part's in turn), in pieces: vis-network's nodes, edges and options, in
    sorted order, and each node's side-panel details, made a node at a time, so that with a memo an
    unchanged node's two pieces are taken from it."""
    keys = node_keys(graph) if memo is not None else {}
    large = graph.number_of_nodes() > LARGE_GRAPH
    nodes, panels = [], []
    for node, data in sorted(graph.nodes(data=True)):
        drawn, panel = remembered(memo, keys.get(node), lambda: (safe_json(vis_node(node, data)),
                                                               safe_json(details(data))))
        nodes.append(drawn)
        panels.append(f"{safe_json(node)}:{panel}")
    edges = [vis_edge(number, s, t, d["relation"], large)
             for number, (s, t, k, d) in enumerate(sorted(graph.edges(keys=True, data=True)))]
    yield f'{{"classes":{safe_json(legend(graph))},"details":{{'
    yield from _separated(panels)
    yield f'}},"edges":{safe_json(edges)},"mediatorHalo":{safe_json(MEDIATOR_HALO)},"nodes":['
    yield from _separated(nodes)
    yield f'],"options":{safe_json(vis_options(large))}}}'


def _separated(items: list[str]) -> Iterator[str]:
    """The items with a comma between each two: their ",".join in pieces."""
    for i, item in enumerate(items):
        yield "," + item if i else item


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'">
<title>kgnews graph</title>
<style>
__VIS_CSS__
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: flex; height: 100vh; color: #222; }
#side { width: 340px; overflow-y: auto; padding: 10px 12px; border-right: 1px solid #ddd; box-sizing: border-box; }
#graph { flex: 1; height: 100vh; }
h1 { font-size: 17px; margin: 4px 0 8px; } h2 { font-size: 14px; margin: 14px 0 6px; }
#legend label { display: flex; align-items: center; gap: 6px; margin: 1px 0; cursor: pointer; }
.glyph { width: 16px; text-align: center; font-size: 15px; }
.halo { display: inline-block; margin: 0 6px 0 3px; width: 10px; height: 10px; border-radius: 50%; border: 2px solid #000; vertical-align: middle; }
input[type=search] { width: 100%; box-sizing: border-box; padding: 4px; }
input[type=range] { width: 100%; }
#details .evidence { margin: 6px 0; padding: 4px 6px; background: #f6f6f6; border-left: 3px solid #bbb; }
#details .doc { color: #666; font-size: 12px; } .muted { color: #777; font-size: 12px; }
</style>
</head>
<body>
<div id="side">
  <h1>kgnews graph</h1>
  <div class="muted" id="counts"></div>
  <h2>Search</h2>
  <input type="search" id="search" placeholder="name of an actor, event...">
  <div class="muted" id="search-result"></div>
  <h2>Classes <span class="muted">(untick to hide)</span></h2>
  <div id="legend"></div>
  <div class="muted" id="mediator-key"><span class="halo" id="halo"></span> mediator (black ring, halo); dashed edge: mediator of</div>
  <h2>Dates</h2>
  <div class="muted">events and agreements from <b id="from-label"></b> to <b id="to-label"></b></div>
  <input type="range" id="from" step="1" aria-label="from year"><input type="range" id="to" step="1" aria-label="to year">
  <label class="muted"><input type="checkbox" id="undated" checked> show undated events</label>
  <h2>Details</h2>
  <div id="details" class="muted">Click a node or an edge.</div>
</div>
<div id="graph"></div>
<script type="application/json" id="kg-data">__DATA__</script>
<script>
__VIS_JS__
</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var info = data.details, hiddenClasses = {};
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function year(value) { return value ? parseInt(value.slice(0, 4), 10) : null; }
  var allYears = [];
  Object.keys(info).forEach(function (id) { var d = info[id]; if (d.from) { allYears.push(year(d.from), year(d.to || d.from)); } });
  var minYear = allYears.length ? Math.min.apply(null, allYears) : 2000;
  var maxYear = allYears.length ? Math.max.apply(null, allYears) : 2000;
  var fromInput = document.getElementById("from"), toInput = document.getElementById("to");
  [fromInput, toInput].forEach(function (i) { i.min = minYear; i.max = maxYear; });
  fromInput.value = minYear; toInput.value = maxYear;
  function visible(id) {
    var d = info[id];
    if (hiddenClasses[d.cls]) return false;
    if (d.kind === "event" || d.kind === "agreement") {
      if (!d.from) return document.getElementById("undated").checked;
      return year(d.to || d.from) >= parseInt(fromInput.value, 10) && year(d.from) <= parseInt(toInput.value, 10);
    }
    return true;
  }
  data.nodes.forEach(function (n) { n.hidden = !visible(n.id); });
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, data.options);
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  window.kgViewer = { nodes: nodes, edges: edges, network: network, data: data };
  document.getElementById("counts").textContent = data.nodes.length + " nodes, " + data.edges.length + " edges";
  document.getElementById("halo").style.boxShadow = "0 0 6px 3px " + data.mediatorHalo;

  var legend = document.getElementById("legend");
  Object.keys(data.classes).forEach(function (cls) {
    var c = data.classes[cls], label = el("label"), box = el("input"), glyph = el("span", c.glyph, "glyph");
    box.type = "checkbox"; box.checked = true; box.value = cls;
    glyph.style.color = c.colour;
    label.appendChild(box); label.appendChild(glyph); label.appendChild(el("span", cls + " (" + c.count + ")"));
    box.addEventListener("change", function () { hiddenClasses[cls] = !box.checked; refresh(); });
    legend.appendChild(label);
  });
  function refresh() {
    document.getElementById("from-label").textContent = fromInput.value;
    document.getElementById("to-label").textContent = toInput.value;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !visible(n.id) }; }));
  }
  [fromInput, toInput].forEach(function (i) { i.addEventListener("input", function () {
    if (parseInt(fromInput.value, 10) > parseInt(toInput.value, 10)) {
      if (i === fromInput) toInput.value = fromInput.value; else fromInput.value = toInput.value;
    }
    refresh();
  }); });
  document.getElementById("undated").addEventListener("change", refresh);
  refresh();

  function field(parent, name, value) {
    if (!value || (Array.isArray(value) && !value.length)) return;
    var p = el("div"); p.appendChild(el("b", name + ": ")); p.appendChild(el("span", Array.isArray(value) ? value.join("; ") : value));
    parent.appendChild(p);
  }
  function evidence(parent, d) {
    parent.appendChild(el("h2", "Evidence (" + d.evidence.length + ")"));
    d.evidence.forEach(function (e) {
      var box = el("div", undefined, "evidence");
      box.appendChild(el("div", e.title ? e.title + " (" + e.document + ")" : e.document, "doc"));
      box.appendChild(el("div", e.text));
      parent.appendChild(box);
    });
  }
  function panel() { var d = document.getElementById("details"); d.textContent = ""; d.className = ""; return d; }
  function showNode(id) {
    var n = info[id], d = panel();
    d.appendChild(el("h2", n.label));
    field(d, "class", n.cls + (n.mediator ? " (mediator)" : ""));
    field(d, "title", n.title);
    field(d, "date", n.date + (n.endDate ? " to " + n.endDate : ""));
    field(d, "status", n.status);
    field(d, "other names", n.altLabels);
    if (n.wikidata && n.wikidata.indexOf("http://www.wikidata.org/entity/") === 0) {
      var p = el("div"), a = el("a", n.wikidata.replace("http://www.wikidata.org/entity/", "Wikidata "));
      a.setAttribute("href", n.wikidata); a.setAttribute("target", "_blank"); a.setAttribute("rel", "noopener noreferrer");
      p.appendChild(a); d.appendChild(p);
    }
    evidence(d, n);
  }
  function showEdge(e) {
    var from = info[e.from], to = info[e.to], d = panel();
    d.appendChild(el("h2", from.label + " \\u2192 " + e.relation + " \\u2192 " + to.label));
    field(d, "from", from.label + " (" + from.cls + ")");
    field(d, "to", to.label + " (" + to.cls + ")");
    var dated = (to.kind === "event" || to.kind === "agreement" || to.kind === "position") ? to : from;
    field(d, "date", dated.date + (dated.endDate ? " to " + dated.endDate : ""));
    evidence(d, dated);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length && edgeById[params.edges[0]]) { showEdge(edgeById[params.edges[0]]); }
  });
  window.kgViewer.showNode = showNode; window.kgViewer.showEdge = function (id) { showEdge(edgeById[id]); };
  document.getElementById("search").addEventListener("input", function (ev) {
    var q = ev.target.value.trim().toLowerCase(), out = document.getElementById("search-result");
    if (!q) { out.textContent = ""; network.unselectAll(); return; }
    var hits = Object.keys(info).sort().filter(function (id) {
      var n = info[id];
      return n.label.toLowerCase().indexOf(q) >= 0 || n.altLabels.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    });
    out.textContent = hits.length + " match" + (hits.length === 1 ? "" : "es");
    if (hits.length) {
      network.selectNodes(hits.filter(function (id) { return !nodes.get(id).hidden; }));
      if (!nodes.get(hits[0]).hidden) network.focus(hits[0], { scale: 1.2, animation: false });
      showNode(hits[0]);
    }
  });
})();
</script>
</body>
</html>
"""


PAGE_PARTS = re.split(r"__(VIS_CSS|DATA|VIS_JS)__", PAGE)  # text, name, text, name, ...: the page's parts


def html_chunks(triples: list[ox.Triple], size: int = PIECE_CHARACTERS, memo: Memo | None = None
                ) -> Iterator[bytes]:
    """render_html's bytes in pieces (see encoded_in_pieces): the page is never held whole."""
    vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    vis_css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    graph = property_graph_of(triples)

    def texts() -> Iterator[str]:
        for i, part in enumerate(PAGE_PARTS):
            if i % 2 == 0:
                yield part
            elif part == "DATA":
                yield from viewer_json_pieces(graph, memo)
            else:
                yield vis_css if part == "VIS_CSS" else vis_js

    return encoded_in_pieces(texts(), size)


def render_html(triples: list[ox.Triple], memo: Memo | None = None) -> dict[str, bytes]:
    return {"graph.html": b"".join(html_chunks(triples, memo=memo))}
