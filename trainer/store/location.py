"""Which practice database to open: ``--db`` or ``$TRAINER_DB`` as a SQLite path or a PostgreSQL URL.

SQLite stays the embedded default (a file in the user data folder); ``postgresql://user@host/dbname`` (or
``postgres://``) opens the team's server database instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from .database import DB_ENV, PracticeStore, default_db_path
from .interface import Store
from .postgres import PostgresStore, is_postgres_url

Target = Path | str
"""A SQLite file's path, or a PostgreSQL URL."""


def default_target() -> Target:
    """``$TRAINER_DB`` (a path or a URL), else the SQLite file in the user data folder."""
    explicit = os.environ.get(DB_ENV, "").strip()
    if is_postgres_url(explicit):
        return explicit
    return default_db_path()


def resolve_target(target: Target | None) -> Target:
    """A URL stays a string; anything else is a file path (``~`` expanded)."""
    if target is None:
        return default_target()
    if is_postgres_url(str(target)):
        return str(target).strip()
    return Path(target).expanduser()


def open_store(target: Target | None = None) -> Store:
    """Open (creating and migrating as needed) the practice database ``target`` names; a StoreError if not."""
    resolved = resolve_target(target)
    if isinstance(resolved, str):
        return PostgresStore(resolved)
    return PracticeStore(resolved)
