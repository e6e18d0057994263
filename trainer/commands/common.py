"""What every command shares: library and store options, output formats, friendly failures."""

from __future__ import annotations

import errno
import io
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ..library import ContentError, Library, find_library, load_library
from ..safe_text import visible
from ..store.errors import StoreError

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


_OUTPUT_ERRORS = (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF)


class TrainerGroup(click.Group):
    """The ``trainer`` group: a failure of the store, a file or the output ends as one line, never a traceback.

    Commands handle the failures they can explain better (an unreadable attempt file); what reaches here is
    a :class:`~trainer.store.errors.StoreError` (its message already says what to do) or an ``OSError``
    (most often the output: a full disk behind ``> file``, a closed pipe). Exit status 1.
    """

    def invoke(self, ctx: click.Context) -> Any:
        if sys.stdout is None:  # started with stdout closed (`>&-`): fail when, and only if, something is printed
            sys.stdout = _ClosedStdout()
        _encodable_stdout()
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full device shows here, not at interpreter exit as "Exception ignored"
            return result
        except StoreError as exc:
            fail(str(exc), EXIT_PROBLEMS)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click's own handling: a reader that stopped early (`| head`) is not an error
            if exc.filename is None and exc.errno in _OUTPUT_ERRORS:
                _silence_stdout()
                fail(f"cannot write the output: {exc.strerror or exc}", EXIT_PROBLEMS)
            where = f": {exc.filename}" if exc.filename is not None else ""
            fail(f"{exc.strerror or exc}{where}", EXIT_PROBLEMS)


class _ClosedStdout(io.TextIOBase):
    """Stands for a closed stdout: writing fails like writing to a closed descriptor, which ``invoke`` reports."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def _encodable_stdout() -> None:
    """Make stdout able to print any content, whatever the locale says.

    Under an ASCII-only locale (``LC_ALL=C`` with UTF-8 mode off) Python encodes stdout as ASCII, and a pitch
    in Chinese or with curly quotes would end in UnicodeEncodeError. Such a stream is switched to UTF-8 (what
    Python's own UTF-8 mode does for the C locale); any other encoding keeps its name, and what it cannot
    represent is written as ``\\uXXXX`` rather than failing.
    """
    import codecs

    stream = sys.stdout
    if stream is None or not hasattr(stream, "reconfigure"):
        return
    try:
        name = codecs.lookup(stream.encoding or "ascii").name
        if name == "ascii":
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        elif not name.startswith("utf"):
            stream.reconfigure(errors="backslashreplace")
    except (LookupError, OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Send what is still buffered for stdout to /dev/null, so exiting does not fail on it a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


class FiniteNumber(click.ParamType):
    """A number option that must be finite and within bounds: ``inf``, ``nan`` and ``1e999`` are refused."""

    name = "number"

    def __init__(self, low: float, high: float, unit: str) -> None:
        self.low, self.high, self.unit = low, high, unit

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not (math.isfinite(number) and self.low <= number <= self.high):
            self.fail(f"must be a finite number of {self.unit} between {self.low:g} and {self.high:g}", param, ctx)
        return number


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
    return db_option(func)


def db_option(func: F) -> F:
    """``--db``, the same for every command: a SQLite file or a PostgreSQL URL."""
    return click.option(
        "--db",
        "db_path",
        type=DatabaseTarget(),
        default=None,
        help="Practice database: a SQLite file, or postgresql://user@host/dbname for a team's server. "
        "Default: $TRAINER_DB, else practice.sqlite3 in your user data folder.",
    )(func)


class DatabaseTarget(click.ParamType):
    """``--db``: a PostgreSQL URL stays text (a path would fold its ``//``); anything else is a file path."""

    name = "path|url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        from ..store.postgres import is_postgres_url

        if isinstance(value, Path):
            return value
        text = str(value)
        if is_postgres_url(text):
            return text.strip()
        path = Path(text)
        if path.is_dir():
            self.fail(f"{text!r} is a folder; --db takes a database file or a postgresql:// URL", param, ctx)
        return path


def open_store(db_path: Path | str | None) -> Any:
    """The practice store, closed when the command ends (its click context closes), however it ends.

    Why: a PostgreSQL store holds a pool of connections and worker threads; left to the garbage collector, the
    pool is closed from a finalizer that may run in one of its own threads (which cannot join itself: an
    unraisable error) and its connections stay open on the team's server until then.
    """
    from ..store.errors import StoreError
    from ..store.location import open_store as open_practice_store

    try:
        store = open_practice_store(db_path)
    except StoreError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(store.close)
    return store


def resolve_rep(rep: str | None) -> str:
    from ..store.database import default_rep

    return rep or default_rep()


def write_output(output: Path, text: str) -> bool:
    """Write a command's output file, or fail with a message (a missing folder, no permission).

    ``-`` means stdout. A regular file is replaced atomically (never half-written). A symbolic link is
    followed: its target is replaced atomically and the link stays a link. A file that is not a regular
    one (``/dev/stdout``, a named pipe) cannot be replaced, so it is written in place. Returns False when
    the text went to stdout, so the caller does not announce a file.
    """
    import stat

    from ..library.files import write_atomic

    if str(output) == "-" or _is_stdout(output):
        click.echo(text, nl=False)
        return False
    try:
        if output.exists() and not stat.S_ISREG(output.stat().st_mode):
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(text)
            return True
        write_atomic(output.resolve() if output.is_symlink() else output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_PROBLEMS)
    return True


def _is_stdout(path: Path) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):
        return False
