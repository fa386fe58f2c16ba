"""Named SPARQL queries (ontology/queries/*.rq) and running them on a graph with pyoxigraph.

A query file starts with comment lines saying what it answers and its parameters
(`# param: actor (actor) — a name or an IRI`; the kind in brackets is one of PARAM_KINDS, "string"
when left out). Parameters are bound by a VALUES block placed first inside the query's WHERE clause,
built from pyoxigraph terms (which escape what they must), so a value can never be read as SPARQL:
an actor given by name is looked up by its label or other names first, case-insensitively.

Queries run on pyoxigraph; rdflib answers the same queries as a fallback engine (slower, pure
Python), and the tests hold both to the same rows.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError
from .model import ACTOR_CLASSES, EVENT_CLASSES as MODEL_EVENT_CLASSES
from .rdf import KGO_NS, PREFIXES, RDF_NS, RDFS_NS, SKOS_NS, to_store

QUERIES_DIR = Path(__file__).resolve().parent.parent / "ontology" / "queries"
PARAM_LINE = re.compile(r"^#\s*param:\s*(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<kind>\w+)\))?\s*[—–-]*\s*(?P<doc>.*)$")
BOUND_MARK = "# bound:"
PARAM_KINDS = ("actor", "node", "date", "class", "string")
EVENT_CLASSES = ("Event", *MODEL_EVENT_CLASSES)  # "Event" asks for all of them
OUTPUT_FORMATS = ("table", "csv", "json")
QUERY_ENGINES = ("pyoxigraph", "rdflib")


class QueryError(KGError):
    """A query cannot be found, bound or run."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    params: tuple[Param, ...]


def parse_query_text(name: str, text: str) -> NamedQuery:
    description, params = [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = PARAM_LINE.match(line)
        if m:
            kind = m.group("kind") or "string"
            if kind not in PARAM_KINDS:
                raise QueryError(f"{name}: parameter {m.group('name')} has unknown kind {kind!r}")
            params.append(Param(m.group("name"), kind, m.group("doc").strip()))
        elif not params:
            description.append(line.lstrip("#").strip())
    return NamedQuery(name, text, " ".join(d for d in description if d), tuple(params))


def list_queries(folder: Path = QUERIES_DIR) -> list[NamedQuery]:
    return [load_named_query(p.stem, folder) for p in sorted(folder.glob("*.rq"))]


def load_named_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    path = folder / f"{name}.rq"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        known = ", ".join(p.stem for p in sorted(folder.glob("*.rq")))
        raise QueryError(f"no named query {name!r}; known: {known}")
    return parse_query_text(name, path.read_text(encoding="utf-8"))


def load_query_file(path: Path) -> NamedQuery:
    try:
        return parse_query_text(Path(path).stem, Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise QueryError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError:
        raise QueryError(f"{path}: not valid UTF-8") from None


def _as_iri(value: str) -> ox.NamedNode | None:
    for prefix, namespace in PREFIXES.items():
        if value.startswith(prefix + ":") and not value.startswith(prefix + "://"):
            value = namespace + value[len(prefix) + 1:]
            break
    if re.match(r"^https?://\S+$", value):
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(f"{value!r} is not a valid IRI") from None
    return None


def find_nodes(store: ox.Store, name: str, classes: tuple[str, ...] | None) -> list[ox.NamedNode]:
    """Nodes whose label or other name is `name` (case-insensitively), of the given classes if any."""
    wanted = name.strip().casefold()
    found = set()
    for predicate in (RDFS_NS + "label", SKOS_NS + "altLabel"):
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
            if isinstance(quad.object, ox.Literal) and quad.object.value.casefold() == wanted:
                found.add(quad.subject)
    if classes:
        typed = {q.subject for c in classes
                 for q in store.quads_for_pattern(None, ox.NamedNode(RDF_NS + "type"), ox.NamedNode(KGO_NS + c))}
        found &= typed
    return sorted((n for n in found if isinstance(n, ox.NamedNode)), key=lambda n: n.value)


def bind_value(store: ox.Store, param: Param, value: str) -> list:
    if param.kind in ("actor", "node"):
        iri = _as_iri(value)
        if iri is not None:
            return [iri]
        nodes = find_nodes(store, value, ACTOR_CLASSES if param.kind == "actor" else None)
        if not nodes:
            raise QueryError(f"no {'actor' if param.kind == 'actor' else 'node'} named {value!r} in the graph "
                             f"(give a label, another name, or an IRI)")
        return nodes
    if param.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"{param.name} is {value!r}; expected a date YYYY-MM-DD") from None
        return [ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))]
    if param.kind == "class":
        cls = value.removeprefix("kgo:")
        if cls not in EVENT_CLASSES:
            raise QueryError(f"{param.name} is {value!r}; expected one of {', '.join(EVENT_CLASSES)}")
        return [ox.NamedNode(KGO_NS + cls)]
    return [ox.Literal(value)]


def bind(query: NamedQuery, store: ox.Store, values: dict[str, str]) -> str:
    """The query's text with a VALUES block for each parameter, placed first in its WHERE clause."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        raise QueryError(f"{query.name} takes no parameter {', '.join(unknown)}; "
                         f"it takes: {', '.join(p.name for p in query.params) or 'none'}")
    missing = [p for p in query.params if p.name not in values]
    if missing:
        raise QueryError(f"{query.name} needs --param " + " --param ".join(f"{p.name}=… ({p.doc})" for p in missing))
    blocks = []
    for param in query.params:
        terms = " ".join(str(t) for t in bind_value(store, param, values[param.name]))
        blocks.append(f"VALUES ?{param.name} {{ {terms} }}")
    if not blocks:
        return query.text
    text = re.sub(r"^#\s*param:", BOUND_MARK, query.text, flags=re.M)
    match = next((m for m in re.finditer(r"\bWHERE\s*\{", text, re.I)
                  if not text[text.rfind("\n", 0, m.start()) + 1:m.start()].lstrip().startswith("#")), None)
    if match is None:
        raise QueryError(f"{query.name}: parameters need a WHERE clause")
    return text[:match.end()] + "\n  " + "\n  ".join(blocks) + text[match.end():]


def term_text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _has_order(text: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return re.search(r"\bORDER\s+BY\b", body, re.I) is not None


def _run_pyoxigraph(store: ox.Store, text: str) -> tuple[list[str], list[list[str]]]:
    try:
        results = store.query(text)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"the query cannot run: {' '.join(str(exc).split())}") from exc
    if isinstance(results, ox.QueryBoolean):
        return ["result"], [["true" if bool(results) else "false"]]
    if isinstance(results, ox.QuerySolutions):
        columns = [v.value for v in results.variables]
        return columns, [[term_text(solution[c]) for c in columns] for solution in results]
    return ["subject", "predicate", "object"], [[term_text(t.subject), term_text(t.predicate), term_text(t.object)]
                                                for t in results]


def _run_rdflib(triples: list[ox.Triple], text: str) -> tuple[list[str], list[list[str]]]:
    from rdflib import BNode, Graph

    from .rdf import render_turtle
    graph = Graph().parse(data=render_turtle(triples).decode("utf-8"), format="turtle")
    try:
        results = graph.query(text)
    except Exception as exc:  # rdflib's parser raises pyparsing errors among others
        raise QueryError(f"the query cannot run: {' '.join(str(exc).split())}") from exc

    def cell(term) -> str:
        if term is None:
            return ""
        return f"_:{term}" if isinstance(term, BNode) else str(term)
    if results.type == "ASK":
        return ["result"], [["true" if results.askAnswer else "false"]]
    if results.type == "SELECT":
        columns = [str(v) for v in results.vars]
        return columns, [[cell(row[c]) for c in columns] for row in results]
    return ["subject", "predicate", "object"], [[cell(t) for t in triple] for triple in results]


def run_query(graph, query: str | NamedQuery, params: dict[str, str] | None = None,
              engine: str = "pyoxigraph") -> tuple[list[str], list[list[str]]]:
    """(columns, rows) of a query (its text, or a NamedQuery) on a graph given as triples or a store.

    Parameters declared in the query's header are bound from `params`. SELECT gives its variables,
    ASK one "result" column, CONSTRUCT/DESCRIBE (subject, predicate, object). Rows follow the query's
    ORDER BY; without one they are sorted, so the output never depends on the engine's whims.
    """
    store = graph if isinstance(graph, ox.Store) else to_store(graph)
    declared = query if isinstance(query, NamedQuery) else parse_query_text("query", query)
    text = declared.text
    if declared.params or params:
        text = bind(declared, store, params or {})
    if engine == "pyoxigraph":
        columns, rows = _run_pyoxigraph(store, text)
    elif engine == "rdflib":
        triples = graph if not isinstance(graph, ox.Store) else [q.triple for q in store]
        columns, rows = _run_rdflib(list(triples), text)
    else:
        raise QueryError(f"unknown query engine {engine!r}; expected one of {', '.join(QUERY_ENGINES)}")
    if columns == ["subject", "predicate", "object"] or not _has_order(text):
        rows = sorted(rows)
    return columns, rows


def shorten(value: str) -> str:
    for prefix in ("kgr", "kgo", "wd"):
        if value.startswith(PREFIXES[prefix]):
            return f"{prefix}:{value[len(PREFIXES[prefix]):]}"
    return value


def render_results(columns: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        from .exporters.neo4j import spreadsheet_safe
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
        return out.getvalue()
    cells = [[shorten(" ".join(v.split())) for v in row] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]

    def fit(value: str, width: int) -> str:
        return (value[:width - 1] + "…") if len(value) > width else value.ljust(width)
    lines = [" | ".join(fit(c, w) for c, w in zip(columns, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(fit(v, w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
