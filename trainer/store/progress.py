"""A rep's progress, computed from their stored attempts: what the progress screen shows.

Streaks reward consistency: an item's streak counts its latest attempts in a row at Silver (75) or
better; the rep's day streak counts consecutive days, up to today, with at least one attempt.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..library.item_ref import ItemRef
from .attempts import Attempt, utc_now
from .interface import Store

STREAK_SCORE = 75.0


@dataclass(frozen=True)
class ItemProgress:
    ref: ItemRef
    scores: tuple[float, ...]
    last_at: dt.datetime

    @property
    def key(self) -> str:
        return self.ref.key

    @property
    def best(self) -> float:
        return max(self.scores)

    @property
    def streak(self) -> int:
        run = 0
        for score in reversed(self.scores):
            if score < STREAK_SCORE:
                break
            run += 1
        return run


@dataclass
class RepProgress:
    rep: str
    items: list[ItemProgress] = field(default_factory=list)
    weakest_phrases: list[tuple[str, int]] = field(default_factory=list)
    weakest_objections: list[tuple[ItemRef, float]] = field(default_factory=list)
    week_seconds: float = 0.0
    week_attempts: int = 0
    day_streak: int = 0


def _day_streak(attempts: list[Attempt], today: dt.date) -> int:
    days = {a.started_at.astimezone().date() for a in attempts}
    streak, day = 0, today
    if day not in days:
        day -= dt.timedelta(days=1)  # a streak is not broken until today is over
    while day in days:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def rep_progress(store: Store, rep: str, now: dt.datetime | None = None) -> RepProgress:
    now = now or utc_now()
    attempts = [a for a in store.attempts(rep) if a.kind in ("pitch", "objection", "drill")]
    by_key: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        by_key[attempt.key].append(attempt)
    items = [
        ItemProgress(group[0].ref, tuple(a.score for a in group), group[-1].started_at)
        for group in by_key.values()
    ]
    items.sort(key=lambda item: item.last_at, reverse=True)
    missed: Counter[str] = Counter()
    for attempt in attempts:
        missed.update(k["phrase"] for k in attempt.breakdown.get("key_phrases", []) if not k.get("found"))
        missed.update(k["point"] for k in attempt.breakdown.get("key_points", []) if not k.get("covered"))
    objections = sorted(
        ((item.ref, sum(item.scores) / len(item.scores)) for item in items if item.ref.kind == "objection"),
        key=lambda pair: pair[1],
    )
    week = [a for a in attempts if now - a.started_at <= dt.timedelta(days=7)]
    return RepProgress(
        rep=rep,
        items=items,
        weakest_phrases=missed.most_common(8),
        weakest_objections=objections[:5],
        week_seconds=sum(a.duration_seconds or 0.0 for a in week),
        week_attempts=len(week),
        day_streak=_day_streak(attempts, now.astimezone().date()),
    )
