"""SHACL validation: the seed-like graph conforms; deliberately broken graphs fail naming the node and
the rule; the fast SPARQL engine and pyshacl give the same verdicts."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.rdf import RDF_TYPE, RDFS_LABEL, kgo, kgr, literal, render_turtle, sort_triples
from kg.memo import Memo
from kg.validate import validate, validation_version

EVENT, MENTION, DOC = kgr("event-x"), kgr("mention-x"), kgr("doc-x")
PERSON, POSITION, STATE = kgr("person-p"), kgr("position-p"), kgr("state-s")


def good() -> list[ox.Triple]:
    T = ox.Triple
    return [
        T(DOC, RDF_TYPE, kgo("Document")), T(DOC, RDFS_LABEL, literal("doc")), T(DOC, kgo("source"), literal("x.txt")),
        T(MENTION, RDF_TYPE, kgo("Mention")), T(MENTION, kgo("document"), DOC),
        T(MENTION, kgo("start"), literal(0, "integer")), T(MENTION, kgo("end"), literal(4, "integer")),
        T(MENTION, kgo("text"), literal("Talk")),
        T(EVENT, RDF_TYPE, kgo("Event")), T(EVENT, RDF_TYPE, kgo("Meeting")), T(EVENT, RDFS_LABEL, literal("Meeting")),
        T(EVENT, kgo("date"), literal("2020-11", "gYearMonth")), T(EVENT, kgo("evidence"), MENTION),
        T(PERSON, RDF_TYPE, kgo("Person")), T(PERSON, RDFS_LABEL, literal("P")), T(PERSON, kgo("evidence"), MENTION),
        T(STATE, RDF_TYPE, kgo("State")), T(STATE, RDFS_LABEL, literal("S")), T(STATE, kgo("evidence"), MENTION),
        T(POSITION, RDF_TYPE, kgo("Position")), T(POSITION, RDFS_LABEL, literal("President of S: P")),
        T(POSITION, kgo("holder"), PERSON), T(POSITION, kgo("title"), literal("President")),
        T(POSITION, kgo("of"), STATE), T(POSITION, kgo("evidence"), MENTION),
    ]


def without(triples, subject, predicate):
    return [t for t in triples if not (t.subject == subject and t.predicate == predicate)]


def plus(triples, *extra):
    return triples + list(extra)


BROKEN = {
    "event without evidence": (lambda g: without(g, EVENT, kgo("evidence")), EVENT, "evidence", "MinCount"),
    "event with two classes": (lambda g: plus(g, ox.Triple(EVENT, RDF_TYPE, kgo("Visit"))), EVENT, "type",
                               "QualifiedMaxCount"),
    "event with no class": (lambda g: [t for t in g if t.object != kgo("Meeting")], EVENT, "type",
                            "QualifiedMinCount"),
    "event with two dates": (lambda g: plus(g, ox.Triple(EVENT, kgo("date"), literal("2020-11-10", "date"))), EVENT,
                             "date", "MaxCount"),
    "date as a plain string": (lambda g: plus(without(g, EVENT, kgo("date")),
                                              ox.Triple(EVENT, kgo("date"), literal("November 2020"))), EVENT, "date",
                               "Or"),
    "status other than planned": (lambda g: plus(g, ox.Triple(EVENT, kgo("status"), literal("done"))), EVENT,
                                  "status", "In"),
    "position without holder": (lambda g: without(g, POSITION, kgo("holder")), POSITION, "holder", "MinCount"),
    "holder that is no person": (lambda g: plus(without(g, POSITION, kgo("holder")),
                                                ox.Triple(POSITION, kgo("holder"), STATE)), POSITION, "holder", "Class"),
    "mention ending before it starts": (lambda g: plus(without(g, MENTION, kgo("end")),
                                                       ox.Triple(MENTION, kgo("end"), literal(-1, "integer"))),
                                        MENTION, "start", "LessThanOrEquals"),
    "actor without label": (lambda g: without(g, PERSON, RDFS_LABEL), PERSON, "label", "MinCount"),
    "published date that is no date": (lambda g: plus(g, ox.Triple(DOC, kgo("published"), literal("2020-13-45", "date"))),
                                       DOC, "published", "Datatype"),
}
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# the holder's own triples change, not the position's: its verdict changes through the holder's type
BROKEN["holder that became a state"] = (
    lambda g: [ox.Triple(PERSON, RDF_TYPE, kgo("State")) if t.subject == PERSON and t.predicate == RDF_TYPE else t
               for t in g], POSITION, "holder", "Class")


DATATYPE_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kgo: <https://w3id.org/kgnews/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/kgnews/shapes#MentionShape> a sh:NodeShape ; sh:targetClass kgo:Mention ;
    sh:property [ sh:path kgo:end ; sh:datatype xsd:integer ] ; sh:property [ sh:path kgo:text ; sh:datatype xsd:string ] .
"""


@pytest.mark.parametrize("lexical", ["4", "+4", "-4", "0012", " 4", "4_0", "\u0664", "4.0", "", "1e0", "four", "4\n"])
def test_engines_agree_on_integers_and_strings_however_written(lexical, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(DATATYPE_SHAPES, encoding="utf-8")
    triples = sort_triples(plus(without(without(good(), MENTION, kgo("end")), MENTION, kgo("text")),
                                ox.Triple(MENTION, kgo("end"), ox.Literal(lexical, datatype=XSD_INTEGER)),
                                ox.Triple(MENTION, kgo("text"), literal(lexical))))
    fast, reference = validate(triples, "fast", shapes), validate(triples, "pyshacl", shapes)
    assert {r.verdict for r in fast.results} == {r.verdict for r in reference.results}
    assert fast.conforms == (lexical.strip().lstrip("+-").replace("_", "").isdigit())


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_good_graph_conforms(engine):
    report = validate(sort_triples(good()), engine=engine)
    assert report.conforms and report.results == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graphs_fail_and_engines_agree(case):
    mutate, node, path_end, component = BROKEN[case]
    triples = sort_triples(mutate(good()))
    fast, reference = validate(triples, "fast"), validate(triples, "pyshacl")
    assert {r.verdict for r in fast.results} == {r.verdict for r in reference.results}
    assert not fast.conforms
    assert any(r.focus == node.value and r.path.endswith(path_end) and r.component == component
               for r in fast.violations), [r.line() for r in fast.results]


def test_missing_of_is_only_a_warning():
    report = validate(sort_triples(without(good(), POSITION, kgo("of"))))
    assert report.conforms and [r.component for r in report.warnings] == ["MinCount"]


def test_kg_validate_names_the_node_and_the_rule(tmp_path, capsys):
    path = tmp_path / "broken.ttl"
    path.write_bytes(render_turtle(sort_triples(without(good(), EVENT, kgo("evidence")))))
    assert main(["validate", "--graph", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Violation: kgr:event-x kgo:evidence (MinCount): an event needs evidence" in out
    ok = tmp_path / "ok.ttl"
    ok.write_bytes(render_turtle(sort_triples(good())))
    assert main(["validate", "--graph", str(ok), "--engine", "pyshacl"]) == 0


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("direction", ["good, then broken", "broken, then good"])
def test_verdicts_remembered_from_an_earlier_graph_are_those_of_a_full_check(case, direction, tmp_path):
    """The memo of one graph's verdicts, used on the next graph, gives that graph's verdicts, and only
    the nodes that changed (or whose values' types changed) are checked again."""
    first, second = sort_triples(good()), sort_triples(BROKEN[case][0](good()))
    if direction != "good, then broken":
        first, second = second, first
    memo_path = tmp_path / "validate.memo"
    earlier = Memo(memo_path, validation_version())
    assert validate(first, memo=earlier).results == validate(first).results
    earlier.save()
    memo = Memo(memo_path, validation_version())
    assert validate(second, memo=memo).results == validate(second).results
    subjects = {t.subject for t in first} | {t.subject for t in second}
    assert 0 < memo.made < len(subjects)


def test_verdicts_remembered_by_another_process_are_found_again(tmp_path):
    """Memo keys outlive the process that made them: none may hang on an address or a salted hash."""
    memo_path = tmp_path / "validate.memo"
    code = ("import sys; from pathlib import Path; from kg.memo import Memo; from kg.rdf import sort_triples; "
            "from kg.validate import validate, validation_version; from tests.test_validate import good; "
            "memo = Memo(Path(sys.argv[1]), validation_version()); validate(sort_triples(good()), memo=memo); "
            "memo.save()")
    subprocess.run([sys.executable, "-c", code, str(memo_path)], check=True, cwd=Path(__file__).parent.parent,
                   env={**os.environ, "PYTHONHASHSEED": "random"})
    memo = Memo(memo_path, validation_version())
    assert validate(sort_triples(good()), memo=memo).results == validate(sort_triples(good())).results
    assert memo.known and memo.made == 0


def test_a_memo_of_other_shapes_or_code_is_not_used(tmp_path):
    triples = sort_triples(good())
    memo = Memo(tmp_path / "validate.memo", validation_version())
    validate(triples, memo=memo)
    memo.save()
    assert Memo(tmp_path / "validate.memo", validation_version()).known
    assert not Memo(tmp_path / "validate.memo", "another version").known
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(DATATYPE_SHAPES, encoding="utf-8")
    assert validation_version(shapes) != validation_version()


ENVOY = kgr("envoy-e")
SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")


def with_envoy(triples: list[ox.Triple], envoy_is_a_person: bool, labelled: bool = False) -> list[ox.Triple]:
    """An envoy, a person (whose label is required) if the graph says Envoy is a subclass of Person."""
    extra = [ox.Triple(ENVOY, RDF_TYPE, kgo("Envoy")), ox.Triple(ENVOY, kgo("evidence"), MENTION)]
    extra += [ox.Triple(ENVOY, RDFS_LABEL, literal("E"))] if labelled else []
    return triples + extra + ([ox.Triple(kgo("Envoy"), SUBCLASS_OF, kgo("Person"))] if envoy_is_a_person else [])


@pytest.mark.parametrize("first, second, broken", [
    ((False,), (True,), True),  # Envoy becomes a subclass of Person: every node is checked again
    ((True,), (False,), False),
    ((True, True), (True, False), True),  # only the envoy changes: checked again with the graph's subclasses
])
def test_verdicts_remembered_follow_the_graph_s_subclasses(first, second, broken, tmp_path):
    """SHACL's targets follow the graph's rdfs:subClassOf triples: the memo of one graph gives the verdicts
    of a full check of the next, and pyshacl's."""
    first, second = sort_triples(with_envoy(good(), *first)), sort_triples(with_envoy(good(), *second))
    memo_path = tmp_path / "validate.memo"
    earlier = Memo(memo_path, validation_version())
    validate(first, memo=earlier)
    earlier.save()
    remembered = validate(second, memo=Memo(memo_path, validation_version()))
    assert remembered.results == validate(second).results
    assert {r.verdict for r in remembered.results} == {r.verdict for r in validate(second, "pyshacl").results}
    assert any(r.focus == ENVOY.value for r in remembered.violations) is broken
