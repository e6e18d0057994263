"""Writing files without ever losing one: atomic replace, and create-only for new files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _temp_beside(path: Path, text: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
