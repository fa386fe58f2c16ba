"""The end of a build: validate the graph and write every export side by side in forked workers, into a
staging folder whose files then replace the output folder's all at once, so that folder always holds one
complete build."""
from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .errors import ExportError
from .exporters import EXPORTERS, PROPERTY_GRAPH_FORMATS, GraphView, export, write_atomically
from .exporters.property_graph import forget_property_graph
from .memo import forget_keyed_runs, memo_for
from .progress import progress_bar
from .trash import empty_trash, set_aside, set_folder_aside
from .validate import load_shapes, validate, validation_version

REPORT_FILE = "build-report.json"
STAGING_PREFIX = ".kg-staging-"


@contextmanager
def deferred_interrupts():
    """Hold Ctrl-C and SIGTERM until the block ends, so that a set of renames is never cut in two."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = []
    previous = {sig: signal.signal(sig, lambda number, frame: received.append(number))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            raise KeyboardInterrupt


def build_report(result, files: list[str]) -> bytes:
    """What a script checking a build needs: documents read and skipped (with reasons), warnings,
    validation and counts. No timings or timestamps, so the same corpus gives the same bytes."""
    counts = result.counts()
    report = {
        "documents": {"read": result.documents, "skipped": [{"item": i, "reason": r} for i, r in result.report.skipped],
                      "ignored": result.report.ignored},
        "warnings": result.report.warnings + result.warnings,
        "counts": {"actors": dict(sorted(counts["actors"].items())), "events": dict(sorted(counts["events"].items())),
                   "agreements": counts["other"]["Agreement"], "positions": counts["other"]["Position"],
                   "mediators": counts["other"]["Mediator"], "triples": len(result.triples)},
        "validation": None if result.validation is None else {
            "conforms": result.validation.conforms, "violations": len(result.validation.violations),
            "warnings": len(result.validation.warnings), "results": [r.line() for r in result.validation.results]},
        "files": sorted(files + [REPORT_FILE]),
    }
    return (json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def prepare_last_stage() -> None:
    """Import what the workers of `_finish` would each import where they need it (networkx, for the
    property-graph exports), and read the shapes, for them to inherit: called while a rebuild waits for
    its new articles' parse, it takes that time off the last stage. (Not the memos: a worker handed
    pieces loaded here writes the reference count of each it takes, and so copies its memory page;
    measured, one that loads its own is faster.)"""
    import networkx  # noqa: F401
    load_shapes()


VALIDATE = "validate"
_FORKED: tuple | None = None  # (graph view, staging folder, memo folder, trash), set just before the workers fork


def _finish_task(task: str):
    """One piece of the end of a build: validation, or one export into the staging folder, each
    remembering what it made in the memo folder, if there is one, for the next build (see kg.memo)."""
    view, staging, memos, trash = _FORKED
    started = time.perf_counter()
    if task == VALIDATE:
        memo = memo_for(memos, VALIDATE, validation_version(), trash)
        outcome = validate(view.triples, memo=memo)
        memo.save()
    else:
        export(view, staging, [task], memos=memos, trash=trash)
        outcome = None
    return task, time.perf_counter() - started, outcome


def _finish_job(job: tuple[str, ...]) -> list:
    """The tasks of one job in turn."""
    return [_finish_task(task) for task in job]


def _finish_job_in_worker(job: tuple[str, ...]) -> list:
    """A job in a forked worker, without garbage collection: the worker exits at the end of the last
    stage (or of its job, see _finish), freeing all, and with the inherited graph frozen every collection
    would walk the job's own growing output again. The property graph a job made goes when it ends, as
    the worker may take another job."""
    gc.disable()
    try:
        return _finish_job(job)
    finally:
        forget_property_graph()


def finish_jobs(tasks: list[str]) -> list[tuple[str, ...]]:
    """The tasks as jobs, longest first: the exports of the property graph together (their worker builds
    that graph once), every other task alone."""
    shared = tuple(task for task in tasks if task in PROPERTY_GRAPH_FORMATS)
    jobs = [(task,) for task in tasks if task not in PROPERTY_GRAPH_FORMATS]
    jobs.sort(key=lambda job: TASK_ORDER.index(job[0]) if job[0] in TASK_ORDER else len(TASK_ORDER))
    return ([shared] if shared else []) + jobs


TASK_ORDER = (VALIDATE, "trig", "jsonld", "ttl", "nt")  # the longest first, after the property-graph job


SIDE_BY_SIDE_TRIPLES = 400_000  # about 5,000 articles; beyond, tasks run one at a time to bound memory


def _finish(view: GraphView, staging: Path, tasks: list[str], processes: int, memos: Path | None,
            while_running: Callable[[], object] | None = None, trash: Path | None = None) -> Iterator[tuple]:
    """(task, seconds, outcome) for every task, each job (see finish_jobs) in a forked worker that shares
    the graph rather than copies it: side by side on `processes` workers, each taking one job after
    another, or, for a graph over SIDE_BY_SIDE_TRIPLES, one at a time, each in a worker of its own that
    exits when done, so its memory goes back: a worker reading the graph writes the reference counts of
    its objects, so their pages are copied and each worker soon holds as much again as the graph,
    beside its task's own memory. In turn, in this process, with one
    process or where the platform cannot fork. `while_running` is this process's own work, done while the
    workers run (or first, without workers); the memos replaced are set aside in `trash` (see kg.trash)."""
    global _FORKED
    _FORKED = (view, staging, memos, trash)
    jobs = finish_jobs(tasks)
    try:
        if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            if while_running:
                while_running()
            for job in jobs:
                yield from _finish_job(job)
            return
        side_by_side = len(view.triples) <= SIDE_BY_SIDE_TRIPLES
        workers = min(processes, len(jobs)) if side_by_side else 1
        # the workers' garbage collector then leaves the shared objects' pages alone; no collection first:
        # a large graph's build has just made one (release_freed_memory), and another walks every triple
        # again (0.1 s for 1,000 articles); the workers, collecting nothing, never touch a small graph's
        # garbage either. Garbage frozen here is collected once unfrozen.
        gc.freeze()
        # side by side, a worker takes one job after another: forking this process costs 10 to 20 ms, and
        # the workers then start as one ends; one at a time, each job has its own worker, which exits
        with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=None if side_by_side else 1) as pool:
            results = pool.imap_unordered(_finish_job_in_worker, jobs)
            if while_running:
                while_running()
            for finished in results:
                yield from finished
    finally:
        _FORKED = None
        forget_keyed_runs()  # made here when the tasks ran in this process
        gc.unfreeze()


def validate_and_export(result, out: Path, formats=None, processes: int = 1, progress: bool = False,
                        memos: Path | None = None, trash: Path | None = None) -> dict[str, float]:
    """Validate the graph (into `result.validation`) and write every file of the build into a staging
    folder, then move them all into `out` at once (interrupts held), so `out` always holds one complete
    build. Validation and the exports run side by side on `processes` processes (see `_finish`), with a
    bar of the tasks done when `progress`; with `memos`, a folder where validation remembers its verdicts,
    and the exports their pieces, between builds (see kg.memo); with `trash`, a folder where the files and
    memos replaced are set aside (see kg.trash). Returns seconds per task."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for leftover in out.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror})") from exc
    timings = {}
    empty_trash(trash)  # emptied already where a rebuild waited for its parse; filled again from here on
    try:
        tasks = [VALIDATE] + [name for name in formats or EXPORTERS]
        bar = None
        if progress:
            bar = progress_bar(len(tasks), "task", "validating and exporting")
        try:
            for task, seconds, outcome in _finish(GraphView(result.triples), staging, tasks, processes, memos,
                                                  while_running=result.counts,  # for the report, meanwhile
                                                  trash=trash):
                timings[task if task == VALIDATE else f"export {task}"] = seconds
                if task == VALIDATE:
                    result.validation = outcome
                if bar:
                    bar.set_postfix_str(task, refresh=False)
                    bar.update()
        finally:
            if bar:
                bar.close()
        files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        write_atomically(staging / REPORT_FILE, build_report(result, files))
        with deferred_interrupts():
            for relative in files + [REPORT_FILE]:
                target = out / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                if trash is not None and not set_aside(target, trash, relative):
                    trash = None
                os.replace(staging / relative, target)
        result.written.extend(out / f for f in files + [REPORT_FILE])
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror})") from exc
    finally:
        set_folder_aside(staging, trash)
    return timings
