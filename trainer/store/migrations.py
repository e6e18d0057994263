"""The database schema, as an ordered list of migrations, one list for SQLite and PostgreSQL alike.

The database records how many ran (SQLite's ``PRAGMA user_version``, PostgreSQL's ``trainer_schema`` table).
Never edit a migration that has shipped: append a new one. Each runs in one transaction, so an upgrade
either completes or leaves the database as it was. A migration is SQL, or a function for data that SQL
cannot compute (spaced-repetition cards).

Writing a migration that works on both databases (see :mod:`trainer.store.dialect`): plain SQL statements
separated by ``;``, in SQLite's words — ``TEXT``, ``INTEGER``, ``REAL``, ``INTEGER PRIMARY KEY`` for a row id,
``INSERT OR IGNORE``, ``CREATE TABLE``/``CREATE INDEX``/``ALTER TABLE ... ADD COLUMN``; timestamps as ISO-8601
text. No ``PRAGMA``, no ``AUTOINCREMENT``, no SQLite-only functions (``datetime()``, ``strftime()``), no
``%`` and no ``;`` inside a string. A Python function receives a :class:`~trainer.store.dialect.Connection`
whose ``execute(sql, params)`` takes the same SQL with ``?`` placeholders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .dialect import Connection, statements
from .scheduling import new_card, rating_for_score, replay, save_card


def _schedule_unscheduled_attempts(connection: Connection) -> None:
    """Give a card to every item a rep practised without getting one.

    Before schema 4, objections answered in a role-play scenario were stored without a card, so one a rep had
    just failed showed as "new" in ``trainer due`` and as done in the team view. Replaying those attempts in
    order (their rating, else the one their score earns) gives the card they should have had.
    """
    rows = connection.execute(
        "SELECT a.rep, a.item_key, a.score, a.rating, a.started_at, a.content_hash FROM attempts a "
        "WHERE a.kind IN ('pitch', 'objection', 'drill') AND NOT EXISTS "
        "(SELECT 1 FROM cards c WHERE c.rep = a.rep AND c.item_key = a.item_key) "
        "ORDER BY a.rep, a.item_key, a.started_at, a.id"
    ).fetchall()
    reviews: dict[tuple[str, str], list[tuple[int, dt.datetime, str | None]]] = {}
    for rep, key, score, rating, started_at, content_hash in rows:
        when = dt.datetime.fromisoformat(started_at)
        reviews.setdefault((rep, key), []).append((rating or rating_for_score(score), when, content_hash))
    for (rep, key), item_reviews in reviews.items():
        save_card(connection, rep, key, *(replay(item_reviews) or (new_card(), None)))


Migration = str | Callable[[Connection], None]

MIGRATIONS: list[Migration] = [
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
    # 4: one item identity. Every attempt carries the key its card has (kind:product:id[:cut]), so the store
    # selects an item's attempts by the same key everywhere, and ids shared by two products never mix.
    """
    ALTER TABLE attempts ADD COLUMN item_key TEXT;
    UPDATE attempts SET item_key = kind || ':' || product || ':' || item_id
        || CASE WHEN cut IS NULL OR cut = '' THEN '' ELSE ':' || cut END;
    CREATE INDEX attempts_by_rep_key ON attempts (rep, item_key);
    """,
    # 5: cards for the objections answered in scenarios, which earlier versions stored without one.
    _schedule_unscheduled_attempts,
    # 6: spoken attempts. ``medium`` says how the attempt was given (typed or spoken; ``source`` already names
    # the program that recorded it); a spoken one keeps what the recognizer heard and where its recording is.
    """
    ALTER TABLE attempts ADD COLUMN medium TEXT NOT NULL DEFAULT 'typed';
    ALTER TABLE attempts ADD COLUMN transcript TEXT;
    ALTER TABLE attempts ADD COLUMN audio_path TEXT;
    """,
    # 7: assignments. One row per rep and item: assigning the same item again moves its due date and minimum.
    # Whether it is done is never stored: it is computed from the attempts on the item's current version, so a
    # newly published version re-opens it without touching this table. Plain SQL both SQLite and PostgreSQL read.
    """
    CREATE TABLE assignments (
        rep TEXT NOT NULL,
        item_key TEXT NOT NULL,
        due TEXT NOT NULL,
        min_score REAL NOT NULL,
        team TEXT,
        assigned_by TEXT,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (rep, item_key)
    );
    CREATE INDEX assignments_by_due ON assignments (due);
    """,
    # 8: partial recitations (a weak-spot drill of a cut's worst sentences). A table of their own, not rows of
    # ``attempts``: a partial score must never count as the cut's score — not its best, its tier, its card or a
    # certification — yet it feeds the mistake memory. ``mode`` labels the kind ("weak-spot"); ``breakdown`` is
    # JSON with the marks in the cut's word positions and the ranges covered.
    """
    CREATE TABLE partial_attempts (
        id INTEGER PRIMARY KEY,
        rep TEXT NOT NULL,
        item_key TEXT NOT NULL,
        mode TEXT NOT NULL,
        version INTEGER,
        started_at TEXT NOT NULL,
        score REAL NOT NULL,
        breakdown TEXT NOT NULL,
        attempt_text TEXT NOT NULL
    );
    CREATE INDEX partial_attempts_by_rep_key ON partial_attempts (rep, item_key);
    """,
    # 9: a rep's own FSRS parameters, fitted to their review
    # log by `trainer schedule fit`. One row per rep; no row means FSRS's defaults. The review log itself is the
    # attempts table (rep, item, rating, time, content hash): cards are always replayed from it, so a card reset
    # by new words never loses a rating and no second log is needed. ``parameters`` is a JSON list of floats;
    # ``reviews`` is how many reviews the fit learnt from; the losses are the log-loss before and after the fit.
    """
    CREATE TABLE schedule_parameters (
        rep TEXT PRIMARY KEY,
        parameters TEXT NOT NULL,
        fitted_at TEXT NOT NULL,
        reviews INTEGER NOT NULL,
        loss_before REAL,
        loss_after REAL
    );
    """,
    # 10: teammates' 1-5 ratings of a team-session turn, one row per
    # session, turn, reviewer and rubric criterion, so rating again replaces rather than doubles. ``rep`` (who
    # spoke) is stored, not derived from the session record, so averages per rep are one query and survive an
    # edited record. Plain SQL both SQLite and PostgreSQL read.
    """
    CREATE TABLE peer_ratings (
        session_id TEXT NOT NULL,
        turn INTEGER NOT NULL,
        reviewer TEXT NOT NULL,
        criterion TEXT NOT NULL,
        rep TEXT NOT NULL,
        score INTEGER NOT NULL,
        rated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, turn, reviewer, criterion)
    );
    """,
    # 11: recall modes. ``mode`` says how an attempt was practised
    # (``recite``, or ``strict``: no peeking), apart from ``medium`` (typed or spoken). Only full-cut modes are
    # rows of ``attempts`` — first-letter and cue runs are partial practice, kept in ``partial_attempts`` with
    # their mode (see trainer/practice/recall_modes.py). Older rows were ordinary recitations: ``recite``.
    """
    ALTER TABLE attempts ADD COLUMN mode TEXT NOT NULL DEFAULT 'recite';
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
TABLES = (
    "attempts", "reps", "cards", "sessions", "assignments", "partial_attempts", "schedule_parameters", "peer_ratings",
)
"""The tables a database at :data:`SCHEMA_VERSION` has; one missing means the file was damaged or edited."""


class DatabaseTooNew(Exception):
    """The file was written by a newer Pitch Trainer; refusing to touch it protects its history."""

    def __init__(self, message: str, found: int) -> None:
        super().__init__(message)
        self.found = found


def check_version(connection: Connection) -> int:
    """The schema version of the database; refuse one written by a newer Pitch Trainer."""
    found = connection.schema_version()
    if found > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"this practice database has schema version {found}, newer than this Pitch Trainer "
            f"understands ({SCHEMA_VERSION}); upgrade Pitch Trainer to use it",
            found,
        )
    return found


def migrate(connection: Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target``, one transaction per migration; returns the version found before.

    Two programs may open a new database at once: each migration takes the schema's lock and re-reads the
    version, so the second finds the work done instead of running it twice.
    """
    found = check_version(connection)
    for number in range(found, target):
        step = MIGRATIONS[number]
        connection.begin()
        try:
            connection.lock("trainer-schema")
            if connection.schema_version() > number:  # another process migrated while we waited for the lock
                connection.rollback()
                continue
            if callable(step):
                step(connection)
            else:
                for statement in statements(step):
                    connection.execute(statement)
            connection.set_schema_version(number + 1)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
    return found
