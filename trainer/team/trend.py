"""Readiness over time: each rep's and each team's recency-weighted proficiency, week by week.

A manager asks "is the team getting better?" more often than "where is it today?", so the readiness view and
its HTML report show the last N ISO weeks (Monday to Sunday, UTC). The rules:

- A rep's value for a week is :func:`~trainer.team.readiness.proficiency` *as of the end of that week*
  (Sunday 24:00 UTC, or ``now`` for the current week), from the attempts made up to then — exactly what the
  readiness view would have said that evening.
- A week in which the rep made **no** attempt is a **gap** (``None``), not a zero and not a repeat of last week:
  without new practice there is no new evidence, and a line drawn through a quiet week would claim some.
- A team's value for a week is the mean of its reps' as-of proficiencies (every rep with any attempt so far),
  and a gap when none of its reps practised that week.

Everything is computed from stored attempts with ``now`` injected, so the same history always gives the same
trend (and the tests can script one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..store.attempts import NewAttempt
from .readiness import proficiency

DEFAULT_WEEKS = 8
MAX_WEEKS = 104


@dataclass(frozen=True)
class Week:
    """One ISO week: its label ("2026-W47"), its Monday, and the moment its value is taken."""

    label: str
    monday: dt.date
    end: dt.datetime  # the end of the week, or ``now`` for the week still running

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.monday, dt.time(), tzinfo=dt.UTC)


@dataclass(frozen=True)
class Trend:
    """Values per week, oldest first; ``None`` is a week without practice (a gap)."""

    name: str
    values: tuple[float | None, ...]
    attempts: tuple[int, ...]  # attempts made in each week

    def to_record(self, weeks: Sequence[Week]) -> list[dict[str, Any]]:
        return [
            {"week": week.label, "proficiency": None if value is None else round(value, 1), "attempts": count}
            for week, value, count in zip(weeks, self.values, self.attempts, strict=True)
        ]


def last_weeks(now: dt.datetime, count: int = DEFAULT_WEEKS) -> list[Week]:
    """The ``count`` ISO weeks ending with the one containing ``now`` (UTC), oldest first."""
    if count < 1:
        raise ValueError("at least one week")
    now = _utc(now)
    this_monday = now.date() - dt.timedelta(days=now.date().weekday())
    weeks = []
    for back in range(count - 1, -1, -1):
        monday = this_monday - dt.timedelta(weeks=back)
        year, number, _ = monday.isocalendar()
        end = min(dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=dt.UTC), now)
        weeks.append(Week(f"{year}-W{number:02d}", monday, end))
    return weeks


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _as_of(attempts: Sequence[NewAttempt], week: Week) -> tuple[float | None, int]:
    """(proficiency as of the week's end, or None without practice that week; attempts made that week)."""
    made = [a for a in attempts if _utc(a.started_at) < week.end]
    this_week = sum(1 for a in made if _utc(a.started_at) >= week.start)
    return (proficiency(made, week.end) if this_week else None), this_week


def rep_trend(rep: str, attempts: Sequence[NewAttempt], weeks: Sequence[Week]) -> Trend:
    """One rep's weekly values (see the module's rules)."""
    found = [_as_of(attempts, week) for week in weeks]
    return Trend(rep, tuple(value for value, _ in found), tuple(count for _, count in found))


def team_trend(name: str, attempts_by_rep: Mapping[str, Sequence[NewAttempt]], weeks: Sequence[Week]) -> Trend:
    """A team's weekly values: the mean of its reps' as-of proficiencies, a gap when nobody practised."""
    values: list[float | None] = []
    counts: list[int] = []
    for week in weeks:
        practised = 0
        standing: list[float] = []
        for attempts in attempts_by_rep.values():
            made = [a for a in attempts if _utc(a.started_at) < week.end]
            practised += sum(1 for a in made if _utc(a.started_at) >= week.start)
            score = proficiency(made, week.end)
            if score is not None:
                standing.append(score)
        values.append(sum(standing) / len(standing) if practised and standing else None)
        counts.append(practised)
    return Trend(name, tuple(values), tuple(counts))
