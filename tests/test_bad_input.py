"""What a user sees for bad or awkward input: every skipped item named with its reason, in the summary
and in build-report.json; everything readable in the graph, offsets into the file as it is."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad-corpus"
KGO = "https://w3id.org/kgnews/ontology#"
READABLE = {"latin1.txt", "cp1252-quotes.txt", "utf8-bom.txt", "utf16-bom.txt", "crlf.txt", "html-markup.txt",
            "duplicate-a.txt", "duplicate b copy.txt", "name with spaces é ü.txt", "article.md", "sub/nested.txt",
            "nul-bytes.txt", "long-article.txt"}
SKIPPED = {"empty.txt": "empty file", "whitespace-only.txt": "empty file", "binary.txt": "binary file",
           "control-characters.txt": "binary file", "unreadable.txt": "cannot read"}


PIECE = 3_000  # the build parses articles longer than this in pieces (patched down from 100,000 to keep it quick)


def long_article(size: int = 30_000) -> str:
    """An article many pieces long: parsed piecewise, offsets still into the whole file."""
    paragraph = ("Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi. "
                 "The two leaders discussed the truce in Tigray and the talks mediated by the African Union.\n\n")
    tail = "On 2 November 2022 Ethiopia and the TPLF signed a peace agreement in Pretoria, mediated by the AU.\n"
    return paragraph * (size // len(paragraph)) + tail


@pytest.mark.parametrize("size", [5_000_000, 1_000_001])
def test_articles_longer_than_spacy_max_length_are_cut_on_paragraphs(size):
    from kg.parse import LONG_TEXT, split_long_text
    text = long_article(size)
    pieces = split_long_text(text)
    assert "".join(pieces) == text
    assert all(len(p) <= LONG_TEXT for p in pieces) and len(pieces) > 1
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_a_long_article_parsed_in_pieces_is_one_doc_of_its_text_without_warnings(monkeypatch, nlp):
    """The pieces keep their own text with them (doc_text); the whole Doc made of them must not take it,
    nor make spaCy warn that it leaves it out."""
    import warnings

    import kg.parse
    from kg.model import Document
    from kg.nlp.components import doc_text
    monkeypatch.setattr(kg.parse, "LONG_TEXT", 500)
    text = long_article(3_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [(_, doc)] = list(kg.parse.parse_documents([Document(source="long.txt", text=text)], nlp))
    assert doc_text(doc) == doc.text == text


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    corpus = tmp_path_factory.mktemp("bad") / "corpus"
    shutil.copytree(BAD, corpus, symlinks=True)
    (corpus / "long-article.txt").write_text(long_article(), encoding="utf-8")
    out = corpus.parent / "out"
    return corpus, out


@pytest.fixture(scope="module")
def result(built):
    import contextlib
    import io

    import kg.parse
    corpus, out = built
    patch = pytest.MonkeyPatch()
    patch.setattr(kg.parse, "LONG_TEXT", PIECE)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["build", "--corpus", str(corpus), "--out", str(out), "--processes", "1"]) == 0
    patch.undo()
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    return printed.getvalue(), graph, report


def sources(graph):
    return {str(o) for s, p, o in graph if str(p) == KGO + "source"}


def test_everything_readable_is_in_the_graph(result):
    _, graph, report = result
    assert sources(graph) == READABLE
    assert report["documents"]["read"] == len(READABLE)


@pytest.mark.parametrize("item, reason", sorted(SKIPPED.items()))
def test_skipped_items_are_named_with_their_reason(result, item, reason):
    printed, _, report = result
    assert f"skipped {item}: {reason}" in printed
    assert any(s["item"] == item and s["reason"].startswith(reason) for s in report["documents"]["skipped"])


@pytest.mark.parametrize("warning", [
    "latin1.txt: not valid UTF-8; read as Windows-1252", "cp1252-quotes.txt: not valid UTF-8; read as Windows-1252",
    "nul-bytes.txt: 2 NUL characters kept in the text", "metadata.csv: extra columns ignored: language",
    "metadata.csv:5: second row for crlf.txt (row ignored)",
    "metadata.csv:6: 'published' is 'not-a-date'; expected YYYY-MM-DD (row ignored)",
    "metadata.csv:9: empty 'file' cell (row ignored)", "row for gone.txt, which is not in the corpus",
])
def test_warnings_are_one_line_each(result, warning):
    printed, _, report = result
    assert warning in printed
    assert any(warning in w for w in report["warnings"])


def test_unknown_extensions_are_counted(result):
    printed, _, report = result
    assert "2 other files ignored" in printed and sorted(report["documents"]["ignored"]) == ["notes.docx", "photo.jpg"]


def test_offsets_index_the_decoded_file(result, built):
    corpus, _ = built
    _, graph, _ = result
    rows = graph.query(f"""PREFIX kgo: <{KGO}>
        SELECT ?src ?s ?e ?t WHERE {{ ?m kgo:document/kgo:source ?src ; kgo:start ?s ; kgo:end ?e ; kgo:text ?t }}""")
    checked = set()
    for src, start, end, text in rows:
        raw = (corpus / str(src)).read_bytes()
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            decoded = raw.decode("utf-16")
        else:
            try:
                decoded = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                decoded = raw.decode("cp1252")
        assert decoded[int(start):int(end)] == str(text), src
        checked.add(str(src))
    assert {"crlf.txt", "utf16-bom.txt", "utf8-bom.txt", "long-article.txt", "html-markup.txt"} <= checked


def test_long_article_is_read_to_its_end(result):
    _, graph, _ = result
    texts = {str(t) for s, p, t in graph if str(p) == KGO + "text"}
    assert any("Pretoria" in t for t in texts)


def test_copies_of_an_article_share_nodes_with_evidence_from_both(result):
    _, graph, _ = result
    rows = list(graph.query(f"""PREFIX kgo: <{KGO}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?n (COUNT(DISTINCT ?src) AS ?docs) WHERE {{
          ?n a kgo:Meeting ; kgo:evidence/kgo:document/kgo:source ?src .
          FILTER(?src IN ("duplicate-a.txt", "duplicate b copy.txt")) }} GROUP BY ?n"""))
    assert len(rows) == 1 and int(rows[0][1]) == 2


def test_markup_is_not_read_as_prose(result):
    _, graph, _ = result
    labels = {str(o) for s, p, o in graph if str(p).endswith("#label")}
    assert "William Ruto" in labels and "Hassan Sheikh Mohamud" in labels
    assert not any("<" in label or "href" in label for label in labels)


def test_jsonl_corpus_with_bad_lines(tmp_path, nlp, capsys):
    assert main(["build", "--corpus", str(FIXTURES / "bad.jsonl"), "--out", str(tmp_path), "--quiet"]) == 0
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    reasons = {s["item"].rsplit(":", 1)[-1]: s["reason"] for s in report["documents"]["skipped"]}
    assert reasons["2"].startswith("not valid JSON") and reasons["3"] == "no 'text'"
    assert reasons["4"] == "not a JSON object" and reasons["6"].startswith("id 'j1' used")
    assert report["documents"]["read"] == 2
    assert any("'published' is '07/05/2023'" in w for w in report["warnings"])


def test_metadata_without_file_column_is_ignored_with_a_warning(tmp_path, nlp):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Qatar mediated.", encoding="utf-8")
    (corpus / "metadata.csv").write_text("name,published\na.txt,2020-01-01\n", encoding="utf-8")
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    report = json.loads((tmp_path / "o" / "build-report.json").read_text(encoding="utf-8"))
    assert report["documents"]["read"] == 1 and any("no 'file' column" in w for w in report["warnings"])


NOTHING_READABLE = {
    "an empty folder": ({}, "no articles to build from"),
    "only other files": ({"notes.pdf": b"%PDF-1.4", "photo.jpg": b"\xff\xd8\xff"}, "no articles to build from"),
    "only bad articles": ({"empty.txt": b"", "binary.txt": b"\x00\x01\x02\x03"},
                          "no article could be read (2 skipped: binary.txt: binary file"),
}


@pytest.mark.parametrize("case", sorted(NOTHING_READABLE))
def test_a_corpus_with_nothing_to_read_is_refused_and_keeps_the_last_build(tmp_path, capsys, case):
    files, message = NOTHING_READABLE[case]
    out = tmp_path / "out"
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("Armenia and Azerbaijan signed a ceasefire on 10 November 2020.", encoding="utf-8")
    assert main(["build", "--corpus", str(good), "--out", str(out), "--quiet", "--no-cache"]) == 0
    before = (out / "graph.ttl").read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kg: error: {corpus}: ") and message in err and len(err.splitlines()) == 1
    assert (out / "graph.ttl").read_bytes() == before


def test_an_empty_jsonl_corpus_is_refused(tmp_path, capsys):
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("\n", encoding="utf-8")
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--no-cache"]) == 1
    assert "no articles to build from" in capsys.readouterr().err
    assert not (tmp_path / "out" / "graph.ttl").exists()
