"""Assignments for the terminal: one row per rep and item, overdue first, with the best score so far.

Under each title, dimmed, the item key: what ``trainer unassign`` takes to withdraw exactly that assignment."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from ..safe_text import visible
from ..scoring.results import score_text
from ..team.assignments import AssignmentProgress

STATUS_STYLE = {"done": "green", "open": "yellow", "overdue": "bold red"}


def render_assignments(found: Sequence[AssignmentProgress]) -> Table:
    grid = Table(header_style="bold", pad_edge=False, box=None)
    for name, justify in (("rep", "left"), ("item", "left"), ("version", "right"), ("due", "left"),
                          ("min", "right"), ("best", "right"), ("status", "left")):
        grid.add_column(name, justify=justify)  # type: ignore[arg-type]
    for progress in found:
        a = progress.assignment
        grid.add_row(
            Text(visible(a.rep)),
            Text.assemble(visible(progress.title), "\n", (visible(a.item.key), "dim")),
            Text("" if progress.version is None else f"v{progress.version}"),
            Text(a.due.isoformat()),
            Text(score_text(a.min_score)),
            Text(score_text(progress.best)),
            Text(progress.status, style=STATUS_STYLE[progress.status]),
        )
    return grid
