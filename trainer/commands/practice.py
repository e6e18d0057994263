"""Commands for reps: history, due, export (and score, once the scorer lands)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from .common import console, format_option, library_option, open_library, open_store, resolve_rep, store_options


@click.command()
@store_options
@click.option("--all-reps", is_flag=True, help="Every rep's attempts, not just one rep's.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Newest N attempts.")
@format_option("text", "json")
def history(db_path: Path | None, rep: str | None, all_reps: bool, limit: int, output_format: str) -> None:
    """Show a rep's practice attempts, newest first."""
    store = open_store(db_path)
    attempts = store.attempts(None if all_reps else resolve_rep(rep), newest_first=True, limit=limit)
    if output_format == "json":
        click.echo(json.dumps([a.to_record() for a in attempts], indent=2, ensure_ascii=False))
        return
    if not attempts:
        who = "anyone" if all_reps else resolve_rep(rep)
        click.echo(f"No attempts by {who} yet. Practise in the app, or record one with `trainer score --save`.")
        return
    from ..render.history import render_history

    console().print(render_history(attempts, show_rep=all_reps))


@click.command()
@store_options
@library_option
@click.option("--no-new", is_flag=True, help="Only items practised before that are due again.")
@format_option("text", "json")
def due(db_path: Path | None, rep: str | None, library_dir: Path | None, no_new: bool, output_format: str) -> None:
    """What a rep should practise now: changed, overdue and due items first, then new ones."""
    from ..store.items import practice_items

    library = open_library(library_dir)
    store = open_store(db_path)
    items = store.due(resolve_rep(rep), practice_items(library), include_new=not no_new)
    if output_format == "json":
        click.echo(json.dumps([item.to_dict() for item in items], indent=2, ensure_ascii=False))
        return
    from ..render.history import render_due

    console().print(render_due(items, library))


@click.command()
@store_options
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), required=True, help="Output format.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only attempts on or after DATE (YYYY-MM-DD).")
@click.option("--all-reps/--one-rep", default=True, show_default=True, help="Export every rep, or only --rep.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
def export(
    db_path: Path | None, rep: str | None, output_format: str, since: Any, all_reps: bool, output: Path | None
) -> None:
    """Export practice attempts, one record each (columns are listed in the README)."""
    from ..library.files import write_atomic
    from ..store.export import to_csv, to_json

    store = open_store(db_path)
    start = since.replace(tzinfo=dt.UTC) if since else None
    attempts = store.attempts(None if all_reps else resolve_rep(rep), since=start)
    text = to_csv(attempts) if output_format == "csv" else to_json(attempts) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text)
    click.echo(f"wrote {len(attempts)} attempt(s) to {output}", err=True)
