"""The team table for the terminal: items down, reps across, best score and what is due in each cell."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..library.item_ref import ItemRef
from ..safe_text import visible
from ..scoring.results import score_text
from ..team.progress import Cell, TeamTable

STATUS_STYLE = {"ok": "green", "due": "yellow", "overdue": "bold red", "changed": "magenta", "new": "dim"}


def _cell(cell: Cell) -> Text:
    if cell.attempts == 0:
        return Text("—", style="dim")
    best = score_text(cell.best, missing="?")
    return Text.assemble(best, " ", (cell.status if cell.status != "ok" else "✓", STATUS_STYLE[cell.status]))


def render_team(
    table: TeamTable, weakest: list[tuple[ItemRef, float, int]], points: list[tuple[str, int]]
) -> RenderableType:
    grid = Table(header_style="bold", pad_edge=False, box=None)
    grid.add_column("item")
    grid.add_column("product")
    for rep in table.reps:
        grid.add_column(Text(visible(rep)), justify="right")
    for item in table.items:
        cells = (_cell(table.cell(rep, item)) for rep in table.reps)
        grid.add_row(Text(visible(table.title(item))), Text(visible(table.product_name(item))), *cells)
    ready = Text("Ready (practised, not due, ≥ 75): ")
    ready.append(", ".join(f"{visible(rep)} {table.readiness(rep):.0%}" for rep in table.reps))
    parts: list[RenderableType] = [grid, Text(""), ready]
    if weakest:
        listed = "; ".join(f"{visible(table.label(i))} ({score_text(avg)})" for i, avg, _ in weakest)
        parts.append(Text("Weakest items: " + listed))
    if points:
        parts.append(Text("Most missed: " + "; ".join(f"{visible(p)} ({n}×)" for p, n in points)))
    return Group(*parts)
