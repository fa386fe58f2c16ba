"""`kg export` writes any format from an existing graph file, the same bytes a build writes."""
from __future__ import annotations

import pytest

from kg.cli import main
from kg.errors import ExportError
from kg.exporters import EXPORTERS, export, render
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


def test_out_that_is_a_file_is_a_one_line_error(view, tmp_path, capsys):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(render_turtle(view.triples))
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    assert main(["export", "--graph", str(graph), "--format", "nt", "--out", str(tmp_path / "taken")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a file, not a folder" in err


def test_unknown_format_is_refused_with_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--format", "xlsx"])
    assert "graphml" in capsys.readouterr().err


def test_help_names_every_format_and_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in EXPORTERS) and "Example" in out


def test_export_writes_atomically_and_leaves_no_temporary_files(view, tmp_path):
    (tmp_path / "graph.nt").write_bytes(b"old")
    written = export(view, tmp_path, ["nt", "neo4j"])
    assert (tmp_path / "graph.nt").read_bytes() == render(view, ["nt"])["graph.nt"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        p.relative_to(tmp_path).as_posix() for p in written)


def test_a_failed_write_keeps_the_previous_file_whole(view, tmp_path, monkeypatch):
    (tmp_path / "graph.nt").write_bytes(b"previous")

    def fail(source, target):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("kg.exporters.os.replace", fail)
    with pytest.raises(ExportError, match="graph.nt: cannot write"):
        export(view, tmp_path, ["nt"])
    assert (tmp_path / "graph.nt").read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
