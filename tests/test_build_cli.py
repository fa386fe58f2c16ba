"""End to end: the CLI builds the seed corpus; the graph says what the articles say, traceably."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
KGO = "https://w3id.org/kgnews/ontology#"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("exports")
    assert main(["build", "--corpus", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    graph = Graph()
    graph.parse(seed_build / "graph.ttl", format="turtle")
    return graph


def test_ceasefire_of_10_november_2020_mediated_by_russia(seed_graph):
    rows = list(seed_graph.query("""
        PREFIX kgo: <https://w3id.org/kgnews/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?event (GROUP_CONCAT(DISTINCT ?src; separator=" ") AS ?sources) WHERE {
            ?event a kgo:Ceasefire ; kgo:date "2020-11-10"^^xsd:date ;
                   kgo:mediator/rdfs:label "Russia" ;
                   kgo:participant/rdfs:label "Armenia" ;
                   kgo:participant/rdfs:label "Azerbaijan" ;
                   kgo:evidence/kgo:document/kgo:source ?src .
        } GROUP BY ?event"""))
    assert len(rows) == 1
    sources = set(str(rows[0][1]).split())
    assert {"002_eb9d63c286b60ace.txt", "003_15d8147f57d8f419.txt", "004_085de9c4592446ff.txt"} <= sources


def test_every_mention_slices_out_its_text(seed_graph):
    rows = list(seed_graph.query("""
        PREFIX kgo: <https://w3id.org/kgnews/ontology#>
        SELECT ?src ?start ?end ?text WHERE {
            ?m a kgo:Mention ; kgo:document/kgo:source ?src ; kgo:start ?start ; kgo:end ?end ; kgo:text ?text }"""))
    assert rows
    texts = {}
    for src, start, end, text in rows:
        if str(src) not in texts:
            texts[str(src)] = (SEEDS / str(src)).read_bytes().decode("utf-8-sig")
        assert texts[str(src)][int(start):int(end)] == str(text)


def test_documents_carry_their_metadata(seed_graph):
    rows = list(seed_graph.query("""
        PREFIX kgo: <https://w3id.org/kgnews/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?published ?outlet WHERE { ?d kgo:source "003_15d8147f57d8f419.txt" ; kgo:published ?published ;
                                           dcterms:publisher ?outlet ; dcterms:title ?title }"""))
    assert [(str(p), str(o)) for p, o in rows] == [("2021-03-14", "TASS")]


def test_actors_are_merged_under_one_name(seed_graph):
    labels = {str(o) for s in seed_graph.subjects(None, None) for o in seed_graph.objects(s, None)
              if str(s).endswith("/state-azerbaijan")}
    assert {"Azerbaijan", "Baku", "Azerbaijani", "Republic of Azerbaijan"} <= labels


@pytest.mark.parametrize("agency", ["TASS", "AFP", "EPA-EFE", "Press TV"])
def test_news_agencies_are_not_actors(seed_graph, agency):
    from rdflib import Literal, RDFS
    assert list(seed_graph.subjects(RDFS.label, Literal(agency))) == []


def test_build_is_byte_identical(seed_build, tmp_path):
    assert main(["build", "--corpus", str(SEEDS), "--out", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "graph.ttl").read_bytes() == (seed_build / "graph.ttl").read_bytes()


def test_bad_files_are_named_and_the_rest_builds(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (corpus / "latin.txt").write_bytes("Le président français a rencontré les ministres à Genève.".encode("latin-1"))
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(corpus), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "documents: 6 read (0 from cache), 2 skipped" in printed
    assert "skipped empty.txt: empty file" in printed
    assert "skipped image.txt: binary file" in printed
    assert "latin.txt: not valid UTF-8; read as Windows-1252" in printed
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    sources = {str(o) for o in graph.objects(None, None) if str(o).endswith(".txt")}
    assert "latin.txt" in sources and "empty.txt" not in sources


def test_missing_corpus_is_one_line_and_nonzero(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build_graph.py"), "--corpus", str(tmp_path / "none"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "no such corpus folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"]])
def test_help_explains_every_option(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "Example:" in text or "build" in text


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("kg 0.")


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_seed_graph_passes_validation(seed_build, engine):
    from kg.rdf import read_graph
    from kg.validate import validate
    report = validate(read_graph(seed_build / "graph.ttl"), engine=engine)
    assert report.conforms, [r.line() for r in report.violations]


def test_out_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    assert main(["build", "--corpus", str(ROOT / "corpus"), "--out", str(taken), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err == f"kg: error: {taken}: is a file, not a folder (give --out a folder)\n"
    assert taken.read_text(encoding="utf-8") == "x"


LEAVING = """
import sys
from kg.cli import main
main(sys.argv[1:], leave_when_done=True)
print("not reached")
"""


@pytest.mark.parametrize("corpus, status", [("seeds", 0), ("missing", 1)])
def test_a_script_leaves_when_its_command_is_done_with_all_it_printed(tmp_path, corpus, status):
    """`kg` and build_graph.py end the process as soon as the command is done (kg.cli.leave), with its
    status, its summary or error printed and its files written."""
    folder = SEEDS if corpus == "seeds" else tmp_path / "none"
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", LEAVING, "build", "--corpus", str(folder), "--out", str(out),
                             "--processes", "1"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == status
    assert "not reached" not in result.stdout
    if status == 0:
        assert result.stdout.rstrip().endswith(f"wrote {out / 'build-report.json'}")  # the whole summary
        assert "validation (ontology/shapes.ttl)" in result.stdout
        assert (out / "build-report.json").is_file() and not list(out.glob(".kg-staging-*"))
    else:
        assert "no such corpus folder" in result.stderr and "Traceback" not in result.stderr
