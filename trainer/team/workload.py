"""A rep's daily workload: assignments and spaced-repetition reviews together, never more than a daily cap.

Why one cap over both: a manager's assignments and the review queue each look reasonable alone, yet after a
week away they add up to an afternoon nobody will start. The library's policy (``policy.workload.daily_items``
in ``roster.yaml``) says how many items a rep is handed in one day. The rules, in one place:

* assignments first, soonest due first (overdue ones are the soonest), then due review cards, most overdue
  first; an item that is both assigned and due counts once, as the assignment;
* items practised today count against today's cap (the second visit of the day hands out only what is left);
* the rep's own review limit (a preference) still bounds the reviews of the day, never the assignments;
* what does not fit today is spread over the coming days at the cap per day, in the same order, and the
  summary says so ("42 due: 20 today, the rest spread over 2 days, most overdue first");
* during a holiday pause reviews are held (assignments are not: a manager's due date does not pause).

Pure: ``today`` and everything due are passed in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..library.catalog import Library
from ..library.item_ref import ItemRef
from ..practice.review_queue import REVIEWED_KINDS
from ..store.interface import Store
from ..store.scheduling import DueItem
from .assignments import AssignmentProgress, assignment_progress

Source = Literal["assignment", "review"]


@dataclass(frozen=True)
class WorkItem:
    """One item handed to a rep: an open assignment (``due`` is its due date) or a due card (its due day)."""

    ref: ItemRef
    source: Source
    due: dt.date

    def to_dict(self) -> dict[str, object]:
        return {"item_key": self.ref.key, "kind": self.ref.kind, "source": self.source, "due": self.due.isoformat()}


@dataclass(frozen=True)
class Workload:
    """What a rep is handed today, and how the rest is spread over the coming days."""

    today: tuple[WorkItem, ...]
    later: tuple[tuple[dt.date, tuple[WorkItem, ...]], ...]
    cap: int
    done_today: int

    @property
    def open_total(self) -> int:
        """Everything open now: handed today or spread later."""
        return len(self.today) + sum(len(items) for _, items in self.later)

    @property
    def reviews_today(self) -> tuple[WorkItem, ...]:
        return tuple(item for item in self.today if item.source == "review")

    @property
    def assignments_today(self) -> tuple[WorkItem, ...]:
        return tuple(item for item in self.today if item.source == "assignment")

    def summary(self) -> str:
        """One line for the home screen and the CLI."""
        total, days = self.open_total, len(self.later)
        if not total:
            return "Nothing due: no open assignments and no reviews."
        parts = []
        if self.assignments_today:
            parts.append(f"{len(self.assignments_today)} assigned")
        if self.reviews_today:
            parts.append(f"{len(self.reviews_today)} review(s)")
        detail = f" ({', '.join(parts)})" if parts else ""
        if not days:
            return f"{total} due today{detail}."
        spread = f"spread over {days} day{'s' if days != 1 else ''}, most overdue first"
        if not self.today:
            return (f"{total} due: today's cap of {self.cap} is reached ({self.done_today} done); "
                    f"from tomorrow they are {spread}.")
        return f"{total} due: {len(self.today)} today{detail}, the rest {spread}."

    def to_dict(self) -> dict[str, object]:
        return {
            "cap": self.cap,
            "done_today": self.done_today,
            "open_total": self.open_total,
            "today": [item.to_dict() for item in self.today],
            "later": [{"day": day.isoformat(), "items": [i.to_dict() for i in items]} for day, items in self.later],
            "summary": self.summary(),
        }


def plan_workload(
    assignments: Sequence[AssignmentProgress],
    cards: Sequence[DueItem],
    *,
    today: dt.date,
    cap: int,
    done_today: int = 0,
    review_room: int | None = None,
    reviews_paused: bool = False,
) -> Workload:
    """Today's items and the spread of the rest (see the module's rules).

    ``cards`` are the rep's due cards as the store lists them; new items and scenarios are not reviews.
    ``review_room`` is what the rep's own review limit leaves today (None: no limit of their own).
    """
    if cap < 1:
        raise ValueError("the daily cap is at least one item")
    assigned = sorted(
        (WorkItem(p.assignment.item, "assignment", p.assignment.due) for p in assignments if p.status != "done"),
        key=lambda item: (item.due, item.ref.key),
    )
    keys = {item.ref.key for item in assigned}
    reviews = [] if reviews_paused else sorted(
        (card for card in cards
         if card.reason != "new" and card.ref.kind in REVIEWED_KINDS and card.ref.key not in keys),
        key=lambda card: (card.due_at or dt.datetime.combine(today, dt.time(), dt.UTC), card.ref.key),
    )
    queue = assigned + [WorkItem(card.ref, "review", _day(card, today)) for card in reviews]

    room = max(cap - done_today, 0)
    handed: list[WorkItem] = []
    rest: list[WorkItem] = []
    review_left = review_room
    for item in queue:
        fits = len(handed) < room
        if item.source == "review" and review_left is not None:
            fits = fits and review_left > 0
        if fits:
            handed.append(item)
            if item.source == "review" and review_left is not None:
                review_left -= 1
        else:
            rest.append(item)
    days = math.ceil(len(rest) / cap)
    later = tuple(
        (today + dt.timedelta(days=number + 1), tuple(rest[number * cap:(number + 1) * cap])) for number in range(days)
    )
    return Workload(tuple(handed), later, cap, done_today)


def _day(card: DueItem, today: dt.date) -> dt.date:
    return card.due_at.astimezone().date() if card.due_at is not None else today


def rep_workload(
    store: Store,
    library: Library,
    rep: str,
    now: dt.datetime,
    *,
    done_today: int,
    review_room: int | None = None,
    reviews_paused: bool = False,
) -> Workload:
    """The workload of ``rep`` from the store (open assignments, due cards) under the library's daily cap."""
    from ..store.items import scheduled_items

    today = now.astimezone().date()
    return plan_workload(
        assignment_progress(store, library, today, [rep]),
        store.due(rep, scheduled_items(library), now, include_new=False),
        today=today,
        cap=library.policy.workload.daily_items,
        done_today=done_today,
        review_room=review_room,
        reviews_paused=reviews_paused,
    )
