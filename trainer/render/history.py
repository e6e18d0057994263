"""Practice history and the due queue as terminal tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.table import Table

from ..library.catalog import Library
from ..practice.modes import MODE_NAMES
from ..safe_text import visible
from ..scoring.results import score_text
from ..store.attempts import Attempt, PartialAttempt
from ..store.scheduling import RATING_NAMES, DueItem


def _when(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def item_label(kind: str, item_id: str, cut: str | None) -> str:
    return visible(f"{item_id} {cut}" if cut else item_id)


def mode_label(mode: str, medium: str = "typed") -> str:
    """How an attempt was practised ("recite", "strict", …), and "spoken" when it was said aloud."""
    name = MODE_NAMES.get(mode, mode)
    return visible(f"{name} · spoken" if medium == "spoken" else name)


def render_history(attempts: Sequence[Attempt | PartialAttempt], *, show_rep: bool = False) -> Table:
    """Attempts and weak-spot drills, one row each; a drill shows "partial drill" where a tier would be.

    One space between columns and "ver" for the version: with the mode column a row of a drill is 77 characters,
    so it stays one line in an 80-column terminal (wrapped rows split "acme-core" from its cut).
    """
    table = Table(box=None, header_style="dim", pad_edge=False, padding=(0, 1, 0, 0))
    columns = ["when", *(["rep"] if show_rep else []), "kind", "item", "mode", "ver", "score", "tier", "rating"]
    for column in columns:
        table.add_column(column, justify="right" if column == "score" else "left", no_wrap=column == "when")
    for attempt in attempts:
        if isinstance(attempt, PartialAttempt):
            ref = attempt.ref
            table.add_row(
                _when(attempt.started_at),
                *([visible(attempt.rep)] if show_rep else []),
                visible(ref.kind),
                item_label(ref.kind, ref.id, ref.cut),
                mode_label(attempt.mode),
                f"v{attempt.version}" if attempt.version else "",
                score_text(attempt.score),
                PartialAttempt.LABEL,
                "",
            )
            continue
        row = [
            _when(attempt.started_at),
            *([visible(attempt.rep)] if show_rep else []),
            visible(attempt.kind),
            item_label(attempt.kind, attempt.item_id, attempt.cut),
            mode_label(attempt.mode, attempt.medium),
            f"v{attempt.version}" if attempt.version else "",
            score_text(attempt.score),
            visible(attempt.tier),
            RATING_NAMES.get(attempt.rating or 0, ""),
        ]
        table.add_row(*row)
    return table


def render_due(items: Sequence[DueItem], library: Library) -> Table | str:
    if not items:
        return "Nothing is due. Well done — come back tomorrow."
    table = Table(box=None, header_style="dim", pad_edge=False)
    for column in ("why", "kind", "product", "item", "last score", "due since"):
        table.add_column(column)
    for item in items:
        table.add_row(
            visible(item.reason),
            visible(item.ref.kind),
            visible(item.ref.product),
            item_label(item.ref.kind, item.ref.id, item.ref.cut),
            score_text(item.last_score, missing=""),
            "" if item.due_at is None else _when(item.due_at),
        )
    return table
