"""Where a real run of the app writes, and where a test run writes instead (see ``conftest.private_user_folders``)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "pitch-trainer"

# Computed at import, before any test patches the environment: these are the folders a real run would use.
REAL_USER_FOLDERS: tuple[Path, ...] = tuple(
    Path(folder(APP_NAME, appauthor=False))
    for folder in (
        platformdirs.user_data_dir,
        platformdirs.user_config_dir,
        platformdirs.user_state_dir,
        platformdirs.user_log_dir,
        platformdirs.user_cache_dir,
    )
)

Listing = dict[str, tuple[int, int]]


def listing(folders: tuple[Path, ...]) -> Listing:
    """Every path under ``folders`` (the folders included) with its size and modification time."""
    found: Listing = {}
    for root in folders:
        if not root.exists():
            continue
        for path in [root, *root.rglob("*")]:
            try:
                info = path.lstat()
            except OSError:  # removed while we looked: nothing of ours
                continue
            found[str(path)] = (info.st_size, info.st_mtime_ns)
    return found


# Environment variables that decide where the app and its tools write; all point into the test's tmp folder.
USER_FOLDER_VARIABLES = {
    "HOME": "home",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_STATE_HOME": "home/.local/state",
    "XDG_CACHE_HOME": "home/.cache",
    "TRAINER_DB": "data/practice.sqlite3",
    "TRAINER_CONFIG_DIR": "config",
    "TRAINER_LOG_DIR": "logs",
    "TMUX_TMPDIR": "tmux",
}
