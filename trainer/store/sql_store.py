"""The practice store's queries, written once for every database it runs on.

:class:`SqlStore` holds everything the app and the commands ask of a practice database; a subclass only says
how to open its database and how to run a read or a write transaction, handing out a
:class:`~trainer.store.dialect.Connection` that speaks the store's SQL. What is due stays in Python
(:mod:`trainer.store.scheduling`), so both databases schedule alike.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from fsrs import Card, Scheduler

from ..library.item_ref import ItemRef
from .assignments import AssignmentStore
from .attempts import Attempt, NewAttempt, PartialAttempt, utc_now
from .dialect import Connection, Cursor
from .errors import StoreError
from .peer_ratings import PeerRatingStore
from .scheduling import DueItem, new_card, rating_for_score, replay, review, save_card, scheduler_for
from .write_timings import timed_write


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _from_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass(frozen=True)
class ScheduledItem:
    """A practisable item as the library has it now (its hash tells whether its words changed)."""

    ref: ItemRef
    content_hash: str | None = None

    @property
    def key(self) -> str:
        return self.ref.key

    @property
    def product(self) -> str:
        return self.ref.product


ATTEMPT_COLUMNS = (
    "id, rep, kind, item_id, product, cut, version, content_hash, started_at, duration_seconds, score, tier, "
    "breakdown, attempt_text, rating, source, session_id, medium, transcript, audio_path, mode"
)
_ATTEMPT_COLUMNS = ATTEMPT_COLUMNS


class SqlStore(AssignmentStore, PeerRatingStore):
    """Every query of the practice store; subclasses open the database and run transactions."""

    location: str
    """Where the database is, as shown to a person (a file path, or a URL without its password)."""

    def _write(self, *, batched: bool = False) -> AbstractContextManager[Connection]:
        """One transaction: committed whole when the block ends, rolled back whole on any error or interrupt.

        ``batched``: a database server may hold back each statement's reply until a result is read (PostgreSQL's
        pipeline mode), so BEGIN, the statements before the first read and COMMIT share round trips. Only for
        writes that read no row count: a batched statement's count is unknown until its reply arrives.
        """
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:
        """A connection for queries, with failures as StoreErrors."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def schema_version(self) -> int:
        """How many migrations this database has run."""
        with self._read() as db:
            return db.schema_version()

    def counts(self) -> dict[str, int]:
        """Rows per table: what `trainer db check` and `trainer db copy` report."""
        with self._read() as db:
            return {
                table: int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table in (
                    "reps", "attempts", "cards", "sessions", "assignments", "partial_attempts", "schedule_parameters",
                    "peer_ratings",
                )
            }

    # -- attempts -------------------------------------------------------------------------------------

    def record(self, attempt: NewAttempt, *, schedule: bool = True) -> Attempt:
        """Store an attempt and update its card in one transaction; returns it once committed.

        The statements are ordered so a database server answers in two round trips (see ``_write``'s
        ``batched``): everything up to reading the card, then the new card and the commit. Under a full server
        every round trip waits for the database and the app to be scheduled again, so fewer trips is what keeps
        the slowest writes short.
        """
        rating = attempt.rating if attempt.rating is not None else rating_for_score(attempt.score)
        with timed_write("attempt", attempt.rep), self._write(batched=True) as db:
            db.execute("INSERT OR IGNORE INTO reps (name, created_at) VALUES (?, ?)", (attempt.rep, _iso(utc_now())))
            if schedule:
                db.lock(f"card:{attempt.rep}:{attempt.key}")
            inserted = db.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}, item_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    attempt.rep,
                    attempt.kind,
                    attempt.item_id,
                    attempt.product,
                    attempt.cut,
                    attempt.version,
                    attempt.content_hash,
                    _iso(attempt.started_at),
                    attempt.duration_seconds,
                    round(float(attempt.score), 1),
                    attempt.tier,
                    json.dumps(attempt.breakdown, ensure_ascii=False),
                    attempt.attempt_text,
                    rating,
                    attempt.source,
                    attempt.session_id,
                    attempt.medium,
                    attempt.transcript,
                    attempt.audio_path,
                    attempt.mode,
                    attempt.key,
                ),
            )
            if schedule:  # asked before the id is read, so the card travels in the same round trip
                card = self._card_query(db, attempt.rep, attempt.key)
                parameters = self._parameters_query(db, attempt.rep)
            row_id = int(inserted.fetchone()[0])
            if schedule:
                self._review(
                    db, attempt.rep, attempt.key, rating, attempt.content_hash, attempt.started_at,
                    card.fetchone(), parameters.fetchone(),
                )
        stored = dict(attempt.__dict__, rating=rating, id=row_id)
        return Attempt(**stored)

    def rate(self, attempt_id: int, rating: int) -> None:
        """Replace the rating of a stored attempt (a self-rating given after seeing the answer)."""
        with self._write() as db:
            row = db.execute(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is None:
                raise StoreError(f"no attempt {attempt_id}")
            attempt = _attempt(row)
            db.lock(f"card:{attempt.rep}:{attempt.key}")
            db.execute("UPDATE attempts SET rating = ? WHERE id = ?", (rating, attempt_id))
            self._rebuild_card(db, attempt.rep, attempt.key)

    def delete_attempt(self, attempt_id: int) -> None:
        """Remove one attempt (a facilitator's undo); its card forgets that review too."""
        with self._write() as db:
            row = db.execute("SELECT rep, item_key FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is None:
                return
            db.lock(f"card:{row[0]}:{row[1]}")
            db.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))
            self._rebuild_card(db, row[0], row[1])

    def attempts(
        self,
        rep: str | None = None,
        *,
        key: ItemRef | None = None,
        since: dt.datetime | None = None,
        session_id: str | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[Attempt]:
        """Attempts, oldest first (or newest first), filtered in SQL so large histories stay quick."""
        clauses, params = _key_clauses(key)
        if rep is not None:
            clauses.append("rep = ?")
            params.append(rep)
        if since is not None:
            clauses.append("started_at >= ?")
            params.append(_iso(since))
        if session_id is not None:
            clauses.append("session_id = ?")
            params.append(session_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        order = "DESC" if newest_first else "ASC"
        sql = f"SELECT {_ATTEMPT_COLUMNS} FROM attempts {where} ORDER BY started_at {order}, id {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._read() as db:
            rows = db.execute(sql, params).fetchall()
        return [_attempt(row) for row in rows]

    def best_score(self, rep: str, key: ItemRef, *, before_id: int | None = None) -> float | None:
        clauses, params = _key_clauses(key)
        clauses.append("rep = ?")
        params.append(rep)
        if before_id is not None:
            clauses.append("id < ?")
            params.append(before_id)
        with self._read() as db:
            row = db.execute(f"SELECT MAX(score) FROM attempts WHERE {' AND '.join(clauses)}", params).fetchone()
        return row[0]

    # -- partial recitations (weak-spot drills) ---------------------------------------------------------------

    def record_partial(
        self,
        rep: str,
        key: ItemRef,
        *,
        mode: str,
        score: float,
        breakdown: dict[str, Any],
        attempt_text: str,
        version: int | None = None,
        started_at: dt.datetime | None = None,
    ) -> int:
        """Keep a partial recitation; it reaches the mistake memory only (never best scores, tiers or cards)."""
        with self._write() as db:
            row = db.execute(
                "INSERT INTO partial_attempts (rep, item_key, mode, version, started_at, score, breakdown, "
                "attempt_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (rep, key.key, mode, version, _iso(started_at or utc_now()), round(float(score), 1),
                 json.dumps(breakdown, ensure_ascii=False), attempt_text),
            ).fetchone()
        return int(row[0])

    def partial_attempts(self, rep: str, key: ItemRef) -> list[tuple[dt.datetime, str, float, dict[str, Any]]]:
        """(when, mode, score, breakdown) of a rep's partial recitations of one item, oldest first."""
        with self._read() as db:
            rows = db.execute(
                "SELECT started_at, mode, score, breakdown FROM partial_attempts WHERE rep = ? AND item_key = ? "
                "ORDER BY started_at, id",
                (rep, key.key),
            ).fetchall()
        return [(_from_iso(when), mode, score, json.loads(breakdown)) for when, mode, score, breakdown in rows]

    def partial_history(
        self, rep: str | None = None, *, limit: int | None = None, newest_first: bool = False
    ) -> list[PartialAttempt]:
        """A rep's (or everyone's) partial recitations of every item, for history: labelled, never tiered."""
        where, params = ("WHERE rep = ?", [rep]) if rep is not None else ("", [])
        order = "DESC" if newest_first else "ASC"
        sql = (f"SELECT id, rep, item_key, mode, version, started_at, score FROM partial_attempts {where} "
               f"ORDER BY started_at {order}, id {order}")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._read() as db:
            rows = db.execute(sql, params).fetchall()
        return [PartialAttempt(int(row_id), who, key, mode, version, _from_iso(when), float(score))
                for row_id, who, key, mode, version, when, score in rows]

    def reps(self) -> list[str]:
        with self._read() as db:
            return [row[0] for row in db.execute("SELECT name FROM reps ORDER BY name")]

    def add_rep(self, name: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO reps (name, created_at) VALUES (?, ?)", (name, _iso(utc_now())))

    # -- team sessions ----------------------------------------------------------------------------------

    def save_session(self, session_id: str, name: str, started_at: dt.datetime, record: dict[str, Any]) -> None:
        """Create or replace a session's record (config and turns so far)."""
        with self._write() as db:
            db.execute(
                "INSERT INTO sessions (id, name, started_at, updated_at, record) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at, "
                "record = excluded.record",
                (session_id, name, _iso(started_at), _iso(utc_now()), json.dumps(record, ensure_ascii=False)),
            )

    def session(self, session_id: str) -> dict[str, Any] | None:
        with self._read() as db:
            row = db.execute("SELECT record FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def sessions(self) -> list[tuple[str, str, dt.datetime]]:
        """(id, name, started at) of every session, newest first."""
        with self._read() as db:
            rows = db.execute("SELECT id, name, started_at FROM sessions ORDER BY started_at DESC").fetchall()
        return [(sid, name, _from_iso(started)) for sid, name, started in rows]

    # -- spaced repetition -----------------------------------------------------------------------------

    def review_log(self, rep: str) -> dict[str, list[tuple[int, dt.datetime, str | None]]]:
        """Every scheduled review of a rep, per item: (rating, when, content hash), oldest first.

        The attempts are the review log: what :meth:`_rebuild_card` replays, so a fit and a calibration see
        exactly the reviews the rep's cards were built from (scenario turns are not reviews).
        """
        with self._read() as db:
            rows = db.execute(
                "SELECT item_key, rating, score, started_at, content_hash FROM attempts "
                "WHERE rep = ? AND kind != 'scenario' ORDER BY item_key, started_at, id",
                (rep,),
            ).fetchall()
        log: dict[str, list[tuple[int, dt.datetime, str | None]]] = {}
        for key, rating, score, started, digest in rows:
            log.setdefault(key, []).append((rating or rating_for_score(score), _from_iso(started), digest))
        return log

    def schedule_parameters(self, rep: str) -> tuple[list[float], dt.datetime, int] | None:
        """The rep's fitted FSRS parameters, when they were fitted and from how many reviews; None: defaults."""
        with self._read() as db:
            row = db.execute(
                "SELECT parameters, fitted_at, reviews FROM schedule_parameters WHERE rep = ?", (rep,)
            ).fetchone()
        if row is None:
            return None
        return [float(x) for x in json.loads(row[0])], _from_iso(row[1]), int(row[2])

    def save_schedule_parameters(
        self,
        rep: str,
        parameters: Sequence[float] | None,
        *,
        reviews: int = 0,
        loss_before: float | None = None,
        loss_after: float | None = None,
    ) -> int:
        """Keep (or, with None, forget) a rep's fitted parameters and reschedule every card of theirs with them.

        One transaction: the parameters and the cards they produce change together, so a rep's due dates are
        never half old schedule, half new. Returns how many cards were rescheduled.
        """
        with self._write() as db:
            db.lock(f"schedule:{rep}")
            if parameters is None:
                db.execute("DELETE FROM schedule_parameters WHERE rep = ?", (rep,))
            else:
                scheduler_for(parameters)  # refuse parameters FSRS itself would refuse, before storing them
                db.execute(
                    "INSERT INTO schedule_parameters (rep, parameters, fitted_at, reviews, loss_before, loss_after) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rep) DO UPDATE SET parameters = excluded.parameters, "
                    "fitted_at = excluded.fitted_at, reviews = excluded.reviews, "
                    "loss_before = excluded.loss_before, loss_after = excluded.loss_after",
                    (rep, json.dumps([float(x) for x in parameters]), _iso(utc_now()), int(reviews),
                     loss_before, loss_after),
                )
            keys = [row[0] for row in db.execute("SELECT item_key FROM cards WHERE rep = ?", (rep,)).fetchall()]
            for key in keys:
                db.lock(f"card:{rep}:{key}")
                self._rebuild_card(db, rep, key)
        return len(keys)

    @staticmethod
    def _parameters_query(db: Connection, rep: str) -> Cursor:
        return db.execute("SELECT parameters FROM schedule_parameters WHERE rep = ?", (rep,))

    @staticmethod
    def _card_query(db: Connection, rep: str, key: str) -> Cursor:
        return db.execute("SELECT card, content_hash FROM cards WHERE rep = ? AND item_key = ?", (rep, key))

    def _scheduler(self, db: Connection, rep: str) -> Scheduler:
        """The scheduler for ``rep`` inside a transaction: their fitted parameters, else FSRS's defaults."""
        return _scheduler_from(self._parameters_query(db, rep).fetchone())

    def _review(
        self, db: Connection, rep: str, key: str, rating: int, content_hash: str | None, when: dt.datetime,
        row: Any, parameters: Any,
    ) -> None:
        """Review the card whose row (and the rep's parameters row) the caller read, and save it."""
        card = Card.from_dict(json.loads(row[0])) if row else new_card()
        if row and content_hash and row[1] and row[1] != content_hash:
            card = new_card()  # new words: learn them afresh
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        save_card(db, rep, key, review(card, rating, when, _scheduler_from(parameters)), content_hash)

    def _rebuild_card(self, db: Connection, rep: str, key: str) -> None:
        """Replay every attempt of one item into its card (see :func:`~trainer.store.scheduling.replay`)."""
        rows = db.execute(
            "SELECT rating, score, started_at, content_hash, kind FROM attempts WHERE rep = ? AND item_key = ? "
            "ORDER BY started_at, id",
            (rep, key),
        ).fetchall()
        replayed = replay(
            (
                (rating or rating_for_score(score), _from_iso(started), digest)
                for rating, score, started, digest, kind in rows
                if kind != "scenario"
            ),
            self._scheduler(db, rep),
        )
        if replayed is None:
            db.execute("DELETE FROM cards WHERE rep = ? AND item_key = ?", (rep, key))
            return
        save_card(db, rep, key, *replayed)

    def cards(self, rep: str) -> dict[str, tuple[dt.datetime, str | None]]:
        """Every card of a rep: item key -> (due at, content hash practised)."""
        with self._read() as db:
            rows = db.execute("SELECT item_key, due_at, content_hash FROM cards WHERE rep = ?", (rep,))
            return {key: (_from_iso(due), digest) for key, due, digest in rows}

    def due(
        self, rep: str, items: Sequence[ScheduledItem], now: dt.datetime | None = None, *, include_new: bool = True
    ) -> list[DueItem]:
        """What the rep should practise now, most urgent first: changed words, overdue, due, then new."""
        now = now or utc_now()
        cards = self.cards(rep)
        last = self._last_scores(rep)
        found: list[DueItem] = []
        for item in items:
            key = item.key
            if key not in cards:
                if include_new:
                    found.append(DueItem(item.ref, due_at=None, reason="new"))
                continue
            due_at, practised_hash = cards[key]
            if item.content_hash and practised_hash and item.content_hash != practised_hash:
                found.append(DueItem(item.ref, due_at=now, reason="changed", last_score=last.get(key)))
            elif due_at <= now:
                reason = "overdue" if now - due_at > dt.timedelta(days=1) else "due"
                found.append(DueItem(item.ref, due_at=due_at, reason=reason, last_score=last.get(key)))
        urgency = {"changed": 0, "overdue": 1, "due": 2, "new": 3}
        epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
        order = {item.key: position for position, item in enumerate(items)}
        found.sort(key=lambda d: (urgency[d.reason], d.due_at or epoch, order[d.ref.key]))
        return found

    def _last_scores(self, rep: str) -> dict[str, float]:
        with self._read() as db:
            rows = db.execute(
                "SELECT item_key, score FROM attempts WHERE rep = ? ORDER BY started_at, id", (rep,)
            ).fetchall()
        return dict(rows)


def _scheduler_from(parameters: Any) -> Scheduler:
    """A rep's scheduler from their ``schedule_parameters`` row (None: FSRS's defaults)."""
    return scheduler_for(json.loads(parameters[0]) if parameters else None)


def _key_clauses(ref: ItemRef | None) -> tuple[list[str], list[Any]]:
    """SQL conditions selecting one item (its key is stored with every attempt, and indexed)."""
    if ref is None:
        return [], []
    return ["item_key = ?"], [ref.key]


def _attempt(row: Sequence[Any]) -> Attempt:
    (
        row_id,
        rep,
        kind,
        item_id,
        product,
        cut,
        version,
        digest,
        started,
        duration,
        score,
        tier,
        breakdown,
        text,
        rating,
        source,
        session_id,
        medium,
        transcript,
        audio_path,
        mode,
    ) = row
    return Attempt(
        id=row_id,
        rep=rep,
        kind=kind,
        item_id=item_id,
        product=product,
        cut=cut,
        version=version,
        content_hash=digest,
        started_at=_from_iso(started),
        duration_seconds=duration,
        score=score,
        tier=tier,
        breakdown=json.loads(breakdown),
        attempt_text=text,
        rating=rating,
        source=source,
        session_id=session_id,
        medium=medium,
        transcript=transcript,
        audio_path=audio_path,
        mode=mode,
    )
