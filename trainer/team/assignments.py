"""Whether an assignment is open, done or overdue: pure rules, with the date injected.

The rules, in one place:

- An assignment is **done** when the rep's best score on the item's *current published version* reaches the
  minimum. Attempts made before it was assigned count too: a rep who already knows v3 need not prove it again.
- Attempts on an older version do not count: publishing a new version (a pitch's ``vN``, or a new ``version``
  of a product's objections or drills) re-opens every assignment of the items it changed ("learn v3 by
  Friday"). A scenario has no version: any attempt counts.
- Otherwise it is **overdue** from the day after its due date (the due day itself is still on time), else
  **open**.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..library.catalog import Library
from ..library.item_ref import ItemRef
from ..library.problems import ContentError
from ..practice.items import item_titles
from ..store.assignments import StoredAssignment
from ..store.attempts import NewAttempt
from ..store.interface import Store

AssignmentStatus = Literal["open", "done", "overdue"]


@dataclass(frozen=True)
class AssignmentProgress:
    """An assignment with what the rep has done about it."""

    assignment: StoredAssignment
    title: str
    version: int | None  # the version that counts (None: a scenario, or an item the library no longer has)
    best: float | None  # best score on that version
    status: AssignmentStatus

    def to_record(self) -> dict[str, Any]:
        """The JSON/CSV record: stable keys, documented in the README."""
        a = self.assignment
        return {
            "rep": a.rep,
            "item": a.item.key,
            "kind": a.item.kind,
            "product": a.item.product,
            "title": self.title,
            "version": self.version,
            "due": a.due.isoformat(),
            "min_score": a.min_score,
            "best": self.best,
            "status": self.status,
            "team": a.team,
            "assigned_by": a.assigned_by,
            "assigned_at": a.assigned_at.isoformat(),
        }


def current_version(library: Library, ref: ItemRef) -> int | None:
    """The version an attempt must be on to count: a pitch's newest published, an objection's or drill's file
    version; None for a scenario or an item the library no longer has."""
    if ref.kind == "pitch":
        try:
            current = library.pitch(ref.id).current
        except ContentError:
            return None
        return current.version if current is not None else None
    return library.content_version(ref)


def best_on_version(attempts: Iterable[NewAttempt], ref: ItemRef, version: int | None) -> float | None:
    """The best score among ``attempts`` at ``ref`` on ``version`` (any version when it is None)."""
    scores = [a.score for a in attempts if a.key == ref.key and (version is None or a.version == version)]
    return max(scores) if scores else None


def status_of(assignment: StoredAssignment, best: float | None, today: dt.date) -> AssignmentStatus:
    """Done once the minimum is reached; overdue from the day after the due date; open until then."""
    if best is not None and best >= assignment.min_score:
        return "done"
    return "overdue" if today > assignment.due else "open"


def progress_of(
    library: Library, assignment: StoredAssignment, attempts: Iterable[NewAttempt], today: dt.date,
    titles: dict[ItemRef, str] | None = None,
) -> AssignmentProgress:
    """One assignment's progress from the rep's attempts at its item."""
    ref = assignment.item
    version = current_version(library, ref)
    best = best_on_version(attempts, ref, version)
    title = (titles if titles is not None else item_titles(library)).get(ref, ref.short_name)
    return AssignmentProgress(assignment, title, version, best, status_of(assignment, best, today))


_ORDER = {"overdue": 0, "open": 1, "done": 2}


def assignment_progress(
    store: Store, library: Library, today: dt.date, reps: Sequence[str] | None = None
) -> list[AssignmentProgress]:
    """Every assignment (of ``reps``, when given) with its status: overdue first, then open by due date, then
    done."""
    stored = store.assignments(reps)
    titles = item_titles(library)
    found: list[AssignmentProgress] = []
    for assignment in stored:
        attempts = store.attempts(assignment.rep, key=assignment.item)
        found.append(progress_of(library, assignment, attempts, today, titles))
    found.sort(key=lambda p: (_ORDER[p.status], p.assignment.due, p.assignment.rep, p.assignment.item.key))
    return found
