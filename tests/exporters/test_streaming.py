"""The RDF formats, the viewer, GEXF and GraphML are written piece by piece: the pieces join to exactly
the exporter's bytes (or what networkx writes), at any piece size, each piece holds a bounded part of the
graph, and a failure part-way leaves no file behind."""
from __future__ import annotations

import io
import re

import networkx as nx
import pytest

from kg.errors import ExportError
from kg.exporters import EXPORTERS, STREAMED, export, render
from kg.exporters.gephi import flat_graph, gexf_chunks, graphml_chunks
from kg.exporters.property_graph import property_graph_of
from kg.exporters.rdf_formats import jsonld_chunks, nt_chunks, trig_chunks
from kg.exporters.viewer import PAGE, VIS_DIR, html_chunks, viewer_json_pieces
from kg.rdf import SortedTriples, sort_triples, subject_runs, subject_spans, turtle_chunks

from .conftest import big_graph

CHUNKERS = {"ttl": turtle_chunks, "nt": nt_chunks, "jsonld": jsonld_chunks, "trig": trig_chunks}


@pytest.fixture(scope="module")
def big():
    return big_graph(300, 200)


@pytest.mark.parametrize("fmt", sorted(CHUNKERS))
@pytest.mark.parametrize("size", [1, 2, 7, 10_000])
def test_pieces_join_to_the_exporters_bytes(any_view, fmt, size):
    relative, _ = STREAMED[fmt]
    assert b"".join(CHUNKERS[fmt](any_view.triples, size)) == EXPORTERS[fmt](any_view.triples)[relative]


@pytest.mark.parametrize("fmt", sorted(CHUNKERS))
def test_a_large_graph_is_written_in_many_small_pieces(big, fmt):
    relative, _ = STREAMED[fmt]
    pieces = list(CHUNKERS[fmt](big, 50))
    whole = EXPORTERS[fmt](big)[relative]
    assert b"".join(pieces) == whole
    assert len(pieces) >= 10
    assert max(map(len, pieces)) < len(whole) / 5


@pytest.mark.parametrize("fmt", sorted(CHUNKERS))
def test_an_empty_graph_writes_what_the_exporter_writes(fmt):
    relative, _ = STREAMED[fmt]
    assert b"".join(CHUNKERS[fmt]([], 5)) == EXPORTERS[fmt]([])[relative]


def page_in_one_piece(triples) -> bytes:
    """The viewer's page made whole, its parts put in place in one pass."""
    parts = {"VIS_CSS": (VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
             "VIS_JS": (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
             "DATA": "".join(viewer_json_pieces(property_graph_of(triples)))}
    return re.sub(r"__(VIS_CSS|DATA|VIS_JS)__", lambda m: parts[m.group(1)], PAGE).encode("utf-8")


@pytest.mark.parametrize("size", [1, 50, 10_000, 10**9])
def test_the_viewer_page_in_pieces_is_the_page_made_whole(any_view, size):
    pieces = list(html_chunks(any_view.triples, size))
    assert b"".join(pieces) == page_in_one_piece(any_view.triples) == EXPORTERS["html"](any_view.triples)["graph.html"]
    assert len(pieces) > 1 if size < 10_000 else len(pieces) >= 1


def test_the_viewer_page_of_a_large_graph_holds_its_data_in_many_pieces(big):
    pieces = list(html_chunks(big, 10_000))
    assert b"".join(pieces) == page_in_one_piece(big)
    assert len(pieces) >= 10
    script = (VIS_DIR / "vis-network.min.js").stat().st_size
    assert max(map(len, pieces)) < script + 100_000  # the library in one piece, the data in small ones


@pytest.mark.parametrize("size", [1, 50, 10**9])
def test_graphml_in_pieces_is_what_networkx_writes(any_view, size):
    written = io.BytesIO()
    nx.write_graphml(flat_graph(property_graph_of(any_view.triples)), written)
    assert b"".join(graphml_chunks(any_view.triples, size)) == written.getvalue()


@pytest.mark.parametrize("size", [1, 50, 10**9])
def test_gexf_in_pieces_is_the_same_whatever_the_size(any_view, size):
    assert b"".join(gexf_chunks(any_view.triples, size)) == b"".join(gexf_chunks(any_view.triples, 10**9))


@pytest.mark.parametrize("chunks", [gexf_chunks, graphml_chunks], ids=["gexf", "graphml"])
def test_gephi_files_of_a_large_graph_are_written_in_many_small_pieces(big, chunks):
    pieces = list(chunks(big, 10_000))
    assert len(pieces) >= 10
    assert max(map(len, pieces)) < len(b"".join(pieces)) / 5


def test_subject_runs_cut_only_between_subjects(big):
    runs = list(subject_runs(big, 4))
    assert [t for run in runs for t in run] == big
    for before, after in zip(runs, runs[1:]):
        assert before[-1].subject != after[0].subject


@pytest.mark.parametrize("size", [1, 2, 4, 7, 50, 10_000])
def test_a_sorted_graph_is_cut_where_its_subjects_change(big, any_view, size):
    """SortedTriples knows where its subjects' runs start: its spans are those found by comparing subjects."""
    for graph in (big, any_view.triples, sort_triples([])):
        assert isinstance(graph, SortedTriples)
        assert list(subject_spans(graph, size)) == list(subject_spans(list(graph), size))
    assert len(list(subject_spans(big, 1))) == 500


def test_export_writes_the_streamed_files_as_rendered(any_view, tmp_path):
    export(any_view, tmp_path, list(EXPORTERS))
    for relative, data in render(any_view, list(EXPORTERS)).items():
        assert (tmp_path / relative).read_bytes() == data, relative


def test_a_failure_part_way_keeps_the_previous_file_whole(view, tmp_path, monkeypatch):
    (tmp_path / "graph.trig").write_bytes(b"previous")

    def failing(triples, size=None):
        yield b"@prefix kgo: <https://w3id.org/kgnews/ontology#> .\n"
        raise OSError(28, "No space left on device")
    monkeypatch.setitem(STREAMED, "trig", ("graph.trig", failing))
    with pytest.raises(ExportError, match="graph.trig: cannot write"):
        export(view, tmp_path, ["trig"])
    assert (tmp_path / "graph.trig").read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


def test_an_unknown_format_is_refused_before_anything_is_written(view, tmp_path):
    with pytest.raises(ExportError, match="unknown format 'svg'"):
        export(view, tmp_path, ["ttl", "svg"])
    assert list(tmp_path.iterdir()) == []
