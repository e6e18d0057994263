"""Unexpected errors: the details go to a log file, the person sees one line saying where it is.

A rep must never face a traceback, and a support request needs the details: so an error nobody handled is
written, with its traceback, to ``crash-<time>-<pid>.log`` in the user log folder (``$TRAINER_LOG_DIR``,
else the platform's, e.g. ``~/.local/state/pitch-trainer/log`` on Linux), and the message names that file.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

LOG_ENV = "TRAINER_LOG_DIR"


def log_dir() -> Path:
    explicit = os.environ.get(LOG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir("pitch-trainer", appauthor=False))


def write_crash_log(error: BaseException, context: str = "") -> Path | None:
    """Write ``error`` with its traceback to a new log file; returns its path, or None if nothing could be written.

    Falls back to the system's temporary folder when the log folder cannot be created; never raises, because
    it runs while the program is already failing.
    """
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    text = f"Pitch Trainer crash report, {stamp}\n{context}\n\n{details}"
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.log"
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text)
            return path
        except OSError:
            continue
    return None


def crash_message(error: BaseException, path: Path | None) -> str:
    """One line for the person: what happened, where the details are, what to do."""
    where = f"the details are in {path}" if path else "the details could not be written to a log file"
    kind = type(error).__name__
    return (
        f"Pitch Trainer stopped after an unexpected error ({kind}); {where}. Your saved practice is safe. "
        "Please send that file with a report of what you were doing."
    )
