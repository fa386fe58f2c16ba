"""`kg export` writes any format from an existing graph file, the same bytes a build writes."""
from __future__ import annotations

import pytest

from kg.cli import main
from kg.exporters import EXPORTERS, render
from kg.rdf import render_turtle


def test_export_every_format_from_a_graph_file(view, tmp_path, capsys):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(render_turtle(view.triples))
    assert main(["export", "--graph", str(graph), "--format", "all", "--out", str(tmp_path / "out")]) == 0
    expected = render(view, list(EXPORTERS))
    for relative, data in expected.items():
        assert (tmp_path / "out" / relative).read_bytes() == data, relative
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["nt", "trig"])
def test_export_reads_other_rdf_formats(view, tmp_path, fmt):
    name = f"graph.{fmt}"
    (tmp_path / name).write_bytes(render(view, [fmt])[name])
    assert main(["export", "--graph", str(tmp_path / name), "--format", "ttl", "--out", str(tmp_path / "o")]) == 0
    assert (tmp_path / "o" / "graph.ttl").read_bytes() == render_turtle(view.triples)


def test_missing_graph_is_a_one_line_error(tmp_path, capsys):
    assert main(["export", "--graph", str(tmp_path / "none.ttl"), "--format", "nt", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such graph file" in err


def test_broken_graph_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    assert main(["export", "--graph", str(tmp_path / "bad.ttl"), "--format", "nt", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "not valid" in err and err.count("\n") == 1
