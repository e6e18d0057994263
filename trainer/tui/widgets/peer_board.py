"""The peer-scorecard board of a team session: per rep, the average of teammates' 1-5 ratings per criterion.

Apart from the scoreboard (not extra columns on it) so the scoreboard keeps fitting a 46-column side panel, and
so the board only appears once somebody has rated a turn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.content import Content
from textual.widgets import DataTable

from ...safe_text import visible
from ...team.peer_review import RubricCriterion, average_text, peer_averages


class PeerBoard(DataTable[Content]):
    """Rep, then one short column per rubric criterion ("Acc", "Con", "Pac"); "—" where nobody rated."""

    DEFAULT_CSS = """
    PeerBoard { height: auto; max-height: 12; width: auto; }
    """

    def __init__(self, rubric: Sequence[RubricCriterion], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", zebra_stripes=True, show_cursor=False)
        self.rubric = tuple(rubric)
        self.averages: dict[str, dict[str, float | None]] = {}
        self.can_focus = False

    def on_mount(self) -> None:
        self.add_column("Rep", width=9, key="rep")
        for criterion in self.rubric:
            self.add_column(criterion.short, width=3, key=criterion.id)

    def show(self, roster: Sequence[str], ratings: Sequence[Mapping[str, Any]]) -> None:
        """Replace every row; roster order, so a rep's line does not jump around as ratings come in."""
        self.averages = peer_averages(roster, self.rubric, ratings)
        self.clear()
        for rep, by_criterion in self.averages.items():
            cells = [visible(rep)] + [average_text(by_criterion[c.id]) for c in self.rubric]
            self.add_row(*(Content(cell) for cell in cells), key=rep)
