"""The seam between practising and remembering: every attempt and self-rating goes through a PracticeLog.

Screens call ``record`` after each attempt (and ``rate`` when the rep rates themselves) and ask
``practise_next`` what to show on the home screen. :class:`SessionLog` keeps a session in memory (tests,
or when no database can be used); :class:`~trainer.practice.stored_log.StoreLog` stores every attempt in
SQLite and lets spaced repetition decide what is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from ..library.item_ref import ItemRef

Rating = Literal["again", "hard", "good", "easy"]
RATINGS: tuple[Rating, ...] = ("again", "hard", "good", "easy")


@dataclass(frozen=True)
class Attempt:
    """One go at one item: a score when the app scored it, a rating when the rep rated themselves."""

    ref: ItemRef
    at: dt.datetime
    score: float | None = None
    rating: Rating | None = None
    version: int | None = None  # the pitch version practised, so attempts stay tied to exact wording
    text: str = ""  # what the rep said or typed
    detail: Mapping[str, Any] | None = None  # the scorer's result as data (``to_dict()``), to explain it later
    seconds: float | None = None  # how long the attempt took
    medium: str = "typed"  # typed | spoken
    transcript: str | None = None  # spoken: what the recognizer heard
    audio_path: str | None = None  # spoken: the kept recording
    mode: str = "recite"  # recite | strict: full-cut modes only (partial practice is kept apart, see recall_modes)


@dataclass(frozen=True)
class NextUp:
    """A suggestion for the home screen: what, and why (e.g. "practised 2 min ago · 64")."""

    ref: ItemRef
    reason: str
    last_score: float | None = None


class PracticeLog(Protocol):
    """Where attempts go and where "practise next" comes from."""

    def record(self, attempt: Attempt) -> int | None:
        """Remember one attempt; returns an id to ``rate`` it by, once it is safely kept."""

    def rate(self, attempt_id: int, rating: Rating) -> None:
        """Attach the rep's self-rating to a recorded attempt."""

    def attempts(self, ref: ItemRef | None = None) -> list[Attempt]:
        """Attempts, oldest first; only those for ``ref`` when given."""

    def best(self, ref: ItemRef, before: int | None = None) -> float | None:
        """The best score for ``ref`` (among attempts recorded before id ``before`` when given)."""

    def practise_next(self, limit: int = 6) -> list[NextUp]:
        """What to practise next, most useful first."""


@dataclass
class SessionLog:
    """An in-memory :class:`PracticeLog`: "practise next" is what this session touched, most recent first."""

    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    _attempts: list[Attempt] = field(default_factory=list)

    def record(self, attempt: Attempt) -> int | None:
        self._attempts.append(attempt)
        return len(self._attempts)

    def rate(self, attempt_id: int, rating: Rating) -> None:
        if 1 <= attempt_id <= len(self._attempts):
            self._attempts[attempt_id - 1] = replace(self._attempts[attempt_id - 1], rating=rating)

    def best(self, ref: ItemRef, before: int | None = None) -> float | None:
        limit = len(self._attempts) if before is None else before - 1
        scores = [a.score for a in self._attempts[:limit] if a.ref == ref and a.score is not None]
        return max(scores) if scores else None

    def attempts(self, ref: ItemRef | None = None) -> list[Attempt]:
        return [a for a in self._attempts if ref is None or a.ref == ref]

    def last_score(self, ref: ItemRef) -> float | None:
        scored = [a.score for a in self.attempts(ref) if a.score is not None]
        return scored[-1] if scored else None

    def practise_next(self, limit: int = 6) -> list[NextUp]:
        seen: dict[ItemRef, Attempt] = {}
        for attempt in self._attempts:
            seen.pop(attempt.ref, None)
            seen[attempt.ref] = attempt  # re-insert so the order is by latest attempt
        latest = list(reversed(seen.values()))[:limit]
        return [NextUp(a.ref, self._reason(a), self.last_score(a.ref)) for a in latest]

    def _reason(self, attempt: Attempt) -> str:
        parts = [f"practised {_ago(self.now() - attempt.at)}"]
        score = self.last_score(attempt.ref)
        if score is not None:
            from ..scoring.results import score_text  # the one rounding rule; the scorer loads on first use

            parts.append(f"last score {score_text(score)}")
        if attempt.rating is not None:
            parts.append(f"rated {attempt.rating}")
        return " · ".join(parts)


def _ago(delta: dt.timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"
