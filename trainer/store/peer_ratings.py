"""Peer scorecards as stored: a teammate's 1-5 rating of one team-session turn on one rubric criterion.

One row per session, turn, reviewer and criterion: a reviewer who changes their mind replaces their rating,
never doubles it. Which criteria exist is the library's business (``policy.rubric`` in ``roster.yaml``); the
store keeps whatever ids it is given, so renaming a criterion later keeps the old sessions' ratings readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass

from .attempts import utc_now
from .dialect import Connection

PEER_RATING_FIELDS = "session_id, turn, reviewer, criterion, rep, score, rated_at"


@dataclass(frozen=True)
class PeerRating:
    """``reviewer`` rated ``rep``'s turn ``turn`` of session ``session_id`` ``score`` (1-5) on ``criterion``."""

    session_id: str
    turn: int
    reviewer: str
    criterion: str
    rep: str
    score: int
    rated_at: dt.datetime

    def to_record(self) -> dict[str, object]:
        return {
            "turn": self.turn,
            "reviewer": self.reviewer,
            "criterion": self.criterion,
            "rep": self.rep,
            "score": self.score,
            "rated_at": self.rated_at.isoformat(),
        }


class PeerRatingStore:
    """The store's peer-rating methods, mixed into :class:`~trainer.store.sql_store.SqlStore` so SQLite and
    PostgreSQL both have them."""

    def _write(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def rate_turn(
        self,
        session_id: str,
        turn: int,
        rep: str,
        reviewer: str,
        scores: Mapping[str, int],
        when: dt.datetime | None = None,
    ) -> None:
        """Store one reviewer's scorecard for one turn in one transaction, replacing their earlier one."""
        for criterion, score in scores.items():
            if not 1 <= int(score) <= 5:
                raise ValueError(f"a rating is 1 to 5, not {score} ({criterion})")
        stamp = _iso(when or utc_now())
        with self._write() as db:
            db.execute(
                "DELETE FROM peer_ratings WHERE session_id = ? AND turn = ? AND reviewer = ?",
                (session_id, turn, reviewer),
            )
            for criterion, score in scores.items():
                db.execute(
                    f"INSERT INTO peer_ratings ({PEER_RATING_FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (session_id, turn, reviewer, criterion, rep, int(score), stamp),
                )

    def clear_turn_ratings(self, session_id: str, turn: int) -> None:
        """Forget every rating of a turn (the facilitator took the turn back: its answer is gone)."""
        with self._write() as db:
            db.execute("DELETE FROM peer_ratings WHERE session_id = ? AND turn = ?", (session_id, turn))

    def peer_ratings(self, session_id: str) -> list[PeerRating]:
        """Every rating of a session, by turn, reviewer and criterion."""
        with self._read() as db:
            rows = db.execute(
                f"SELECT {PEER_RATING_FIELDS} FROM peer_ratings WHERE session_id = ? "
                "ORDER BY turn, reviewer, criterion",
                (session_id,),
            ).fetchall()
        return [
            PeerRating(str(sid), int(turn), str(reviewer), str(criterion), str(rep), int(score),
                       dt.datetime.fromisoformat(str(at)))
            for sid, turn, reviewer, criterion, rep, score, at in rows
        ]


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")
