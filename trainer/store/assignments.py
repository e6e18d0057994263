"""Assignments as stored: who must practise which item, by when, to what score.

Only the manager's decision is stored (rep, item, due date, minimum). Whether an assignment is done is derived
from the attempts every time it is shown (:mod:`trainer.team.assignments`), so publishing a new version
re-opens it without any write, and nothing stored can disagree with the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from ..library.item_ref import BadItemKey, ItemRef
from .dialect import Connection


@dataclass(frozen=True)
class StoredAssignment:
    """One rep's assignment of one item. ``team`` says through which team it was given, if any."""

    rep: str
    item: ItemRef
    due: dt.date
    min_score: float
    assigned_at: dt.datetime
    team: str | None = None
    assigned_by: str | None = None


class AssignmentStore:
    """The store's assignment methods, mixed into :class:`~trainer.store.sql_store.SqlStore` so SQLite and PostgreSQL
    both have them; the store gives the transactions (a write commits whole or not at all, failures arrive as
    StoreErrors)."""

    def _write(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def assign(self, assignments: Sequence[StoredAssignment]) -> None:
        """Store every assignment in one transaction; one already given for the same rep and item is replaced
        (a new due date or minimum), never doubled."""
        with self._write() as db:
            for item in assignments:
                db.execute(
                    "INSERT OR IGNORE INTO reps (name, created_at) VALUES (?, ?)",
                    (item.rep, _iso(item.assigned_at)),
                )
                db.execute(
                    "INSERT INTO assignments (rep, item_key, due, min_score, team, assigned_by, assigned_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rep, item_key) DO UPDATE SET due = excluded.due, "
                    "min_score = excluded.min_score, team = excluded.team, assigned_by = excluded.assigned_by, "
                    "assigned_at = excluded.assigned_at",
                    (
                        item.rep,
                        item.item.key,
                        item.due.isoformat(),
                        float(item.min_score),
                        item.team,
                        item.assigned_by,
                        _iso(item.assigned_at),
                    ),
                )

    def unassign(self, rep: str, item: ItemRef) -> bool:
        """Withdraw one assignment; False when there was none."""
        with self._write() as db:
            cursor = db.execute("DELETE FROM assignments WHERE rep = ? AND item_key = ?", (rep, item.key))
            return cursor.rowcount > 0

    def assignments(self, reps: Sequence[str] | None = None) -> list[StoredAssignment]:
        """Every assignment (of ``reps`` only, when given), soonest due first, then by rep and item."""
        sql = "SELECT rep, item_key, due, min_score, team, assigned_by, assigned_at FROM assignments"
        params: list[str] = []
        if reps is not None:
            if not reps:
                return []
            sql += f" WHERE rep IN ({', '.join('?' for _ in reps)})"
            params.extend(reps)
        sql += " ORDER BY due, rep, item_key"
        with self._read() as db:
            rows = db.execute(sql, params).fetchall()
        return list(_assignments(rows))


def _assignments(rows: Sequence[Sequence[object]]) -> Iterator[StoredAssignment]:
    """Rows as assignments; a row whose key no longer parses (edited by hand) is skipped, not fatal."""
    for rep, key, due, min_score, team, by, at in rows:
        try:
            item = ItemRef.parse(str(key))
        except BadItemKey:
            continue
        yield StoredAssignment(
            rep=str(rep),
            item=item,
            due=dt.date.fromisoformat(str(due)),
            min_score=float(min_score),  # type: ignore[arg-type]
            assigned_at=dt.datetime.fromisoformat(str(at)),
            team=None if team is None else str(team),
            assigned_by=None if by is None else str(by),
        )


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")
