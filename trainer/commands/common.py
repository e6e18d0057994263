"""What every command shares: library and store options, output formats, friendly failures."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ..library import ContentError, Library, find_library, load_library
from ..safe_text import visible

F = TypeVar("F", bound=Callable[..., Any])

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def library_option(func: F) -> F:
    return click.option(
        "--library",
        "library_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Library folder (holding content/ and scenarios/). Default: $TRAINER_LIBRARY, ./content, the sample.",
    )(func)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    click.echo(f"Error: {visible(message)}", err=True)
    sys.exit(code)


def open_library(library_dir: Path | None, *, quiet: bool = False, for_writing: bool = False) -> Library:
    """Load the library; ``for_writing`` refuses the bundled sample and the installed package (exit 2)."""
    from ..library.locate import writable_library

    try:
        root = writable_library(library_dir) if for_writing else find_library(library_dir)
    except ContentError as exc:
        fail(str(exc))
    library = load_library(root)
    if library.errors and not quiet:
        click.echo(
            f"Warning: {len(library.errors)} problem(s) in the library at {visible(str(root))}; "
            "run `trainer check` for details. The rest loaded.",
            err=True,
        )
    return library


def console(file: Any = None) -> Any:
    """The Rich console every command prints through: no markup read from strings, no raw control character.

    The renderers already make untrusted text :func:`~trainer.safe_text.visible` before layout (so columns line
    up); this console is the net under them: strings are never parsed as markup (a rep named ``[/x]`` is a
    name, not a closing tag) and any control character left in the text is shown, not sent to the terminal.
    """
    from ..render.safe_console import SafeConsole

    return SafeConsole(file=file, highlight=False, soft_wrap=False, markup=False)


def store_options(func: F) -> F:
    func = click.option("--rep", default=None, help="Rep profile name. Default: $TRAINER_REP, else your user name.")(
        func
    )
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Practice database. Default: $TRAINER_DB, else practice.sqlite3 in your user data folder.",
    )(func)


def open_store(db_path: Path | None) -> Any:
    from ..store.database import PracticeStore, StoreError

    try:
        return PracticeStore(db_path)
    except StoreError as exc:
        fail(str(exc), EXIT_PROBLEMS)


def resolve_rep(rep: str | None) -> str:
    from ..store.database import default_rep

    return rep or default_rep()


def write_output(output: Path, text: str) -> None:
    """Write a command's output file atomically, or fail with a message (a missing folder, no permission)."""
    from ..library.files import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_PROBLEMS)
