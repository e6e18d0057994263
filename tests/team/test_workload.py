"""A rep's daily workload: assignments and reviews together never exceed the library's daily cap; a backlog
is spread over the coming days, most overdue first. Dates are injected; nothing sleeps."""

from __future__ import annotations

import datetime as dt

import pytest

from trainer.library.item_ref import ItemRef
from trainer.store.assignments import StoredAssignment
from trainer.store.scheduling import DueItem
from trainer.team.assignments import AssignmentProgress, AssignmentStatus
from trainer.team.workload import plan_workload

TODAY = dt.date(2026, 11, 24)
NOON = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


def card(number: int, days_overdue: float, kind: str = "objection", reason: str = "overdue") -> DueItem:
    ref = ItemRef(kind, "acme", f"o{number:03d}", "30s" if kind == "pitch" else None)  # type: ignore[arg-type]
    return DueItem(ref, NOON - dt.timedelta(days=days_overdue), reason)


def assigned(item_id: str, due: dt.date, status: AssignmentStatus = "open", kind: str = "objection"
             ) -> AssignmentProgress:
    ref = ItemRef(kind, "acme", item_id, "30s" if kind == "pitch" else None)  # type: ignore[arg-type]
    stored = StoredAssignment(rep="alex", item=ref, due=due, min_score=90, assigned_at=NOON)
    return AssignmentProgress(stored, item_id, 1, None, status)


def keys(items) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.ref.id for item in items]


def test_assignments_come_first_by_due_date_then_the_most_overdue_cards() -> None:
    plan = plan_workload(
        [assigned("late", TODAY - dt.timedelta(days=2)), assigned("friday", TODAY + dt.timedelta(days=3)),
         assigned("monday", TODAY + dt.timedelta(days=6)), assigned("finished", TODAY, "done")],
        [card(1, 1), card(2, 9), card(3, 0.2)],
        today=TODAY, cap=20,
    )
    assert keys(plan.today) == ["late", "friday", "monday", "o002", "o001", "o003"]
    assert [item.source for item in plan.today] == ["assignment"] * 3 + ["review"] * 3
    assert plan.later == () and plan.summary() == "6 due today (3 assigned, 3 review(s))."


def test_never_more_than_the_cap_and_a_backlog_is_spread_most_overdue_first() -> None:
    cards = [card(n, days_overdue=n) for n in range(1, 43)]  # o042 is the most overdue
    plan = plan_workload([], cards, today=TODAY, cap=20)
    assert len(plan.today) == 20 and keys(plan.today)[:2] == ["o042", "o041"]
    assert [(day, len(items)) for day, items in plan.later] == [
        (TODAY + dt.timedelta(days=1), 20), (TODAY + dt.timedelta(days=2), 2)]
    assert keys(plan.later[-1][1]) == ["o002", "o001"]  # the least overdue wait longest
    assert plan.summary() == "42 due: 20 today (20 review(s)), the rest spread over 2 days, most overdue first."


def test_assignments_and_reviews_share_one_cap() -> None:
    plan = plan_workload([assigned(f"a{n}", TODAY + dt.timedelta(days=n)) for n in range(3)],
                         [card(n, n) for n in range(1, 6)], today=TODAY, cap=5)
    assert [item.source for item in plan.today] == ["assignment"] * 3 + ["review"] * 2
    assert keys(plan.later[0][1]) == ["o003", "o002", "o001"]


def test_what_was_practised_today_counts_against_the_cap() -> None:
    plan = plan_workload([], [card(n, n) for n in range(1, 8)], today=TODAY, cap=5, done_today=3)
    assert keys(plan.today) == ["o007", "o006"]
    done = plan_workload([], [card(n, n) for n in range(1, 8)], today=TODAY, cap=5, done_today=5)
    assert done.today == () and len(done.later) == 2 and done.later[0][0] == TODAY + dt.timedelta(days=1)
    assert done.summary() == ("7 due: today's cap of 5 is reached (5 done); from tomorrow they are spread over "
                              "2 days, most overdue first.")


def test_an_item_both_assigned_and_due_counts_once_as_the_assignment() -> None:
    plan = plan_workload([assigned("o001", TODAY)], [card(1, 4), card(2, 1)], today=TODAY, cap=20)
    assert [(item.ref.id, item.source) for item in plan.today] == [("o001", "assignment"), ("o002", "review")]


def test_new_items_and_scenarios_are_not_reviews() -> None:
    plan = plan_workload([], [card(1, 2, reason="new"), card(2, 3, kind="scenario"), card(3, 1, kind="pitch")],
                         today=TODAY, cap=20)
    assert [(item.ref.kind, item.ref.id) for item in plan.today] == [("pitch", "o003")]


def test_the_reps_own_review_limit_bounds_reviews_but_not_assignments() -> None:
    plan = plan_workload([assigned("a", TODAY), assigned("b", TODAY)], [card(n, n) for n in range(1, 6)],
                         today=TODAY, cap=20, review_room=1)
    assert keys(plan.today) == ["a", "b", "o005"]
    assert len(plan.later) == 1 and len(plan.later[0][1]) == 4


def test_a_holiday_holds_reviews_but_not_assignments() -> None:
    plan = plan_workload([assigned("a", TODAY)], [card(1, 3)], today=TODAY, cap=20, reviews_paused=True)
    assert keys(plan.today) == ["a"] and plan.later == ()


def test_nothing_due_says_so_and_a_cap_below_one_is_refused() -> None:
    assert plan_workload([], [], today=TODAY, cap=20).summary() == "Nothing due: no open assignments and no reviews."
    with pytest.raises(ValueError):
        plan_workload([], [], today=TODAY, cap=0)
