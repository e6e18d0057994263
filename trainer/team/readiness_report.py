"""The readiness report a manager sends to the sales director: one self-contained HTML page.

Self-contained means it still reads the same when mailed, archived or printed years later: inline CSS, no
script, no font, image or link to fetch; the trend is inline SVG drawn here. Every rep, team and item name is
untrusted text and goes through :func:`~trainer.safe_text.html_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..library.catalog import Library
from ..safe_text import html_text
from ..store.interface import Store
from .readiness import GREEN_FROM, RED_BELOW, RepReadiness, team_colour
from .trend import Trend, Week


@dataclass(frozen=True)
class TeamReadiness:
    """One group of the readiness view: a roster team (``team`` None: the reps asked for, or everybody)."""

    team: str | None
    reps: list[RepReadiness]
    trend: Trend
    rep_trends: dict[str, Trend] = field(default_factory=dict)

    @property
    def colour(self) -> str:
        return team_colour(self.reps)

    @property
    def name(self) -> str:
        return self.team or "All reps"

    def to_record(self, weeks: Sequence[Week]) -> dict[str, Any]:
        """The JSON of ``trainer readiness``: the team, its colour, its weekly trend and each rep with theirs."""
        return {
            "team": self.team,
            "colour": self.colour,
            "trend": self.trend.to_record(weeks),
            "reps": [
                {**r.to_record(), "trend": self.rep_trends[r.rep].to_record(weeks) if r.rep in self.rep_trends else []}
                for r in self.reps
            ],
        }


COLOURS = {"green": "#1b7f3b", "amber": "#b26a00", "red": "#b3261e", "not enough data": "#777"}

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { margin-bottom: 0.2em; } .meta, .why, .none { color: #666; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
.colour { font-weight: bold; white-space: nowrap; }
.green { color: #1b7f3b; } .amber { color: #b26a00; } .red { color: #b3261e; } .not-enough-data { color: #777; }
svg { display: block; } svg text { font: 11px system-ui, sans-serif; fill: #555; }
ul.facts { margin: 0.2em 0 0; padding-left: 1.2em; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; }
  tr, section { page-break-inside: avoid; } * { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
"""


def _css_class(colour: str) -> str:
    return colour.replace(" ", "-")


def _points(values: Sequence[float | None], width: float, height: float, pad: float) -> list[list[tuple[float, float]]]:
    """Runs of consecutive weeks with a value as SVG points: a gap breaks the line."""
    step = (width - 2 * pad) / max(1, len(values) - 1)
    runs: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        x = pad + index * step if len(values) > 1 else width / 2
        y = pad + (100 - max(0.0, min(100.0, value))) / 100 * (height - 2 * pad)
        runs[-1].append((round(x, 1), round(y, 1)))
    return [run for run in runs if run]


def _lines(values: Sequence[float | None], width: float, height: float, pad: float, colour: str,
           stroke: float) -> str:
    out = []
    for run in _points(values, width, height, pad):
        if len(run) > 1:
            path = " ".join(f"{x},{y}" for x, y in run)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{stroke}" />')
        out.extend(f'<circle cx="{x}" cy="{y}" r="{stroke + 1}" fill="{colour}" />' for x, y in run)
    return "".join(out)


def trend_chart(trend: Trend, weeks: Sequence[Week], colour: str) -> str:
    """A team's weekly proficiency as inline SVG: 0–100, dashed lines at the red and green thresholds,
    week labels under the axis, gaps where nobody practised."""
    width, height, pad = 640.0, 150.0, 20.0
    plot_h = height - 14  # room for the week labels
    e = html_text
    guides = []
    for level, tint in ((100.0, "#ddd"), (GREEN_FROM, COLOURS["green"]), (RED_BELOW, COLOURS["red"]), (0.0, "#ddd")):
        y = round(pad + (100 - level) / 100 * (plot_h - 2 * pad), 1)
        guides.append(f'<line x1="{pad}" y1="{y}" x2="{width - pad}" y2="{y}" stroke="{tint}" '
                      f'stroke-dasharray="4 4" stroke-width="1" /><text x="2" y="{y + 4}">{level:.0f}</text>')
    step = (width - 2 * pad) / max(1, len(weeks) - 1)
    labels = "".join(
        f'<text x="{round(pad + i * step if len(weeks) > 1 else width / 2, 1)}" y="{height - 2}" '
        f'text-anchor="middle">{e(week.label.split("-")[1])}</text>'
        for i, week in enumerate(weeks)
    )
    described = "; ".join(f"{w.label}: {'no practice' if v is None else f'{v:.0f}'}"
                          for w, v in zip(weeks, trend.values, strict=True))
    return (
        f'<svg width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img">'
        f"<title>{e(trend.name)} — weekly proficiency. {e(described)}</title>"
        f'{"".join(guides)}{_lines(trend.values, width, plot_h, pad, colour, 2)}{labels}</svg>'
    )


def sparkline(trend: Trend, colour: str) -> str:
    """A rep's weekly proficiency as a small inline SVG for the table."""
    width, height, pad = 120.0, 28.0, 3.0
    described = ", ".join("–" if v is None else f"{v:.0f}" for v in trend.values)
    return (
        f'<svg width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img">'
        f"<title>{html_text(trend.name)}: {described}</title>"
        f'<line x1="0" y1="{height - 1}" x2="{width}" y2="{height - 1}" stroke="#ddd" />'
        f"{_lines(trend.values, width, height, pad, colour, 1)}</svg>"
    )


def _facts(rep: RepReadiness) -> str:
    e = html_text
    items = []
    if rep.certified:
        items.append("<li>certified: " + ", ".join(e(c) for c in rep.certified) + "</li>")
    if rep.overdue:
        items.append('<li class="red">overdue: ' + ", ".join(e(o) for o in rep.overdue) + "</li>")
    return f'<ul class="facts">{"".join(items)}</ul>' if items else ""


def _team_section(group: TeamReadiness, weeks: Sequence[Week]) -> str:
    e = html_text
    colour = group.colour
    rows = []
    for rep in group.reps:
        trend = group.rep_trends.get(rep.rep)
        proficiency = "" if rep.proficiency is None else f"{rep.proficiency:.0f}"
        rows.append(
            f"<tr><td>{e(rep.rep)}</td>"
            f'<td class="colour {_css_class(rep.colour)}">{e(rep.colour)}</td>'
            f'<td><span class="why">{e(rep.why)}</span>{_facts(rep)}</td>'
            f'<td class="num">{rep.attempts}</td><td class="num">{proficiency}</td>'
            f"<td>{sparkline(trend, COLOURS[rep.colour]) if trend else ''}</td></tr>"
        )
    body = "".join(rows) or '<tr><td colspan="6" class="none">no reps</td></tr>'
    return (
        f'<section>\n<h2>{e(group.name)} · <span class="colour {_css_class(colour)}">{e(colour)}</span></h2>\n'
        f"{trend_chart(group.trend, weeks, COLOURS[colour])}\n"
        '<table>\n<thead><tr><th>rep</th><th>colour</th><th>why</th><th class="num">attempts</th>'
        f'<th class="num">proficiency</th><th>trend</th></tr></thead>\n<tbody>{body}</tbody>\n</table>\n</section>\n'
    )


def to_html(groups: Sequence[TeamReadiness], weeks: Sequence[Week], generated_at: dt.datetime,
            product: str | None = None) -> str:
    """The whole page: a table of team colours, then per team its trend chart and each rep with the reason."""
    e = html_text
    scope = f" · product: {e(product)}" if product else ""
    span = f"{weeks[0].label} to {weeks[-1].label}" if weeks else ""
    summary = "".join(
        f'<tr><td>{e(g.name)}</td><td class="colour {_css_class(g.colour)}">{e(g.colour)}</td>'
        f'<td class="num">{len(g.reps)}</td>'
        + "".join(f'<td class="num">{sum(1 for r in g.reps if r.colour == c)}</td>'
                  for c in ("green", "amber", "red", "not enough data"))
        + "</tr>"
        for g in groups
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        f"<title>Team readiness — {e(generated_at.strftime('%Y-%m-%d'))}</title>\n<style>{_CSS}</style>\n"
        "</head>\n<body>\n<h1>Team readiness</h1>\n"
        f'<p class="meta">{e(generated_at.strftime("%Y-%m-%d %H:%M UTC"))}{scope} · trend {e(span)}</p>\n'
        f'<p class="meta">Green: certified, nothing overdue, proficiency at least {GREEN_FROM:.0f}. Red: an overdue '
        f"assignment or proficiency below {RED_BELOW:.0f}. Amber: the rest. Proficiency is the recency-weighted "
        "mean score; fewer than three attempts is “not enough data”. A week without practice is a gap.</p>\n"
        '<table>\n<thead><tr><th>team</th><th>colour</th><th class="num">reps</th><th class="num">green</th>'
        '<th class="num">amber</th><th class="num">red</th><th class="num">not enough data</th></tr></thead>\n'
        f"<tbody>{summary}</tbody>\n</table>\n"
        + "".join(_team_section(g, weeks) for g in groups)
        + "</body>\n</html>\n"
    )


def gather(
    store: Store, library: Library, groups: Sequence[tuple[str | None, Sequence[str]]], now: dt.datetime,
    weeks: Sequence[Week], product: str | None = None,
) -> list[TeamReadiness]:
    """Readiness and weekly trend of every group, read once from the store: the one place the command line and
    the app get them, so both always agree. ``product`` limits attempts, assignments and certificates."""
    from ..library.roster import CertificationPolicy
    from .assignments import assignment_progress
    from .certification import certificates
    from .readiness import rep_readiness
    from .trend import rep_trend, team_trend

    policy = library.roster.policy.certification if library.roster else CertificationPolicy()
    today = now.astimezone(dt.UTC).date()
    progress = [p for p in assignment_progress(store, library, today)
                if product is None or p.assignment.item.product == product]
    found: list[TeamReadiness] = []
    for team, members in groups:
        attempts = {rep: [a for a in store.attempts(rep) if product is None or a.product == product]
                    for rep in members}
        judged = [
            rep_readiness(rep, attempts[rep], progress,
                          certificates(rep, library, attempts[rep], today, policy, product), now)
            for rep in members
        ]
        found.append(TeamReadiness(
            team, judged, team_trend(team or "All reps", attempts, weeks),
            {rep: rep_trend(rep, attempts[rep], weeks) for rep in members},
        ))
    return found
