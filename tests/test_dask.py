"""`kg build --dask-scheduler`: the per-document extraction on a Dask cluster (a LocalCluster of two
worker processes here) gives byte-identical exports to a local build."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
ROOT = Path(__file__).resolve().parent.parent


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".kg-cache" not in p.parts}


def test_cluster_build_equals_local_build(tmp_path, nlp):
    local = tmp_path / "local"
    assert main(["build", "--corpus", str(ROOT / "corpus"), "--out", str(local), "--quiet", "--no-cache",
                 "--processes", "1"]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        remote = tmp_path / "remote"
        assert main(["build", "--corpus", str(ROOT / "corpus"), "--out", str(remote), "--quiet", "--no-cache",
                     "--dask-scheduler", cluster.scheduler_address]) == 0
    assert files(remote) == files(local)


def test_unreachable_scheduler_is_a_one_line_error(tmp_path, capsys):
    assert main(["build", "--corpus", str(ROOT / "corpus"), "--out", str(tmp_path), "--quiet", "--no-cache",
                 "--dask-scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: cannot reach the Dask scheduler") and err.count("\n") == 1
