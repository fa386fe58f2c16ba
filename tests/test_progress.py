"""Progress on long builds: a bar while parsing, a line when assembly starts, a bar of validation and the
exports, all on standard error, shown on a terminal only and never with --quiet."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main
from kg.finish import validate_and_export
from kg.exporters import EXPORTERS

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "other-conflict"


@pytest.fixture()
def corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE, target)
    return target


def test_progress_shows_every_stage(corpus, tmp_path, capsys, nlp):
    result = build(corpus, processes=1, cache_dir=None, progress=True)
    validate_and_export(result, tmp_path / "out", processes=1, progress=True)
    err = capsys.readouterr().err
    assert "parsing" in err and f"{result.documents}/{result.documents}" in err
    assert f"assembling the graph of {result.documents} documents" in err
    tasks = 1 + len(EXPORTERS)
    assert "validating and exporting" in err and f"{tasks}/{tasks}" in err


@pytest.mark.parametrize("quiet", [True, False])
def test_no_progress_off_a_terminal_or_when_quiet(corpus, tmp_path, capsys, nlp, quiet):
    args = ["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--processes", "1"]
    assert main(args + (["--quiet"] if quiet else [])) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert ("documents:" in captured.out) is not quiet


def test_progress_on_a_terminal(corpus, tmp_path, capsys, nlp, monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--processes", "1"]) == 0
    err = capsys.readouterr().err
    assert "parsing" in err and "assembling the graph" in err and "validating and exporting" in err


ROOT = Path(__file__).resolve().parent.parent


def build_on_a_terminal(corpus: Path, out: Path, columns: int) -> str:
    """What `build_graph.py` writes on a real pseudo-terminal `columns` wide (0: one nobody sized, as
    some CI runners, `script` and `docker exec -t` give), carriage returns as line ends."""
    import fcntl  # POSIX only, as pseudo-terminals are
    import pty
    import select
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24 if columns else 0, columns, 0, 0))
    process = subprocess.Popen([sys.executable, str(ROOT / "build_graph.py"), "--corpus", str(corpus), "--out",
                                str(out), "--processes", "1"], stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + 300  # a build that hangs fails the test rather than holding it
    while time.monotonic() < deadline:
        if not select.select([leader], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes with the process
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    if process.poll() is None:
        process.kill()
    assert process.wait(timeout=10) == 0, output.decode("utf-8", "replace")
    return output.decode("utf-8", "replace").replace("\r", "\n")


@pytest.mark.parametrize("columns", [0, 100])
def test_bars_are_drawn_on_a_terminal_of_any_reported_width(corpus, tmp_path, columns):
    shown = build_on_a_terminal(corpus, tmp_path / "out", columns)
    lines = [line for line in shown.splitlines() if "|" in line]
    parsing = [line for line in lines if line.startswith("parsing: 100%")]
    finishing = [line for line in lines if line.startswith("validating and exporting: 100%")]
    assert parsing and finishing, shown
    assert all(len(line) <= (columns or 80) for line in parsing + finishing)
    assert "doc/s" in parsing[-1] or "s/doc" in parsing[-1]
