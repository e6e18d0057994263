"""The manager's readiness view: each team's colour, each rep's colour with the reason, and the weekly trend.

The same numbers as ``trainer readiness`` (both come from :func:`trainer.team.readiness_report.gather`). The
trend is drawn with ``textual-plotext`` (a maintained Textual wrapper around plotext): the highlighted rep's
weekly proficiency against their team's; a week without practice is a gap in the line. Enter or a click on a
rep opens that rep's attempts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Footer, Static
from textual_plotext import PlotextPlot

from ...safe_text import visible
from ...team.readiness import GREEN_FROM, RED_BELOW
from ...team.readiness_report import TeamReadiness, gather
from ...team.trend import DEFAULT_WEEKS, Trend, Week, last_weeks
from ..plain import plain, plain_text
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen
from .manager import RepAttemptsScreen

COLOUR_STYLE = {"green": "bold $text-success", "amber": "bold $text-warning", "red": "bold $text-error",
                "not enough data": "$text-muted"}
# in the table $text-muted is drawn dark on dark: "not enough data" is italic there instead
CELL_STYLE = {**COLOUR_STYLE, "not enough data": "italic"}
PLOT_COLOUR = {"team": "orange", "rep": "cyan"}


def runs(values: Sequence[float | None]) -> list[tuple[list[int], list[float]]]:
    """Consecutive weeks with a value, as (week numbers from 1, values): one plotted segment each, so a week
    without practice stays a gap instead of a line drawn across it."""
    found: list[tuple[list[int], list[float]]] = []
    current: tuple[list[int], list[float]] | None = None
    for index, value in enumerate(values, start=1):
        if value is None:
            current = None
            continue
        if current is None:
            current = ([], [])
            found.append(current)
        current[0].append(index)
        current[1].append(value)
    return found


class RepTable(DataTable[object]):
    """The reps' table: one click on a rep opens their attempts (a plain DataTable needs a second click, the
    first only moving the cursor), as a click on a rep does in the manager's table."""

    async def _on_click(self, event: events.Click) -> None:
        before = self.cursor_coordinate
        await super()._on_click(event)
        row = event.style.meta.get("row")
        if isinstance(row, int) and row >= 0 and self.cursor_coordinate != before:
            self.action_select_cursor()


class ReadinessScreen(TrainerScreen):
    CSS_PATH = "readiness.tcss"
    AUTO_FOCUS = "#ready-reps"
    HELP = (
        "Red, amber or green for each rep and team, with the reason: green is certified, nothing overdue and "
        "proficiency at least 80; red is an overdue assignment or proficiency below 60; fewer than three attempts "
        "is not enough data. The plot is the highlighted rep's weekly proficiency against the team's (a week "
        "without practice is a gap). Enter, a click or a on a rep opens that rep's attempts."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "attempts", "Rep's attempts"),
        Binding("r", "refresh", "Refresh"),
    ]

    def __init__(self, product: str | None = None, weeks: int = DEFAULT_WEEKS) -> None:
        super().__init__()
        self.product, self.weeks_shown = product, weeks
        self.groups: list[TeamReadiness] = []
        self.weeks: list[Week] = []
        self.rows: list[tuple[TeamReadiness, str]] = []  # (group, rep) per table row

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="ready-teams")
        yield RepTable(id="ready-reps", cursor_type="row", zebra_stripes=True)
        yield Static(id="ready-detail")
        yield PlotextPlot(id="ready-trend")
        yield Static(id="ready-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Readiness"
        self.action_refresh()

    def _groups(self) -> list[tuple[str | None, list[str]]]:
        """Every roster team, or every rep in the history without a roster (as ``trainer readiness``)."""
        roster = self.trainer.library.roster
        if roster is not None:
            return [(team.id, list(team.members)) for team in roster.teams]
        store = self.trainer.store
        return [(None, store.reps() if store is not None else [])]

    def action_refresh(self) -> None:
        store = self.trainer.store
        if store is None:
            self._empty("No practice history is open: start the app with the team's database (trainer --db FILE).")
            return
        now = self.trainer.now()
        self.weeks = last_weeks(now, self.weeks_shown)
        try:
            self.groups = gather(store, self.trainer.library, self._groups(), now, self.weeks, self.product)
        except Exception as exc:  # a locked or damaged database: say so, keep the app
            self._empty(f"Could not read the practice history. {exc}")
            return
        self.rows = [(group, rep.rep) for group in self.groups for rep in group.reps]
        if not self.rows:
            self._empty("Nobody to judge yet: reps show up here once they practise (or are on the roster).")
            return
        self.set_class(False, "-empty")
        self.query_one("#ready-empty", Static).display = False
        self._fill()

    def _empty(self, message: str) -> None:
        self.groups, self.rows = [], []
        self.set_class(True, "-empty")
        empty = self.query_one("#ready-empty", Static)
        empty.update(plain(message))
        empty.display = True

    def _fill(self) -> None:
        parts: list[Content | str | tuple[str, str]] = [("Teams  ", "bold")]
        for group in self.groups:
            parts.extend([plain(group.name, "bold"), " ", (group.colour, COLOUR_STYLE[group.colour]), "   "])
        self.query_one("#ready-teams", Static).update(Content.assemble(*parts))
        table = self.query_one("#ready-reps", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Rep", key="rep")
        table.add_column("Team", key="team")
        # explicit width: auto-width does not measure styled Content ("not enough data" would be cut)
        table.add_column("Colour", key="colour", width=15)
        table.add_column("Why", key="why")
        for index, (group, rep) in enumerate(self.rows):
            judged = next(r for r in group.reps if r.rep == rep)
            table.add_row(
                plain_text(rep), plain_text(group.team or "—"),
                Content.styled(judged.colour, CELL_STYLE[judged.colour]), plain_text(judged.why), key=str(index),
            )
        table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))
        self._plot()

    @on(DataTable.RowHighlighted, "#ready-reps")
    def _highlighted(self) -> None:
        self._detail()
        self._plot()

    def _detail(self) -> None:
        """The highlighted rep's whole reason (the table cuts it at 80 columns), certificates and overdue work."""
        widget = self.query_one("#ready-detail", Static)
        row = self.query_one("#ready-reps", DataTable).cursor_row
        if not 0 <= row < len(self.rows):
            widget.update("")
            return
        group, rep = self.rows[row]
        judged = next(r for r in group.reps if r.rep == rep)
        parts: list[Content | str | tuple[str, str]] = [
            plain(rep, "bold"), " ", (judged.colour, COLOUR_STYLE[judged.colour]), ": ", plain(judged.why),
        ]
        if judged.certified:
            parts.extend(["\n", ("Certified  ", "bold"), plain(", ".join(judged.certified))])
        if judged.overdue:
            parts.extend(["\n", ("Overdue  ", "bold $text-error"), plain(", ".join(judged.overdue))])
        widget.update(Content.assemble(*parts))

    def _plot(self) -> None:
        """The highlighted rep's weekly proficiency against their team's, 0–100, with the red and green lines."""
        plot = self.query_one("#ready-trend", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        row = self.query_one("#ready-reps", DataTable).cursor_row
        if not self.rows or not 0 <= row < len(self.rows):
            plot.refresh()
            return
        group, rep = self.rows[row]
        team = group.trend
        mine = group.rep_trends.get(rep, Trend(rep, (None,) * len(self.weeks), (0,) * len(self.weeks)))
        count = len(self.weeks)
        plt.hline(GREEN_FROM, "green")
        plt.hline(RED_BELOW, "red")
        for label, trend, colour in ((group.name, team, PLOT_COLOUR["team"]), (rep, mine, PLOT_COLOUR["rep"])):
            for index, (xs, ys) in enumerate(runs(trend.values)):
                name = visible(label) if index == 0 else None  # one legend entry per line
                if len(xs) == 1:
                    plt.scatter(xs, ys, color=colour, marker="●", label=name)
                else:
                    plt.plot(xs, ys, color=colour, marker="hd", label=name)
        plt.xlim(0.5, count + 0.5)
        plt.ylim(0, 100)
        plt.xticks(list(range(1, count + 1)), [w.label.split("-")[1] for w in self.weeks])
        plt.yticks([0, RED_BELOW, GREEN_FROM, 100])
        practised = any(value is not None for value in (*team.values, *mine.values))
        empty = "" if practised else f" · no practice in the last {count} weeks"  # an empty frame says why
        plt.title(visible(f"Weekly proficiency · {rep} vs {group.name}{empty}"))
        plot.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "attempts":
            return bool(self.rows)
        return True

    def action_attempts(self) -> None:
        row = self.query_one("#ready-reps", DataTable).cursor_row
        if self.trainer.store is not None and 0 <= row < len(self.rows):
            self.app.push_screen(RepAttemptsScreen(self.rows[row][1], self.product))

    @on(DataTable.RowSelected, "#ready-reps")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_attempts()
