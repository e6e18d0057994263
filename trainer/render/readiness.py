"""Readiness for the terminal: each team's colour, then each rep's colour and the reason for it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..safe_text import visible
from ..team.readiness import RepReadiness, team_colour

COLOUR_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red", "not enough data": "dim"}


def render_readiness(result: Sequence[tuple[str | None, Sequence[RepReadiness]]]) -> Group:
    parts: list[RenderableType] = []
    for team, judged in result:
        colour = team_colour(judged)
        heading = Text.assemble((visible(team) if team else "All reps", "bold"), "  ", (colour, COLOUR_STYLE[colour]))
        grid = Table(show_header=False, pad_edge=False, box=None)
        grid.add_column("rep")
        grid.add_column("colour")
        grid.add_column("why")
        for r in judged:
            grid.add_row(Text(visible(r.rep)), Text(r.colour, style=COLOUR_STYLE[r.colour]), Text(visible(r.why)))
        if not judged:
            grid.add_row(Text("no reps", style="dim"), Text(""), Text(""))
        parts.extend([heading, grid, Text("")])
    return Group(*parts)
