"""A build's progress: whether to show it, and its bars (tqdm), on standard error."""
from __future__ import annotations

import os
import sys

UNSIZED = os.terminal_size((80, 24))  # for a terminal that reports no size


def shows_progress(quiet: bool) -> bool:
    """Progress goes to a terminal only, never with --quiet."""
    return not quiet and sys.stderr.isatty()


def progress_bar(total: int, unit: str, desc: str):
    """A bar on standard error as wide as the terminal, following its width. A terminal that reports a
    size of 0 (a pseudo-terminal nobody sized, as some CI runners, `script` and `docker exec -t` give)
    counts as 80 columns and 24 lines: tqdm would otherwise draw nothing at all on it (a bar wider
    than 0 columns, or below line 0, is hidden)."""
    from tqdm import tqdm

    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):  # not a terminal, or a stream without a file (a test's capture)
        size = None
    if size is not None and not (size.columns and size.lines):
        return tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, ncols=size.columns or UNSIZED.columns,
                    nrows=size.lines or UNSIZED.lines)
    return tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, dynamic_ncols=True)
