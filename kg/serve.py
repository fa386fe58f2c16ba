"""A read-only SPARQL 1.1 Protocol endpoint over a graph file, for any SPARQL client (SPARQLWrapper,
YASGUI, Jena, curl).

Queries run in worker processes, each holding the graph in a pyoxigraph store, because pyoxigraph's
`query` cannot be interrupted: a query that outlives the time limit gets its worker killed, is
answered 503, and a replacement worker loads the graph in the background, while other clients are
served by the other workers. The graph file is read once, by the server; workers load the N-Triples
it hands them, so a replacement serves the same graph even if the file has changed since. Updates
are refused; the server binds to loopback unless told otherwise.
"""
from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
DEFAULT_RESULT, DEFAULT_GRAPH = "application/sparql-results+json", "text/turtle"
MAX_BODY = 1_000_000


def negotiate(accept: str, offered: dict, default: str) -> str:
    """The offered media type the Accept header prefers (q-values honoured), or the default."""
    choices = []
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, position, media.lower()))
    for _, _, media in sorted(choices):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    return default


def answer(store: ox.Store, query: str, accept: str) -> tuple[int, str, bytes]:
    """(status, content type, body) for one query."""
    try:
        results = store.query(query)
    except (SyntaxError, ValueError) as exc:
        return 400, "text/plain; charset=utf-8", f"query error: {' '.join(str(exc).split())}\n".encode()
    except OSError as exc:
        return 500, "text/plain; charset=utf-8", f"query failed: {exc}\n".encode()
    if isinstance(results, ox.QueryTriples):
        media = negotiate(accept, GRAPH_TYPES, DEFAULT_GRAPH)
        return 200, f"{media}; charset=utf-8", results.serialize(format=GRAPH_TYPES[media])
    media = negotiate(accept, RESULT_TYPES, DEFAULT_RESULT)
    return 200, f"{media}; charset=utf-8", results.serialize(format=RESULT_TYPES[media])


def _worker_main(connection, ntriples: bytes) -> None:
    """A worker process: load the graph once, then answer queries until told to stop.

    Ctrl-C reaches every process of the terminal; the server stops its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    connection.send(("ready", len(store)))
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        connection.send(answer(store, *message))


@dataclass
class Worker:
    process: multiprocessing.Process
    connection: object


class WorkerPool:
    """Worker processes that can be killed and replaced when a query runs past the time limit."""

    def __init__(self, graph: Path, size: int, timeout: float):
        from .rdf import read_graph
        self.graph, self.timeout = str(graph), timeout
        self.ntriples = ox.serialize(read_graph(Path(graph)), format=ox.RdfFormat.N_TRIPLES)
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.all: list[Worker] = []
        self.lock = threading.Lock()
        self.closed = False
        self.triples = 0
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self) -> Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, self.ntriples), daemon=True)
        process.start()
        child.close()
        try:
            status = parent.recv()
        except EOFError:
            status = ("died",)
        if status[0] != "ready":
            process.kill()
            raise RuntimeError(f"a query worker failed to load {self.graph}")
        self.triples = status[1]
        worker = Worker(process, parent)
        with self.lock:
            self.all.append(worker)
        return worker

    def _discard(self, worker: Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        with self.lock:
            if worker in self.all:
                self.all.remove(worker)

    def run(self, query: str, accept: str) -> tuple[int, str, bytes]:
        worker = self.idle.get()
        try:
            worker.connection.send((query, accept))
            if worker.connection.poll(self.timeout):
                result = worker.connection.recv()
                self.idle.put(worker)
                return result
            outcome = (503, f"query stopped: it ran longer than the {self.timeout:g} s limit\n")
        except (EOFError, OSError):
            outcome = (500, "query failed: its worker process stopped (out of memory?)\n")
        self._discard(worker)
        threading.Thread(target=self._replace, daemon=True).start()
        return outcome[0], "text/plain; charset=utf-8", outcome[1].encode()

    def _replace(self) -> None:
        """Start a worker in place of a killed one (in the background: loading takes a while)."""
        worker = self._start()
        if self.closed:
            self._discard(worker)
        else:
            self.idle.put(worker)

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers = list(self.all)
        for worker in workers:
            try:
                worker.connection.send(None)
            except (OSError, BrokenPipeError):
                pass
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()


class SparqlHandler(BaseHTTPRequestHandler):
    server_version = "kgnews-sparql/0.1"
    pool: WorkerPool

    def log_message(self, format, *args):  # noqa: A002  (quiet: clients see their own errors)
        return

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (text + "\n").encode("utf-8"))

    def do_OPTIONS(self):  # noqa: N802
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()

    def do_GET(self):  # noqa: N802
        url = urlparse(self.path)
        if url.path not in ("/", "/sparql"):
            return self._text(404, "not found: the endpoint is /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._text(403, "this endpoint is read-only: updates are refused")
        if "query" not in params:
            return self._text(200, f"kgnews SPARQL endpoint ({self.pool.triples} triples): "
                                   "GET or POST /sparql with a query parameter")
        self._query(params["query"][0])

    def do_POST(self):  # noqa: N802
        if urlparse(self.path).path not in ("/", "/sparql"):
            return self._text(404, "not found: the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._text(413, "query too long")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            return self._text(403, "this endpoint is read-only: updates are refused")
        if content_type == "application/sparql-query":
            return self._query(body)
        params = parse_qs(body, keep_blank_values=True)
        if "update" in params:
            return self._text(403, "this endpoint is read-only: updates are refused")
        if "query" not in params:
            return self._text(400, "no query: send query=... form-encoded, or an application/sparql-query body")
        self._query(params["query"][0])

    def _query(self, query: str) -> None:
        self._send(*self.pool.run(query, self.headers.get("Accept", "")))


class EndpointServer(ThreadingHTTPServer):
    request_queue_size = 256  # many clients connect at once; the default backlog of 5 refuses them


def make_server(graph: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                workers: int = 2) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """The HTTP server (not yet serving) and its worker pool. The port is taken first, so a busy
    port fails before any worker starts; a graph that cannot be read raises GraphError."""
    handler = type("Handler", (SparqlHandler,), {})
    server = EndpointServer((host, port), handler)
    server.daemon_threads = True
    try:
        handler.pool = WorkerPool(graph, workers, timeout)
    except BaseException:
        server.server_close()
        raise
    return server, handler.pool
