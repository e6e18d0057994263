"""The weekly readiness trend, from a scripted series of attempts with the dates injected."""

from __future__ import annotations

import datetime as dt

import pytest

from trainer.store.attempts import NewAttempt
from trainer.team.readiness import proficiency
from trainer.team.trend import last_weeks, rep_trend, team_trend

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)  # a Wednesday in 2026-W48


def at(score: float, when: dt.datetime, rep: str = "alex") -> NewAttempt:
    return NewAttempt(rep=rep, kind="pitch", item_id="acme-core", product="acme", cut="30s", version=1,
                      score=score, tier="", attempt_text="...", started_at=when)


def day(month: int, number: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, number, hour, tzinfo=dt.UTC)


def test_weeks_are_iso_weeks_ending_with_the_current_one_which_ends_now() -> None:
    weeks = last_weeks(NOW, 3)
    assert [w.label for w in weeks] == ["2026-W46", "2026-W47", "2026-W48"]
    assert [w.monday for w in weeks] == [dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23)]
    assert weeks[0].end == dt.datetime(2026, 11, 16, tzinfo=dt.UTC)
    assert weeks[-1].end == NOW


def test_iso_week_labels_cross_the_year_boundary() -> None:
    weeks = last_weeks(dt.datetime(2027, 1, 6, tzinfo=dt.UTC), 2)
    assert [w.label for w in weeks] == ["2026-W53", "2027-W01"]


def test_a_rep_value_is_proficiency_as_of_the_end_of_each_week_and_a_quiet_week_is_a_gap() -> None:
    attempts = [
        at(50, day(11, 10)),  # W46
        at(70, day(11, 12)),  # W46
        # W47: nothing
        at(90, day(11, 24)),  # W48
        at(100, day(11, 26)),  # after now: not counted yet
    ]
    trend = rep_trend("alex", attempts, last_weeks(NOW, 4))
    assert trend.values[0] is None  # W45: before any practice
    assert trend.values[1] == pytest.approx(proficiency(attempts[:2], dt.datetime(2026, 11, 16, tzinfo=dt.UTC)))
    assert 60 < trend.values[1] < 70  # the later, better attempt weighs more
    assert trend.values[2] is None  # W47: a gap, not zero and not last week's value
    assert trend.values[3] == pytest.approx(proficiency(attempts[:3], NOW))
    assert trend.attempts == (0, 2, 0, 1)


def test_a_team_value_is_the_mean_of_its_reps_and_a_gap_when_nobody_practised() -> None:
    alex = [at(60, day(11, 10)), at(80, day(11, 24))]
    sam = [at(90, day(11, 11), rep="sam")]
    weeks = last_weeks(NOW, 3)
    trend = team_trend("north", {"alex": alex, "sam": sam}, weeks)
    assert trend.values[0] == pytest.approx(75.0)  # W46: alex 60, sam 90
    assert trend.values[1] is None  # W47: nobody practised
    # W48: alex practised (his as-of value), sam did not but still stands at 90
    assert trend.values[2] == pytest.approx((proficiency(alex, NOW) + 90) / 2)  # type: ignore[operator]
    assert trend.attempts == (2, 0, 1)
    assert trend.to_record(weeks)[1] == {"week": "2026-W47", "proficiency": None, "attempts": 0}


def test_naive_dates_are_taken_as_utc() -> None:
    trend = rep_trend("alex", [at(70, dt.datetime(2026, 11, 24, 9))], last_weeks(NOW, 1))
    assert trend.values == (70.0,)
