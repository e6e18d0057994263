"""The practice log backed by the SQLite store: attempts kept for good, "practise next" from FSRS.

Adapts the app's item references to the store's keys, seals each pitch attempt with the hash of the cut
practised (so a changed cut comes due again), and keeps only a compact breakdown of each score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..library.catalog import Library
from ..library.hashing import cut_hash
from ..library.item_ref import ItemRef
from ..library.problems import ContentError
from ..store.attempts import NewAttempt
from ..store.breakdown import compact_breakdown
from ..store.interface import Store
from ..store.items import scheduled_items
from ..store.scheduling import AGAIN, EASY, GOOD, HARD
from .log import Attempt, NextUp, Rating, _ago

RATING_NUMBERS: dict[Rating, int] = {"again": AGAIN, "hard": HARD, "good": GOOD, "easy": EASY}
RATING_WORDS: dict[int, Rating] = {number: word for word, number in RATING_NUMBERS.items()}
_REASONS = {"changed": "the words changed", "overdue": "overdue", "due": "due now", "new": "not practised yet"}
_ACTIVITY = {"pitch": "recited", "objection": "answered", "drill": "drilled", "scenario": "played"}


def score_text(score: float) -> str:
    """The one rounding rule for shown scores (half up), imported on first use like :func:`tier_for`."""
    from ..scoring.results import score_text as shown

    return shown(score)


def tier_for(score: float) -> str:
    """The scorer's tiers, imported on first use: the scorer is not needed to start the app."""
    from ..scoring import tier_for as scoring_tier

    return scoring_tier(score)


class StoreLog:
    """A :class:`~trainer.practice.log.PracticeLog` for one rep on a practice store."""

    def __init__(
        self, store: Store, rep: str, library: Library, now: Callable[[], dt.datetime] | None = None
    ) -> None:
        self.store = store
        self.rep = rep
        self.library = library
        self.now = now or (lambda: dt.datetime.now(dt.UTC))
        self._recent: list[Attempt] = []  # unscored activity (memorizing): shown, not stored
        self._touched: dict[ItemRef, Attempt] = {}  # the latest attempt at each item this session

    def _content_hash(self, ref: ItemRef, version: int | None) -> str | None:
        if ref.kind != "pitch" or ref.cut is None:
            return None
        try:
            return cut_hash(self.library.pitch(ref.id).version(version), ref.cut)
        except ContentError:
            return None

    def record(self, attempt: Attempt) -> int | None:
        ref = attempt.ref
        self._touched.pop(ref, None)
        self._touched[ref] = attempt  # re-inserted: the dict is ordered by latest attempt
        if attempt.score is None:
            self._recent.append(attempt)
            return None
        rating = RATING_NUMBERS[attempt.rating] if attempt.rating else None
        stored = self.store.record(
            NewAttempt(
                rep=self.rep,
                kind=ref.kind,
                item_id=ref.id,
                product=ref.product,
                cut=ref.cut,
                version=attempt.version,
                content_hash=self._content_hash(ref, attempt.version),
                score=attempt.score,
                tier=tier_for(attempt.score),
                attempt_text=attempt.text,
                breakdown=compact_breakdown(dict(attempt.detail or {})),
                started_at=attempt.at,
                duration_seconds=attempt.seconds,
                rating=rating,
                medium=attempt.medium,
                mode=attempt.mode,
                transcript=attempt.transcript,
                audio_path=attempt.audio_path,
            ),
            # Every pitch cut, objection and drill attempt reviews its card, wherever it was practised (an
            # objection answered in a scenario comes due like one from the deck); a self-rating given later
            # replaces the rating the score earned (see ``rate``). A whole scenario has no card of its own.
            schedule=ref.kind != "scenario",
        )
        return stored.id

    def rate(self, attempt_id: int, rating: Rating) -> None:
        self.store.rate(attempt_id, RATING_NUMBERS[rating])

    def attempts(self, ref: ItemRef | None = None) -> list[Attempt]:
        stored = self.store.attempts(self.rep, key=ref)
        found = [
            Attempt(
                a.ref,
                a.started_at,
                score=a.score,
                rating=RATING_WORDS.get(a.rating or 0) if a.kind == "objection" else None,
                version=a.version,
                text=a.attempt_text,
                detail=a.breakdown,
                seconds=a.duration_seconds,
                medium=a.medium,
                mode=a.mode,
                transcript=a.transcript,
                audio_path=a.audio_path,
            )
            for a in stored
        ]
        recent = [a for a in self._recent if ref is None or a.ref == ref]
        return sorted(found + recent, key=lambda a: a.at)

    def best(self, ref: ItemRef, before: int | None = None) -> float | None:
        return self.store.best_score(self.rep, ref, before_id=before)

    def practise_next(self, limit: int = 6) -> list[NextUp]:
        """Changed, overdue and due cards first (FSRS), then what was touched this session, then new items."""
        due = self.store.due(self.rep, scheduled_items(self.library), self.now())
        suggestions: list[NextUp] = []
        seen: set[ItemRef] = set()
        for item in due:
            if item.reason == "new":
                continue
            ref = item.ref
            reason = _REASONS[item.reason]
            if item.last_score is not None:
                reason += f" · last score {score_text(item.last_score)}"
            suggestions.append(NextUp(ref, reason, item.last_score))
            seen.add(ref)
        for attempt in reversed(self._touched.values()):
            if attempt.ref not in seen:
                activity = "memorized" if attempt.score is None else _ACTIVITY[attempt.ref.kind]
                reason = f"{activity} {_ago(self.now() - attempt.at)}"
                if attempt.score is not None:
                    reason += f" · score {score_text(attempt.score)}"
                suggestions.append(NextUp(attempt.ref, reason, attempt.score))
                seen.add(attempt.ref)
        for item in due:
            ref = item.ref
            if item.reason == "new" and ref not in seen and (ref.kind != "pitch" or ref.cut == "30s"):
                suggestions.append(NextUp(ref, _REASONS["new"]))
                seen.add(ref)
        return suggestions[:limit]
