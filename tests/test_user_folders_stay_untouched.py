"""Tests write only into temporary folders: the practice database, preferences and crash logs a test (or a
process it starts) would use all live under pytest's temporary folder, never in the developer's own folders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from user_folders import REAL_USER_FOLDERS

from trainer.crash_report import log_dir
from trainer.preferences import config_dir
from trainer.store.database import default_db_path

WHERE_A_CHILD_WRITES = """
import json, platformdirs
from trainer.crash_report import log_dir
from trainer.preferences import config_dir
from trainer.store.database import default_db_path
print(json.dumps([str(default_db_path()), str(config_dir()), str(log_dir()),
                  platformdirs.user_data_dir("pitch-trainer", appauthor=False),
                  platformdirs.user_config_dir("pitch-trainer", appauthor=False)]))
"""


def test_the_app_folders_are_inside_the_tmp_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    for path in (default_db_path(), config_dir(), log_dir()):
        assert path.is_relative_to(tmp_path_factory.getbasetemp()), path


def test_a_process_started_by_a_test_writes_inside_the_tmp_folder_too(tmp_path_factory: pytest.TempPathFactory) -> None:
    result = subprocess.run(
        [sys.executable, "-c", WHERE_A_CHILD_WRITES], capture_output=True, text=True, timeout=60, check=True
    )
    for path in json.loads(result.stdout):
        assert Path(path).is_relative_to(tmp_path_factory.getbasetemp()), path


def test_the_guarded_folders_are_the_real_ones_not_the_patched_ones(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The session guard must watch the folders a real run uses, computed before any test patched HOME."""
    assert REAL_USER_FOLDERS
    for folder in REAL_USER_FOLDERS:
        assert not folder.is_relative_to(tmp_path_factory.getbasetemp()), folder
