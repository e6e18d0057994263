"""Spaced repetition with FSRS: each pitch cut, objection and drill is a card per rep.

A recitation's score becomes a rating (the tiers map onto Again/Hard/Good/Easy); objection cards use the
rep's own rating. When the words of a pitch cut change in a newly published version, its card comes due
again at once, whatever FSRS said, because the rep has not learnt the new words yet.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler

from ..library.item_ref import ItemRef
from .dialect import Connection

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}

# Learning steps suit drilling a pitch: again in ten minutes, then the next day and onwards.
LEARNING_STEPS = (dt.timedelta(minutes=10),)
SCHEDULER = Scheduler(learning_steps=LEARNING_STEPS, enable_fuzzing=False)


def scheduler_for(parameters: Sequence[float] | None) -> Scheduler:
    """The scheduler for a rep: FSRS's default parameters, or the ones fitted to the rep's own reviews.

    Only the model's parameters differ between reps; the learning steps and the absence of fuzz are the same
    for everyone, so a fitted schedule changes how fast a rep is expected to forget, nothing else.
    """
    if not parameters:
        return SCHEDULER
    return Scheduler(parameters=tuple(parameters), learning_steps=LEARNING_STEPS, enable_fuzzing=False)


def rating_for_score(score: float) -> int:
    """Gold (≥ 90) is Easy, Silver (≥ 75) Good, Bronze (≥ 50) Hard, below that Again."""
    if score >= 90:
        return EASY
    if score >= 75:
        return GOOD
    if score >= 50:
        return HARD
    return AGAIN


def new_card() -> Card:
    return Card()


def review(card: Card, rating: int, when: dt.datetime, scheduler: Scheduler = SCHEDULER) -> Card:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    reviewed, _ = scheduler.review_card(card, Rating(rating), when)
    return reviewed


def save_card(connection: Connection, rep: str, key: str, card: Card, content_hash: str | None) -> None:
    """Create or replace one rep's card for one item (the store, its undo and its migrations all write here)."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    connection.execute(
        "INSERT INTO cards (rep, item_key, card, content_hash, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (rep, item_key) DO UPDATE SET card = excluded.card, content_hash = excluded.content_hash, "
        "due_at = excluded.due_at, updated_at = excluded.updated_at",
        (rep, key, json.dumps(card.to_dict()), content_hash,
         card.due.astimezone(dt.UTC).isoformat(timespec="microseconds"), now),
    )


def replay(
    reviews: Iterable[tuple[int, dt.datetime, str | None]], scheduler: Scheduler = SCHEDULER
) -> tuple[Card, str | None] | None:
    """The card an item's reviews (rating, when, content hash practised), oldest first, add up to.

    A card is always what its attempts earn: when a rep re-rates an attempt or a facilitator undoes one, the
    card is replayed rather than patched, so it never remembers a review that no longer exists. New words (a
    changed content hash) start the card afresh, as :meth:`PracticeStore.record` does.
    """
    card: Card | None = None
    practised: str | None = None
    for rating, when, content_hash in reviews:
        if card is None or (content_hash and practised and content_hash != practised):
            card = new_card()
        card = review(card, rating, when, scheduler)
        practised = content_hash or practised
    return (card, practised) if card is not None else None


@dataclass(frozen=True)
class DueItem:
    """A card that is due (or new), with why — what the home screen's queue and `trainer due` show."""

    ref: ItemRef
    due_at: dt.datetime | None  # None: never practised
    reason: str  # "new", "due", "overdue", "changed"
    last_score: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "item_key": self.ref.key,
            "kind": self.ref.kind,
            "product": self.ref.product,
            "item_id": self.ref.id,
            "cut": self.ref.cut,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "reason": self.reason,
            "last_score": self.last_score,
        }
