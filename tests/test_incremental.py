"""The incremental rebuild: what it skips must not change what it writes."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent

SPACY_PROBE = """
import sys
from kg.cli import main
assert main(sys.argv[1:]) == 0
print("spacy" in sys.modules)
"""


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".kg-cache" not in p.parts}


def test_a_rebuild_with_everything_cached_never_imports_spacy(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    out = tmp_path / "out"
    command = [sys.executable, "-c", SPACY_PROBE, "build", "--corpus", str(corpus), "--out", str(out), "--quiet",
               "--processes", "2"]
    first = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    assert first.stdout.strip() == "True"
    before = outputs(out)
    again = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    assert again.stdout.strip() == "False"
    assert outputs(out) == before
