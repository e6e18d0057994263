"""The rep's own settings (the theme, the review queue's daily limit and holiday pause), kept in a small JSON
file that can never break the app.

The file lives in ``platformdirs.user_config_dir("pitch-trainer")``, or in ``$TRAINER_CONFIG_DIR`` when set
(tests point it at a temporary folder). It is written atomically; a missing, unreadable or corrupt file
reads as the defaults, and unknown keys are ignored, so an older or newer app can share it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

ENV_VAR = "TRAINER_CONFIG_DIR"
FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    theme: str | None = None  # a Textual theme name; None means the app's default
    review_limit: int = 50  # the most reviews "Review all due" hands a rep in one day (Anki's default is 200/day)
    review_paused_until: str | None = None  # YYYY-MM-DD: on holiday, nothing is handed out through that day


MAX_REVIEW_LIMIT = 10_000


def _valid(name: str, value: Any) -> bool:
    """Whether a value read from the file fits the field (a hand-edited file must not break the app)."""
    if name == "review_limit":
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_REVIEW_LIMIT
    if name == "review_paused_until":
        if value is None:
            return True
        try:
            return isinstance(value, str) and bool(dt.date.fromisoformat(value))
        except ValueError:
            return False
    return value is None or isinstance(value, str)


def config_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("pitch-trainer"))


def preferences_path(directory: Path | None = None) -> Path:
    return (directory or config_dir()) / FILE_NAME


def load_preferences(directory: Path | None = None) -> Preferences:
    """The saved preferences, or the defaults when there are none or they cannot be read."""
    try:
        data: Any = json.loads(preferences_path(directory).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    known = {f.name for f in fields(Preferences)}
    values = {k: v for k, v in data.items() if k in known and _valid(k, v)}
    return Preferences(**values)


def save_preferences(preferences: Preferences, directory: Path | None = None) -> bool:
    """Write atomically; False (and nothing changed on disk) when the folder cannot be written."""
    from .library.files import write_atomic

    path = preferences_path(directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(preferences), indent=2) + "\n")
    except OSError:
        return False
    return True


def update_preferences(directory: Path | None = None, **changes: Any) -> Preferences:
    """Load, change, save, return: the one call the app makes when a setting changes."""
    updated = replace(load_preferences(directory), **changes)
    save_preferences(updated, directory)
    return updated
