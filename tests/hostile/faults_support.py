"""Running the real ``trainer`` program in a subprocess, as a rep would, with faults a test arranges."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from trainer.store import NewAttempt, PracticeStore

REPO = Path(__file__).resolve().parents[2]

# Root ignores file permissions; without these capabilities it obeys them like any rep does.
_DROP_ROOT_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def trainer_command(*args: str, obey_permissions: bool = False) -> list[str]:
    """``python -m trainer ARGS``; ``obey_permissions`` makes root respect read-only files (or skips the test)."""
    command = [sys.executable, "-m", "trainer", *args]
    if obey_permissions and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file permissions cannot be made to apply")
        return [*_DROP_ROOT_OVERRIDES, *command]
    return command


def run_trainer(
    *args: str,
    obey_permissions: bool = False,
    preexec_fn: Callable[[], None] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        trainer_command(*args, obey_permissions=obey_permissions),
        cwd=REPO,
        stdin=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        preexec_fn=preexec_fn,
        env=env,
        timeout=timeout,
    )


def one_error_line(stderr: str) -> str:
    """The single line a failure must print; fails the test on a traceback or anything more."""
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    return lines[0]


def practice_database(path: Path, attempts: int = 1, text: str = "word " * 50) -> Path:
    """A real practice database with ``attempts`` attempts at the fixture library's pitch, closed."""
    with PracticeStore(path) as store:
        for n in range(attempts):
            store.record(
                NewAttempt(rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s",
                           score=float(n % 100), tier="Bronze", attempt_text=text)
            )
    return path


def count_attempts(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])


def score_and_save(library: Path, db: Path, attempt: Path) -> Sequence[str]:
    return ("score", "--pitch", "acme-core", "--cut", "30s", str(attempt), "--save", "--db", str(db),
            "--library", str(library))
