"""The manager's view of a team: who has practised what, how well, and what is due.

Built from the practice store and the library's current items; the same table feeds the app's manager
screen and ``trainer team``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..library.catalog import Library
from ..library.item_ref import ItemRef
from ..practice.items import item_titles
from ..store.attempts import Attempt, utc_now
from ..store.interface import Store
from ..store.items import scheduled_items


@dataclass(frozen=True)
class Cell:
    best: float | None
    last: dt.datetime | None
    attempts: int
    status: str  # "new", "ok", "due", "overdue", "changed"


@dataclass(frozen=True)
class TeamTable:
    reps: list[str]
    items: list[ItemRef]
    cells: dict[tuple[str, str], Cell]
    titles: dict[ItemRef, str] = field(default_factory=dict)  # what people read for each item
    products: dict[str, str] = field(default_factory=dict)  # product id -> name

    def title(self, item: ItemRef) -> str:
        """The item's title as the library shows it, or its id (and cut) when the library no longer has it."""
        return self.titles.get(item) or item.short_name

    def product_name(self, item: ItemRef) -> str:
        return self.products.get(item.product, item.product)

    def label(self, item: ItemRef) -> str:
        """Title and product: ids repeat across products, so a name alone can be ambiguous."""
        return f"{self.title(item)} · {self.product_name(item)}"

    def cell(self, rep: str, item: ItemRef) -> Cell:
        return self.cells[(rep, item.key)]

    def row(self, item: ItemRef) -> list[Cell]:
        return [self.cell(rep, item) for rep in self.reps]

    def to_records(self) -> list[dict[str, Any]]:
        """One record per rep and item (the JSON/CSV of ``trainer team``)."""
        return [
            {
                "rep": rep,
                "kind": item.kind,
                "product": item.product,
                "item_id": item.id,
                "cut": item.cut,
                "item_key": item.key,
                "title": self.title(item),
                "best": cell.best,
                "attempts": cell.attempts,
                "status": cell.status,
                "last_practised": cell.last.isoformat() if cell.last else None,
            }
            for rep in self.reps
            for item in self.items
            for cell in [self.cell(rep, item)]
        ]

    def readiness(self, rep: str) -> float:
        """Share of items the rep has practised, is not due on, and scored at least Silver (75) on."""
        ready = [c for item in self.items for c in [self.cell(rep, item)] if c.status == "ok" and (c.best or 0) >= 75]
        return len(ready) / len(self.items) if self.items else 0.0


def team_table(
    store: Store,
    library: Library,
    *,
    product: str | None = None,
    reps: Sequence[str] | None = None,
    now: dt.datetime | None = None,
) -> TeamTable:
    now = now or utc_now()
    scheduled = [i for i in scheduled_items(library) if product is None or i.product == product]
    items = [i.ref for i in scheduled]
    roster = list(reps) if reps else store.reps()
    cells: dict[tuple[str, str], Cell] = {}
    for rep in roster:
        by_key: dict[str, list[Attempt]] = defaultdict(list)
        for attempt in store.attempts(rep):
            by_key[attempt.key].append(attempt)
        due = {d.ref.key: d.reason for d in store.due(rep, scheduled, now, include_new=False)}
        for item in items:
            mine = by_key.get(item.key, [])
            status = "new" if not mine else due.get(item.key, "ok")
            cells[(rep, item.key)] = Cell(
                best=max((a.score for a in mine), default=None),
                last=max((a.started_at for a in mine), default=None),
                attempts=len(mine),
                status=status,
            )
    products = {pid: content.name for pid, content in library.products.items()}
    return TeamTable(roster, items, cells, item_titles(library), products)


def weakest_items(table: TeamTable, limit: int = 5) -> list[tuple[ItemRef, float, int]]:
    """Items with the lowest average best score among reps who tried them: (item, average, reps tried)."""
    found = []
    for item in table.items:
        bests = [c.best for rep in table.reps for c in [table.cell(rep, item)] if c.best is not None]
        if bests:
            found.append((item, sum(bests) / len(bests), len(bests)))
    found.sort(key=lambda row: (row[1], row[0].key))
    return found[:limit]


def weakest_points(
    store: Store, reps: Sequence[str], product: str | None = None, limit: int = 8
) -> list[tuple[str, int]]:
    """Key phrases and key points most often missed across the reps' attempts."""
    missed: Counter[str] = Counter()
    for rep in reps:
        for attempt in store.attempts(rep):
            if product is not None and attempt.product != product:
                continue
            breakdown = attempt.breakdown
            missed.update(k["phrase"] for k in breakdown.get("key_phrases", []) if not k.get("found"))
            missed.update(k["point"] for k in breakdown.get("key_points", []) if not k.get("covered"))
    return missed.most_common(limit)
