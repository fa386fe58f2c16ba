"""Validate a graph against ontology/shapes.ttl.

Two engines give the same verdicts: pyshacl (the reference SHACL implementation), and a fast one
that translates the subset of SHACL our shapes use (targetClass; property shapes with an IRI path
and minCount, maxCount, datatype, class, in, or-of-datatypes, lessThanOrEquals, qualifiedValueShape
with sh:in; severities) into SPARQL run on pyoxigraph, quick enough for every build.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from .errors import GraphError
from .rdf import PREFIXES, to_store

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
ENGINES = ("fast", "pyshacl")


@dataclass(frozen=True, order=True)
class ValidationResult:
    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str
    component: str  # SHACL constraint component, e.g. "MinCount"
    message: str

    def line(self) -> str:
        return f"{self.severity}: {shorten(self.focus)} {shorten(self.path)} ({self.component}): {self.message}"

    @property
    def verdict(self) -> tuple[str, str, str, str]:
        return self.severity, self.focus, self.path, self.component


@dataclass
class ValidationReport:
    results: list[ValidationResult]

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def summary(self) -> str:
        return f"{len(self.violations)} violations, {len(self.warnings)} warnings"


def shorten(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


@dataclass(frozen=True)
class Constraint:
    """One constraint of one property shape, ready to be checked."""

    targets: tuple[str, ...]
    path: str
    component: str
    value: object
    severity: str
    message: str


def _iri_list(graph: Graph, node) -> list:
    return list(Collection(graph, node))


@lru_cache(maxsize=4)
def load_shapes(path: Path = SHAPES_FILE) -> tuple[Graph, tuple[Constraint, ...]]:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # a broken shapes file is a packaging error; say where
        raise GraphError(f"{path}: cannot read shapes: {' '.join(str(exc).split())}") from exc
    constraints = []
    for shape in sorted(graph.subjects(RDF.type, SH.NodeShape)):
        targets = tuple(sorted(str(t) for t in graph.objects(shape, SH.targetClass)))
        for prop in graph.objects(shape, SH.property):
            path = str(graph.value(prop, SH.path))
            severity = str(graph.value(prop, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
            message = str(graph.value(prop, SH.message) or "")

            def add(component, value):
                constraints.append(Constraint(targets, path, component, value, severity, message))
            for key, component in ((SH.minCount, "MinCount"), (SH.maxCount, "MaxCount")):
                if graph.value(prop, key) is not None:
                    add(component, int(graph.value(prop, key)))
            if graph.value(prop, SH.datatype) is not None:
                add("Datatype", str(graph.value(prop, SH.datatype)))
            if graph.value(prop, SH["class"]) is not None:
                add("Class", str(graph.value(prop, SH["class"])))
            if graph.value(prop, SH["in"]) is not None:
                add("In", tuple(_iri_list(graph, graph.value(prop, SH["in"]))))
            if graph.value(prop, SH["or"]) is not None:
                datatypes = tuple(str(graph.value(alt, SH.datatype)) for alt in _iri_list(graph, graph.value(prop, SH["or"])))
                add("Or", datatypes)
            if graph.value(prop, SH.lessThanOrEquals) is not None:
                add("LessThanOrEquals", str(graph.value(prop, SH.lessThanOrEquals)))
            qualified = graph.value(prop, SH.qualifiedValueShape)
            if qualified is not None:
                allowed = tuple(_iri_list(graph, graph.value(qualified, SH["in"])))
                for key, component in ((SH.qualifiedMinCount, "QualifiedMinCount"),
                                       (SH.qualifiedMaxCount, "QualifiedMaxCount")):
                    if graph.value(prop, key) is not None:
                        add(component, (allowed, int(graph.value(prop, key))))
    return graph, tuple(constraints)


def _term(value) -> str:
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, Literal):
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)) if value.datatype else None).__str__()
    raise GraphError(f"unsupported value in shapes: {value!r}")


def constraint_query(c: Constraint) -> str:
    """SPARQL selecting the focus nodes that break the constraint."""
    targets = " ".join(f"<{t}>" for t in c.targets)
    head = f"SELECT DISTINCT ?f WHERE {{ VALUES ?c {{ {targets} }} ?f a ?c ."
    p = f"<{c.path}>"
    if c.component == "MinCount":
        return (f"SELECT ?f WHERE {{ VALUES ?c {{ {targets} }} ?f a ?c . OPTIONAL {{ ?f {p} ?v }} }} "
                f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) < {c.value})")
    if c.component == "MaxCount":
        return (f"SELECT ?f WHERE {{ VALUES ?c {{ {targets} }} ?f a ?c . ?f {p} ?v }} "
                f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) > {c.value})")
    if c.component == "Datatype":
        return f"{head} ?f {p} ?v FILTER(!isLiteral(?v) || datatype(?v) != <{c.value}>) }}"
    if c.component == "Class":
        return f"{head} ?f {p} ?v FILTER NOT EXISTS {{ ?v a <{c.value}> }} }}"
    if c.component == "In":
        return f"{head} ?f {p} ?v FILTER(?v NOT IN ({', '.join(_term(v) for v in c.value)})) }}"
    if c.component == "Or":
        kinds = ", ".join(f"<{d}>" for d in c.value)
        return f"{head} ?f {p} ?v FILTER(!isLiteral(?v) || datatype(?v) NOT IN ({kinds})) }}"
    if c.component == "LessThanOrEquals":
        return f"{head} ?f {p} ?v . ?f <{c.value}> ?w FILTER(!(?v <= ?w)) }}"
    allowed, count = c.value
    values = ", ".join(_term(v) for v in allowed)
    compare = "<" if c.component == "QualifiedMinCount" else ">"
    return (f"SELECT ?f WHERE {{ VALUES ?c {{ {targets} }} ?f a ?c . "
            f"OPTIONAL {{ ?f {p} ?v FILTER(?v IN ({values})) }} }} "
            f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) {compare} {count})")


def validate_fast(triples: list[ox.Triple], shapes: Path = SHAPES_FILE) -> ValidationReport:
    _, constraints = load_shapes(shapes)
    store = to_store(triples)
    results = set()
    for c in constraints:
        for solution in store.query(constraint_query(c)):
            focus = solution["f"]
            results.add(ValidationResult(c.severity, focus.value, c.path, c.component, c.message))
    return ValidationReport(sorted(results))


def validate_pyshacl(triples: list[ox.Triple], shapes: Path = SHAPES_FILE) -> ValidationReport:
    from pyshacl import validate as shacl_validate
    from .rdf import render_turtle
    shapes_graph, _ = load_shapes(shapes)
    data = Graph().parse(data=render_turtle(triples).decode("utf-8"), format="turtle")
    _, report_graph, _ = shacl_validate(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    results = set()
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        if isinstance(focus, BNode):
            continue
        component = str(report_graph.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        source = report_graph.value(result, SH.sourceShape)
        results.add(ValidationResult(
            str(report_graph.value(result, SH.resultSeverity)).rsplit("#", 1)[-1], str(focus),
            str(report_graph.value(result, SH.resultPath)), component.removesuffix("ConstraintComponent"),
            str(shapes_graph.value(source, SH.message) or report_graph.value(result, SH.resultMessage) or "")))
    return ValidationReport(sorted(results))


def validate(triples: list[ox.Triple], engine: str = "fast", shapes: Path = SHAPES_FILE) -> ValidationReport:
    if engine == "pyshacl":
        return validate_pyshacl(triples, shapes)
    return validate_fast(triples, shapes)
