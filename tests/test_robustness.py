"""Interruptions leave the previous build whole; the same corpus gives the same bytes whatever the
processes, the cache or the file order; and a build needs no network."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "corpus", ROOT / "tests" / "fixtures" / "other-conflict"]


def make_corpus(target: Path, reverse: bool = False) -> Path:
    target.mkdir(parents=True)
    files = [p for corpus in CORPORA for p in sorted(corpus.iterdir()) if p.suffix == ".txt"]
    for path in (reversed(files) if reverse else files):
        shutil.copy(path, target / path.name)
    rows = ["file,title,published,outlet,url"]
    for corpus in CORPORA:
        rows += (corpus / "metadata.csv").read_text(encoding="utf-8").splitlines()[1:]
    (target / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return target


def outputs(out: Path) -> dict[str, bytes]:
    """The files a user reads: not the cache, nor the hidden staging folder a killed build leaves (its files were
    never put in place; the next build removes it)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part == ".kg-cache" or part.startswith(".kg-staging-") for part in p.parts)}


@pytest.fixture(scope="module")
def reference(tmp_path_factory, nlp):
    base = tmp_path_factory.mktemp("det")
    corpus = make_corpus(base / "corpus")
    out = base / "out"
    assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--processes", "1", "--no-cache"]) == 0
    return corpus, outputs(out)


def _no_c_library(*args, **kwargs):
    raise OSError("no C library here")


@pytest.mark.parametrize("variant", ["two processes", "two processes, large graph", "cold cache", "warm cache",
                                     "reversed file order", "no malloc_trim"])
def test_same_bytes_whatever_the_way(reference, tmp_path, monkeypatch, variant):
    corpus, expected = reference
    if variant == "no malloc_trim":  # a C library without it (musl, macOS): freed memory simply stays
        monkeypatch.setattr("ctypes.CDLL", _no_c_library)
        monkeypatch.setattr("kg.build.RELEASE_ABOVE_TRIPLES", 0)
    if variant == "two processes, large graph":  # memory released, then validation and exports one at a time
        monkeypatch.setattr("kg.build.RELEASE_ABOVE_TRIPLES", 0)
        monkeypatch.setattr("kg.finish.SIDE_BY_SIDE_TRIPLES", 0)
    if variant == "reversed file order":
        corpus = make_corpus(tmp_path / "corpus", reverse=True)
    out = tmp_path / "out"
    args = ["build", "--corpus", str(corpus), "--out", str(out), "--quiet"]
    args += ["--processes", "2"] if variant.startswith("two processes") else ["--processes", "1"]
    if variant == "warm cache":
        assert main(args) == 0
    assert main(args) == 0
    assert outputs(out) == expected


@pytest.mark.parametrize("threshold, released", [(0, True), (10**9, False)])
def test_only_a_large_graph_hands_its_freed_memory_back_before_the_last_stage(reference, tmp_path, monkeypatch,
                                                                             threshold, released):
    corpus, expected = reference
    calls = []
    monkeypatch.setattr("kg.build.RELEASE_ABOVE_TRIPLES", threshold)
    monkeypatch.setattr("kg.build.release_freed_memory", lambda: calls.append(1))
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--processes", "2"]) == 0
    assert bool(calls) is released
    assert outputs(out) == expected


# a verb that is also a noun trigger ("are meeting" → meet, meeting) once read differently by hash order
HASH_ORDER_ARTICLE = ("European Union finance ministers are meeting on Thursday in Brussels, where they are to "
                      "discuss a tax. Turkish and Russian envoys are meeting in Ankara to talk about a truce.")


@pytest.mark.parametrize("hash_seed", ["1", "2", "4"])
def test_same_bytes_in_every_run_whatever_the_hash_seed(tmp_path, hash_seed):
    """Separate runs of the tool hash strings differently: nothing may depend on set or dict order."""
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "hash-order.txt").write_text(HASH_ORDER_ARTICLE, encoding="utf-8")
    outs = []
    for seed in ("0", hash_seed):
        out = tmp_path / f"out-{seed}"
        subprocess.run([sys.executable, str(ROOT / "build_graph.py"), "--corpus", str(corpus), "--out", str(out),
                        "--quiet", "--processes", "1", "--no-cache"], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(outputs(out))
    assert outs[0] == outs[1]
    assert b"Meeting: European Union" in outs[0]["graph.ttl"]


def test_build_needs_no_network(reference, tmp_path, monkeypatch):
    corpus, expected = reference

    def refuse(*args, **kwargs):
        raise OSError("network access attempted during a build")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(corpus), "--out", str(out), "--quiet", "--processes", "1"]) == 0
    assert main(["export", "--graph", str(out / "graph.ttl"), "--format", "all", "--out", str(tmp_path / "e")]) == 0
    assert outputs(out) == expected


def run_build(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build_graph.py"), "--corpus", str(corpus), "--out", str(out),
                             "--quiet", "--processes", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


@pytest.mark.parametrize("delay, sig", [(1.5, signal.SIGKILL), (3.0, signal.SIGKILL), (2.5, signal.SIGINT)])
def test_interrupted_build_leaves_the_previous_one_whole(reference, tmp_path, delay, sig):
    corpus, expected = reference
    out = tmp_path / "out"
    shutil.copytree(reference_output_dir(reference, tmp_path), out)
    before = outputs(out)
    changed = tmp_path / "changed"
    shutil.copytree(corpus, changed)
    (changed / "extra.txt").write_text("Kenyan President William Ruto met Ugandan President Yoweri Museveni in "
                                       "Kampala on 3 March 2024.", encoding="utf-8")
    process = run_build(changed, out)
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait(timeout=120)
    after = outputs(out)
    if after != before:  # the kill came after the swap: then every file is the new build's
        assert set(after) == set(before)
        assert json.loads(after["build-report.json"])["documents"]["read"] == 7
    completed = run_build(changed, out)
    assert completed.wait(timeout=300) == 0, completed.stderr.read().decode()
    assert b'"read": 7' in (out / "build-report.json").read_bytes()
    assert not list(out.glob(".kg-staging-*"))  # what the killed build left is gone


def reference_output_dir(reference, tmp_path) -> Path:
    corpus, expected = reference
    target = tmp_path / "reference-out"
    for relative, data in expected.items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(data)
    return target
