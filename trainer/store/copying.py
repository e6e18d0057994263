"""Moving a practice history from one database to another (a rep's SQLite file into the team's PostgreSQL).

Copying is idempotent: run it twice, or copy a history that was partly copied before, and nothing lands twice.
Attempts have no identity shared between databases (each numbers its own rows), so an attempt is recognised by
what it records — rep, item, when it started (to the microsecond), score, source and session. Several laptops'
files can be copied into one team database; a rep practised on two of them keeps both histories, and the card of
an item practised in both is replayed from all its attempts rather than taken from one side.

Everything is copied in one transaction on the target: an interrupted copy leaves the target as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .dialect import Connection
from .sql_store import SqlStore

_ATTEMPT_FIELDS = (
    "rep, kind, item_id, product, cut, version, content_hash, started_at, duration_seconds, score, tier, breakdown, "
    "attempt_text, rating, source, session_id, medium, transcript, audio_path, mode, item_key"
)
_IDENTITY = "rep, item_key, started_at, score, source, session_id"
_CARD_FIELDS = "rep, item_key, card, content_hash, due_at, updated_at"
_SESSION_FIELDS = "id, name, started_at, updated_at, record"
_ASSIGNMENT_FIELDS = "rep, item_key, due, min_score, team, assigned_by, assigned_at"
_PARTIAL_FIELDS = "rep, item_key, mode, version, started_at, score, breakdown, attempt_text"
_PARAMETER_FIELDS = "rep, parameters, fitted_at, reviews, loss_before, loss_after"
_PEER_RATING_FIELDS = "session_id, turn, reviewer, criterion, rep, score, rated_at"

TABLES = (
    "reps", "attempts", "cards", "sessions", "assignments", "partial_attempts", "schedule_parameters",
    "peer_ratings",
)


@dataclass
class CopyReport:
    """Rows copied, and rows found already there, per table."""

    copied: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    present: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    replayed_cards: int = 0


def _identity(row: tuple[Any, ...]) -> tuple[Any, ...]:
    rep, item_key, started_at, score, source, session_id = row
    return (rep, item_key, started_at, round(float(score), 1), source, session_id)


def copy_history(source: SqlStore, target: SqlStore) -> CopyReport:
    """Copy every rep, attempt, card, session, assignment, partial recitation, fitted schedule and peer rating
    of ``source`` that ``target`` does not have yet."""
    with source._read() as db:
        reps = db.execute("SELECT name, created_at FROM reps ORDER BY name").fetchall()
        fields = _ATTEMPT_FIELDS.split(", ")
        at = {name: position for position, name in enumerate(fields)}
        attempts = db.execute(f"SELECT {_ATTEMPT_FIELDS} FROM attempts ORDER BY id").fetchall()
        cards = db.execute(f"SELECT {_CARD_FIELDS} FROM cards ORDER BY rep, item_key").fetchall()
        sessions = db.execute(f"SELECT {_SESSION_FIELDS} FROM sessions ORDER BY id").fetchall()
        assignments = db.execute(f"SELECT {_ASSIGNMENT_FIELDS} FROM assignments ORDER BY rep, item_key").fetchall()
        partials = db.execute(f"SELECT {_PARTIAL_FIELDS} FROM partial_attempts ORDER BY id").fetchall()
        fitted = db.execute(f"SELECT {_PARAMETER_FIELDS} FROM schedule_parameters ORDER BY rep").fetchall()
        ratings = db.execute(
            f"SELECT {_PEER_RATING_FIELDS} FROM peer_ratings ORDER BY session_id, turn, reviewer, criterion"
        ).fetchall()

    report = CopyReport()
    with target._write() as db:
        db.lock("trainer-copy")  # two copies at once would each see the other's rows as missing
        for row in reps:
            _insert_new(db, "reps", "name, created_at", tuple(row), report)
        # A rep's fitted schedule travels with their history, before any card is replayed below (a replay uses
        # it); where the target has a fit of its own already, the target's stands, as for assignments.
        for row in fitted:
            _insert_new(db, "schedule_parameters", _PARAMETER_FIELDS, tuple(row), report)

        had_attempts = {(row[0], row[1]) for row in db.execute("SELECT DISTINCT rep, item_key FROM attempts")}
        picks = [at[name] for name in _IDENTITY.split(", ")]
        copied = _copy_unseen(
            db, "attempts", _ATTEMPT_FIELDS, attempts, report,
            existing=(_identity(tuple(row)) for row in db.execute(f"SELECT {_IDENTITY} FROM attempts")),
            identity=lambda row: _identity(tuple(row[k] for k in picks)),
        )
        touched = {(row[at["rep"]], row[at["item_key"]]) for row in copied}

        for row in cards:
            inserted = _insert_new(db, "cards", _CARD_FIELDS, tuple(row), report)
            key = (row[0], row[1])
            if not inserted and key in touched and key in had_attempts:
                db.lock(f"card:{key[0]}:{key[1]}")
                target._rebuild_card(db, *key)  # practised in both: the card all its attempts earn
                report.replayed_cards += 1

        for row in sessions:
            _insert_new(db, "sessions", _SESSION_FIELDS, tuple(row), report)
        for row in assignments:  # one per rep and item: where the target has one already, the target's stands
            _insert_new(db, "assignments", _ASSIGNMENT_FIELDS, tuple(row), report)

        # Partial recitations, like attempts, are recognised by what they record (rep, item, start, mode, score).
        _copy_unseen(
            db, "partial_attempts", _PARTIAL_FIELDS, partials, report,
            existing=(
                (r[0], r[1], r[2], r[3], round(float(r[4]), 1))
                for r in db.execute("SELECT rep, item_key, started_at, mode, score FROM partial_attempts")
            ),
            identity=lambda r: (r[0], r[1], r[4], r[2], round(float(r[5]), 1)),
        )
        for row in ratings:  # keyed by session, turn, reviewer and criterion: where the target rated, it stands
            _insert_new(db, "peer_ratings", _PEER_RATING_FIELDS, tuple(row), report)
    return report


def _copy_unseen(
    db: Connection,
    table: str,
    columns: str,
    rows: Sequence[Sequence[Any]],
    report: CopyReport,
    *,
    existing: Iterable[tuple[Any, ...]],
    identity: Callable[[Sequence[Any]], tuple[Any, ...]],
) -> list[Sequence[Any]]:
    """Insert the rows (of a table without a shared key) whose identity the target does not have as often yet;
    returns the rows inserted. Counting identities keeps two equal rows on one side both copied, once."""
    seen = Counter(existing)
    marks = ", ".join("?" for _ in columns.split(", "))
    inserted = []
    for row in rows:
        key = identity(row)
        if seen[key] > 0:
            seen[key] -= 1
            report.present[table] += 1
            continue
        db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row))
        report.copied[table] += 1
        inserted.append(row)
    return inserted


def _insert_new(db: Connection, table: str, columns: str, row: tuple[Any, ...], report: CopyReport) -> bool:
    """Insert a row unless its key is already there; counts which it was."""
    marks = ", ".join("?" for _ in row)
    first = columns.split(", ")[0]
    inserted = db.execute(
        f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks}) RETURNING {first}", row
    ).fetchone()
    (report.copied if inserted is not None else report.present)[table] += 1
    return inserted is not None
