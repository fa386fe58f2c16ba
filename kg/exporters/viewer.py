"""The interactive viewer graph.html: one self-contained page (vis-network from the pyvis package
inlined, no CDN, no network at all) with a legend that filters by class, a date range, search by name,
and a panel showing what a clicked node or edge is and the sentences that say so.

Article text never becomes markup: the graph travels as JSON inside a
<script type="application/json"> block with <, >, & and U+2028/9 escaped, and the page builds every
element with textContent.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyvis

from .style import colour, period, shape, SIZES

VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
LARGE_GRAPH = 1000  # nodes; above it the layout skips vis' slow "improvedLayout"
STABILIZATION_ITERATIONS = 200


def safe_json(value) -> str:
    """JSON that cannot close its <script> element or break a JavaScript string."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def viewer_data(view) -> dict:
    graph = view.property_graph
    nodes, classes = [], {}
    for node, data in sorted(graph.nodes(data=True)):
        cls = data["cls"]
        classes[cls] = {"colour": colour(cls), "shape": shape(data["kind"], cls)}
        nodes.append({
            "id": node, "label": data["label"], "cls": cls, "kind": data["kind"], "mediator": data["mediator"],
            "date": data["date"], "endDate": data["end_date"], "from": period(data["date"]),
            "to": period(data["end_date"] or data["date"], last=True), "status": data["status"],
            "altLabels": data["alt_labels"], "wikidata": data["wikidata"], "title": data["title"],
            "evidence": [{"document": e["document"], "text": e["text"]} for e in data["evidence"]],
            "size": SIZES[data["kind"]],
        })
    edges = [{"id": f"e{n}", "from": s, "to": t, "relation": d["relation"]}
             for n, (s, t, k, d) in enumerate(sorted(graph.edges(keys=True, data=True)))]
    return {"nodes": nodes, "edges": edges, "classes": dict(sorted(classes.items())),
            "large": len(nodes) > LARGE_GRAPH, "iterations": STABILIZATION_ITERATIONS}


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'">
<title>kgnews graph</title>
<style>
__VIS_CSS__
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: flex; height: 100vh; color: #222; }
#side { width: 330px; overflow-y: auto; padding: 10px 12px; border-right: 1px solid #ddd; box-sizing: border-box; }
#graph { flex: 1; height: 100vh; }
h1 { font-size: 17px; margin: 4px 0 8px; } h2 { font-size: 14px; margin: 14px 0 6px; }
#legend label { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
.swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
input[type=search] { width: 100%; box-sizing: border-box; padding: 4px; }
input[type=range] { width: 100%; }
#details { white-space: normal; } #details .evidence { margin: 6px 0; padding: 4px 6px; background: #f6f6f6; border-left: 3px solid #bbb; }
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
  <h2>Classes <span class="muted">(click to filter; ringed = mediator)</span></h2>
  <div id="legend"></div>
  <h2>Dates</h2>
  <div class="muted">events and agreements from <b id="from-label"></b> to <b id="to-label"></b></div>
  <input type="range" id="from" step="1"><input type="range" id="to" step="1">
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
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var hiddenClasses = {};
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function years(n) { return n.from ? parseInt(n.from.slice(0, 4), 10) : null; }
  var allYears = data.nodes.map(years).filter(function (y) { return y !== null; });
  var minYear = allYears.length ? Math.min.apply(null, allYears) : 2000;
  var maxYear = allYears.length ? Math.max.apply(null, allYears) : 2000;
  var fromInput = document.getElementById("from"), toInput = document.getElementById("to");
  [fromInput, toInput].forEach(function (i) { i.min = minYear; i.max = maxYear; });
  fromInput.value = minYear; toInput.value = maxYear;
  function visible(n) {
    if (hiddenClasses[n.cls]) return false;
    if (n.kind === "event" || n.kind === "agreement") {
      var y = years(n);
      if (y === null) return document.getElementById("undated").checked;
      var endY = n.to ? parseInt(n.to.slice(0, 4), 10) : y;
      return endY >= parseInt(fromInput.value, 10) && y <= parseInt(toInput.value, 10);
    }
    return true;
  }
  function visNode(n) {
    var c = data.classes[n.cls];
    return { id: n.id, label: n.label, title: undefined, shape: c.shape, size: n.size, hidden: !visible(n),
             color: { background: c.colour, border: n.mediator ? "#000000" : c.colour,
                      highlight: { background: c.colour, border: "#000000" } },
             borderWidth: n.mediator ? 4 : 1, font: { size: 12 } };
  }
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.relation, arrows: "to", font: { size: 9, align: "middle" },
             color: { color: e.relation === "mediator" ? "#000000" : "#aaaaaa" }, dashes: e.relation === "mediator" };
  }));
  var options = {
    layout: { improvedLayout: !data.large, randomSeed: 7 },
    physics: { solver: "barnesHut", barnesHut: { gravitationalConstant: -6000, springLength: 120 },
               stabilization: { enabled: true, iterations: data.iterations, updateInterval: 50 } },
    interaction: { hover: true, tooltipDelay: 200 }, edges: { smooth: false }
  };
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, options);
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  window.kgViewer = { nodes: nodes, edges: edges, network: network, data: data };
  document.getElementById("counts").textContent = data.nodes.length + " nodes, " + data.edges.length + " edges";

  var legend = document.getElementById("legend");
  Object.keys(data.classes).forEach(function (cls) {
    var label = el("label"), box = el("input"), sw = el("span", undefined, "swatch");
    box.type = "checkbox"; box.checked = true;
    sw.style.background = data.classes[cls].colour;
    var count = data.nodes.filter(function (n) { return n.cls === cls; }).length;
    label.appendChild(box); label.appendChild(sw); label.appendChild(el("span", cls + " (" + count + ")"));
    box.addEventListener("change", function () { hiddenClasses[cls] = !box.checked; refresh(); });
    legend.appendChild(label);
  });
  function refresh() {
    document.getElementById("from-label").textContent = fromInput.value;
    document.getElementById("to-label").textContent = toInput.value;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !visible(n) }; }));
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
  function evidence(parent, n) {
    n.evidence.forEach(function (e) {
      var box = el("div", undefined, "evidence");
      box.appendChild(el("div", e.document, "doc")); box.appendChild(el("div", e.text));
      parent.appendChild(box);
    });
  }
  function showNode(n) {
    var d = document.getElementById("details"); d.textContent = ""; d.className = "";
    d.appendChild(el("h2", n.label));
    field(d, "class", n.cls + (n.mediator ? " (mediator)" : ""));
    field(d, "title", n.title);
    field(d, "date", n.date + (n.endDate ? " to " + n.endDate : ""));
    field(d, "status", n.status);
    field(d, "other names", n.altLabels);
    if (n.wikidata && n.wikidata.indexOf("http://www.wikidata.org/entity/") === 0) {
      var p = el("div"), a = el("a", n.wikidata.replace("http://www.wikidata.org/entity/", "Wikidata "));
      a.setAttribute("href", n.wikidata); a.setAttribute("target", "_blank"); a.setAttribute("rel", "noopener");
      p.appendChild(a); d.appendChild(p);
    }
    d.appendChild(el("h2", "Evidence (" + n.evidence.length + ")"));
    evidence(d, n);
  }
  function showEdge(e) {
    var d = document.getElementById("details"); d.textContent = ""; d.className = "";
    var from = byId[e.from], to = byId[e.to];
    d.appendChild(el("h2", e.relation));
    field(d, "from", from.label + " (" + from.cls + ")");
    field(d, "to", to.label + " (" + to.cls + ")");
    var dated = (to.kind === "event" || to.kind === "agreement") ? to : from;
    field(d, "date", dated.date);
    d.appendChild(el("h2", "Evidence"));
    evidence(d, dated);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(byId[params.nodes[0]]); }
    else if (params.edges.length) {
      var id = params.edges[0]; var e = data.edges.filter(function (x) { return x.id === id; })[0]; if (e) showEdge(e);
    }
  });
  document.getElementById("search").addEventListener("input", function (ev) {
    var q = ev.target.value.trim().toLowerCase(), out = document.getElementById("search-result");
    if (!q) { out.textContent = ""; network.unselectAll(); return; }
    var hits = data.nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 || n.altLabels.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    });
    out.textContent = hits.length + " match" + (hits.length === 1 ? "" : "es");
    if (hits.length) {
      network.selectNodes(hits.map(function (n) { return n.id; }));
      network.focus(hits[0].id, { scale: 1.2, animation: false });
      showNode(hits[0]);
    }
  });
})();
</script>
</body>
</html>
"""


def render_html(view) -> dict[str, bytes]:
    vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    vis_css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    values = {"VIS_CSS": vis_css, "DATA": safe_json(viewer_data(view)), "VIS_JS": vis_js}
    page = re.sub(r"__(VIS_CSS|DATA|VIS_JS)__", lambda m: values[m.group(1)], PAGE)  # one pass: no re-scan
    return {"graph.html": page.encode("utf-8")}
