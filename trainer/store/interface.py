"""What the app, the commands and the team views may ask of a practice store, whichever database holds it.

:class:`~trainer.store.database.PracticeStore` (a SQLite file) and :class:`~trainer.store.postgres.PostgresStore`
(a PostgreSQL server) both provide it; code outside the store depends on this protocol only, so a team's
server database and a rep's own file behave alike everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..library.item_ref import ItemRef
from .assignments import StoredAssignment
from .attempts import Attempt, NewAttempt, PartialAttempt
from .peer_ratings import PeerRating
from .scheduling import DueItem
from .sql_store import ScheduledItem


@runtime_checkable
class Store(Protocol):
    """A practice history: attempts, spaced-repetition cards, reps, team sessions and their peer ratings."""

    location: str
    """Where the database is, as shown to people (a file path, or a URL without its password)."""

    @property
    def recordings_beside(self) -> Path:
        """The path whose folder keeps spoken attempts' recordings (a ``recordings`` folder beside it)."""
        ...

    def close(self) -> None: ...

    def record(self, attempt: NewAttempt, *, schedule: bool = True) -> Attempt: ...

    def rate(self, attempt_id: int, rating: int) -> None: ...

    def delete_attempt(self, attempt_id: int) -> None: ...

    def attempts(
        self,
        rep: str | None = None,
        *,
        key: ItemRef | None = None,
        since: dt.datetime | None = None,
        session_id: str | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[Attempt]: ...

    def best_score(self, rep: str, key: ItemRef, *, before_id: int | None = None) -> float | None: ...

    def reps(self) -> list[str]: ...

    def add_rep(self, name: str) -> None: ...

    def save_session(self, session_id: str, name: str, started_at: dt.datetime, record: dict[str, Any]) -> None: ...

    def session(self, session_id: str) -> dict[str, Any] | None: ...

    def record_partial(
        self,
        rep: str,
        key: ItemRef,
        *,
        mode: str,
        score: float,
        breakdown: dict[str, Any],
        attempt_text: str,
        version: int | None = None,
        started_at: dt.datetime | None = None,
    ) -> int: ...

    def partial_attempts(self, rep: str, key: ItemRef) -> list[tuple[dt.datetime, str, float, dict[str, Any]]]: ...

    def partial_history(
        self, rep: str | None = None, *, limit: int | None = None, newest_first: bool = False
    ) -> list[PartialAttempt]: ...

    def assign(self, assignments: Sequence[StoredAssignment]) -> None: ...

    def unassign(self, rep: str, item: ItemRef) -> bool: ...

    def assignments(self, reps: Sequence[str] | None = None) -> list[StoredAssignment]: ...

    def sessions(self) -> list[tuple[str, str, dt.datetime]]: ...

    def rate_turn(
        self,
        session_id: str,
        turn: int,
        rep: str,
        reviewer: str,
        scores: Mapping[str, int],
        when: dt.datetime | None = None,
    ) -> None: ...

    def clear_turn_ratings(self, session_id: str, turn: int) -> None: ...

    def peer_ratings(self, session_id: str) -> list[PeerRating]: ...

    def cards(self, rep: str) -> dict[str, tuple[dt.datetime, str | None]]: ...

    def due(
        self, rep: str, items: Sequence[ScheduledItem], now: dt.datetime | None = None, *, include_new: bool = True
    ) -> list[DueItem]: ...

    def review_log(self, rep: str) -> dict[str, list[tuple[int, dt.datetime, str | None]]]: ...

    def schedule_parameters(self, rep: str) -> tuple[list[float], dt.datetime, int] | None: ...

    def save_schedule_parameters(
        self,
        rep: str,
        parameters: Sequence[float] | None,
        *,
        reviews: int = 0,
        loss_before: float | None = None,
        loss_after: float | None = None,
    ) -> int: ...

    def schema_version(self) -> int: ...

    def counts(self) -> dict[str, int]: ...
