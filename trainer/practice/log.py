"""The seam between practising and remembering: every attempt and self-rating goes through a PracticeLog.

For now the app keeps an in-memory log for the session. A later issue stores attempts in SQLite and
schedules reviews (FSRS); it only has to provide another :class:`PracticeLog` — the screens already call
``record`` after each attempt and ask ``practise_next`` what to show on the home screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .items import ItemRef

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


@dataclass(frozen=True)
class NextUp:
    """A suggestion for the home screen: what, and why (e.g. "practised 2 min ago · 64")."""

    ref: ItemRef
    reason: str
    last_score: float | None = None


class PracticeLog(Protocol):
    """Where attempts go and where "practise next" comes from."""

    def record(self, attempt: Attempt) -> None:
        """Remember one attempt."""

    def attempts(self, ref: ItemRef | None = None) -> list[Attempt]:
        """Attempts, oldest first; only those for ``ref`` when given."""

    def practise_next(self, limit: int = 6) -> list[NextUp]:
        """What to practise next, most useful first."""


@dataclass
class SessionLog:
    """An in-memory :class:`PracticeLog`: "practise next" is what this session touched, most recent first."""

    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    _attempts: list[Attempt] = field(default_factory=list)

    def record(self, attempt: Attempt) -> None:
        self._attempts.append(attempt)

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
            parts.append(f"last score {score:.0f}")
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
