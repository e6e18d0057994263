"""The live scoreboard of a team session: rank, rep, answered and skipped turns, total, average, best; the rep on
turn marked."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import DataTable

from ...safe_text import visible
from ...scoring.results import score_text
from ...team.session import Standing

# "Ans" counts answered turns only, so Avg is Total / Ans on every row; passes are counted apart under "Skip".
COLUMNS: tuple[tuple[str, int], ...] = (
    ("#", 2), ("Rep", 9), ("Ans", 3), ("Skip", 4), ("Total", 5), ("Avg", 3), ("Best", 4)
)


class Scoreboard(DataTable[Content]):
    """A read-only table: :meth:`show` replaces every row (a session has a handful of reps, so that is cheap)."""

    DEFAULT_CSS = """
    Scoreboard { height: auto; max-height: 12; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", zebra_stripes=True, show_cursor=False)
        self.standings: list[Standing] = []
        self.current: str | None = None

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.add_column(label, width=width, key=label)

    def show(self, standings: Sequence[Standing], current: str | None = None) -> None:
        """Rank order; the rep whose turn it is gets a ▶ and bold accent (None: nobody is on turn)."""
        self.standings, self.current = list(standings), current
        self.clear()
        for standing in standings:
            on_turn = standing.rep == current
            style = "bold $text-accent" if on_turn else ""
            cells = (
                f"▶{standing.rank}" if on_turn else str(standing.rank),
                standing.rep,
                str(standing.scored),
                str(standing.skipped) if standing.skipped else "",
                score_text(standing.total),
                score_text(standing.average) if standing.scored else "—",
                score_text(standing.best),
            )
            self.add_row(*(Content.styled(visible(cell), style) for cell in cells), key=standing.rep)

    def ranks(self) -> list[tuple[int, str]]:
        """(rank, rep) in the order shown: what a test or a screen reader needs."""
        return [(s.rank, s.rep) for s in self.standings]
