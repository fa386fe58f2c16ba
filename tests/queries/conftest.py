"""Shared fixtures of the query tests: the hand-written fixture graph, and an endpoint serving it on
a free loopback port."""
from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from kg.rdf import read_graph, to_store

FIXTURE_GRAPH = Path(__file__).resolve().parent / "fixtures" / "graph.ttl"
ENDPOINT_TIMEOUT = 3.0


@pytest.fixture(scope="session")
def graph_file() -> Path:
    return FIXTURE_GRAPH


@pytest.fixture(scope="session")
def triples(graph_file):
    return read_graph(graph_file)


@pytest.fixture(scope="session")
def store(triples):
    return to_store(triples)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def endpoint(graph_file):
    """The URL of `kg serve` on the fixture graph: two workers, a short time limit."""
    from kg.serve import make_server
    server, pool = make_server(graph_file, "127.0.0.1", free_port(), timeout=ENDPOINT_TIMEOUT, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    pool.close()
