"""Export pieces remembered between builds (kg.memo): a rebuild writes the bytes a fresh export writes,
makes again only the pieces whose triples changed, and never uses a memo of other code."""
from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.exporters import EXPORTERS, MEMOIZED, PROPERTY_GRAPH_FORMATS, STREAMED, export, export_version, render
from kg.memo import Memo, forget_keyed_runs, keyed_subject_runs, memo_for, run_key
from kg.rdf import RDFS_LABEL, kgo, kgr, literal, ntriples_lines, sort_triples

from .conftest import assembled_graph, big_graph


def relabelled(triples: list[ox.Triple], subject: ox.NamedNode, label: str) -> list[ox.Triple]:
    """The graph with one node's label changed and one new node."""
    kept = [t for t in triples if not (t.subject == subject and t.predicate == RDFS_LABEL)]
    return sort_triples(kept + [ox.Triple(subject, RDFS_LABEL, literal(label)),
                                ox.Triple(kgr("state-added"), RDFS_LABEL, literal("Added"))])


def written(fmt: str, triples: list[ox.Triple], **memo) -> bytes:
    """The format's bytes (its files in turn; in pieces of at most 50 triples where the format cuts by
    size)."""
    if fmt in STREAMED:
        return b"".join(STREAMED[fmt][1](triples, 50, **memo))
    return b"".join(data for _, data in sorted(EXPORTERS[fmt](triples, **memo).items()))


def pieces_made(fmt: str, triples: list[ox.Triple], memo: Memo) -> tuple[bytes, int]:
    """The format's bytes and the number of pieces the memo did not hold."""
    made_before = memo.made
    return written(fmt, triples, memo=memo), memo.made - made_before


@pytest.mark.parametrize("fmt", MEMOIZED)
@pytest.mark.parametrize("graph, changed", [(assembled_graph, kgr("doc-b-txt")),
                                            (lambda: big_graph(300, 200), kgr("event-e7"))],
                         ids=["assembled", "big"])
def test_a_memo_of_an_earlier_graph_gives_a_fresh_exports_bytes_and_remakes_only_what_changed(fmt, graph, changed,
                                                                                               tmp_path):
    first = graph()
    if fmt in PROPERTY_GRAPH_FORMATS and graph is assembled_graph:
        changed = kgr("state-kenya")  # a node of the property graph (documents are not)
    second = relabelled(first, changed, "Renamed <&> \"node\"")
    memo = memo_for(tmp_path, fmt, export_version(fmt))
    data, _ = pieces_made(fmt, first, memo)
    assert data == written(fmt, first)
    memo.save()
    memo = memo_for(tmp_path, fmt, export_version(fmt))
    data, remade = pieces_made(fmt, second, memo)
    assert data == written(fmt, second)
    _, pieces = pieces_made(fmt, second, Memo(None, ""))
    assert 0 < remade < pieces


def test_export_with_a_memo_folder_writes_the_rendered_files_and_keeps_the_pieces(tmp_path):
    triples = assembled_graph()
    memos = tmp_path / "memo"
    paths = export(triples, tmp_path / "out", list(MEMOIZED), memos=memos)
    rendered = render(triples, MEMOIZED)
    assert {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes() for p in paths} == rendered
    for fmt in MEMOIZED:
        assert memo_for(memos, fmt, export_version(fmt)).known


def test_a_memo_of_other_code_is_not_used(tmp_path):
    memo = memo_for(tmp_path, "jsonld", export_version("jsonld"))
    b"".join(STREAMED["jsonld"][1](assembled_graph(), memo=memo))
    memo.save()
    assert memo_for(tmp_path, "jsonld", export_version("jsonld")).known
    assert not memo_for(tmp_path, "jsonld", "other code").known
    assert export_version("jsonld") != export_version("trig")


def _memo_after_builds(folder, builds: list[dict]) -> Memo:
    """The memo a build finds after `builds`, each using (keeping) the pieces given."""
    for pieces in builds:
        memo = memo_for(folder, "task", "v1")
        for key, piece in pieces.items():
            if key in memo:
                assert memo.get(key) == piece  # content-keyed: never another piece under a key
            else:
                memo.keep(key, piece)
        memo.save()
    return memo_for(folder, "task", "v1")


def test_a_rebuild_that_made_few_pieces_writes_only_those(tmp_path):
    first = {f"k{i}": f"piece {i}" for i in range(100)}
    second = {**first, "new": "a new piece"}
    del second["k7"]
    memo = _memo_after_builds(tmp_path, [first])
    whole = (tmp_path / "task.memo").read_bytes()
    assert not (tmp_path / "task.memo-added").exists() and memo.known == first
    memo = _memo_after_builds(tmp_path, [second])
    assert (tmp_path / "task.memo").read_bytes() == whole  # not written again
    assert memo.known == {**first, "new": "a new piece"}  # k7 stays until the whole is written again
    assert memo_for(tmp_path, "task", "v2").known == {}  # other code: neither file is read


def test_the_whole_memo_is_written_again_once_added_and_unused_pieces_are_a_quarter(tmp_path):
    first = {f"k{i}": f"piece {i}" for i in range(100)}
    builds = [first] + [{**{f"k{i}": f"piece {i}" for i in range(n, 100)},
                         **{f"n{i}": f"new {i}" for i in range(n)}} for n in (5, 10, 15)]
    memo = _memo_after_builds(tmp_path / "a", builds[:3])  # 10 added and 10 unused of 100: not yet
    assert (tmp_path / "a" / "task.memo-added").exists() and len(memo.known) == 110
    memo = _memo_after_builds(tmp_path / "b", builds)  # 15 and 15: written whole, only what was used
    assert not (tmp_path / "b" / "task.memo-added").exists()
    assert memo.known == builds[-1]


def test_a_memo_written_whole_again_sets_the_one_it_replaces_aside(tmp_path):
    trash = tmp_path / "trash"
    for pieces in ({"a": 1}, {"b": 2}):  # all added, all unused: written whole
        memo = memo_for(tmp_path / "memo", "task", "v1", trash)
        for key, piece in pieces.items():
            memo.keep(key, piece)
        before = (tmp_path / "memo" / "task.memo").read_bytes() if (tmp_path / "memo" / "task.memo").exists() else None
        memo.save()
    assert (trash / "memo" / "task.memo").read_bytes() == before
    assert memo_for(tmp_path / "memo", "task", "v1").known == {"b": 2}


def test_a_run_key_is_the_same_in_another_process_and_changes_with_any_triple():
    """Keys live in files read by later builds: they may not depend on the process's hash salt."""
    run = [ox.Triple(kgr("state-a"), RDFS_LABEL, literal("Å \"a\"")), ox.Triple(kgr("state-a"), kgo("of"), kgr("b"))]
    code = ("import pyoxigraph as ox; from kg.memo import run_key; from kg.rdf import RDFS_LABEL, kgo, kgr, literal; "
            "print(repr(run_key([ox.Triple(kgr('state-a'), RDFS_LABEL, literal('Å \"a\"')), "
            "ox.Triple(kgr('state-a'), kgo('of'), kgr('b'))], 'g')))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "123"})
    assert other.stdout.strip() == repr(run_key(run, "g"))
    assert run_key(run, "g") != run_key(run, "h")
    assert run_key(run[:1], "g") != run_key(run, "g")
    assert run_key([run[0], ox.Triple(kgr("state-a"), kgo("of"), kgr("c"))], "g") != run_key(run, "g")


def test_node_keys_are_the_same_in_another_process_and_change_with_a_nodes_properties(tmp_path):
    """The drawings of nodes are remembered under these keys by one build for the next."""
    from kg.exporters.property_graph import build_property_graph, node_keys

    first, second = assembled_graph(), relabelled(assembled_graph(), kgr("state-kenya"), "Renamed")
    path = tmp_path / "graph.nt"
    path.write_text("".join(ntriples_lines(first)), encoding="utf-8")
    code = ("import sys, pyoxigraph as ox; from kg.rdf import sort_triples; "
            "from kg.exporters.property_graph import build_property_graph, node_keys; "
            "g = build_property_graph(sort_triples(ox.parse(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES))); "
            "print(sorted((n, k.hex()) for n, k in node_keys(g).items()))")
    other = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "123"})
    keys = node_keys(build_property_graph(first))
    assert other.stdout.strip() == str(sorted((n, k.hex()) for n, k in keys.items()))
    changed = node_keys(build_property_graph(second))
    assert {n for n in keys if keys[n] != changed.get(n)} == {"state-kenya"}


def test_run_keys_are_made_once_for_a_sorted_graph_and_each_time_for_a_list():
    """Validation and JSON-LD share a sorted graph's run keys; a plain list may change between calls."""
    forget_keyed_runs()
    triples = assembled_graph()
    assert keyed_subject_runs(triples) is keyed_subject_runs(triples)
    changed = list(triples)
    before = keyed_subject_runs(changed)
    changed[0] = ox.Triple(changed[0].subject, RDFS_LABEL, literal("Changed in place"))
    after = keyed_subject_runs(changed)
    assert after[0][2] != before[0][2] and after[1:] == before[1:]
    assert [(start, end) for start, end, _ in after] == [(start, end) for start, end, _ in keyed_subject_runs(triples)]
    forget_keyed_runs()
