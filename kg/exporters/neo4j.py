"""Neo4j: nodes.csv + relationships.csv in the neo4j-admin import header format, import.cypher (MERGE
statements that load the same graph through cypher-shell, dates as Neo4j `date` values) and a README.

Spreadsheet safety: a CSV cell that begins with = + - @ (or a tab, a carriage return or an apostrophe)
is written with one leading apostrophe, so spreadsheets show it as text (OWASP's advice); removing one
leading apostrophe from such a cell gives the value back. The Cypher script carries exact values."""
from __future__ import annotations

import csv
import io
from json.encoder import encode_basestring

import pyoxigraph as ox

from ..memo import Memo, remembered
from .property_graph import node_keys, property_graph_of
from .style import period

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
ARRAY_DELIMITER = ";"
CHUNK = 500
NODE_COLUMNS = ("label", "kind", "class", "date", "endDate", "status", "title", "wikidata", "iri")

README = """# Loading this graph into Neo4j

Two ways, giving the same nodes and relationships.

## Offline bulk import (empty database, Neo4j 5)

    neo4j-admin database import full --overwrite-destination \\
        --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=";" neo4j

(Neo4j 4: `neo4j-admin import --nodes=nodes.csv --relationships=relationships.csv`.)
Dates are ISO strings as precise as the article (`2020-11-10`, `2020-11`, `2020`, or `--11-10` for a
month and day without a year), so that every version imports them.
List properties (`altLabels`, `documents`, `evidence`) are `string[]` split on `;`; a `;` inside one
item is written as `,` there (import.cypher keeps it exactly).

Spreadsheet safety: a cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or an
apostrophe carries one extra leading apostrophe, so that a spreadsheet opening the CSV shows text and
never runs a formula. Drop that first apostrophe to get the value back (import.cypher has the values
without it).

## Into a running Neo4j 5, through cypher-shell

    cypher-shell -u neo4j -p PASSWORD -f import.cypher

The script creates a uniqueness constraint, then MERGEs every node and relationship (UNWIND over
lists of maps, 500 rows a statement), so running it twice changes nothing. It stores `date`/`endDate`
as Neo4j `date` values so that ranges and ordering work: a month or a year given alone becomes its
first day (`2020-11` -> `date("2020-11-01")`), and the text's own precision is kept as a string in
`dateText`/`endDateText`; a month and day without a year (`--11-10`) has only `dateText`.

Every node has the label `KGNode` plus its class (`Person`, `State`, `Organization`, `Place`,
`Position`, `Agreement`, or `Event` and its event class); `Mediator` marks mediators.
"""


def spreadsheet_safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def spreadsheet_value(cell: str) -> str:
    """The inverse of spreadsheet_safe."""
    return cell[1:] if cell.startswith("'") else cell


def labels_of(data: dict) -> list[str]:
    labels = ["KGNode"]
    if data["kind"] == "event":
        labels.append("Event")
    labels.append(data["cls"])
    if data["mediator"]:
        labels.append("Mediator")
    return list(dict.fromkeys(labels))


def relationship_type(relation: str) -> str:
    return {"of": "OF"}.get(relation, relation.upper())


def _node_fields(node: str, data: dict) -> dict[str, str]:
    return {"label": data["label"], "kind": data["kind"], "class": data["cls"], "date": data["date"],
            "endDate": data["end_date"], "status": data["status"], "title": data["title"],
            "wikidata": data["wikidata"], "iri": data["iri"]}


def _array(values: list[str]) -> str:
    return ARRAY_DELIMITER.join(v.replace(ARRAY_DELIMITER, ",") for v in values)


def _csv_row(node: str, data: dict) -> str:
    fields = _node_fields(node, data)
    row = [node, ARRAY_DELIMITER.join(labels_of(data)), *(fields[c] for c in NODE_COLUMNS),
           "true" if data["mediator"] else "false", _array(data["alt_labels"]), _array(data["documents"]),
           _array([f'{e["document"]}: {e["text"]}' for e in data["evidence"]])]
    line = io.StringIO()
    csv.writer(line, lineterminator="\r\n").writerow([spreadsheet_safe(str(v)) for v in row])
    return line.getvalue()


def render_csv(triples: list[ox.Triple], memo: Memo | None = None) -> dict[str, bytes]:
    graph = property_graph_of(triples)
    keys = node_keys(graph) if memo is not None else {}
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\r\n")
    writer.writerow(["id:ID", ":LABEL", *NODE_COLUMNS, "mediator:boolean", "altLabels:string[]",
                     "documents:string[]", "evidence:string[]"])
    for node, data in sorted(graph.nodes(data=True)):
        nodes.write(remembered(memo, keys.get(node) and ("csv", keys[node]), lambda: _csv_row(node, data)))
    relationships = io.StringIO()
    writer = csv.writer(relationships, lineterminator="\r\n")
    writer.writerow([":START_ID", ":END_ID", ":TYPE"])
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        writer.writerow([spreadsheet_safe(source), spreadsheet_safe(target), relationship_type(data["relation"])])
    return {"neo4j/nodes.csv": nodes.getvalue().encode("utf-8"),
            "neo4j/relationships.csv": relationships.getvalue().encode("utf-8")}


def cypher_string(value: str) -> str:
    """A Cypher string literal: JSON's escaping (quotes, backslashes, control characters) is Cypher's
    (`encode_basestring` is what `json.dumps(value, ensure_ascii=False)` runs for a string)."""
    return encode_basestring(value).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def cypher_value(value) -> str:
    if type(value) is str:  # most values, first
        return cypher_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{k}`: {cypher_value(v)}" for k, v in value.items()) + "}"
    return cypher_string(str(value))


def _chunks(rows: list, size: int = CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _cypher_row(node: str, data: dict) -> str:
    """A node's map in the UNWIND list that MERGEs it."""
    props = {k: v for k, v in _node_fields(node, data).items() if v and k not in ("date", "endDate")}
    props.update(mediator=bool(data["mediator"]), altLabels=data["alt_labels"], documents=data["documents"],
                 evidence=[f'{e["document"]}: {e["text"]}' for e in data["evidence"]])
    return cypher_value({"id": node, "props": props, "date": period(data["date"]), "endDate": period(data["end_date"]),
                         "dateText": data["date"], "endDateText": data["end_date"]})


def render_cypher(triples: list[ox.Triple], memo: Memo | None = None) -> dict[str, bytes]:
    graph = property_graph_of(triples)
    keys = node_keys(graph) if memo is not None else {}
    out = io.StringIO()
    out.write("// kgnews graph for Neo4j 5: cypher-shell -f import.cypher\n")
    out.write("CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KGNode) REQUIRE n.id IS UNIQUE;\n")
    by_labels: dict[tuple, list[str]] = {}
    for node, data in sorted(graph.nodes(data=True)):
        row = remembered(memo, keys.get(node) and ("cypher", keys[node]), lambda: _cypher_row(node, data))
        by_labels.setdefault(tuple(labels_of(data)), []).append(row)
    for labels, rows in sorted(by_labels.items()):
        label_text = ":".join(f"`{label}`" for label in labels)
        for chunk in _chunks(rows):
            out.write(f"UNWIND [{', '.join(chunk)}] AS row\n")
            out.write(f"MERGE (n:{label_text} {{id: row.id}})\nSET n += row.props\n")
            out.write("SET n.date = CASE row.date WHEN '' THEN null ELSE date(row.date) END,\n"
                      "    n.endDate = CASE row.endDate WHEN '' THEN null ELSE date(row.endDate) END,\n"
                      "    n.dateText = CASE row.dateText WHEN '' THEN null ELSE row.dateText END,\n"
                      "    n.endDateText = CASE row.endDateText WHEN '' THEN null ELSE row.endDateText END;\n")
    by_type: dict[str, list] = {}
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        by_type.setdefault(relationship_type(data["relation"]), []).append({"s": source, "t": target})
    for rel_type, rows in sorted(by_type.items()):
        for chunk in _chunks(rows):
            out.write(f"UNWIND {cypher_value(chunk)} AS row\n"
                      f"MATCH (a:KGNode {{id: row.s}}), (b:KGNode {{id: row.t}})\nMERGE (a)-[:`{rel_type}`]->(b);\n")
    return {"neo4j/import.cypher": out.getvalue().encode("utf-8"), "neo4j/README.md": README.encode("utf-8")}


def render_neo4j(triples: list[ox.Triple], memo: Memo | None = None) -> dict[str, bytes]:
    """The CSV files, the Cypher script and the README; with a memo, each node's CSV row and Cypher map
    are taken from it when the node is unchanged."""
    return {**render_csv(triples, memo), **render_cypher(triples, memo)}
