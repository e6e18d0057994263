"""The ``trainer`` command: parse arguments, call the core, print. Nothing else lives here.

Exit codes: 0 success, 1 content problems, 2 usage errors (bad arguments, unknown ids).
The commands live in :mod:`trainer.commands`, grouped by who uses them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .commands import (
    assign,
    certify,
    content,
    database,
    mistakes,
    practice,
    readiness,
    review,
    schedule,
    speech,
    sync,
    team,
    users,
)
from .commands.common import EXIT_PROBLEMS, EXIT_USAGE, TrainerGroup, fail, library_option, store_options
from .library import ContentError, find_library


@click.group(cls=TrainerGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pitch-trainer", prog_name="trainer")
@library_option
@store_options
@click.option("--served", is_flag=True, hidden=True, help="Run as one browser session of `trainer serve`.")
@click.option("--drafts", is_flag=True,
              help="Also show draft versions (for authors checking a draft before publishing it).")
@click.pass_context
def main(
    ctx: click.Context,
    library_dir: Path | None,
    db_path: Path | str | None,
    rep: str | None,
    served: bool,
    drafts: bool,
) -> None:
    """Pitch Trainer: learn your sales pitch, objection answers and discovery questions by heart.

    Run without a command to open the practice app on the library.
    """
    if ctx.invoked_subcommand is not None:
        return
    if not served and not _in_terminal():
        fail(
            "the practice app needs a terminal, and stdin or stdout is not one; run `trainer` in a terminal, "
            "or use a command (`trainer --help` lists them)",
            EXIT_USAGE,
        )
    try:
        root = find_library(library_dir)
    except ContentError as exc:
        fail(str(exc))
    from .store.database import StoreError
    from .tui.app import run_app

    try:
        status = run_app(root, db_path=db_path, rep=rep, served=served, drafts=drafts, signed_in=_signed_in(served))
    except StoreError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    ctx.exit(status)


def _signed_in(served: bool) -> str | None:
    """Who `trainer serve` signed in for this browser session (its environment; see trainer.web.server).

    Read only in a served session: at a local terminal the variable means nothing.
    """
    if not served:
        return None
    import os

    from .web.auth import IDENTITY_ENV

    return os.environ.get(IDENTITY_ENV) or None


def _in_terminal() -> bool:
    """Whether the app can draw and read keys: without a terminal it would wait forever for one.

    ``trainer serve`` runs each browser tab's app on pipes, with ``--served`` (checked before this).
    """
    try:
        return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (OSError, ValueError):
        return False


for command in (
    content.check,
    content.list_command,
    content.show,
    content.diff,
    content.init,
    content.new,
    content.new_version_command,
    content.publish,
    content.schema,
    sync.sync,
    practice.history,
    practice.due,
    mistakes.mistakes,
    review.review,
    schedule.schedule,
    practice.export,
    practice.score,
    speech.transcribe,
    team.report,
    team.team,
    assign.assign,
    assign.assignments,
    assign.unassign,
    certify.certify,
    readiness.readiness,
    team.serve,
    database.db_group,
    users.users_group,
):
    main.add_command(command)
