"""``trainer sync``: pull a library that is a git checkout, checking the new content before it is served."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..library import ContentError
from ..safe_text import json_text, visible
from .common import EXIT_PROBLEMS, EXIT_USAGE, fail, format_option, library_option


@click.command()
@library_option
@click.option("--remote", metavar="NAME", help="Remote to fetch from. Default: the branch's upstream, else origin.")
@click.option("--branch", metavar="B", help="Remote branch to fast-forward to. Default: the branch's upstream.")
@format_option("text", "json")
def sync(library_dir: Path | None, remote: str | None, branch: str | None, output_format: str) -> None:
    """Update a library that is a git checkout: fetch, check, and only then fast-forward.

    The fetched commit is checked in a temporary folder, as `trainer check` would; with any error the
    checkout stays exactly as it was. Local changes and diverged histories are refused, never discarded.
    Running apps and served sessions pick up the new content by themselves.

    Exit 0 when synced or already up to date, 1 when refused (the errors as FILE:LINE:COL), 2 when it cannot
    apply (no git, not a checkout, unknown remote).
    """
    from ..library.git_sync import SyncRefused, SyncUsageError, sync_library
    from ..library.locate import locate_library

    try:
        location = locate_library(library_dir)
    except ContentError as exc:
        fail(str(exc))
    if location.is_bundled_sample:
        fail("the library in use is the bundled sample, not a checkout: pass --library with your content checkout")
    try:
        result = sync_library(location.root, remote, branch)
    except SyncUsageError as exc:
        fail(str(exc), EXIT_USAGE)
    except SyncRefused as exc:
        if output_format == "json":
            click.echo(json_text(json.dumps({"status": "refused", "note": str(exc)}, ensure_ascii=False)))
        fail(f"sync refused: {exc}; the library was left as it was", EXIT_PROBLEMS)
    if output_format == "json":
        click.echo(json_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False)))
    else:
        _print_text(result)
    if result.status == "refused":
        sys.exit(EXIT_PROBLEMS)


def _print_text(result: object) -> None:
    from ..library.git_sync import SyncResult

    assert isinstance(result, SyncResult)
    if result.status == "up-to-date":
        click.echo(f"Already up to date with {visible(result.source)} ({result.new})"
                   + (f"; {visible(result.note)}" if result.note else "") + ".")
        return
    if result.status == "refused":
        for problem in result.problems:
            click.echo(str(problem))
        click.echo(
            f"sync refused: {visible(result.note)}; the library was left as it was ({result.old}). "
            f"Fix the content in the repository and sync again.",
            err=True,
        )
        return
    count = len(result.commits)
    click.echo(f"Synced with {visible(result.source)}: {result.old} → {result.new}, {count} commit(s)")
    for commit in result.commits:
        click.echo(f"  {commit.sha} {visible(commit.subject)}")
    if result.changes:
        click.echo("Published versions changed:")
        for change in result.changes:
            click.echo(f"  {visible(change.describe())}")
    else:
        click.echo("No published version changed.")
    if result.warnings:
        click.echo(f"{len(result.warnings)} warning(s):")
        for problem in result.warnings:
            click.echo(f"  {problem}")
