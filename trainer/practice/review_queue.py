"""The review queue: everything due, in one row, most overdue first — Anki's "study now" for a rep's day.

Spaced repetition says *when* each card is due (:mod:`trainer.store.scheduling`); this module decides what a
rep is handed today:

* only cards practised before that are due again (new items are for choosing, not for reviewing);
* the most overdue first, so a backlog is worked off oldest-first and nothing rots at the bottom;
* at most the daily limit (a preference) per day, counting what the rep already reviewed today, so coming
  back from a long absence is a normal day's work and not three hundred cards;
* nothing while the rep pauses for a holiday (a preference, set by ``trainer review --pause-until``).

Pure: the clock, the day's start and the reviews done today are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..store.scheduling import DueItem

REVIEWED_KINDS = ("pitch", "objection", "drill")


@dataclass(frozen=True)
class ReviewPlan:
    """What "Review all due" hands out now, and why not more."""

    items: tuple[DueItem, ...]
    due_total: int  # every card due now, before the daily limit
    reviewed_today: int
    daily_limit: int
    paused_until: dt.date | None = None

    @property
    def held_for_tomorrow(self) -> int:
        return 0 if self.paused_until else self.due_total - len(self.items)

    def summary(self) -> str:
        """One line for the home screen and the CLI."""
        if self.paused_until is not None:
            return f"Reviews paused until {self.paused_until.isoformat()} (holiday); {self.due_total} due."
        if not self.due_total:
            return "Nothing is due for review."
        if not self.items:
            return (f"Today's limit of {self.daily_limit} reviews is reached ({self.reviewed_today} done); "
                    f"{self.due_total} due tomorrow.")
        line = f"{len(self.items)} due for review"
        if self.held_for_tomorrow:
            line += f", {self.held_for_tomorrow} more after today's limit of {self.daily_limit}"
        return line + "."

    def to_dict(self) -> dict[str, object]:
        return {
            "items": [item.to_dict() for item in self.items],
            "due_total": self.due_total,
            "reviewed_today": self.reviewed_today,
            "daily_limit": self.daily_limit,
            "paused_until": self.paused_until.isoformat() if self.paused_until else None,
            "held_for_tomorrow": self.held_for_tomorrow,
        }


def paused_until(text: str | None, today: dt.date) -> dt.date | None:
    """The holiday's last day when it is still running on ``today``; None once it is over (or never set)."""
    if not text:
        return None
    try:
        last = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return last if last >= today else None


def plan_review(
    due: Sequence[DueItem],
    now: dt.datetime,
    *,
    daily_limit: int,
    reviewed_today: int = 0,
    paused: dt.date | None = None,
) -> ReviewPlan:
    """The cards to review now from ``due`` (as :meth:`PracticeStore.due` lists them), most overdue first."""
    reviewable = [item for item in due if item.reason != "new" and item.ref.kind in REVIEWED_KINDS]
    reviewable.sort(key=lambda item: (item.due_at or now, item.ref.key))
    if paused is not None:
        return ReviewPlan((), len(reviewable), reviewed_today, daily_limit, paused)
    room = max(daily_limit - reviewed_today, 0)
    return ReviewPlan(tuple(reviewable[:room]), len(reviewable), reviewed_today, daily_limit)


def start_of_day(now: dt.datetime) -> dt.datetime:
    """Local midnight before ``now``: a rep's "today" is their own, not UTC's."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
