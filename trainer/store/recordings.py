"""Keeping a spoken attempt's recording beside the practice database, so the rep can replay it later.

Why copy and not link to the original: the file the rep recorded or passed on the command line may be a
temporary one. The copy is written under a temporary name, synced, then renamed, so the folder never holds
half a recording, and the attempt is stored only once its recording is in place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

RECORDINGS_FOLDER = "recordings"


def recordings_dir(database: Path) -> Path:
    """Where recordings live: a ``recordings`` folder beside the practice database (the user data folder)."""
    return database.parent / RECORDINGS_FOLDER


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "attempt"


def keep_recording(source: Path, database: Path, label: str, when: dt.datetime) -> Path:
    """Copy ``source`` atomically into the recordings folder under a new, unique name; returns its path."""
    folder = recordings_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{_slug(label)}-{uuid.uuid4().hex[:8]}.wav"
    target = folder / name
    fd, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as original:
            shutil.copyfileobj(original, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.link(temp, target)  # never replaces an existing recording
    finally:
        temp.unlink(missing_ok=True)
    return target.resolve()
