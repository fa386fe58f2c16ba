"""Exporters: one registry, one entry per format, each a pure function from the graph's sorted triples
(and, for the formats of MEMOIZED, an optional memo of an earlier build's pieces) to the bytes of the
files it writes (relative path -> bytes), and one writer that writes every file
to a temporary name beside its target and renames it, so no reader ever sees a truncated file.
The RDF formats, the viewer, GEXF and GraphML are also written piece by piece (`STREAMED`), so that
writing a large graph's file never holds the whole text in memory.

With a memo folder (`export(..., memos=...)`), the formats of `MEMOIZED` keep the pieces they made
for the next build (see kg.memo), which then makes again only those whose triples (for the RDF
formats) or whose node (for the property-graph ones) changed.

The viewer, Neo4j, GEXF and GraphML exporters share one property-graph view of the triples
(`property_graph.property_graph_of`), built once for a given graph, so they agree on nodes and edges.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

import pyoxigraph as ox

from ..cache import digest_of_files, installed_version
from ..errors import ExportError
from ..memo import memo_for
from ..rdf import turtle_chunks
from .gephi import gexf_chunks, graphml_chunks, render_gexf, render_graphml
from .neo4j import render_neo4j
from .property_graph import property_graph_of
from .rdf_formats import jsonld_chunks, nt_chunks, render_jsonld, render_nt, render_trig, render_ttl, trig_chunks
from .viewer import html_chunks, render_html

if TYPE_CHECKING:
    import networkx as nx

Exporter = Callable[[list[ox.Triple]], dict[str, bytes]]

PROPERTY_GRAPH_FORMATS = ("html", "neo4j", "gexf", "graphml")  # the exporters of the shared property graph

EXPORTERS: dict[str, Exporter] = {
    "ttl": render_ttl,
    "nt": render_nt,
    "jsonld": render_jsonld,
    "trig": render_trig,
    "html": render_html,
    "neo4j": render_neo4j,
    "gexf": render_gexf,
    "graphml": render_graphml,
}

# formats of one file each, written from pieces that join to the exporter's bytes
STREAMED: dict[str, tuple[str, Callable[[list[ox.Triple]], Iterable[bytes]]]] = {
    "ttl": ("graph.ttl", turtle_chunks),
    "nt": ("graph.nt", nt_chunks),
    "jsonld": ("graph.jsonld", jsonld_chunks),
    "trig": ("graph.trig", trig_chunks),
    "html": ("graph.html", html_chunks),
    "gexf": ("graph.gexf", gexf_chunks),
    "graphml": ("graph.graphml", graphml_chunks),
}

MEMOIZED = ("jsonld", "trig", "html", "neo4j", "gexf", "graphml")  # formats whose writers take a memo
MEMO_CODE = (*sorted(Path(__file__).resolve().parent.glob("*.py")),
             *(Path(__file__).resolve().parent.parent / name for name in ("rdf.py", "memo.py", "model.py")))


def export_version(name: str) -> str:
    """What a format's memo of pieces depends on: the code that writes them, pyoxigraph and networkx."""
    return digest_of_files(MEMO_CODE, name, installed_version("pyoxigraph"), installed_version("networkx"))


FILE_MODE = 0o644  # mkstemp makes 0600 files; exports are for other tools and people to read


@dataclass(frozen=True)
class GraphView:
    """The sorted triples of a graph, with the property-graph view the non-RDF exporters share."""

    triples: list[ox.Triple]

    @property
    def property_graph(self) -> nx.MultiDiGraph:
        return property_graph_of(self.triples)


def _triples_of(graph: list[ox.Triple] | GraphView) -> list[ox.Triple]:
    return graph.triples if isinstance(graph, GraphView) else graph


def render(graph: list[ox.Triple] | GraphView, formats: Iterable[str]) -> dict[str, bytes]:
    """Every file of the given formats, by relative path."""
    triples = _triples_of(graph)
    files: dict[str, bytes] = {}
    for name in formats:
        if name not in EXPORTERS:
            raise ExportError(f"unknown format {name!r}; choose from {', '.join(EXPORTERS)}")
        files.update(EXPORTERS[name](triples))
    return files


def check_output_folder(out: Path) -> None:
    """Refuse, before any work, an output folder that is a file."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: is a file, not a folder (give --out a folder)")


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write the bytes (or the pieces, as they come) to a temporary file beside `path`, then rename:
    never a truncated file under its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, (bytes, bytearray)):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(triples: list[ox.Triple] | GraphView, out_dir: Path, formats: Iterable[str],
           memos: Path | None = None, trash: Path | None = None) -> list[Path]:
    """Write the given formats into out_dir, one format at a time and each file atomically (the RDF
    ones piece by piece, see STREAMED), so memory holds at most one format's files; returns the paths
    written, sorted. With `memos`, a folder where the formats of MEMOIZED keep their pieces between
    builds, and with `trash` too, where the memos they replace are set aside (see kg.trash)."""
    formats = list(formats)
    unknown = [name for name in formats if name not in EXPORTERS]
    if unknown:  # refused before anything is written
        raise ExportError(f"unknown format {unknown[0]!r}; choose from {', '.join(EXPORTERS)}")
    written = []
    for name in formats:
        memo = memo_for(memos, name, export_version(name), trash) if name in MEMOIZED and memos is not None else None
        remembering = {} if memo is None else {"memo": memo}
        if name in STREAMED:
            relative, chunks = STREAMED[name]
            files: dict[str, bytes | Iterable[bytes]] = {relative: chunks(_triples_of(triples), **remembering)}
        else:
            files = EXPORTERS[name](_triples_of(triples), **remembering)
        for relative, data in sorted(files.items()):
            path = Path(out_dir) / relative
            try:
                write_atomically(path, data)
            except OSError as exc:
                raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
            written.append(path)
        if memo is not None:
            memo.save()
        del files
    return sorted(written)
