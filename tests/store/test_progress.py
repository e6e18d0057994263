"""A rep sees their progress: history per item, best, streaks, weakest phrases, time this week."""

from __future__ import annotations

import datetime as dt

from postgres_server import StoreFactory

from trainer.store import NewAttempt
from trainer.store.interface import Store
from trainer.store.progress import rep_progress

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def add(store: Store, score: float, days_ago: float, **extra: object) -> None:
    fields: dict[str, object] = dict(
        rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s", score=score, tier="-",
        attempt_text="...", started_at=NOW - dt.timedelta(days=days_ago), duration_seconds=30.0,
        breakdown={"key_phrases": [{"phrase": "two-week trial", "found": score >= 80}]},
    )
    fields.update(extra)
    store.record(NewAttempt(**fields))  # type: ignore[arg-type]


def test_progress_summarises_history_best_streaks_and_weak_spots(new_store: StoreFactory) -> None:
    store = new_store()
    for score, days in ((40, 9), (70, 2), (80, 1), (92, 0)):
        add(store, score, days)
    add(store, 30, 0.5, kind="objection", item_id="too-expensive", cut=None,
        breakdown={"key_points": [{"point": "total cost of ownership", "covered": False}]})
    progress = rep_progress(store, "ann", NOW)
    pitch = next(i for i in progress.items if i.ref.kind == "pitch")
    assert pitch.scores == (40, 70, 80, 92) and pitch.best == 92 and pitch.streak == 2
    assert progress.items[0].ref.kind == "pitch"  # most recently practised first
    assert progress.weakest_phrases == [("two-week trial", 2), ("total cost of ownership", 1)]
    assert [(ref.key, avg) for ref, avg in progress.weakest_objections] == [("objection:acme:too-expensive", 30.0)]
    assert progress.week_attempts == 4 and progress.week_seconds == 120.0
    assert progress.day_streak == 3  # today, yesterday, the day before


def test_a_rep_with_no_attempts_has_empty_progress(new_store: StoreFactory) -> None:
    progress = rep_progress(new_store(), "bob", NOW)
    assert progress.items == [] and progress.day_streak == 0 and progress.week_attempts == 0
