"""A cheap fingerprint of a library's files, so a running app notices new content without a restart.

Why names, sizes, modification times and inodes and not a content hash: the app checks every few seconds, and
hashing every file would read the whole library each time. A ``stat`` per file is enough because every way
content reaches the folder (an editor, ``trainer publish``'s atomic replace, the ``git merge`` run by
``trainer sync``) writes the file anew. ``benchmarks/bench_library_watch.py`` measures it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .loader import content_dir, scenario_dir
from .roster import ROSTER_NAMES
from .scan import YAML_SUFFIXES


def _walk(folder: str, lines: list[str], start: int) -> None:
    """Every YAML file under ``folder`` (hidden folders and links to folders skipped, as the loader does).

    ``start`` is where the path relative to the library root begins in each entry's path (``os.path.relpath``
    per file cost more than the ``stat``)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        lines.append(f"!{folder}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _walk(entry.path, lines, start)
                continue
            if not entry.name.endswith(YAML_SUFFIXES):
                continue
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue  # vanished while we looked: the next check sees the new state
        lines.append(f"{entry.path[start:]}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}")


def library_fingerprint(root: Path) -> str:
    """A short string that changes whenever a content file, scenario or the roster is added, removed or written."""
    root = Path(root)
    lines: list[str] = []
    start = len(str(root)) + 1
    cdir = content_dir(root)
    _walk(str(cdir), lines, start)
    sdir = scenario_dir(root)
    if sdir.is_dir() and cdir != root:
        _walk(str(sdir), lines, start)
    for name in ROSTER_NAMES:
        try:
            info = (root / name).stat()
        except OSError:
            continue
        lines.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}")
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()[:16]
