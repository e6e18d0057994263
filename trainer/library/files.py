"""Writing files without ever losing one: atomic replace, and create-only for new files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _mode_for(path: Path) -> int:
    """The mode the written file should have: the old file's, or what the umask allows for a new one.

    mkstemp creates files readable by their owner only; left as is, publishing a shared library's file
    would hide it from everyone else.
    """
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temp_beside(path: Path, text: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` in one step: readers see the old file or the new one, never half of one."""
    temp = _temp_beside(path, text)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; raise FileExistsError rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(path, text)
    try:
        os.link(temp, path)  # fails if path exists, atomically
    finally:
        temp.unlink(missing_ok=True)
