"""SHACL on the fixture graph: it conforms; deliberately broken copies fail naming the node, the rule
and the shape, and the fast SPARQL engine gives exactly pyshacl's verdicts."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import GraphError, UsageError
from kg.rdf import RDF_TYPE, RDFS_LABEL, kgo, kgr, literal, render_turtle, sort_triples
from kg.validate import load_shapes, validate

CEASEFIRE = kgr("event-ceasefire-2020-11-10-1a2b3c4d")
AGREEMENT = kgr("agreement-2020-11-09-5e6f7a8b")
POSITION = kgr("position-ann-linde-foreign-minister-sweden")
MENTION = kgr("mention-001-aaaa-198-260")
DOCUMENT = kgr("doc-002-bbbb")
PUTIN = kgr("person-vladimir-putin")


def drop(subject, predicate):
    return lambda g: [t for t in g if not (t.subject == subject and t.predicate == predicate)]


def add(subject, predicate, value):
    return lambda g: g + [ox.Triple(subject, predicate, value)]


def replace(subject, predicate, value):
    return lambda g: drop(subject, predicate)(g) + [ox.Triple(subject, predicate, value)]


BROKEN = {  # name: (change, focus node, path, rule, shape)
    "event without evidence": (drop(CEASEFIRE, kgo("evidence")), CEASEFIRE, "kgo:evidence", "MinCount", "Event"),
    "event with two classes": (add(CEASEFIRE, RDF_TYPE, kgo("Meeting")), CEASEFIRE, "rdf:type",
                               "QualifiedMaxCount", "Event"),
    "event with two dates": (add(CEASEFIRE, kgo("date"), literal("2020-11", "gYearMonth")), CEASEFIRE, "kgo:date",
                             "MaxCount", "Event"),
    "end date as text": (add(CEASEFIRE, kgo("endDate"), literal("mid-November")), CEASEFIRE, "kgo:endDate", "Or",
                         "Event"),
    "status other than planned": (add(CEASEFIRE, kgo("status"), literal("happened")), CEASEFIRE, "kgo:status", "In",
                                  "Event"),
    "agreement date as datetime": (replace(AGREEMENT, kgo("date"), literal("2020-11-09T23:00:00", "dateTime")),
                                   AGREEMENT, "kgo:date", "Or", "Agreement"),
    "agreement with two end dates": (lambda g: add(AGREEMENT, kgo("endDate"), literal("2021", "gYear"))(
        add(AGREEMENT, kgo("endDate"), literal("2022", "gYear"))(g)), AGREEMENT, "kgo:endDate", "MaxCount",
        "Agreement"),
    "position held by a state": (replace(POSITION, kgo("holder"), kgr("state-sweden")), POSITION, "kgo:holder",
                                 "Class", "Position"),
    "position with two titles": (add(POSITION, kgo("title"), literal("Minister")), POSITION, "kgo:title", "MaxCount",
                                 "Position"),
    "position of a place": (replace(POSITION, kgo("of"), kgr("place-moscow")), POSITION, "kgo:of", "Or", "Position"),
    "mention ending before it starts": (replace(MENTION, kgo("end"), literal(10, "integer")), MENTION, "kgo:start",
                                        "LessThanOrEquals", "Mention"),
    "mention offsets as text": (replace(MENTION, kgo("start"), literal("198")), MENTION, "kgo:start", "Datatype",
                                "Mention"),
    "impossible date": (replace(CEASEFIRE, kgo("date"), literal("2020-13-45", "date")), CEASEFIRE, "kgo:date", "Or",
                        "Event"),
    "impossible publication date": (replace(DOCUMENT, kgo("published"), literal("2021-02-30", "date")), DOCUMENT,
                                    "kgo:published", "Datatype", "Document"),
    "mention without text": (drop(MENTION, kgo("text")), MENTION, "kgo:text", "MinCount", "Mention"),
    "document without label": (drop(DOCUMENT, RDFS_LABEL), DOCUMENT, "rdfs:label", "MinCount", "Document"),
    "actor without label": (drop(PUTIN, RDFS_LABEL), PUTIN, "rdfs:label", "MinCount", "Actor"),
}


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_fixture_graph_conforms(triples, engine):
    report = validate(triples, engine=engine)
    assert report.conforms and report.results == [], [r.line() for r in report.results]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graph_fails_and_both_engines_agree(triples, case):
    change, node, path, rule, shape = BROKEN[case]
    broken = sort_triples(change(list(triples)))
    fast, reference = validate(broken, "fast"), validate(broken, "pyshacl")
    assert [r.verdict for r in fast.results] == [r.verdict for r in reference.results]
    assert [r.message for r in fast.results] == [r.message for r in reference.results]
    assert not fast.conforms
    lines = [r.line() for r in fast.violations]
    assert any(line.startswith(f"Violation: kgr:{node.value.rsplit('/', 1)[1]} {path} ({rule}): ")
               and line.endswith(f"[kgs:{shape}Shape]") for line in lines), lines


def test_a_missing_of_is_only_a_warning(triples):
    broken = drop(POSITION, kgo("of"))(list(triples))
    fast, reference = validate(broken, "fast"), validate(broken, "pyshacl")
    assert fast.conforms and reference.conforms
    assert [r.verdict for r in fast.results] == [r.verdict for r in reference.results] == [
        ("Warning", POSITION.value, kgo("of").value, "MinCount", "https://w3id.org/kgnews/shapes#PositionShape")]


def test_kg_validate_names_the_node_and_the_rule(triples, tmp_path, capsys):
    path = tmp_path / "no-evidence.ttl"
    path.write_bytes(render_turtle(sort_triples(drop(CEASEFIRE, kgo("evidence"))(list(triples)))))
    for engine in ("fast", "pyshacl"):
        assert main(["validate", "--graph", str(path), "--engine", engine]) == 1
        out = capsys.readouterr().out.splitlines()
        assert out == ["Violation: kgr:event-ceasefire-2020-11-10-1a2b3c4d kgo:evidence (MinCount): an event needs "
                       "evidence [kgs:EventShape]", f"{path}: 1 violations, 0 warnings"]


def test_kg_validate_exits_0_with_only_warnings(triples, tmp_path, capsys):
    path = tmp_path / "no-of.ttl"
    path.write_bytes(render_turtle(sort_triples(drop(POSITION, kgo("of"))(list(triples)))))
    assert main(["validate", "--graph", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{path}: 0 violations, 1 warnings"


def test_shapes_the_fast_engine_cannot_run_are_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;\n"
                      "  sh:property [ sh:path <urn:p> ; sh:pattern \"^a\" ] .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"shapes.ttl: a property shape of <urn:s> uses sh:pattern"):
        load_shapes(shapes)


def test_unknown_engine_is_a_usage_error(triples):
    with pytest.raises(UsageError, match="unknown validation engine 'jena'"):
        validate(triples, engine="jena")
