"""Spaced repetition with FSRS: each pitch cut, objection and drill is a card per rep.

A recitation's score becomes a rating (the tiers map onto Again/Hard/Good/Easy); objection cards use the
rep's own rating. When the words of a pitch cut change in a newly published version, its card comes due
again at once, whatever FSRS said, because the rep has not learnt the new words yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}

# Learning steps suit drilling a pitch: again in ten minutes, then the next day and onwards.
SCHEDULER = Scheduler(learning_steps=(dt.timedelta(minutes=10),), enable_fuzzing=False)


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


def review(card: Card, rating: int, when: dt.datetime) -> Card:
    reviewed, _ = SCHEDULER.review_card(card, Rating(rating), when)
    return reviewed


@dataclass(frozen=True)
class DueItem:
    """A card that is due (or new), with why — what the home screen's queue and `trainer due` show."""

    item_key: str
    kind: str
    product: str
    item_id: str
    cut: str | None
    due_at: dt.datetime | None  # None: never practised
    reason: str  # "new", "due", "overdue", "changed"
    last_score: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "item_key": self.item_key,
            "kind": self.kind,
            "product": self.product,
            "item_id": self.item_id,
            "cut": self.cut,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "reason": self.reason,
            "last_score": self.last_score,
        }
