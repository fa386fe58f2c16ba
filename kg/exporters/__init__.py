"""Exporters: one registry, one entry per format, each a pure function from the graph to files' bytes,
and one writer that writes every file to a temporary name and renames it."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from ..errors import ExportError
from .gephi import render_gexf, render_graphml
from .neo4j import render_neo4j
from .property_graph import build_property_graph
from .rdf_formats import render_jsonld, render_nt, render_trig, render_ttl


FILE_MODE = 0o644  # mkstemp makes 0600 files; exports are for other tools and people to read


@dataclass
class GraphView:
    """The graph as exporters see it: sorted triples, and the property-graph view built once."""

    triples: list[ox.Triple]

    @cached_property
    def property_graph(self):
        return build_property_graph(self.triples)


def _rdf(render: Callable) -> Callable[[GraphView], dict[str, bytes]]:
    return lambda view: render(view.triples)


def _html(view: GraphView) -> dict[str, bytes]:
    from .viewer import render_html
    return render_html(view)


EXPORTERS: dict[str, Callable[[GraphView], dict[str, bytes]]] = {
    "ttl": _rdf(render_ttl),
    "nt": _rdf(render_nt),
    "jsonld": _rdf(render_jsonld),
    "trig": _rdf(render_trig),
    "html": _html,
    "neo4j": render_neo4j,
    "gexf": render_gexf,
    "graphml": render_graphml,
}


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a truncated file under its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(view: GraphView, formats: Iterable[str]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in formats:
        if name not in EXPORTERS:
            raise ExportError(f"unknown format {name!r}; choose from {', '.join(EXPORTERS)}")
        files.update(EXPORTERS[name](view))
    return files


def export(triples: list[ox.Triple] | GraphView, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Write the given formats into out_dir; returns the paths written."""
    view = triples if isinstance(triples, GraphView) else GraphView(triples)
    written = []
    for relative, data in sorted(render(view, formats).items()):
        path = Path(out_dir) / relative
        try:
            write_atomically(path, data)
        except OSError as exc:
            raise ExportError(f"{path}: cannot write ({exc.strerror})") from exc
        written.append(path)
    return written
