"""A practice database that cannot be written or read ends as one line saying what to do, and loses nothing.

Each case is a real SQLite file in a real fault state (read-only, full, damaged, edited, from the future),
used by the real ``trainer`` program in a subprocess; the core is also checked directly, so the app and
the CLI get the same family of errors.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from faults_support import count_attempts, one_error_line, practice_database, run_trainer, score_and_save
from fixture_library import LibraryFactory

from trainer.store import PracticeStore
from trainer.store.errors import StoreBusy, StoreDamaged, StoreError, StoreTooNew

ATTEMPT = "Broken widgets stop your line for hours. Can we run a trial on your worst line?"


@pytest.fixture
def attempt_file(tmp_path: Path) -> Path:
    path = tmp_path / "attempt.txt"
    path.write_text(ATTEMPT, encoding="utf-8")
    return path


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _truncated(path: Path) -> None:
    practice_database(path, attempts=300, text="word " * 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _table_dropped(path: Path) -> None:
    practice_database(path)
    with closing(sqlite3.connect(path)) as db:  # closed: the change is in the file itself, not its WAL
        db.execute("DROP TABLE cards")


def _newer_schema(path: Path) -> None:
    practice_database(path)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")


BROKEN = {"garbage": _garbage, "truncated": _truncated, "table dropped": _table_dropped}


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_a_damaged_database_says_how_to_recover_and_is_left_as_it_was(
    breakage: str, tmp_path: Path, make_library: LibraryFactory, attempt_file: Path
) -> None:
    db = tmp_path / "p.sqlite3"
    BROKEN[breakage](db)
    before = db.read_bytes()
    for args in (("history", "--all-reps", "--db", str(db)), score_and_save(make_library(), db, attempt_file)):
        result = run_trainer(*args)
        line = one_error_line(result.stderr)
        assert result.returncode == 1
        assert f"the practice database {db} is damaged" in line
        assert "keep the file, start a new one with --db NEW" in line and "trainer export" in line
    assert db.read_bytes() == before  # nothing written into a file someone may still recover


def test_a_database_from_a_newer_trainer_is_refused_untouched(
    tmp_path: Path, make_library: LibraryFactory, attempt_file: Path
) -> None:
    db = tmp_path / "p.sqlite3"
    _newer_schema(db)
    before = db.read_bytes()
    result = run_trainer(*score_and_save(make_library(), db, attempt_file))
    line = one_error_line(result.stderr)
    assert result.returncode == 1
    assert f"{db} has schema version 99" in line and "upgrade Pitch Trainer" in line
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("breakage", "kind"), [("garbage", StoreDamaged), ("truncated", StoreDamaged), ("table dropped", StoreDamaged)]
)
def test_the_core_raises_one_family_of_errors(breakage: str, kind: type[StoreError], tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    BROKEN[breakage](db)
    # A truncated file may open; reading it must then fail the same way.
    with pytest.raises(kind, match="is damaged"), PracticeStore(db) as store:
        store.attempts()


def test_the_core_refuses_a_newer_schema_with_its_own_kind(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    _newer_schema(db)
    with pytest.raises(StoreTooNew, match="upgrade Pitch Trainer"):
        PracticeStore(db)


def test_a_read_only_database_file_still_shows_history_and_refuses_to_save(
    tmp_path: Path, make_library: LibraryFactory, attempt_file: Path
) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)

    saved = run_trainer(*score_and_save(make_library(), db, attempt_file), obey_permissions=True)
    line = one_error_line(saved.stderr)
    assert saved.returncode == 1
    assert line == (
        f"Error: the attempt was not saved: the practice database is read-only: {db} — check the permissions "
        "of the file and its folder, or use --db to choose another file"
    )
    history = run_trainer("history", "--all-reps", "--db", str(db), obey_permissions=True)
    assert history.returncode == 0 and "acme-core" in history.stdout, history.stderr
    db.chmod(0o644)
    assert count_attempts(db) == 1


def test_a_database_in_a_read_only_folder_refuses_to_save(
    tmp_path: Path, make_library: LibraryFactory, attempt_file: Path
) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    db = practice_database(folder / "p.sqlite3")
    library = make_library()
    folder.chmod(0o555)
    try:
        result = run_trainer(*score_and_save(library, db, attempt_file), obey_permissions=True)
    finally:
        folder.chmod(0o755)
    line = one_error_line(result.stderr)
    assert result.returncode == 1
    assert line.startswith("Error: the attempt was not saved: ") and str(db) in line
    assert "read-only" in line or "check that its folder exists and can be written" in line
    assert count_attempts(db) == 1


def _file_size_limit(limit: int) -> None:
    """In the child: a file-size limit just above the database, with SIGXFSZ ignored so writes fail with EFBIG."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_tells_the_rep_the_attempt_was_not_saved(
    tmp_path: Path, make_library: LibraryFactory
) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    size = db.stat().st_size
    attempt = tmp_path / "long.txt"
    attempt.write_text("Broken widgets stop your line for hours. " * 3000, encoding="utf-8")  # ~120 kB to write
    library = make_library()

    result = run_trainer(*score_and_save(library, db, attempt), preexec_fn=lambda: _file_size_limit(size + 4096))

    line = one_error_line(result.stderr)
    assert result.returncode == 1
    assert line.startswith("Error: the attempt was not saved: the practice database cannot grow")
    assert str(db) in line and "free some disk space" in line
    assert count_attempts(db) == 1
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not os.path.exists(f"{db}-journal")


def test_a_database_locked_by_another_program_is_reported_as_busy(tmp_path: Path) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    with closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another program holding the write lock
        with PracticeStore(db, busy_timeout_ms=200) as store, pytest.raises(StoreBusy) as caught:
            store.add_rep("bob")
        other.execute("ROLLBACK")
    assert str(caught.value) == (
        f"the practice database is locked by another program: {db} — close other Pitch Trainer windows using it "
        "and try again"
    )
