"""What can go wrong with the practice database, as one family of user errors.

``sqlite3`` errors say what SQLite saw ("attempt to write a readonly database", "file is not a database");
a rep needs to know which file, what happened and what to do about it. Every error that leaves
:class:`~trainer.store.database.PracticeStore` is a :class:`StoreError` built here, so the CLI prints one
line and the app shows one notice — never a traceback. The kind (a subclass) lets a caller react to one
case, e.g. an app that keeps running on a read-only database but stops on a damaged one.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Where = Path | str
"""A SQLite file's path, or a server database's URL with its password left out."""

# SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
_SQLITE_ERROR = 1
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_TOOBIG = 18
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """The practice database cannot be used; the message says which file, why, and what to do."""


class StoreReadOnly(StoreError):
    """The file or its folder cannot be written: reading works, saving does not."""


class StoreFull(StoreError):
    """The disk is full or the file reached a size limit: nothing new can be saved."""


class StoreDamaged(StoreError):
    """The file is not a database, is truncated, or lost part of its structure (a table dropped)."""


class StoreTooNew(StoreError):
    """The file was written by a newer Pitch Trainer; refusing to touch it protects its history."""


class StoreBusy(StoreError):
    """Another process held the database locked for longer than the busy timeout."""


class StoreUnavailable(StoreError):
    """The file cannot be opened or created at all (a missing or unwritable folder, an I/O error)."""


def read_only(path: Where) -> StoreReadOnly:
    return StoreReadOnly(
        f"the practice database is read-only: {path} — check the permissions of the file and its folder, "
        "or use --db to choose another file"
    )


def full(path: Where, detail: str) -> StoreFull:
    return StoreFull(
        f"the practice database cannot grow ({detail}): {path} — free some disk space or raise the file-size "
        "limit, or use --db to choose a file on another disk"
    )


def damaged(path: Where, detail: str) -> StoreDamaged:
    return StoreDamaged(
        f"the practice database {path} is damaged ({detail}): keep the file, start a new one with --db NEW, "
        f"and `trainer export --db {path} --format json` what is still readable"
    )


def too_new(path: Where, found: int, understood: int) -> StoreTooNew:
    return StoreTooNew(
        f"the practice database {path} has schema version {found}, newer than this Pitch Trainer understands "
        f"({understood}): upgrade Pitch Trainer to use it, or use --db to choose another file"
    )


def busy(path: Where) -> StoreBusy:
    return StoreBusy(
        f"the practice database is locked by another program: {path} — close other Pitch Trainer windows "
        "using it and try again"
    )


def unavailable(path: Where, detail: str) -> StoreUnavailable:
    return StoreUnavailable(
        f"cannot open the practice database {path} ({detail}) — check that its folder exists and can be "
        "written, or use --db to choose another file"
    )


def translate(error: sqlite3.Error | OSError, path: Where) -> StoreError:
    """The user error for a low-level failure on the database at ``path``."""
    if isinstance(error, OSError):
        code = error.errno
        detail = error.strerror or str(error)
        if code in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(path)
        if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return full(path, detail.lower())
        return unavailable(path, detail)
    primary = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    detail = str(error)
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return read_only(path)
    if primary in (_SQLITE_FULL, _SQLITE_TOOBIG) or "disk is full" in detail:
        return full(path, detail)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in detail:
        return damaged(path, detail)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return busy(path)
    if primary == _SQLITE_ERROR and detail.startswith(("no such table", "no such column", "table ")):
        return damaged(path, detail)
    if primary == _SQLITE_CANTOPEN:
        return unavailable(path, detail)
    if primary == _SQLITE_IOERR:
        # A write cut short by a file-size limit or a full disk surfaces as an I/O error on some systems.
        return full(path, detail) if "write" in detail or "disk" in detail else unavailable(path, detail)
    return unavailable(path, detail)


@contextmanager
def store_errors(path: Where) -> Iterator[None]:
    """Turn any ``sqlite3`` or file-system error raised inside into the :class:`StoreError` for ``path``."""
    try:
        yield
    except StoreError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, path) from exc


# PostgreSQL reports what went wrong as a SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_READ_ONLY = ("25006",)  # read_only_sql_transaction: a standby, or default_transaction_read_only
_PG_NO_PERMISSION = ("42501",)  # insufficient_privilege
_PG_FULL = ("53100", "54000")  # disk_full, program_limit_exceeded
_PG_DAMAGED = ("42P01", "42703", "XX001", "XX002")  # undefined table or column, data or index corrupted
_PG_BUSY = ("40001", "40P01", "55P03", "57014")  # serialization failure, deadlock, lock not available, timeout


def server_unavailable(url: str, detail: str) -> StoreUnavailable:
    return StoreUnavailable(
        f"cannot use the practice database {url} ({detail}) — check that the server is running and that the "
        "URL's host, port, database, user and password are right (TRAINER_DB or --db)"
    )


def server_no_permission(url: str, detail: str) -> StoreReadOnly:
    return StoreReadOnly(
        f"the practice database {url} refused a change ({detail}) — the database user needs the right to "
        "create tables and write rows in it; ask its administrator"
    )


def translate_postgres(error: Any, url: str) -> StoreError:
    """The user error for a psycopg (PostgreSQL) failure on the database at ``url`` (its password left out).

    psycopg is an optional dependency, so errors are told apart by their SQLSTATE, not by their classes; an
    error without one (a refused connection, a pool that found no free connection in time) means the server
    could not be reached.
    """
    state = getattr(error, "sqlstate", None) or ""
    detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if state in _PG_READ_ONLY:
        return read_only(url)
    if state in _PG_NO_PERMISSION:
        return server_no_permission(url, detail)
    if state in _PG_FULL:
        return full(url, detail)
    if state in _PG_DAMAGED:
        return damaged(url, detail)
    if state in _PG_BUSY:
        return busy(url)
    return server_unavailable(url, detail)
