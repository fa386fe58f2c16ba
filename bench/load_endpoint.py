#!/usr/bin/env python3
"""Load the SPARQL endpoint on loopback: N concurrent clients for S seconds, each running the named
queries in turn and checking every answer, while runaway queries are sent and must be stopped by the
time limit without stalling the others; update requests must be refused.

    python bench/load_endpoint.py --graph exports/graph.ttl [--clients 50] [--seconds 30]

Traffic goes only to 127.0.0.1, to a server this script starts; loops are bounded in count and time.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query import list_queries, run_query  # noqa: E402
from kg.rdf import read_graph, to_store  # noqa: E402
from kg.serve import make_server  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MAX_REQUESTS_PER_CLIENT = 100_000


def post(url: str, query: str, timeout: float = 120) -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def count_rows(body: bytes) -> int:
    data = json.loads(body)
    return len(data["results"]["bindings"]) if "results" in data else 1


def load(graph: Path, clients: int, seconds: float, timeout: float = 3.0, workers: int = 2,
         runaways: int = 2) -> dict:
    store = to_store(read_graph(graph))
    queries = [(q.name, q.text, len(run_query(store, q.text)[1])) for q in list_queries() if not q.params]
    server, pool = make_server(graph, "127.0.0.1", 0, timeout=timeout, workers=workers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    stats = {"ok": 0, "wrong": 0, "errors": 0, "latencies": [], "runaway_codes": [], "update_code": None}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        for n in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            name, text, expected = queries[(index + n) % len(queries)]
            started = time.monotonic()
            try:
                status, body = post(url, text)
                good = status == 200 and count_rows(body) == expected
            except (OSError, ValueError):
                good, status = False, None
            with lock:
                stats["latencies"].append(time.monotonic() - started)
                stats["ok" if good else ("wrong" if status == 200 else "errors")] += 1

    def runaway() -> None:
        status, _ = post(url, RUNAWAY)
        with lock:
            stats["runaway_codes"].append(status)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    threads += [threading.Thread(target=runaway) for _ in range(runaways)]
    for t in threads:
        t.start()
    request = urllib.request.Request(url, data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                     headers={"Content-Type": "application/sparql-update"})
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        stats["update_code"] = error.code
    for t in threads:
        t.join(timeout=seconds + 120)
    server.shutdown()
    server.server_close()
    pool.close()
    latencies = sorted(stats.pop("latencies"))
    stats["requests"] = len(latencies)
    stats["per_second"] = round(len(latencies) / seconds, 1)
    stats["median_ms"] = round(statistics.median(latencies) * 1000, 1) if latencies else None
    stats["p95_ms"] = round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1) if latencies else None
    return stats


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path, default=ROOT / "exports" / "graph.ttl")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=3.0)
    args = parser.parse_args(argv)
    stats = load(args.graph, args.clients, args.seconds, args.timeout)
    print(json.dumps(stats, indent=1))
    good = stats["wrong"] == 0 and stats["errors"] == 0 and set(stats["runaway_codes"]) == {503} \
        and stats["update_code"] == 403
    print("PASS" if good else "FAIL")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
