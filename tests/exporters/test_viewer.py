"""The offline viewer in a real headless Chromium: no JavaScript error, no network request, the graph's
node and edge counts, hostile article text shown as text, and a 5,000-node graph that settles."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.exporters import GraphView, render
from kg.rdf import RDF_TYPE, RDFS_LABEL, kgo, kgr, literal, sort_triples

from .conftest import HOSTILE_TITLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems = {"errors": [], "requests": [], "dialogs": []}
    page.on("pageerror", lambda e: problems["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and problems["errors"].append(m.text))
    page.on("request", lambda r: r.url != path.as_uri() and problems["requests"].append(r.url))
    page.on("dialog", lambda d: (problems["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgViewer !== undefined")
    return page, problems


def write_page(view, tmp_path) -> Path:
    path = tmp_path / "graph.html"
    path.write_bytes(render(view, ["html"])["graph.html"])
    return path


def test_page_is_offline_and_shows_the_whole_graph(browser, view, tmp_path):
    page, problems = open_page(browser, write_page(view, tmp_path))
    graph = view.property_graph
    assert page.evaluate("kgViewer.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("kgViewer.edges.length") == graph.number_of_edges()
    assert problems == {"errors": [], "requests": [], "dialogs": []}
    page.close()


def test_hostile_text_is_shown_not_run(browser, view, tmp_path):
    page, problems = open_page(browser, write_page(view, tmp_path))
    page.fill("#search", "O'Brien")
    details = page.inner_text("#details")
    assert 'O\'Brien "the \\ Test"' in details
    assert HOSTILE_TITLE not in page.content().split('<script type="application/json"')[0]
    assert "</script><script>alert(1)</script>" in details or "alert(1)" in page.inner_text("#details")
    assert problems["dialogs"] == [] and problems["errors"] == []
    page.close()


def test_filters_hide_classes_and_dates(browser, view, tmp_path):
    page, _ = open_page(browser, write_page(view, tmp_path))
    visible = "kgViewer.nodes.get().filter(function (n) { return !n.hidden; }).length"
    total = page.evaluate(visible)
    page.locator("#legend label", has_text="Person").locator("input").uncheck()
    persons = sum(1 for _, d in view.property_graph.nodes(data=True) if d["cls"] == "Person")
    assert page.evaluate(visible) == total - persons
    page.locator("#legend label", has_text="Person").locator("input").check()
    page.eval_on_selector("#from", "e => { e.value = 2023; e.dispatchEvent(new Event('input')); }")
    hidden = page.evaluate("kgViewer.nodes.get().filter(function (n) { return n.hidden; }).map(function (n) "
                           "{ return n.id; })")
    assert any("armedconflict-1992" in node for node in hidden)
    page.close()


def big_graph(n_actors: int = 3000, n_events: int = 2000) -> list[ox.Triple]:
    triples = []
    for i in range(n_actors):
        triples += [ox.Triple(kgr(f"state-s{i}"), RDF_TYPE, kgo("State")),
                    ox.Triple(kgr(f"state-s{i}"), RDFS_LABEL, literal(f"State {i}"))]
    for i in range(n_events):
        event = kgr(f"event-e{i}")
        triples += [ox.Triple(event, RDF_TYPE, kgo("Event")), ox.Triple(event, RDF_TYPE, kgo("Meeting")),
                    ox.Triple(event, RDFS_LABEL, literal(f"Meeting {i}")),
                    ox.Triple(event, kgo("date"), literal(f"{2000 + i % 20}-01-01", "date")),
                    ox.Triple(event, kgo("participant"), kgr(f"state-s{i % n_actors}")),
                    ox.Triple(event, kgo("participant"), kgr(f"state-s{(i * 7 + 1) % n_actors}"))]
    return sort_triples(triples)


def test_five_thousand_nodes_settle_and_stop(browser, tmp_path):
    view = GraphView(big_graph())
    page, problems = open_page(browser, write_page(view, tmp_path))
    assert page.evaluate("kgViewer.nodes.length") == 5000
    page.wait_for_function("kgViewer.network.physics.options.enabled === false", timeout=240_000)
    assert problems["errors"] == [] and problems["requests"] == []
    page.close()
