"""``trainer readiness``: red, amber or green per rep and team, each with the reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import click

from ..safe_text import json_text
from .assign import who
from .common import console, db_option, fail, format_option, library_option, open_library, open_store

READINESS_COLUMNS = ["team", "rep", "colour", "why", "attempts", "proficiency", "overdue", "certified"]


@click.command()
@click.option("--team", "teams", multiple=True, metavar="NAME", help="Only this roster team (repeatable).")
@click.option("--rep", "reps", multiple=True, metavar="NAME", help="Only this rep (repeatable).")
@click.option("--product", help="Judge only this product's attempts, assignments and certificates.")
@db_option
@library_option
@format_option("text", "json", "csv")
def readiness(
    teams: tuple[str, ...], reps: tuple[str, ...], product: str | None, db_path: Path | str | None,
    library_dir: Path | None, output_format: str,
) -> None:
    """Who is ready to meet customers: red, amber or green per rep and team, with why.

    From certificates, overdue assignments and recency-weighted proficiency; fewer than three attempts is
    "not enough data". Without --team or --rep: every roster team (or every rep in the history, without a roster).
    """
    from ..library.roster import CertificationPolicy
    from ..team.assignments import assignment_progress
    from ..team.certification import certificates
    from ..team.readiness import RepReadiness, rep_readiness, team_colour

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
    policy = library.roster.policy.certification if library.roster else CertificationPolicy()
    now = dt.datetime.now(dt.UTC)
    today = dt.date.today()
    progress = [p for p in assignment_progress(store, library, today)
                if product is None or p.assignment.item.product == product]
    result: list[tuple[str | None, list[RepReadiness]]] = []
    for team, members in groups:
        judged = []
        for rep in members:
            attempts = [a for a in store.attempts(rep) if product is None or a.product == product]
            certs = certificates(rep, library, attempts, today, policy, product)
            judged.append(rep_readiness(rep, attempts, progress, certs, now))
        result.append((team, judged))
    if output_format == "json":
        data = {
            "teams": [{"team": team, "colour": team_colour(judged), "reps": [r.to_record() for r in judged]}
                      for team, judged in result],
        }
        click.echo(json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    if output_format == "csv":
        from ..store.export import csv_safe

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=READINESS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for team, judged in result:
            for r in judged:
                record = r.to_record()
                record.update(team=team or "", overdue="; ".join(r.overdue), certified="; ".join(r.certified))
                writer.writerow(csv_safe(record))
        click.echo(buffer.getvalue(), nl=False)
        return
    from ..render.readiness import render_readiness

    console().print(render_readiness(result))
