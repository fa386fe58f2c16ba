"""Property tests: arbitrary Unicode names and sentences through IRI minting, date resolution and every
exporter, and back to the same data."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import networkx as nx
import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph, Literal, RDFS

from kg.assemble import build_graph, slug
from kg.exporters import GraphView, render
from kg.exporters.neo4j import spreadsheet_value
from kg.extract.dates import find_dates
from kg.model import Actor, ActorRef, DateValue, Document, DocumentRecord, Event, Mention

XML_SAFE = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.text(alphabet=XML_SAFE, min_size=1, max_size=40).filter(lambda t: t.strip())
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(st.text())
@SETTINGS
def test_minted_iris_are_valid_and_plain(text):
    local = slug(text)
    assert re.fullmatch(r"[a-z0-9x][a-z0-9-]*", local)
    ox.NamedNode("https://w3id.org/kgnews/id/person-" + local)


@given(st.text(max_size=200), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)) | st.none())
@SETTINGS
def test_date_resolution_never_fails_and_gives_xsd_forms(text, published):
    for mention in find_dates(text, published):
        for value in (mention.value, mention.end_value):
            if value is None:
                continue
            pattern = {"date": r"\d{4}-\d\d-\d\d", "gYearMonth": r"\d{4}-\d\d", "gYear": r"\d{4}",
                       "gMonthDay": r"--\d\d-\d\d"}[value.kind]
            assert re.fullmatch(pattern, value.value)
        assert text[mention.start:mention.end] == mention.text


def graph_of(person: str, org: str, sentence: str) -> list[ox.Triple]:
    m = Mention("a.txt", 0, len(sentence), sentence)
    p, o = ActorRef("Person", person), ActorRef("Organization", org)
    event = Event("Meeting", "met", DateValue("2023-05-02", "date"), None, {p, o}, set(), None, None, None, [m])
    record = DocumentRecord(Document("a.txt", sentence, title=sentence), [Actor(p, mentions=[m]),
                                                                         Actor(o, mentions=[m])], [], [event], [])
    return build_graph([record])


@given(TEXT, TEXT, TEXT)
@SETTINGS
def test_every_exporter_gives_the_data_back(person, org, sentence):
    org = org if org != person else org + "x"
    triples = graph_of(person, org, sentence)
    files = render(GraphView(triples), ["ttl", "nt", "jsonld", "trig", "html", "neo4j", "gexf", "graphml"])
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        labels = {str(o) for o in Graph().parse(data=files[name].decode("utf-8"), format=fmt).objects(None, RDFS.label)}
        assert {person, org} <= labels, name
    texts = {str(o) for o in Graph().parse(data=files["graph.ttl"].decode("utf-8"), format="turtle").objects()
             if isinstance(o, Literal)}
    assert sentence in texts
    nodes = list(csv.reader(io.StringIO(files["neo4j/nodes.csv"].decode("utf-8"))))
    assert {person, org} <= {spreadsheet_value(row[2]) for row in nodes[1:]}
    html = files["graph.html"].decode("utf-8")
    payload = html.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in payload and {person, org} <= {n["label"] for n in json.loads(payload)["nodes"]}
    cypher = files["neo4j/import.cypher"].decode("utf-8")
    assert json.dumps(person, ensure_ascii=False) in cypher.replace("\\u2028", "\u2028").replace("\\u2029", "\u2029")


def _xml_clean(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))


@given(name=TEXT.filter(lambda t: _xml_clean(t) == t))
@SETTINGS
def test_gexf_and_graphml_keep_names(name, tmp_path_factory):
    triples = graph_of(name, name + " org", "A sentence.")
    files = render(GraphView(triples), ["gexf", "graphml"])
    folder = tmp_path_factory.mktemp("xml")
    (folder / "g.gexf").write_bytes(files["graph.gexf"])
    (folder / "g.graphml").write_bytes(files["graph.graphml"])
    gexf = nx.read_gexf(folder / "g.gexf", version="1.3")
    graphml = nx.read_graphml(folder / "g.graphml")
    assert name in {d["label"] for _, d in gexf.nodes(data=True)}
    assert name in {d["label"] for _, d in graphml.nodes(data=True)}
