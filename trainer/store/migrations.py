"""The database schema, as an ordered list of migrations; ``PRAGMA user_version`` records how many ran.

Never edit a migration that has shipped: append a new one. Each runs in one transaction, so an upgrade
either completes or leaves the database as it was.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: the first schema — attempts only.
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        rep TEXT NOT NULL,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        product TEXT NOT NULL,
        cut TEXT,
        version INTEGER,
        content_hash TEXT,
        started_at TEXT NOT NULL,
        duration_seconds REAL,
        score REAL NOT NULL,
        tier TEXT NOT NULL,
        breakdown TEXT NOT NULL,
        attempt_text TEXT NOT NULL
    );
    CREATE INDEX attempts_by_rep_item ON attempts (rep, kind, item_id, cut);
    """,
    # 2: spaced repetition cards, self-ratings, named reps, and where an attempt came from.
    """
    CREATE TABLE reps (
        name TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    INSERT OR IGNORE INTO reps (name, created_at)
        SELECT rep, MIN(started_at) FROM attempts GROUP BY rep;
    CREATE TABLE cards (
        rep TEXT NOT NULL,
        item_key TEXT NOT NULL,
        card TEXT NOT NULL,
        content_hash TEXT,
        due_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (rep, item_key)
    );
    CREATE INDEX cards_by_due ON cards (rep, due_at);
    ALTER TABLE attempts ADD COLUMN rating INTEGER;
    ALTER TABLE attempts ADD COLUMN source TEXT NOT NULL DEFAULT 'app';
    ALTER TABLE attempts ADD COLUMN session_id TEXT;
    CREATE INDEX attempts_by_time ON attempts (started_at);
    """,
    # 3: team practice sessions (the turns themselves are attempts tagged with the session id).
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX attempts_by_session ON attempts (session_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class DatabaseTooNew(Exception):
    """The file was written by a newer Pitch Trainer; refusing to touch it protects its history."""


def check_version(connection: sqlite3.Connection) -> int:
    """The schema version of the file; refuse one written by a newer Pitch Trainer."""
    found = connection.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"this practice database has schema version {found}, newer than this Pitch Trainer "
            f"understands ({SCHEMA_VERSION}); upgrade Pitch Trainer to use it"
        )
    return found


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target``; returns the version found before migrating."""
    found = check_version(connection)
    for number in range(found, target):
        statements = [s.strip() for s in MIGRATIONS[number].split(";") if s.strip()]
        connection.execute("BEGIN IMMEDIATE")
        try:
            current = connection.execute("PRAGMA user_version").fetchone()[0]
            if current > number:  # another process migrated while we waited for the lock
                connection.execute("ROLLBACK")
                continue
            for statement in statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return found
