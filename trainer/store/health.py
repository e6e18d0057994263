"""What `trainer db check` looks for in a practice database, on SQLite and PostgreSQL alike.

Opening a store already refuses a database that is too new or misses a table; this goes through the rows a
damaged file or a hand edit would break: the database's own integrity check (SQLite), attempts without an item
key, and breakdowns, cards or sessions whose JSON no longer reads.
"""

from __future__ import annotations

import json

from .sql_store import SqlStore


def problems(store: SqlStore, *, limit: int = 20) -> list[str]:
    """Up to ``limit`` problems found, each one line; empty when the database is sound."""
    found: list[str] = []
    with store._read() as db:
        found.extend(db.integrity_problems())
        missing = db.execute("SELECT COUNT(*) FROM attempts WHERE item_key IS NULL").fetchone()[0]
        if missing:
            found.append(f"{missing} attempt(s) without an item key")
        checks = (
            ("attempt", "SELECT id, breakdown FROM attempts"),
            ("card", "SELECT rep || ' ' || item_key, card FROM cards"),
            ("session", "SELECT id, record FROM sessions"),
        )
        for what, sql in checks:
            for name, text in db.execute(sql):
                try:
                    json.loads(text)
                except (TypeError, ValueError):
                    found.append(f"{what} {name}: its JSON does not read")
                    if len(found) >= limit:
                        return found
    return found[:limit]
