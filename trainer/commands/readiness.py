"""``trainer readiness``: red, amber or green per rep and team, each with the reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..safe_text import json_text, visible
from ..team.trend import DEFAULT_WEEKS, MAX_WEEKS
from .assign import who
from .common import console, db_option, fail, format_option, library_option, open_library, open_store, write_output

if TYPE_CHECKING:
    from ..team.readiness_report import TeamReadiness
    from ..team.trend import Week

READINESS_COLUMNS = ["team", "rep", "colour", "why", "attempts", "proficiency", "overdue", "certified"]


@click.command()
@click.option("--team", "teams", multiple=True, metavar="NAME", help="Only this roster team (repeatable).")
@click.option("--rep", "reps", multiple=True, metavar="NAME", help="Only this rep (repeatable).")
@click.option("--product", help="Judge only this product's attempts, assignments and certificates.")
@click.option("--weeks", type=click.IntRange(1, MAX_WEEKS), default=DEFAULT_WEEKS, show_default=True,
              help="How many ISO weeks of trend to show (json, csv, html).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (replaced atomically) instead of printing.")
@db_option
@library_option
@format_option("text", "json", "csv", "html")
def readiness(
    teams: tuple[str, ...], reps: tuple[str, ...], product: str | None, weeks: int, output: Path | None,
    db_path: Path | str | None, library_dir: Path | None, output_format: str,
) -> None:
    """Who is ready to meet customers: red, amber or green per rep and team, with why.

    From certificates, overdue assignments and recency-weighted proficiency; fewer than three attempts is
    "not enough data". Without --team or --rep: every roster team (or every rep in the history, without a roster).
    json, csv and html add the weekly proficiency trend of the last --weeks ISO weeks (a week without practice
    is a gap); html is one self-contained page to mail or print.
    """
    from ..team.readiness_report import gather
    from ..team.trend import last_weeks

    library = open_library(library_dir)
    if product is not None and product not in library.products:
        from ..library.validation import did_you_mean

        fail(f"no product {product!r}{did_you_mean(product, list(library.products))}")
    store = open_store(db_path)
    groups: list[tuple[str | None, list[str]]]
    if reps:
        groups = [(None, [rep for rep, _ in who(library, reps, ())])]
    elif teams or library.roster is not None:
        roster = library.roster
        chosen = [t for t in roster.teams if not teams or t.id in teams] if roster else []
        who(library, (), teams)  # unknown team ids (or no roster) end here with a message
        groups = [(team.id, list(team.members)) for team in chosen]
    else:
        groups = [(None, store.reps())]
    now = dt.datetime.now(dt.UTC)
    span = last_weeks(now, weeks)
    result = gather(store, library, groups, now, span, product)
    if output_format == "text":
        if output is not None:
            fail("--output needs --format json, csv or html")
        from ..render.readiness import render_readiness

        console().print(render_readiness(result))
        return
    if output_format == "json":
        data = {"weeks": [w.label for w in span], "teams": [g.to_record(span) for g in result]}
        text = json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    elif output_format == "csv":
        text = readiness_csv(result, span)
    else:
        from ..team.readiness_report import to_html

        text = to_html(result, span, now, product)
    if output is None:
        click.echo(text, nl=False)
    elif write_output(output, text):
        click.echo(f"wrote {visible(str(output))}", err=True)


def readiness_csv(result: Sequence[TeamReadiness], weeks: Sequence[Week]) -> str:
    """One row per rep; after the fixed columns, one column per ISO week with the rep's proficiency that week
    (empty: no practice that week)."""
    from ..store.export import csv_safe

    buffer = io.StringIO()
    labels = [w.label for w in weeks]
    writer = csv.DictWriter(buffer, fieldnames=READINESS_COLUMNS + labels, lineterminator="\n")
    writer.writeheader()
    for group in result:
        for r in group.reps:
            record: dict[str, object] = r.to_record()
            record.update(team=group.team or "", overdue="; ".join(r.overdue), certified="; ".join(r.certified))
            trend = group.rep_trends.get(r.rep)
            for label, value in zip(labels, trend.values if trend else [None] * len(labels), strict=True):
                record[label] = "" if value is None else round(value, 1)
            writer.writerow(csv_safe(record))
    return buffer.getvalue()
