"""The practice store: a SQLite file in the user's data folder that never loses a committed attempt.

Durability choices: WAL journal (readers never block the writer; a killed process leaves a database that
opens with every committed transaction), a busy timeout so two processes writing at once both succeed,
``BEGIN IMMEDIATE`` for every write so a transaction never fails half-way for a lock, and one
transaction per attempt that also updates its spaced-repetition card.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import errors
from .dialect import SQLITE, Connection
from .errors import StoreError, store_errors
from .migrations import SCHEMA_VERSION, TABLES, DatabaseTooNew, check_version, migrate
from .sql_store import ScheduledItem, SqlStore

__all__ = ["DB_ENV", "REP_ENV", "PracticeStore", "ScheduledItem", "StoreError", "default_db_path", "default_rep"]

DB_ENV = "TRAINER_DB"
REP_ENV = "TRAINER_REP"
BUSY_TIMEOUT_MS = 15_000


def default_db_path() -> Path:
    """``$TRAINER_DB``, else ``practice.sqlite3`` in the platform's user data folder.

    A PostgreSQL URL in ``$TRAINER_DB`` is not a file: :func:`~trainer.store.location.open_store` opens it,
    and here it is refused rather than created as a folder named ``postgresql:``.
    """
    explicit = os.environ.get(DB_ENV, "").strip()
    if explicit.lower().startswith(("postgresql://", "postgres://")):
        raise errors.StoreUnavailable(f"{DB_ENV} names a PostgreSQL database, not a SQLite file")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("pitch-trainer", appauthor=False)) / "practice.sqlite3"


def default_rep() -> str:
    """``$TRAINER_REP``, else the operating-system user name."""
    name = os.environ.get(REP_ENV)
    if name:
        return name
    try:
        return getpass.getuser() or "rep"
    except (KeyError, OSError):
        return "rep"


class PracticeStore(SqlStore):
    """Thread-safe access to one practice database file (SQLite, the embedded default)."""

    def __init__(self, path: Path | str | None = None, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        """Open (creating and migrating as needed) the database at ``path``; raises a StoreError saying why not.

        ``busy_timeout_ms``: how long to wait for another process's write before giving up (StoreBusy).
        """
        self.path = Path(path) if path is not None else default_db_path()
        self._busy_timeout_ms = int(busy_timeout_ms)
        self.location = str(self.path)
        self._lock = threading.RLock()
        with store_errors(self.path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=self._busy_timeout_ms / 1000
            )
        try:
            with store_errors(self.path):
                self._connection = Connection(self._db, SQLITE)
                self._open()
        except BaseException:
            self._db.close()
            raise

    def _open(self) -> None:
        """Check the file is ours and current, then migrate it; refuses (StoreError) before writing a byte."""
        self._db.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
        try:
            found = check_version(self._connection)  # before anything below may write to a file we must not touch
        except DatabaseTooNew as exc:
            raise errors.too_new(self.path, exc.found, SCHEMA_VERSION) from None
        if found:
            self._check_tables()
        if found < SCHEMA_VERSION or self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            # Both write to the file: a current database on a read-only disk is still opened for reading.
            self._db.execute("PRAGMA journal_mode = WAL")
            migrate(self._connection)
        self._db.execute("PRAGMA synchronous = NORMAL")

    def _check_tables(self) -> None:
        """A table missing from a database that has a schema version means the file was damaged or edited."""
        names = self._connection.table_names()
        expected = TABLES if check_version(self._connection) >= SCHEMA_VERSION else ("attempts",)
        missing = [name for name in expected if name not in names]
        if missing:
            raise errors.damaged(self.path, f"table {', '.join(missing)} missing")

    @property
    def recordings_beside(self) -> Path:
        """Spoken attempts' recordings live in a folder beside the database file."""
        return self.path

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> PracticeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self, *, batched: bool = False) -> Iterator[Connection]:
        """One transaction: committed whole when the block ends, rolled back whole on any error or interrupt.

        ``batched`` changes nothing here: SQLite runs in this process, with no round trips to save.
        """
        with self._lock, store_errors(self.path):
            db = self._connection
            db.begin()  # BEGIN IMMEDIATE: the write lock now, so the transaction never fails half-way for it
            try:
                yield db
            except BaseException:
                db.rollback()  # unless SQLite already rolled back (a full disk, an I/O error)
                raise
            try:
                db.commit()
            except BaseException:
                db.rollback()
                raise

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """The connection for queries, with failures (a damaged file, a lock held too long) as StoreErrors."""
        with self._lock, store_errors(self.path):
            yield self._connection
