"""A short run of bench/load_endpoint.py: concurrent clients get correct answers with no errors while
runaway queries are stopped by the time limit, and updates are refused (the long run's figures are in
the README)."""
import importlib.util
from pathlib import Path

from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_twenty_clients_with_runaways(tmp_path, nlp):
    assert main(["build", "--corpus", str(ROOT / "corpus"), "--out", str(tmp_path), "--quiet"]) == 0
    spec = importlib.util.spec_from_file_location("load_endpoint", ROOT / "bench" / "load_endpoint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stats = module.load(tmp_path / "graph.ttl", clients=20, seconds=4, timeout=2.0)
    assert stats["ok"] > 20 and stats["wrong"] == 0 and stats["errors"] == 0
    assert stats["runaway_codes"] == [503, 503] and stats["update_code"] == 403
