"""Files a build replaces, set aside rather than freed at once: replacing a file frees its blocks, a
millisecond a megabyte on the file systems here, and a rebuild replaces all its exports and memos. Set
aside as hard links in a trash folder (in the cache folder), they are deleted by the next build while it
waits for its new articles' parse."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def empty_trash(trash: Path | None) -> None:
    """Delete the files an earlier build set aside (see set_aside): called while a rebuild waits for its
    new articles' parse, else before the last stage starts."""
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


def set_aside(target: Path, trash: Path, relative: str) -> bool:
    """Keep the file at `target`, about to be replaced, as a hard link in the trash folder, so that
    replacing it frees none of its blocks (freeing the 60 MB of a thousand articles' exports took 0.08 s
    of the rebuild, and their 50 MB of memos 0.06 s of the workers'); the next build deletes them while
    it waits (empty_trash). False where no link can be made (another file system, a file system without
    them): the file is then just replaced."""
    if not target.exists():  # nothing to replace
        return True
    kept = trash / relative
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.link(target, kept)
    except OSError:
        return False
    return True


def set_folder_aside(folder: Path, trash: Path | None) -> None:
    """Move a folder (the last stage's staging folder, emptied into the output folder) into the trash for
    the next build to delete, or delete it now where it cannot be moved (no trash, another file system):
    removing a folder whose files were just renamed over others took some 30 ms at the end of a rebuild
    here, a rename none."""
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            os.replace(folder, trash / folder.name)
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)
