"""Commands for managers who assign work: ``trainer assign``, ``trainer assignments`` and ``trainer unassign``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import click

from ..library import ContentError, Library
from ..library.item_ref import ItemRef
from ..safe_text import json_text, visible
from .common import EXIT_PROBLEMS, console, db_option, fail, format_option, library_option, open_library, open_store

ASSIGNMENT_COLUMNS = ["rep", "item", "kind", "product", "title", "version", "due", "min_score", "best", "status",
                      "team", "assigned_by", "assigned_at"]


def who(library: Library, reps: tuple[str, ...], teams: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """(rep, team) for every rep named or on a team named; unknown names and teams are refused (exit 2).

    A rep name is checked against the roster when the library has one: a typo would otherwise create an
    assignment nobody ever sees.
    """
    try:
        found: list[tuple[str, str | None]] = []
        for team_id in teams:
            team = library.require_roster().team(team_id)
            found.extend((member, team.id) for member in team.members)
        roster = library.roster
        for name in reps:
            name = " ".join(name.split())
            if roster is not None and name not in roster.reps:
                from ..library.validation import did_you_mean

                fail(f"{name!r} is not a rep in the roster{did_you_mean(name, roster.reps)}")
            found.append((name, None))
    except ContentError as exc:
        fail(str(exc))
    return list({rep: (rep, team) for rep, team in found}.values())


@click.command()
@click.argument("items", nargs=-1, required=True)
@click.option("--rep", "reps", multiple=True, metavar="NAME", help="Assign to this rep (repeatable).")
@click.option("--team", "teams", multiple=True, metavar="NAME", help="Assign to every rep of this roster team.")
@click.option("--due", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="Due date, YYYY-MM-DD.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=None,
              help="Score to reach on the current version. Default: the roster's policy.min_score, else 90 (Gold).")
@db_option
@library_option
def assign(
    items: tuple[str, ...], reps: tuple[str, ...], teams: tuple[str, ...], due: dt.datetime,
    min_score: float | None, db_path: Path | str | None, library_dir: Path | None,
) -> None:
    """Assign ITEM… to reps or a team, due by a date, with a minimum score.

    ITEM is a pitch (every cut), PITCH:CUT, objections:PRODUCT[/CATEGORY|/ID], drills:PRODUCT[/ID], a scenario,
    or an item key such as pitch:flowguard:flowguard-core:30s.
    """
    from ..store.assignments import StoredAssignment
    from ..store.attempts import utc_now
    from ..store.database import default_rep
    from ..team.item_selectors import resolve_items

    if not reps and not teams:
        fail("say who: --rep NAME or --team NAME")
    library = open_library(library_dir)  # all versions: a draft-only pitch is refused by name
    people = who(library, reps, teams)
    refs: list[ItemRef] = []
    for selector in items:
        try:
            refs.extend(r for r in resolve_items(library, selector) if r not in refs)
        except ContentError as exc:
            fail(str(exc))
    minimum = min_score if min_score is not None else (library.roster.policy.min_score if library.roster else 90.0)
    now, by = utc_now(), default_rep()
    rows = [
        StoredAssignment(rep=rep, item=ref, due=due.date(), min_score=minimum, assigned_at=now, team=team,
                         assigned_by=by)
        for rep, team in people for ref in refs
    ]
    open_store(db_path).assign(rows)
    names = ", ".join(visible(rep) for rep, _ in people)
    click.echo(f"Assigned {len(refs)} item(s) to {names}: due {due.date().isoformat()}, minimum score {minimum:g}")
    for ref in refs:
        click.echo(f"  {visible(ref.key)}")
    if due.date() < dt.date.today():
        click.echo("Warning: that due date has passed; the assignments show as overdue until done.", err=True)


@click.command()
@click.option("--rep", "reps", multiple=True, metavar="NAME", help="Only this rep's assignments (repeatable).")
@click.option("--team", "teams", multiple=True, metavar="NAME", help="Only this roster team's assignments.")
@db_option
@library_option
@format_option("text", "json", "csv")
def assignments(
    reps: tuple[str, ...], teams: tuple[str, ...], db_path: Path | str | None, library_dir: Path | None,
    output_format: str,
) -> None:
    """Assignments with their status: overdue, open (by due date) or done, and the best score so far."""
    from ..store.export import csv_safe
    from ..team.assignments import assignment_progress

    library = open_library(library_dir)
    chosen = [rep for rep, _ in who(library, reps, teams)] if reps or teams else None
    found = assignment_progress(open_store(db_path), library, dt.date.today(), chosen)
    records = [p.to_record() for p in found]
    if output_format == "json":
        click.echo(json_text(json.dumps(records, indent=2, ensure_ascii=False)))
        return
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=ASSIGNMENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_safe(record) for record in records)
        click.echo(buffer.getvalue(), nl=False)
        return
    if not found:
        click.echo("No assignments. A manager gives them with `trainer assign ITEM --rep NAME --due YYYY-MM-DD`.")
        return
    from ..render.assignments import render_assignments

    console().print(render_assignments(found))
    click.echo("Withdraw one with `trainer unassign ITEM-KEY --rep NAME` (the key is under each title).")


def _unassign_items(library: Library, selectors: tuple[str, ...]) -> list[ItemRef]:
    """The items to withdraw: what ``trainer assign`` takes, and also any item key as ``trainer assignments``
    shows it, so an assignment of an item since removed from the library can still be withdrawn."""
    from ..library.item_ref import BadItemKey
    from ..team.item_selectors import resolve_items

    refs: list[ItemRef] = []
    for selector in selectors:
        try:
            found = resolve_items(library, selector)
        except ContentError as exc:
            try:
                found = [ItemRef.parse(selector.strip())]
            except BadItemKey:
                fail(str(exc))
        refs.extend(r for r in found if r not in refs)
    return refs


@click.command()
@click.argument("items", nargs=-1, required=True)
@click.option("--rep", "reps", multiple=True, metavar="NAME", help="Withdraw from this rep (repeatable).")
@click.option("--team", "teams", multiple=True, metavar="NAME", help="Withdraw from every rep of this roster team.")
@db_option
@library_option
def unassign(
    items: tuple[str, ...], reps: tuple[str, ...], teams: tuple[str, ...], db_path: Path | str | None,
    library_dir: Path | None,
) -> None:
    """Withdraw assignments of ITEM… from reps or a team.

    ITEM is anything `trainer assign` takes, or an item key as `trainer assignments` shows it (which also works
    for an item no longer in the library). The attempts stay; only the assignment goes. Exit status 1 when
    nothing matched.
    """
    if not reps and not teams:
        fail("say whose: --rep NAME or --team NAME")
    library = open_library(library_dir, quiet=True)
    store = open_store(db_path)
    people = [rep for rep, _ in who(library, (), teams)]
    assigned = {a.rep for a in store.assignments()}
    for name in reps:
        name = " ".join(name.split())
        if name not in assigned and (library.roster is None or name not in library.roster.reps):
            from ..library.validation import did_you_mean

            fail(f"{name!r} has no assignments{did_you_mean(name, sorted(assigned))}; `trainer assignments` "
                 "lists them", EXIT_PROBLEMS)
        if name not in people:
            people.append(name)
    refs = _unassign_items(library, items)
    withdrawn = [(rep, ref) for rep in people for ref in refs if store.unassign(rep, ref)]
    if not withdrawn:
        names = ", ".join(visible(rep) for rep in people)
        listed = ", ".join(visible(ref.key) for ref in refs)
        fail(f"nothing to unassign: {names} had no assignment of {listed}; `trainer assignments` lists them",
             EXIT_PROBLEMS)
    click.echo(f"Withdrew {len(withdrawn)} assignment(s):")
    for rep, ref in withdrawn:
        click.echo(f"  {visible(rep)}  {visible(ref.key)}")
