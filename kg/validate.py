"""Validate a graph against ontology/shapes.ttl.

Two engines give the same verdicts: pyshacl (the reference SHACL implementation, slow on big
graphs), and a fast one that translates the subset of SHACL our shapes use (targetClass; property
shapes with an IRI path and minCount, maxCount, datatype, class, in, or-of-datatypes-or-classes,
lessThanOrEquals, qualifiedValueShape with sh:in; severities; messages) into SPARQL queries run on
pyoxigraph, quick enough for every build. A shapes file using anything else is refused on loading,
so the engines cannot silently disagree.
"""
from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from .cache import digest_of_files, installed_version
from .errors import GraphError, UsageError
from .memo import Memo, keyed_subject_runs, run_key
from .rdf import PREFIXES, RDF_NS, RDFS_NS, render_turtle, to_store

SH = Namespace("http://www.w3.org/ns/shacl#")
SHORT_NAMES = {**PREFIXES, "kgs": "https://w3id.org/kgnews/shapes#", "sh": str(SH)}
SHAPES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
ENGINES = ("fast", "pyshacl")
NODE_SHAPE_KEYS = {RDF.type, SH.targetClass, SH.property, RDFS.comment, RDFS.label}
PROPERTY_SHAPE_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH["or"],
                       SH.lessThanOrEquals, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount,
                       SH.severity, SH.message}


def shorten(iri: str) -> str:
    """An IRI as prefix:local with the project's prefixes, else in angle brackets."""
    for prefix, namespace in sorted(SHORT_NAMES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One broken rule on one node. `component` is the SHACL constraint component without its
    suffix (MinCount, Datatype, Or...); `shape` the IRI of the node shape holding the rule."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str
    component: str
    message: str
    shape: str

    def line(self) -> str:
        return (f"{self.severity}: {shorten(self.focus)} {shorten(self.path)} ({self.component}): {self.message} "
                f"[{shorten(self.shape)}]")

    @property
    def verdict(self) -> tuple[str, str, str, str, str]:
        """What both engines must agree on (messages may be worded by the engine)."""
        return self.severity, self.focus, self.path, self.component, self.shape


@dataclass
class ValidationReport:
    """All results, sorted; `violations` are those of severity Violation, `warnings` the others."""

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


@dataclass(frozen=True)
class Constraint:
    """One constraint of one property shape, ready to be checked."""

    shape: str
    targets: tuple[str, ...]
    path: str
    component: str
    value: object
    severity: str
    message: str


def _members(graph: Graph, node) -> list:
    return list(Collection(graph, node))


def _refuse_unknown(graph: Graph, node, allowed: set, where: str, path: Path) -> None:
    unknown = sorted(str(p) for p in set(graph.predicates(node)) - allowed)
    if unknown:
        raise GraphError(f"{path}: {where} uses {', '.join(shorten(u) for u in unknown)}, which the fast "
                         f"validator does not implement")


def _alternative(graph: Graph, alt, path: Path) -> tuple[str, str]:
    """An sh:or member as ("datatype" | "class", IRI)."""
    _refuse_unknown(graph, alt, {SH.datatype, SH["class"]}, "an sh:or member", path)
    if graph.value(alt, SH.datatype) is not None:
        return "datatype", str(graph.value(alt, SH.datatype))
    if graph.value(alt, SH["class"]) is not None:
        return "class", str(graph.value(alt, SH["class"]))
    raise GraphError(f"{path}: an sh:or member needs sh:datatype or sh:class")


def _property_constraints(graph: Graph, shape: str, targets: tuple[str, ...], prop, path: Path) -> list[Constraint]:
    _refuse_unknown(graph, prop, PROPERTY_SHAPE_KEYS, f"a property shape of {shorten(shape)}", path)
    prop_path = graph.value(prop, SH.path)
    if not isinstance(prop_path, URIRef):
        raise GraphError(f"{path}: a property shape of {shorten(shape)} needs an IRI sh:path")
    severity = str(graph.value(prop, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
    message = str(graph.value(prop, SH.message) or "")
    found = []

    def add(component: str, value) -> None:
        found.append(Constraint(shape, targets, str(prop_path), component, value, severity, message))

    for key, component in ((SH.minCount, "MinCount"), (SH.maxCount, "MaxCount")):
        if graph.value(prop, key) is not None:
            add(component, int(graph.value(prop, key)))
    if graph.value(prop, SH.datatype) is not None:
        add("Datatype", str(graph.value(prop, SH.datatype)))
    if graph.value(prop, SH["class"]) is not None:
        add("Class", str(graph.value(prop, SH["class"])))
    if graph.value(prop, SH["in"]) is not None:
        add("In", tuple(_members(graph, graph.value(prop, SH["in"]))))
    if graph.value(prop, SH["or"]) is not None:
        add("Or", tuple(_alternative(graph, alt, path) for alt in _members(graph, graph.value(prop, SH["or"]))))
    if graph.value(prop, SH.lessThanOrEquals) is not None:
        add("LessThanOrEquals", str(graph.value(prop, SH.lessThanOrEquals)))
    qualified = graph.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        _refuse_unknown(graph, qualified, {SH["in"]}, "an sh:qualifiedValueShape", path)
        allowed = tuple(_members(graph, graph.value(qualified, SH["in"])))
        for key, component in ((SH.qualifiedMinCount, "QualifiedMinCount"),
                               (SH.qualifiedMaxCount, "QualifiedMaxCount")):
            if graph.value(prop, key) is not None:
                add(component, (allowed, int(graph.value(prop, key))))
    return found


@lru_cache(maxsize=4)
def load_shapes(path: Path = SHAPES_FILE) -> tuple[Graph, tuple[Constraint, ...]]:
    """The shapes graph (for pyshacl) and its constraints (for the fast engine)."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds; a broken shapes file must say where it is
        raise GraphError(f"{path}: cannot read shapes: {' '.join(str(exc).split())}") from exc
    constraints = []
    for shape in sorted(graph.subjects(RDF.type, SH.NodeShape)):
        _refuse_unknown(graph, shape, NODE_SHAPE_KEYS, shorten(str(shape)), path)
        targets = tuple(sorted(str(t) for t in graph.objects(shape, SH.targetClass)))
        for prop in graph.objects(shape, SH.property):
            constraints.extend(_property_constraints(graph, str(shape), targets, prop, path))
    return graph, tuple(constraints)


def _term(value) -> str:
    """An rdflib IRI or literal from the shapes as a SPARQL term (pyoxigraph escapes it)."""
    if isinstance(value, URIRef):
        return str(ox.NamedNode(str(value)))
    if isinstance(value, Literal):
        return str(ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)) if value.datatype else None))
    raise GraphError(f"unsupported value in shapes: {value!r}")


def _is_instance(var: str, cls: str) -> str:
    return f"EXISTS {{ {var} <{RDF_NS}type>/<{RDFS_NS}subClassOf>* <{cls}> }}"


def constraint_query(c: Constraint) -> str:
    """SPARQL selecting the focus nodes that break the constraint (as SHACL defines it)."""
    targets = " ".join(f"<{t}>" for t in c.targets)
    focus = f"VALUES ?c {{ {targets} }} ?f <{RDF_NS}type>/<{RDFS_NS}subClassOf>* ?c ."
    head = f"SELECT DISTINCT ?f WHERE {{ {focus}"
    p = f"<{c.path}>"
    if c.component == "MinCount":
        return (f"SELECT ?f WHERE {{ {{ SELECT DISTINCT ?f WHERE {{ {focus} }} }} OPTIONAL {{ ?f {p} ?v }} }} "
                f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) < {c.value})")
    if c.component == "MaxCount":
        return (f"SELECT ?f WHERE {{ {{ SELECT DISTINCT ?f WHERE {{ {focus} }} }} ?f {p} ?v }} "
                f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) > {c.value})")
    if c.component == "Datatype":
        return f"{head} ?f {p} ?v FILTER(!isLiteral(?v) || datatype(?v) != <{c.value}>) }}"
    if c.component == "Class":
        return f"{head} ?f {p} ?v FILTER(!{_is_instance('?v', c.value)}) }}"
    if c.component == "In":
        return f"{head} ?f {p} ?v FILTER(?v NOT IN ({', '.join(_term(v) for v in c.value)})) }}"
    if c.component == "Or":
        tests = [f"(isLiteral(?v) && datatype(?v) = <{iri}>)" if kind == "datatype" else _is_instance("?v", iri)
                 for kind, iri in c.value]
        return f"{head} ?f {p} ?v FILTER(!({' || '.join(tests)})) }}"
    if c.component == "LessThanOrEquals":
        # values that cannot be compared (a string and a number) break the rule too, as in SHACL
        return f"{head} ?f {p} ?v . ?f <{c.value}> ?w FILTER(!COALESCE(?v <= ?w, false)) }}"
    allowed, count = c.value
    values = ", ".join(_term(v) for v in allowed)
    compare = "<" if c.component == "QualifiedMinCount" else ">"
    return (f"SELECT ?f WHERE {{ {{ SELECT DISTINCT ?f WHERE {{ {focus} }} }} "
            f"OPTIONAL {{ ?f {p} ?v FILTER(?v IN ({values})) }} }} "
            f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) {compare} {count})")


def checked_datatypes(c: Constraint) -> tuple[str, ...]:
    """The datatypes whose values must also be well-formed for the constraint to hold."""
    if c.component == "Datatype":
        return (c.value,)
    if c.component == "Or":
        return tuple(iri for kind, iri in c.value if kind == "datatype")
    return ()


XSD = "http://www.w3.org/2001/XMLSchema#"
# lexical forms that rdflib always reads: the query leaves them out, so Python checks only the rest
# (every xsd:string is well-formed; an integer of ASCII digits with an optional sign is)
SURELY_WELL_FORMED = {XSD + "string": None, XSD + "integer": "^[+-]?[0-9]+$"}


def ill_typed_query(c: Constraint, datatypes: tuple[str, ...]) -> str | None:
    """SPARQL selecting (focus, value) pairs of the given datatypes, to check their lexical form in Python:
    SPARQL cannot tell "2020-13-45"^^xsd:date from a good date, SHACL's sh:datatype can. None when no
    value of these datatypes can be ill-typed."""
    datatypes = tuple(d for d in datatypes if d not in SURELY_WELL_FORMED or SURELY_WELL_FORMED[d])
    if not datatypes:
        return None
    kinds = ", ".join(f"<{d}>" for d in datatypes)
    surely_good = "".join(f' && !(datatype(?v) = <{d}> && REGEX(STR(?v), "{SURELY_WELL_FORMED[d]}"))'
                          for d in datatypes if d in SURELY_WELL_FORMED)
    return (f"SELECT DISTINCT ?f ?v WHERE {{ VALUES ?c {{ {' '.join(f'<{t}>' for t in c.targets)} }} "
            f"?f <{RDF_NS}type>/<{RDFS_NS}subClassOf>* ?c . ?f <{c.path}> ?v "
            f"FILTER(isLiteral(?v) && datatype(?v) IN ({kinds}){surely_good}) }}")


@contextmanager
def _quiet_rdflib():
    """rdflib logs a traceback for every ill-typed literal it meets; here they are findings, not errors."""
    logger = logging.getLogger("rdflib.term")
    before, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = before


def _ill_typed(value: ox.Literal) -> bool:
    return _ill_typed_lexical(value.value, value.datatype.value)


@lru_cache(maxsize=100_000)
def _ill_typed_lexical(lexical: str, datatype: str) -> bool:
    """Whether rdflib finds the lexical form wrong for the datatype; remembered, as a graph repeats its
    dates and numbers thousands of times."""
    with _quiet_rdflib():
        return bool(Literal(lexical, datatype=URIRef(datatype)).ill_typed)


def _broken(triples: list[ox.Triple], constraints: tuple[Constraint, ...]) -> set[ValidationResult]:
    """The shapes' constraints as SPARQL on pyoxigraph: one query per constraint."""
    store = to_store(triples)
    results = set()
    for c in constraints:
        broken = [s["f"] for s in store.query(constraint_query(c))]
        query = ill_typed_query(c, checked_datatypes(c))
        if query:
            broken += [s["f"] for s in store.query(query) if _ill_typed(s["v"])]
        for node in broken:
            if not isinstance(node, ox.BlankNode):
                results.add(ValidationResult(c.severity, node.value, c.path, c.component, c.message, c.shape))
    return results


def validate_fast(triples: list[ox.Triple], shapes: Path = SHAPES_FILE, memo: Memo | None = None
                  ) -> ValidationReport:
    """The shapes' constraints as SPARQL on pyoxigraph. With a memo of an earlier build, only the nodes
    whose verdicts may have changed are checked again (see _recheck)."""
    _, constraints = load_shapes(shapes)
    if memo is None:
        return ValidationReport(sorted(_broken(triples, constraints)))
    return ValidationReport(sorted(_recheck(triples, constraints, memo)))


def _recheck(triples: list[ox.Triple], constraints: tuple[Constraint, ...], memo: Memo) -> list[ValidationResult]:
    """A node's verdicts depend on its own triples, the types of its values and the graph's
    rdfs:subClassOf triples, and on nothing else (the fast engine refuses every other constraint): keyed
    by those, a node's verdicts are taken from the memo, or found on the subgraph of the nodes not in it,
    with the types of their values (the whole graph when the memo knows none). What a key needs of a run
    of triples (see run_facts) is remembered too, under the run's own key: the runs the memo knows are
    then not read triple by triple."""
    keyed = keyed_subject_runs(triples)  # (start, end, run key) of each subject's run
    facts, with_subclass_of = [], []
    type_keys: dict[int, int] = {}  # a node (by its hash, as run_key's) -> a key of its types
    runs_of: dict[int, list[int]] = defaultdict(list)  # a node -> its runs (one, in sorted triples)
    for n, (start, end, key) in enumerate(keyed):
        found = memo.get(key)
        if found is None:
            found = run_facts(triples[start:end])
            memo.keep(key, found)
        facts.append(found)
        subject, _, types, subclass_of = found
        runs_of[subject].append(n)
        if types:
            known = type_keys.get(subject)
            type_keys[subject] = types if known is None else hash((known, types))
        if subclass_of:
            with_subclass_of.append(n)
    subclass_of = [i for n in with_subclass_of for i in range(*keyed[n][:2])
                   if triples[i].predicate.value == SUBCLASS_OF_IRI]
    salt = run_key([triples[i] for i in subclass_of])
    results: list[ValidationResult] = []
    unknown: list[tuple[int, tuple]] = []
    for n, ((_, _, key), (_, objects, _, _)) in enumerate(zip(keyed, facts)):
        key = (key, hash(tuple(type_keys.get(o, 0) for o in objects)), salt)
        found = memo.get(key)
        if found is None:
            unknown.append((n, key))
        else:
            results.extend(found)
    if unknown:
        if len(unknown) == len(keyed):  # nothing remembered: the whole graph, not a copy of it
            part = triples
        else:
            indices = set(subclass_of)
            for n, _ in unknown:
                indices.update(range(*keyed[n][:2]))
                for value in facts[n][1]:  # with the types of its values
                    for m in runs_of.get(value, ()):
                        indices.update(i for i in range(*keyed[m][:2]) if triples[i].predicate.value == RDF_TYPE_IRI)
            part = [triples[i] for i in sorted(indices)]
        by_focus: dict[str, list[ValidationResult]] = defaultdict(list)
        for result in _broken(part, constraints):
            by_focus[result.focus].append(result)
        for n, key in unknown:
            subject = triples[keyed[n][0]].subject
            found = tuple(sorted(by_focus.get(subject.value, ()))) if isinstance(subject, ox.NamedNode) else ()
            memo.keep(key, found)
            results.extend(found)
    return results


def run_facts(run: list[ox.Triple]) -> tuple[int, tuple[int, ...], int, bool]:
    """What a validation key needs of a subject's run of triples, all of it a function of the run alone:
    its subject and its values that are not literals (by their hashes, as run_key's: a blank node's label,
    having no ":", is never an IRI's text), a key of its rdf:type triples (0 without any), and whether it
    holds rdfs:subClassOf triples. A plain tuple, which a memo reads back faster than any class."""
    predicates = [t.predicate.value for t in run]
    type_triples = tuple(t for t, p in zip(run, predicates) if p == RDF_TYPE_IRI)
    return (hash(run[0].subject), tuple(hash(o) for o in (t.object for t in run) if type(o) is not ox.Literal),
            hash(type_triples) if type_triples else 0, SUBCLASS_OF_IRI in predicates)


RDF_TYPE_IRI = RDF_NS + "type"
SUBCLASS_OF_IRI = RDFS_NS + "subClassOf"


VERDICT_CODE = tuple(Path(__file__).resolve().parent / name for name in ("validate.py", "rdf.py", "memo.py"))


def validation_version(shapes: Path = SHAPES_FILE) -> str:
    """What a memo of verdicts depends on: this engine's code, the shapes, pyoxigraph and rdflib."""
    return digest_of_files(VERDICT_CODE, hashlib.sha256(Path(shapes).read_bytes()).hexdigest(),
                           installed_version("pyoxigraph"), installed_version("rdflib"))


def validate_pyshacl(triples: list[ox.Triple], shapes: Path = SHAPES_FILE) -> ValidationReport:
    """The reference: pyshacl on an rdflib copy of the graph, without inference."""
    from pyshacl import validate as shacl_validate
    shapes_graph, _ = load_shapes(shapes)
    try:
        with _quiet_rdflib():
            data = Graph().parse(data=render_turtle(triples).decode("utf-8"), format="turtle")
            _, report_graph, _ = shacl_validate(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    except (TypeError, ValueError) as exc:  # pyshacl cannot compare some ill-typed literals
        raise GraphError(f"pyshacl cannot validate this graph ({' '.join(str(exc).split())}); "
                         f"try --engine fast") from exc
    results = set()
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        if isinstance(focus, BNode):
            continue
        source = report_graph.value(result, SH.sourceShape)
        node_shape = shapes_graph.value(predicate=SH.property, object=source) or source
        component = str(report_graph.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        results.add(ValidationResult(
            str(report_graph.value(result, SH.resultSeverity)).rsplit("#", 1)[-1], str(focus),
            str(report_graph.value(result, SH.resultPath)), component.removesuffix("ConstraintComponent"),
            str(shapes_graph.value(source, SH.message) or report_graph.value(result, SH.resultMessage) or ""),
            str(node_shape)))
    return ValidationReport(sorted(results))


def validate(triples: list[ox.Triple], engine: str = "fast", shapes: Path = SHAPES_FILE, memo: Memo | None = None
             ) -> ValidationReport:
    """Validate the graph with the chosen engine ("fast" by default, with an optional memo of an earlier
    build's verdicts, or "pyshacl")."""
    if engine == "pyshacl":
        return validate_pyshacl(triples, shapes)
    if engine == "fast":
        return validate_fast(triples, shapes, memo)
    raise UsageError(f"unknown validation engine {engine!r}; expected one of {', '.join(ENGINES)}")
