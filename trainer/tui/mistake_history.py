"""Every attempt the mistake memory learns from for one cut: full recitations and weak-spot drills.

Full attempts come from the practice log; drills are kept apart in the store (they are not the cut's score,
see :mod:`trainer.store.migrations`, migration 7) or, with no database, for the session on the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..library.item_ref import ItemRef

if TYPE_CHECKING:
    from .app import TrainerApp

History = list[tuple[dt.datetime, Mapping[str, Any] | None]]


def mistake_history(app: TrainerApp, ref: ItemRef) -> History:
    history: History = [(a.at, a.detail) for a in app.practice_log.attempts(ref) if a.score is not None]
    if app.store is not None:
        history += [(when, breakdown) for when, _, _, breakdown in app.store.partial_attempts(app.rep, ref)]
    history += [(when, detail) for key, when, detail in session_drills(app) if key == ref.key]
    return history


def session_drills(app: TrainerApp) -> list[tuple[str, dt.datetime, Mapping[str, Any]]]:
    """Drills done this session without a database (tests, a store that failed to open)."""
    found: list[tuple[str, dt.datetime, Mapping[str, Any]]] = app.__dict__.setdefault("_session_drills", [])
    return found


def keep_drill(app: TrainerApp, ref: ItemRef, *, score: float, breakdown: dict[str, Any], text: str,
               version: int) -> None:
    """Keep a drill's partial score (in the store when there is one); a failure is told, never raised."""
    if app.store is None:
        session_drills(app).append((ref.key, app.now(), breakdown))
        return
    try:
        app.store.record_partial(app.rep, ref, mode=str(breakdown.get("mode", "weak-spot")), score=score,
                                 breakdown=breakdown, attempt_text=text, version=version, started_at=app.now())
    except Exception as exc:
        app.notify(f"This drill was NOT saved: {exc}", title="Not saved", severity="error", timeout=10)
