"""What one practice attempt is, as stored: tied to the exact version practised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..library.item_ref import ItemKind, ItemRef


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class NewAttempt:
    """An attempt to record. ``breakdown`` is the scorer's result as JSON-ready data."""

    rep: str
    kind: ItemKind
    item_id: str
    product: str
    score: float
    tier: str
    attempt_text: str
    breakdown: dict[str, Any] = field(default_factory=dict)
    cut: str | None = None
    version: int | None = None
    content_hash: str | None = None
    started_at: dt.datetime = field(default_factory=utc_now)
    duration_seconds: float | None = None
    rating: int | None = None  # 1 Again … 4 Easy; a self-rating, or derived from the score
    source: str = "app"
    session_id: str | None = None
    medium: str = "typed"  # typed | spoken: how the rep gave the attempt (``source`` is the program)
    transcript: str | None = None  # spoken: what the recognizer heard (``attempt_text`` holds the same words)
    audio_path: str | None = None  # spoken: the kept recording, in the user data folder
    mode: str = "recite"  # recite | strict: how it was practised (trainer.practice.recall_modes); not ``medium``

    @property
    def ref(self) -> ItemRef:
        """The item practised: the one identity the store, the app, the team view and exports share."""
        return ItemRef(self.kind, self.product, self.item_id, self.cut)

    @property
    def key(self) -> str:
        return self.ref.key


@dataclass(frozen=True)
class Attempt(NewAttempt):
    """A stored attempt, with its row id."""

    id: int = 0

    def to_record(self) -> dict[str, Any]:
        """The export record: stable column names, documented in the README."""
        return {
            "id": self.id,
            "rep": self.rep,
            "item_key": self.key,
            "kind": self.kind,
            "product": self.product,
            "item_id": self.item_id,
            "cut": self.cut,
            "version": self.version,
            "content_hash": self.content_hash,
            "started_at": self.started_at.isoformat(),
            "duration_seconds": self.duration_seconds,
            "score": self.score,
            "tier": self.tier,
            "rating": self.rating,
            "source": self.source,
            "session_id": self.session_id,
            "medium": self.medium,
            "transcript": self.transcript,
            "audio_path": self.audio_path,
            "mode": self.mode,
            "attempt_text": self.attempt_text,
            "breakdown": self.breakdown,
        }


EXPORT_COLUMNS: tuple[str, ...] = tuple(
    Attempt(rep="", kind="pitch", item_id="", product="", score=0, tier="", attempt_text="").to_record()
)


@dataclass(frozen=True)
class PartialAttempt:
    """A stored partial recitation (a weak-spot drill): what history lists, apart from the cut's attempts.

    It has a score but never a tier: a few sentences said well are not the cut said well.
    """

    id: int
    rep: str
    item_key: str
    mode: str
    version: int | None
    started_at: dt.datetime
    score: float

    LABEL = "partial drill"

    @property
    def ref(self) -> ItemRef:
        return ItemRef.parse(self.item_key)

    def to_record(self) -> dict[str, Any]:
        ref = self.ref
        return {
            "record": self.LABEL,
            "id": self.id,
            "rep": self.rep,
            "item_key": self.item_key,
            "kind": ref.kind,
            "product": ref.product,
            "item_id": ref.id,
            "cut": ref.cut,
            "version": self.version,
            "started_at": self.started_at.isoformat(),
            "score": self.score,
            "tier": None,
            "mode": self.mode,
        }
