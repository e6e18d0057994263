"""The review queue: most overdue first, a daily limit that counts today's reviews, a holiday pause."""

from __future__ import annotations

import datetime as dt

from trainer.library.item_ref import ItemRef
from trainer.practice.review_queue import paused_until, plan_review
from trainer.store.scheduling import DueItem

NOW = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)


def item(kind: str, item_id: str, days_overdue: float | None, reason: str = "due") -> DueItem:
    cut = "30s" if kind == "pitch" else None
    ref = ItemRef(kind, "acme", item_id, cut)  # type: ignore[arg-type]
    due_at = None if days_overdue is None else NOW - dt.timedelta(days=days_overdue)
    return DueItem(ref, due_at, "new" if days_overdue is None else reason)


DUE = [
    item("pitch", "acme-core", 0.1),
    item("objection", "too-expensive", 3, "overdue"),
    item("drill", "who-signs", 1.5, "overdue"),
    item("objection", "no-time", None),
    item("scenario", "cold-call", 9),
]


def test_everything_due_comes_most_overdue_first_without_new_items_or_scenarios() -> None:
    plan = plan_review(DUE, NOW, daily_limit=50)
    assert [i.ref.id for i in plan.items] == ["too-expensive", "who-signs", "acme-core"]
    assert plan.summary() == "3 due for review."


def test_the_daily_limit_counts_the_reviews_already_done_today() -> None:
    plan = plan_review(DUE, NOW, daily_limit=5, reviewed_today=3)
    assert [i.ref.id for i in plan.items] == ["too-expensive", "who-signs"]
    assert plan.held_for_tomorrow == 1
    assert "1 more after today's limit of 5" in plan.summary()
    done = plan_review(DUE, NOW, daily_limit=5, reviewed_today=7)
    assert done.items == () and "limit of 5 reviews is reached" in done.summary()


def test_a_holiday_pause_hands_out_nothing_until_it_is_over() -> None:
    today = NOW.date()
    pause = paused_until("2026-03-12", today)
    plan = plan_review(DUE, NOW, daily_limit=50, paused=pause)
    assert plan.items == () and plan.summary() == "Reviews paused until 2026-03-12 (holiday); 3 due."
    assert paused_until("2026-03-09", today) == today  # the last day of the holiday is still a holiday
    assert paused_until("2026-03-08", today) is None  # back at work
    assert paused_until("not a date", today) is None
