"""``trainer users``: who may sign in to ``trainer serve --users FILE``, with a salted argon2id hash each.

Passwords are read from the terminal (typed twice, not shown) or, for scripts, from stdin with
``--password-stdin``; never from the command line, where ``ps`` and shell history would show them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..safe_text import visible
from .common import fail


def _users_option(func: Any) -> Any:
    return click.option(
        "--users",
        "users_file",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        envvar="TRAINER_USERS",
        metavar="FILE",
        help="The users file (the one `trainer serve --users FILE` reads). Default: $TRAINER_USERS.",
    )(func)


def _load(users_file: Path, *, missing_ok: bool = False) -> Any:
    from ..web.users import UsersFile, UsersFileError

    try:
        return UsersFile.load(users_file, missing_ok=missing_ok)
    except UsersFileError as exc:
        fail(str(exc))


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        fail("no terminal to type the password in: pipe it with --password-stdin")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password"))


@click.group("users")
def users_group() -> None:
    """Who may sign in to `trainer serve --users FILE`: add, remove and list people."""


@users_group.command("add")
@click.argument("name")
@_users_option
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin (scripts).")
def add_command(name: str, users_file: Path, password_stdin: bool) -> None:
    """Add NAME (their rep name, as in the roster) or set a new password for them."""
    from ..web.users import UsersFileError, check_password, clean_name

    users = _load(users_file, missing_ok=True)
    try:
        name = clean_name(name)
    except UsersFileError as exc:
        fail(str(exc))
    password = _read_password(password_stdin)
    try:
        check_password(password)
        existed = name in users.hashes
        users.set_password(name, password)
        users.save()
    except UsersFileError as exc:
        fail(str(exc))
    click.echo(f"{'changed the password of' if existed else 'added'} {visible(name)} in {visible(str(users_file))}")


@users_group.command("remove")
@click.argument("name")
@_users_option
def remove_command(name: str, users_file: Path) -> None:
    """Remove NAME: a running server signs them out at their next request."""
    from ..web.users import UsersFileError

    users = _load(users_file)
    if not users.remove(name):
        fail(f"no user {visible(' '.join(name.split()))!r} in {visible(str(users_file))}")
    try:
        users.save()
    except UsersFileError as exc:
        fail(str(exc))
    click.echo(f"removed {visible(' '.join(name.split()))} from {visible(str(users_file))}")


@users_group.command("list")
@_users_option
def list_command(users_file: Path) -> None:
    """The names that may sign in, one a line."""
    for name in _load(users_file).names:
        click.echo(visible(name))
