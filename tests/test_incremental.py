"""The incremental rebuild: what it skips must not change what it writes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ahead import ParseAhead
from kg.build import build
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent

SPACY_PROBE = """
import sys
from kg.build import build
from kg.cli import main
assert main(sys.argv[1:]) == 0
print("spacy" in sys.modules)
"""


START_PROBE = """
import sys
from kg.cli import make_parser
make_parser()
print(" ".join(sorted(name for name in ("networkx", "pyshacl", "rdflib", "spacy") if name in sys.modules)))
"""


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".kg-cache" not in p.parts}


def test_a_rebuild_with_everything_cached_never_imports_spacy(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    out = tmp_path / "out"
    # one process: with more, a few new articles are parsed in a forked child the probe cannot see
    command = [sys.executable, "-c", SPACY_PROBE, "build", "--corpus", str(corpus), "--out", str(out), "--quiet",
               "--processes", "1"]
    first = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    assert first.stdout.strip() == "True"
    before = outputs(out)
    again = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    assert again.stdout.strip() == "False"
    assert outputs(out) == before


def test_the_flat_sort_key_orders_triples_as_the_term_keys_do():
    import random

    import pyoxigraph as ox

    from kg.rdf import XSD_NS, _term_key, sort_subject_groups, sort_triples, triple_key

    random.seed(7)
    names = ["a", "a-b", "ab", "a/b", "b", ""]
    subjects = [ox.NamedNode(f"https://x.org/{n}") for n in names] + [ox.BlankNode(f"b{i}") for i in (1, 10, 2)]
    predicates = [ox.NamedNode(f"https://x.org/p{n}") for n in names]
    objects = subjects + [ox.Literal(v) for v in names] + [ox.Literal(v, language="fr") for v in names]
    objects += [ox.Literal(v, datatype=ox.NamedNode(XSD_NS + "integer")) for v in ("-3", "10", "2", "x", "007")]
    objects += [ox.Literal("2020", datatype=ox.NamedNode(XSD_NS + "gYear"))]
    triples = list({ox.Triple(random.choice(subjects), random.choice(predicates), random.choice(objects))
                    for _ in range(3000)})
    nested = sorted(triples, key=lambda t: (_term_key(t.subject), _term_key(t.predicate), _term_key(t.object)))
    assert sorted(triples, key=triple_key) == nested
    assert sort_triples(triples + triples[:100]) == nested  # grouped by subject, and deduplicated
    iri_subjects = [t for t in triples if type(t.subject) is ox.NamedNode]  # sorted by their text alone
    assert sort_triples(iri_subjects) == [t for t in nested if type(t.subject) is ox.NamedNode]
    half = len(triples) // 2
    groups: dict = {}
    for t in triples[:half] + triples[:100]:  # as the assembler keeps them: by subject, duplicates and all
        groups.setdefault(t.subject, []).append(t)
    merged = [t for t in triples[half:] if t.subject == subjects[0]]  # ready, and merged with its group
    only_ready = ox.Triple(ox.NamedNode("https://x.org/only-ready"), predicates[0], objects[0])
    ready = {subjects[0]: sort_triples(merged), only_ready.subject: [only_ready]}
    assert merged and subjects[0] in groups
    assert sort_subject_groups(groups, ready) == sort_triples(triples[:half] + merged + [only_ready])


def test_a_cache_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Armenia and Azerbaijan signed a ceasefire on 10 November 2020.", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    for folder in (cache, cache / "inside"):
        assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--cache", str(folder),
                     "--quiet"]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"kg: error: {folder}:") and "--no-cache" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_cache_write_that_fails_is_a_one_line_error_and_keeps_the_previous_build(tmp_path, capsys, monkeypatch, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Armenia and Azerbaijan signed a ceasefire on 10 November 2020.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--processes", "1"]) == 0
    before = (out / "graph.ttl").read_bytes()
    (corpus / "b.txt").write_text("Qatar mediated talks between the two sides in Doha.", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("kg.cache.pickle.dump", disk_full)
    assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--processes", "1"]) == 1
    err = capsys.readouterr().err
    assert "cannot write the cache (No space left on device)" in err and len(err.splitlines()) == 1
    assert (out / "graph.ttl").read_bytes() == before
    assert not list((out / ".kg-cache").glob("*/*.tmp"))


def _corpus_of_seeds(target: Path) -> Path:
    shutil.copytree(ROOT / "corpus", target)
    return target


ADDED = ("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on 3 March 2024. "
         "Russia and Armenia signed a trade agreement on 4 March 2024.")


def _added(corpus: Path) -> None:
    (corpus / "added.txt").write_text(ADDED, encoding="utf-8")


def _changed(corpus: Path) -> None:
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nTurkey hosted talks between Armenia and Azerbaijan "
                     "in Ankara on 5 May 2021.\n", encoding="utf-8")


def _removed(corpus: Path) -> None:
    sorted(corpus.glob("*.txt"))[-1].unlink()


@pytest.mark.parametrize("processes", ["1", "2"])  # with 2, the new article is parsed in a forked child
@pytest.mark.parametrize("edit, parsed", [(_added, 1), (_changed, 1), (_removed, 0)],
                         ids=["added", "changed", "removed"])
def test_a_rebuild_after_an_edit_writes_what_a_full_build_writes(tmp_path, capsys, nlp, edit, parsed, processes):
    corpus = _corpus_of_seeds(tmp_path / "corpus")
    out = tmp_path / "out"
    args = ["build", "--corpus", str(corpus), "--out", str(out), "--processes", processes]
    assert main(args + ["--quiet"]) == 0
    edit(corpus)
    capsys.readouterr()
    assert main(args) == 0
    read = len(list(corpus.glob("*.txt")))
    assert f"documents: {read} read ({read - parsed} from cache)" in capsys.readouterr().out
    # one entry an article: a changed or removed article's old one pruned, a new or changed one's kept
    assert len(list((out / ".kg-cache").glob("*/*.pickle"))) == read
    full = tmp_path / "full"
    assert main(["build", "--corpus", str(corpus), "--out", str(full), "--processes", "1", "--quiet",
                 "--no-cache"]) == 0
    assert outputs(out) == outputs(full)


def test_a_few_new_articles_are_parsed_beside_the_reading_of_the_cache(tmp_path):
    corpus = _corpus_of_seeds(tmp_path / "corpus")
    out = tmp_path / "out"
    command = [sys.executable, "-c", SPACY_PROBE, "build", "--corpus", str(corpus), "--out", str(out), "--quiet",
               "--processes", "2"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    _added(corpus)
    again = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    assert again.stdout.strip() == "False"  # parsed, but not in this process
    assert b"William Ruto" in (out / "graph.ttl").read_bytes()


def test_the_command_line_reads_its_arguments_without_the_heavy_libraries():
    """A rebuild starts loading the model in its parse-ahead process once the arguments are read: whatever
    is imported before, it waits for."""
    probe = subprocess.run([sys.executable, "-c", START_PROBE], cwd=ROOT, check=True, capture_output=True, text=True)
    assert probe.stdout.strip() == ""


BUILD_START_PROBE = """
import sys
from kg.cli import make_parser, named_command
argv = ["build", "--corpus", "corpus", "--processes", "2"]
args = make_parser(named_command(argv)).parse_args(argv)
from kg.ahead import ParseAhead
print(sorted(name for name in ("kg.build", "kg.exporters", "kg.commands.export", "kg.query", "pyoxigraph")
             if name in sys.modules))
"""


def test_kg_build_forks_its_parse_ahead_before_the_graph_s_and_the_other_commands_imports():
    """`kg build` reads its arguments with its own parser alone, and the parse-ahead process is forked
    before the build imports its graph and exporters: the fork comes about 0.1 s sooner."""
    probe = subprocess.run([sys.executable, "-c", BUILD_START_PROBE], cwd=ROOT, check=True, capture_output=True,
                           text=True)
    assert probe.stdout.strip() == "[]"


@pytest.mark.parametrize("argv, command", [(["build", "--quiet"], "build"), (["query", "x"], "query"),
                                           (["--version"], None), ([], None), (["bogus"], None)])
def test_a_command_line_names_its_command(argv, command):
    from kg.cli import named_command
    assert named_command(argv) == command


def test_the_validate_command_offers_the_engines_validation_has():
    from kg.commands.validate import ENGINES as offered
    from kg.validate import ENGINES
    assert offered == ENGINES


def _cached(tmp_path: Path, edit=None) -> tuple[Path, Path]:
    corpus = _corpus_of_seeds(tmp_path / "corpus")
    cache = tmp_path / "cache"
    build(corpus, quiet=True, processes=1, cache_dir=cache)
    if edit:
        edit(corpus)
    return corpus, cache


@pytest.mark.parametrize("processes, scheduler, has_cache, expected", [
    (2, None, True, True), (1, None, True, False), (2, "tcp://127.0.0.1:8786", True, False), (2, None, False, False)])
def test_a_parse_ahead_is_started_for_a_rebuild_on_several_cores(tmp_path, processes, scheduler, has_cache, expected):
    cache = tmp_path / "cache"
    if has_cache:
        (cache / "ab").mkdir(parents=True)
    ahead = ParseAhead.for_rebuild(cache, processes, scheduler)
    try:
        assert (ahead is not None) == expected
    finally:
        if ahead:
            ahead.cancel()


def test_a_parse_ahead_stops_when_nothing_is_new(tmp_path, nlp):
    corpus, cache = _cached(tmp_path)
    ahead = ParseAhead.for_rebuild(cache, 2, None)
    result = build(corpus, quiet=True, processes=2, cache_dir=cache, ahead=ahead)
    assert result.cached == len(list(corpus.glob("*.txt")))
    assert ahead.process.exitcode is not None  # stopped and reaped, not left running


@pytest.mark.parametrize("edit, expected_calls", [(None, 0), ("add", 1)])
def test_the_callers_work_runs_while_the_new_articles_are_parsed_ahead(tmp_path, nlp, edit, expected_calls):
    corpus, cache = _cached(tmp_path, _added if edit else None)
    calls = []
    ahead = ParseAhead.for_rebuild(cache, 2, None)
    result = build(corpus, quiet=True, processes=2, cache_dir=cache, ahead=ahead,
                   while_parsing=lambda: calls.append("networkx"))
    assert len(calls) == expected_calls
    assert result.triples == build(corpus, quiet=True, processes=1, cache_dir=None).triples


def test_new_articles_are_parsed_here_when_the_parse_ahead_dies(tmp_path, monkeypatch, nlp):
    corpus, cache = _cached(tmp_path, _added)
    monkeypatch.setattr("kg.ahead._parse_when_asked", lambda connection: os._exit(3))
    result = build(corpus, quiet=True, processes=2, cache_dir=cache)
    assert result.cached == len(list(corpus.glob("*.txt"))) - 1
    assert result.triples == build(corpus, quiet=True, processes=1, cache_dir=None).triples


def test_an_error_in_the_parse_ahead_reaches_the_build(tmp_path, monkeypatch, nlp):
    corpus, cache = _cached(tmp_path, _added)

    def broken(documents, nlp, timings=None):
        raise ValueError("the parser broke")
    monkeypatch.setattr("kg.ahead.records_of", broken)
    with pytest.raises(ValueError, match="the parser broke"):
        build(corpus, quiet=True, processes=2, cache_dir=cache)


@pytest.mark.parametrize("processes", [1, 2])
def test_the_last_stage_does_this_process_s_own_work_once_beside_its_tasks(tmp_path, processes):
    import pyoxigraph as ox

    from kg.exporters import GraphView
    from kg.finish import VALIDATE, _finish

    node = ox.NamedNode("https://w3id.org/kgnews/id/x")
    triples = [ox.Triple(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("x"))]
    calls = []
    done = list(_finish(GraphView(triples), tmp_path, [VALIDATE, "ttl", "nt"], processes, None,
                        while_running=lambda: calls.append("counts")))
    assert calls == ["counts"]
    assert sorted(task for task, _, _ in done) == ["nt", "ttl", VALIDATE]
    assert (tmp_path / "graph.ttl").is_file() and (tmp_path / "graph.nt").is_file()


LEAN_PROBE = """
import importlib, sys
from kg.ahead import import_spacy_lean
import_spacy_lean()
import spacy
loaded_cli = sorted(name for name in ("typer", "weasel", "httpx", "spacy.cli.download") if name in sys.modules)
from kg.nlp.pipeline import make_nlp
doc = make_nlp()("Qatar mediated talks between Israel and Hamas in Doha.")
importlib.import_module("spacy.cli.validate")  # the command line's modules still import by name
print(loaded_cli, [(e.text, e.label_) for e in doc.ents])
"""


def test_spacy_imports_without_its_command_line_for_a_process_that_only_parses():
    result = subprocess.run([sys.executable, "-c", LEAN_PROBE], cwd=ROOT, check=True, capture_output=True,
                            text=True)
    assert result.stdout.strip() == ("[] [('Qatar', 'KG_STATE'), ('Israel', 'KG_STATE'), ('Hamas', 'KG_ORG'), "
                                     "('Doha', 'KG_CAPITAL')]")


ENTRY_POINTS_PROBE = """
import catalogue
from kg.ahead import import_spacy_lean
import_spacy_lean()
from spacy.util import registry
print(type(catalogue.AVAILABLE_ENTRY_POINTS).__name__)
for name in sorted(registry.get_registry_names()):
    print(name, sorted(point.name for point in getattr(registry, name)._get_entry_points()))
"""


def test_spacy_s_registries_find_the_same_entry_points_grouped_once():
    from spacy.util import registry

    result = subprocess.run([sys.executable, "-c", ENTRY_POINTS_PROBE], cwd=ROOT, check=True, capture_output=True,
                            text=True)
    kind, *lines = result.stdout.splitlines()
    expected = [f"{name} {sorted(point.name for point in getattr(registry, name)._get_entry_points())}"
                for name in sorted(registry.get_registry_names())]
    assert kind == "dict" and lines == expected
    assert any(not line.endswith(" []") for line in lines)


def test_the_files_a_rebuild_replaces_wait_in_the_trash_until_the_next_build(tmp_path):
    """Replacing a file frees its blocks, a millisecond a megabyte: the replaced exports are kept as hard
    links in the cache's trash folder and deleted by the next build while it waits for its parse."""
    corpus = _corpus_of_seeds(tmp_path / "corpus")
    out = tmp_path / "out"
    command = ["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--processes", "2"]
    assert main(command) == 0
    trash, memos = out / ".kg-cache" / "trash", out / ".kg-cache" / "memo"

    def kept() -> dict[str, bytes]:
        return {p.relative_to(trash).as_posix(): p.read_bytes() for p in trash.rglob("*") if p.is_file()}

    def remembered() -> dict[str, bytes]:
        return {f"memo/{p.name}": p.read_bytes() for p in memos.glob("*.memo")}

    assert not kept()  # nothing was replaced (the emptied staging folder was moved there)
    first, first_memos = outputs(out), remembered()
    assert len(first_memos) == 7
    _added(corpus)
    assert main(command) == 0
    second, second_memos = outputs(out), remembered()
    rewritten = {name: data for name, data in first_memos.items() if second_memos[name] != data}
    assert kept() == {**first, **rewritten}  # the last build's files and memos written whole again, and only them
    assert second != first and sorted(p.name for p in memos.glob("*-added"))  # an article added: pieces added
    assert len(list(trash.glob(".kg-staging-*"))) == 1 and not list(out.glob(".kg-staging-*"))  # moved, not removed
    (corpus / "added.txt").unlink()
    assert main(command) == 0
    rewritten = {name: data for name, data in second_memos.items() if remembered()[name] != data}
    assert kept() == {**second, **rewritten}
    assert outputs(out) == first


def test_files_are_replaced_where_no_hard_link_can_be_made(tmp_path, monkeypatch):
    corpus = _corpus_of_seeds(tmp_path / "corpus")
    out = tmp_path / "out"
    command = ["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--processes", "1"]
    assert main(command) == 0
    _added(corpus)

    def no_links(source, target):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr("kg.finish.os.link", no_links)
    assert main(command) == 0
    assert not list((out / ".kg-cache" / "trash").rglob("*.*"))
    assert outputs(out) == outputs_of_a_fresh_build(corpus, tmp_path / "fresh")


def test_a_build_without_a_cache_keeps_no_trash(tmp_path):
    corpus = _corpus_of_seeds(tmp_path / "corpus")
    out = tmp_path / "out"
    for _ in range(2):
        assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--no-cache"]) == 0
    assert not (out / ".kg-cache").exists()


def outputs_of_a_fresh_build(corpus: Path, out: Path) -> dict[str, bytes]:
    assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--no-cache"]) == 0
    return outputs(out)


@pytest.mark.parametrize("large", [False, True])
def test_small_graphs_reuse_their_two_workers_and_large_ones_fork_one_per_job(monkeypatch, tmp_path, large):
    """Forking the build's process costs 10 to 20 ms: side by side, two workers take the jobs in turn; a
    graph too large for that gets a worker per job, which exits to give its memory back."""
    import pyoxigraph as ox

    from kg import finish
    from kg.exporters import GraphView

    monkeypatch.setattr(finish, "_finish_task", lambda task: (task, 0.0, os.getpid()))
    if large:
        monkeypatch.setattr(finish, "SIDE_BY_SIDE_TRIPLES", 0)
    node = ox.NamedNode("https://w3id.org/kgnews/id/x")
    triples = [ox.Triple(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("x"))]
    tasks = [finish.VALIDATE, "ttl", "nt", "jsonld", "trig", "html", "neo4j"]
    done = list(finish._finish(GraphView(triples), tmp_path, tasks, 2, None))
    assert sorted(task for task, _, _ in done) == sorted(tasks)
    workers = {pid for _, _, pid in done}
    assert os.getpid() not in workers
    jobs = len(finish.finish_jobs(tasks))
    assert jobs == 6
    assert len(workers) == jobs if large else len(workers) <= 2


def test_what_the_last_stage_s_workers_inherit_is_made_while_a_rebuild_waits():
    import sys

    from kg.finish import prepare_last_stage
    from kg.validate import load_shapes
    load_shapes.cache_clear()
    prepare_last_stage()
    assert "networkx" in sys.modules and load_shapes.cache_info().currsize == 1
