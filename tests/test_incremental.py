"""The incremental rebuild: what it skips must not change what it writes."""
from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

from kg.assemble import compatible_dates, more_precise
from kg.model import DateValue

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


def test_assembly_date_rules_are_extraction_merge_rules():
    from kg.extract.merge import compatible_dates as merge_compatible, more_precise as merge_more_precise

    dates = [None, DateValue("2020", "gYear"), DateValue("2021", "gYear"), DateValue("2020-11", "gYearMonth"),
             DateValue("2020-12", "gYearMonth"), DateValue("2020-11-10", "date"), DateValue("2020-11-11", "date"),
             DateValue("--11-10", "gMonthDay")]
    for a, b in itertools.product(dates, repeat=2):
        assert compatible_dates(a, b) == merge_compatible(a, b)
        assert more_precise(a, b) == merge_more_precise(a, b)
