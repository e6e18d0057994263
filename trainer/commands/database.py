"""``trainer db``: look after a practice database — copy a history into another, migrate it, check it.

A team moving to a PostgreSQL server copies each rep's SQLite file into it (``trainer db copy``); copying again
adds only what is new. Each command takes a SQLite path or a ``postgresql://`` URL.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import click

from ..safe_text import visible
from ..store.copying import TABLES as _TABLES  # every table a history holds, in the order reports list them
from .common import EXIT_PROBLEMS, DatabaseTarget, fail, open_store


def _target_option(func: Any) -> Any:
    return click.option(
        "--db",
        "db_path",
        type=DatabaseTarget(),
        default=None,
        help="Practice database: a SQLite file or postgresql://user@host/dbname. Default: $TRAINER_DB, "
        "else practice.sqlite3 in your user data folder.",
    )(func)


def _counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[table]} {table}" for table in _TABLES)


@click.group("db")
def db_group() -> None:
    """Copy, migrate and check practice databases (SQLite files or PostgreSQL servers)."""


@db_group.command("copy")
@click.argument("source", type=DatabaseTarget())
@click.argument("target", type=DatabaseTarget())
def copy_command(source: Path | str, target: Path | str) -> None:
    """Copy every rep, attempt, card and session of SOURCE into TARGET (e.g. a SQLite file into PostgreSQL).

    Safe to run again: what TARGET already has is not copied twice. TARGET is changed in one transaction.
    """
    from ..store.copying import copy_history
    from ..store.location import resolve_target

    if isinstance(source, Path) and not source.exists():
        fail(f"no practice database at {source}")
    if _same(resolve_target(source), resolve_target(target)):
        fail("SOURCE and TARGET are the same database")
    with closing(open_store(source)) as origin, closing(open_store(target)) as destination:
        report = copy_history(origin, destination)
        total = destination.counts()
    for table in _TABLES:
        click.echo(f"{table}: {report.copied[table]} copied, {report.present[table]} already there")
    if report.replayed_cards:
        click.echo(f"cards replayed from both histories: {report.replayed_cards}")
    click.echo(f"{visible(destination.location)} now holds {_counts_line(total)}")


def _same(first: Path | str, second: Path | str) -> bool:
    if isinstance(first, Path) and isinstance(second, Path):
        return first.resolve() == second.resolve()
    return first == second


@db_group.command("migrate")
@_target_option
def migrate_command(db_path: Path | str | None) -> None:
    """Bring a practice database's schema up to date (the app also does this when it opens one)."""
    from ..store.migrations import SCHEMA_VERSION

    with closing(open_store(db_path)) as store:
        version = store.schema_version()
        where = store.location
    click.echo(f"{visible(where)}: schema version {version} (current: {SCHEMA_VERSION})")


@db_group.command("check")
@_target_option
def check_command(db_path: Path | str | None) -> None:
    """Check a practice database: schema, tables, and rows that no longer read. Exit 1 on a problem."""
    from ..store.health import problems

    with closing(open_store(db_path)) as store:
        found = problems(store)
        counts = store.counts()
        version = store.schema_version()
        where = store.location
    click.echo(f"{visible(where)}: schema version {version}; {_counts_line(counts)}")
    for problem in found:
        click.echo(f"problem: {visible(problem)}")
    if found:
        fail(f"{len(found)} problem(s) in {where}", EXIT_PROBLEMS)
    click.echo("OK")
