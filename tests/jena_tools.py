"""Run Apache Jena's command-line tools (riot, arq) from Debian's libapache-jena-java 4.5.0.

That package ships no scripts, and its relocated Xerces looks for its message bundles under
`xerces/impl/...`, where the jar does not have them (they sit under org/apache/jena/ext/xerces/...):
without them every run dies with "internal error". We copy them to a folder placed first on the
classpath. JSON-LD is read with `--syntax=JSONLD10` (jsonld-java): the JSON-LD 1.1 reader needs a
JSON-P implementation that Debian does not package."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
DEPENDENCIES = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
                "dexx.collection", "gson", "guava", "httpclient", "httpclient-cache", "httpcore", "commons-logging",
                "jackson-core", "jackson-databind",
                "jakarta.json-api", "jsonld-java", "protobuf", "slf4j-api", "slf4j-nop", "thrift", "titanium-json-ld")
BUNDLE_PREFIX = "org/apache/jena/ext/"


@lru_cache(maxsize=1)
def jena_classpath() -> str | None:
    """The classpath for Jena's commands, or None when Java or the Jena jars are missing."""
    core = JAVA_DIR / "jena-core.jar"
    if shutil.which("java") is None or not core.is_file():
        return None
    bundles = Path(tempfile.mkdtemp(prefix="jena-bundles-"))
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith(BUNDLE_PREFIX + "xerces/") and name.endswith(".properties"):
                target = bundles / name[len(BUNDLE_PREFIX):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = sorted(str(p) for p in JAVA_DIR.glob("jena-*.jar") if not p.stem.endswith("4.5.0"))
    jars += [str(JAVA_DIR / f"{name}.jar") for name in DEPENDENCIES if (JAVA_DIR / f"{name}.jar").is_file()]
    return ":".join([str(bundles), *jars])


def run_jena(main_class: str, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(["java", "-cp", jena_classpath(), main_class, *args], capture_output=True, text=True,
                          timeout=timeout)
