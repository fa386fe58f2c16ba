"""The process that parses a rebuild's few new articles ahead, forked as `kg build` starts: loading
spaCy and the model is most of the time of such a rebuild, and this overlaps the build's own imports and
its reading of the corpus and of the cached records. Light to import, for the fork to come early."""
from __future__ import annotations

import gc
import multiprocessing
import pickle
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .parse import add_timings, parser_text, records_of

if TYPE_CHECKING:
    from .model import Document, DocumentRecord


class ParseAhead:
    """A forked process that imports spaCy at once, then loads a pipeline made for the few new articles it
    is given (see `parse`) and parses them, or is told to stop (`cancel`). Loading spaCy and the model is
    most of the time of a small rebuild: started as the build starts, it overlaps this process's imports
    and its reading of the corpus and of the cached records."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_parse_when_asked, args=(child_end,), daemon=True)
        self.process.start()
        child_end.close()

    @classmethod
    def for_rebuild(cls, cache_dir: Path | None, processes: int, scheduler: str | None) -> ParseAhead | None:
        """One for a rebuild on more than one core (a first build loads the model for its pool instead)."""
        from .cache import holds_records
        if can_parse_ahead(processes, scheduler) and holds_records(cache_dir):
            return cls()
        return None

    def parse(self, documents: list[Document]) -> None:
        self.connection.send(documents)

    def records(self, timings: dict[str, float]) -> list[DocumentRecord] | None:
        """The records of the documents given to `parse`, or None if the process died before sending them."""
        try:
            outcome = self.connection.recv()
        except (EOFError, OSError):
            return None
        finally:
            self.close()
        if isinstance(outcome, BaseException):
            raise outcome
        records, worker_timings = outcome
        add_timings(timings, worker_timings, 1)
        return records

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.close()

    def close(self) -> None:
        self.process.join()
        self.connection.close()


def _parse_when_asked(connection) -> None:
    """ParseAhead's process: import spaCy (without its command line, see import_spacy_lean) while the
    documents come, then load a pipeline made for them (see make_nlp) and parse them. No garbage
    collection while the libraries and the model load: they make many objects and no garbage. Ctrl-C is
    the parent's to handle (it stops this process), so no second traceback comes from here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    import_spacy_lean()
    try:
        documents = connection.recv()
    except EOFError:  # the parent is gone
        return
    try:
        from .nlp.pipeline import make_nlp
        nlp = make_nlp([parser_text(document.text) for document in documents])
        gc.enable()
        timings: dict[str, float] = {}
        outcome = records_of(documents, nlp, timings), timings
    except Exception as exc:
        outcome = exc
    try:
        connection.send(outcome)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        connection.send(RuntimeError(f"parsing failed: {outcome!r}"))


def import_spacy_lean() -> None:
    """Import spaCy without its command line: its package imports `spacy.cli` (typer, weasel, httpx and
    some 450 modules, 0.3 s) for `spacy.info` alone. For a process that only loads a pipeline and parses,
    as the one parsing a rebuild's new articles ahead: there, the command line's place is taken by a
    package of the same folder with none of it loaded (its modules still import if asked for by name).
    Should spaCy not import so, it is imported whole. Its registries' entry points are then grouped
    (see group_entry_points)."""
    if "spacy" in sys.modules:
        return
    import importlib.util
    import types

    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [str(Path(folder) / "cli") for folder in spec.submodule_search_locations]
    info = types.ModuleType("spacy.cli.info")
    info.info = _no_spacy_info
    cli.info = info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy  # noqa: F401
    except Exception:
        for name in [name for name in sys.modules if name == "spacy" or name.startswith("spacy.")]:
            del sys.modules[name]
        import spacy  # noqa: F401,F811
    group_entry_points()


def group_entry_points() -> None:
    """Give catalogue (spaCy's registries) the environment's entry points grouped once: loading a pipeline
    looks them up by group some 190 times, each time going through all of them (0.07 s). The same entry
    points, in the form of a dict of groups, which catalogue also takes."""
    import catalogue

    available = catalogue.AVAILABLE_ENTRY_POINTS
    if isinstance(available, dict):  # Python 3.11's SelectableGroups, a dict of groups
        grouped = {group: list(points) for group, points in dict.items(available)}
    else:
        grouped = {}
        for point in available:
            grouped.setdefault(point.group, []).append(point)
    catalogue.AVAILABLE_ENTRY_POINTS = grouped


def _no_spacy_info(*args, **kwargs):
    raise RuntimeError("spaCy's command line is not loaded in this process (see kg.ahead.import_spacy_lean)")


def can_parse_ahead(processes: int, scheduler: str | None) -> bool:
    """A second core may parse while this process reads (and the platform can fork)."""
    return processes > 1 and not scheduler and "fork" in multiprocessing.get_all_start_methods()
