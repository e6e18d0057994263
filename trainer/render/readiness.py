"""Readiness for the terminal: each team's colour and weekly trend, then each rep's colour, trend and reason."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..safe_text import visible
from ..team.readiness_report import TeamReadiness
from ..team.trend import Trend

COLOUR_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red", "not enough data": "dim"}
BARS = "▁▂▃▄▅▆▇█"


def sparkline(trend: Trend | None) -> str:
    """One block character per week, 0 to 100; a week without practice is a dot, so a gap never reads as 0."""
    if trend is None:
        return ""
    return "".join("·" if v is None else BARS[min(len(BARS) - 1, int(max(0.0, v) / 100 * len(BARS)))]
                   for v in trend.values)


def render_readiness(result: Sequence[TeamReadiness]) -> Group:
    parts: list[RenderableType] = []
    for group in result:
        colour = group.colour
        heading = Text.assemble((visible(group.name), "bold"), "  ", (colour, COLOUR_STYLE[colour]), "  ",
                                (sparkline(group.trend), "cyan"))
        grid = Table(show_header=False, pad_edge=False, box=None)
        grid.add_column("rep")
        grid.add_column("colour")
        grid.add_column("trend", no_wrap=True)
        grid.add_column("why")
        for r in group.reps:
            grid.add_row(Text(visible(r.rep)), Text(r.colour, style=COLOUR_STYLE[r.colour]),
                         Text(sparkline(group.rep_trends.get(r.rep)), style="cyan"), Text(visible(r.why)))
        if not group.reps:
            grid.add_row(Text("no reps", style="dim"), Text(""), Text(""), Text(""))
        parts.extend([heading, grid, Text("")])
    if result:
        parts.append(Text("Trend: weekly proficiency, oldest first (· no practice that week).", style="dim"))
    return Group(*parts)
