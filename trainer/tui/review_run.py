""""Review all due" in the app: the review queue walked one item after another, like Anki's study session.

Each item opens where it is practised — a pitch cut on the recite screen, an objection in the deck, a drill
in the drills — and when the rep comes back to the home screen the next one opens, *if* they practised the
one shown. Coming back without an attempt (escape straight away) means "stop for now": the run ends and the
home screen says how many are left, so escape never traps a rep in a queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..library.item_ref import ItemRef
from ..practice.review_queue import REVIEWED_KINDS, ReviewPlan, paused_until, plan_review, start_of_day
from ..preferences import load_preferences
from ..store.scheduling import DueItem

if TYPE_CHECKING:  # the workload reads assignments: loaded when home asks, like the assigned list
    from ..team.workload import WorkItem, Workload
    from .app import TrainerApp

MODE = {"pitch": "recite", "objection": "study", "drill": "study"}


def due_now(app: TrainerApp) -> list[DueItem]:
    """The rep's cards due now (none without a practice database: a session log has no schedule)."""
    if app.store is None:
        return []
    from ..store.items import scheduled_items

    return app.store.due(app.rep, scheduled_items(app.library), app.now(), include_new=False)


def review_plan(app: TrainerApp) -> ReviewPlan:
    """Today's queue for the app's rep, with the rep's daily limit and holiday pause."""
    now = app.now()
    preferences = load_preferences(app.config_dir)
    day_start = start_of_day(now)
    reviewed = sum(
        1 for a in app.practice_log.attempts()
        if a.ref.kind in REVIEWED_KINDS and a.at >= day_start and (a.score is not None or a.rating is not None)
    )
    return plan_review(due_now(app), now, daily_limit=preferences.review_limit, reviewed_today=reviewed,
                       paused=paused_until(preferences.review_paused_until, now.astimezone().date()))


def todays_work(app: TrainerApp) -> tuple[ReviewPlan, Workload | None]:
    """The rep's review plan (their own limit and holiday) and, with a practice database, the day's workload:
    open assignments first, then reviews, never more than the library's daily cap."""
    plan = review_plan(app)
    if app.store is None:
        return plan, None
    from ..store.errors import StoreError
    from ..team.workload import rep_workload

    try:
        work = rep_workload(app.store, app.library, app.rep, app.now(), done_today=plan.reviewed_today,
                            review_room=len(plan.items), reviews_paused=plan.paused_until is not None)
    except StoreError:
        return plan, None  # the assignments cannot be read: the review queue alone still works
    return plan, work


def run_items(plan: ReviewPlan, work: Workload | None) -> tuple[DueItem | WorkItem, ...]:
    """What "Review all due" walks: the workload's items the app can open, else the review plan's."""
    if work is None:
        return plan.items
    return tuple(item for item in work.today if item.ref.kind in MODE)


def work_summary(plan: ReviewPlan, work: Workload | None) -> str:
    """The line the home screen shows about today's work (the holiday pause, when on, says it first)."""
    if work is None:
        return plan.summary()
    if plan.paused_until is not None:
        return f"{plan.summary()} {work.summary()}"
    return work.summary()


def due_first(app: TrainerApp, kind: str) -> tuple[str, ...]:
    """Keys of the rep's due cards of one kind, most overdue first: where a deck starts."""
    items = sorted((i for i in due_now(app) if i.ref.kind == kind), key=lambda i: (i.due_at or app.now(), i.ref.key))
    return tuple(item.ref.key for item in items)


class ReviewRun:
    """Where a rep is in today's queue."""

    def __init__(self, app: TrainerApp, items: Sequence[DueItem | WorkItem]) -> None:
        self.app = app
        self.items = list(items)
        self.position = -1
        self._before = 0  # attempts at the current item when it was opened

    @property
    def current(self) -> ItemRef | None:
        return self.items[self.position].ref if 0 <= self.position < len(self.items) else None

    @property
    def left(self) -> int:
        return len(self.items) - max(self.position, 0)

    def _count(self, ref: ItemRef) -> int:
        return sum(1 for a in self.app.practice_log.attempts(ref) if a.score is not None or a.rating is not None)

    def open_next(self) -> bool:
        """Open the next item; False when the queue is done."""
        while self.position + 1 < len(self.items):
            self.position += 1
            ref = self.items[self.position].ref
            self._before = self._count(ref)
            before = len(self.app.screen_stack)
            self.app.open_item(ref, MODE[ref.kind])
            if len(self.app.screen_stack) > before:
                total = len(self.items)
                self.app.notify(f"Review {self.position + 1} of {total}: back home opens the next.", timeout=3)
                return True
        return False

    def practised_current(self) -> bool:
        ref = self.current
        return ref is not None and self._count(ref) > self._before
