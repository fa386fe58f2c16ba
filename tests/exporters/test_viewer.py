"""The offline viewer in a real headless Chromium: no JavaScript error, no network request, the graph's
node and edge counts, hostile article text shown as text, filters, clicks, and a 5,000-node graph whose
layout settles and stops."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.exporters import GraphView, render

from .conftest import HOSTILE_EVENT, HOSTILE_PERSON, HOSTILE_TITLE, big_graph

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="the python package playwright is not installed")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (.ci/system-packages.sh installs it)")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
CEASEFIRE = "event-ceasefire-2020-11-10-1a2b3c4d"
VISIBLE = "kgViewer.nodes.get().filter(function (n) { return !n.hidden; }).map(function (n) { return n.id; })"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, path: Path, timeout: float = 30_000):
    """The page loaded, with what went wrong on the way; `timeout` (ms) bounds the wait for the viewer, a
    guard against a page that never starts, not a measure of speed (big graphs take long on slow machines)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems = {"errors": [], "requests": [], "dialogs": []}
    page.on("pageerror", lambda e: problems["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and problems["errors"].append(m.text))
    page.on("request", lambda r: r.url != path.as_uri() and problems["requests"].append(r.url))
    page.on("dialog", lambda d: (problems["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgViewer !== undefined", timeout=timeout)
    return page, problems


def write_page(view, tmp_path) -> Path:
    path = tmp_path / "graph.html"
    path.write_bytes(render(view, ["html"])["graph.html"])
    return path


def test_page_is_offline_and_shows_the_whole_graph(browser, any_view, tmp_path):
    page, problems = open_page(browser, write_page(any_view, tmp_path))
    graph = any_view.property_graph
    assert page.evaluate("kgViewer.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("kgViewer.edges.length") == graph.number_of_edges()
    assert sorted(page.evaluate("kgViewer.nodes.getIds()")) == sorted(graph.nodes)
    assert page.inner_text("#legend").count("(") == len({d["cls"] for _, d in graph.nodes(data=True)})
    assert problems == {"errors": [], "requests": [], "dialogs": []}
    page.close()


def test_page_links_nothing_outside(view):
    html = render(view, ["html"])["graph.html"].decode("utf-8")
    assert "<script src" not in html and "<link" not in html and "bootstrap" not in html.lower()
    assert "<script>alert(1)" not in html


def test_hostile_text_is_shown_not_run(browser, view, tmp_path):
    page, problems = open_page(browser, write_page(view, tmp_path))
    page.evaluate(f"kgViewer.showNode({json.dumps(CEASEFIRE)})")
    details = page.inner_text("#details")
    assert HOSTILE_EVENT in details and HOSTILE_TITLE in details
    assert page.evaluate("document.querySelectorAll('#details *:not(div):not(h2):not(b):not(span)').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    page.fill("#search", "O'Brien")
    assert HOSTILE_PERSON in page.inner_text("#details")
    assert problems["dialogs"] == [] and problems["errors"] == []
    page.close()


def test_clicking_a_node_and_an_edge_shows_details(browser, view, tmp_path):
    page, problems = open_page(browser, write_page(view, tmp_path))
    page.wait_for_function("kgViewer.network.physics.options.enabled === false", timeout=120_000)
    point = page.evaluate("(function (id) { var p = kgViewer.network.getPositions([id])[id];"
                          " return kgViewer.network.canvasToDOM(p); })('state-russia')")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    details = page.inner_text("#details")
    assert "Russia" in details and "mediator" in details and "Wikidata Q159" in details and "Moscow" in details
    assert page.get_attribute("#details a", "href") == "http://www.wikidata.org/entity/Q159"
    page.evaluate("kgViewer.showEdge(kgViewer.data.edges.filter(function (e) { return e.relation === 'location'"
                  " && e.from === 'event-armedconflict-1992-6f7a8b9c'; })[0].id)")
    details = page.inner_text("#details")
    assert "location" in details and "Shusha" in details and "1992 to 1994" in details and "002_bbbb.txt" in details
    assert problems["errors"] == []
    page.close()


def test_filters_hide_classes_and_dates(browser, view, tmp_path):
    page, _ = open_page(browser, write_page(view, tmp_path))
    graph = view.property_graph
    assert len(page.evaluate(VISIBLE)) == graph.number_of_nodes()
    page.locator("#legend label", has_text="Person").locator("input").uncheck()
    persons = {n for n, d in graph.nodes(data=True) if d["cls"] == "Person"}
    assert set(page.evaluate(VISIBLE)) == set(graph.nodes) - persons
    page.locator("#legend label", has_text="Person").locator("input").check()
    page.eval_on_selector("#from", "e => { e.value = 2020; e.dispatchEvent(new Event('input')); }")
    page.eval_on_selector("#to", "e => { e.value = 2020; e.dispatchEvent(new Event('input')); }")
    hidden = set(graph.nodes) - set(page.evaluate(VISIBLE))
    assert hidden == {"event-armedconflict-1992-6f7a8b9c", "event-visit-2021-03-9c0d1e2f"}
    page.uncheck("#undated")
    assert "event-statement-11-10-7a8b9c0d" not in page.evaluate(VISIBLE)
    page.close()


def test_screenshot_of_the_fixture_graph(browser, view, tmp_path):
    page, problems = open_page(browser, write_page(view, tmp_path))
    page.wait_for_function("kgViewer.network.physics.options.enabled === false", timeout=120_000)
    page.evaluate("kgViewer.network.fit()")
    page.screenshot(path=str(tmp_path / "viewer.png"))
    assert (tmp_path / "viewer.png").stat().st_size > 20_000
    assert problems["errors"] == []
    page.close()


def test_five_thousand_nodes_settle_and_stop(browser, tmp_path):
    view = GraphView(big_graph())
    page, problems = open_page(browser, write_page(view, tmp_path), timeout=240_000)
    assert page.evaluate("kgViewer.nodes.length") == 5000
    assert page.evaluate("kgViewer.edges.length") == view.property_graph.number_of_edges()
    page.wait_for_function("kgViewer.network.physics.options.enabled === false", timeout=240_000)
    page.fill("#search", "State 2999")
    assert page.inner_text("#search-result") == "1 match" and "State 2999" in page.inner_text("#details")
    assert problems["errors"] == [] and problems["requests"] == []
    page.close()
