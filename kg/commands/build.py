"""`kg build`: corpus folder (or .jsonl) in, graph and exports out."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..ahead import ParseAhead
from ..errors import UsageError
from ..parse import default_processes

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("exports")
MEMO_FOLDER = "memo"  # inside the cache folder: what the last stages remember between builds
TRASH_FOLDER = "trash"  # inside the cache folder: the files the last build replaced (kg.trash.set_aside)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build the knowledge graph from a corpus",
        description="Read the articles of a corpus (a folder of .txt/.md files with an optional metadata.csv, "
                    "or a .jsonl file), extract actors, positions, events and agreements, and write the graph.",
        epilog="Example: kg build --corpus corpus --out exports",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="corpus folder or .jsonl file (default: corpus)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: exports)")
    parser.add_argument("--processes", type=int, default=None, metavar="N",
                        help="processes that parse in parallel (default: all cores)")
    parser.add_argument("--cache", type=Path, default=None, metavar="DIR",
                        help="cache of per-document results (default: OUT/.kg-cache)")
    parser.add_argument("--no-cache", action="store_true", help="parse every document again; keep no cache")
    parser.add_argument("--dask-scheduler", metavar="ADDRESS", default=None,
                        help="run the per-document extraction on this Dask cluster (e.g. tcp://10.0.0.5:8786); "
                             "the graph is assembled here")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.processes is not None and args.processes < 1:
        raise UsageError("--processes must be 1 or more")
    cache_dir = None if args.no_cache else (args.cache or args.out / ".kg-cache")
    processes = args.processes or default_processes()
    # forked first: this command's own imports (the graph's, the exporters') are made while it loads the model
    ahead = ParseAhead.for_rebuild(cache_dir, processes, args.dask_scheduler)
    try:
        from ..build import build
        from ..progress import shows_progress
        from ..exporters import check_output_folder
        from ..finish import prepare_last_stage, validate_and_export
        from ..trash import empty_trash
        check_output_folder(args.out)
    except BaseException:
        if ahead:
            ahead.cancel()
        raise
    trash = cache_dir / TRASH_FOLDER if cache_dir else None

    def while_parsing() -> None:
        prepare_last_stage()
        empty_trash(trash)

    result = build(args.corpus, quiet=args.quiet, processes=processes, cache_dir=cache_dir,
                   scheduler=args.dask_scheduler, ahead=ahead, while_parsing=while_parsing)
    result.timings.update(validate_and_export(result, args.out, processes=processes,
                                              progress=shows_progress(args.quiet),
                                              memos=cache_dir / MEMO_FOLDER if cache_dir else None, trash=trash))
    if not args.quiet:
        print(result.summary())
    args.result = result  # freed with the arguments, or with the process if it leaves at once (kg.cli.leave)
    return 0
