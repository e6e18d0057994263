"""Finding a library's content files without following anything out of it or blocking on it.

Why this is careful: a library folder is shared, and anything can sit in it. A FIFO named ``x.yaml`` blocks a
plain ``open()`` forever; a symbolic link can point at ``/etc/passwd``, ``/dev/zero`` or
``/proc/self/environ``, whose text would then be quoted back in problem messages; a link loop or an
unreadable folder makes ``os.walk`` skip files without a word. Each of these becomes one problem line naming
the path, and every other file is still found.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .problems import Problem, display_path

YAML_SUFFIXES = (".yaml", ".yml")


def file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words for a problem message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _check_link(path: Path, root: str) -> Problem | None:
    """A symbolic link is read only when it points at a regular file inside the library."""
    shown = display_path(path)
    try:
        target = os.readlink(path)
    except OSError as exc:
        return Problem(shown, 1, 1, f"cannot read this symbolic link: {exc.strerror or exc}")
    try:
        resolved = os.path.realpath(path, strict=True)
    except OSError as exc:
        reason = "is a loop" if exc.errno == errno.ELOOP else f"is broken ({exc.strerror or exc})"
        return Problem(shown, 1, 1, f"symbolic link to {target!r} {reason}; it was not read")
    except RuntimeError:  # pragma: no cover - older Pythons report a loop this way
        return Problem(shown, 1, 1, f"symbolic link to {target!r} is a loop; it was not read")
    if not _inside(resolved, root):
        return Problem(shown, 1, 1, f"symbolic link to {target!r} points outside the library; it was not read")
    return None


def scan(folder: Path, library_root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """YAML files under ``folder`` (sorted, hidden folders skipped) and the problems found on the way.

    Symbolic links to folders are never followed; links to files are read only when they stay inside
    ``library_root`` (default: ``folder``). FIFOs, sockets and devices are named, never opened.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    root = os.path.realpath(library_root or folder)

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        problems.append(Problem(display_path(where), 1, 1, f"cannot read this folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=False):
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            sub = Path(dirpath) / name
            if sub.is_symlink():
                problems.append(Problem(display_path(sub), 1, 1, "symbolic link to a folder; not followed", "warning"))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.endswith(YAML_SUFFIXES):
                continue
            path = Path(dirpath) / name
            problem = _check_file(path, root)
            if problem is None:
                found.append(path)
            else:
                problems.append(problem)
    return found, problems


def check_file(path: Path, root: str) -> Problem | None:
    """Why one file must not be read (a FIFO, a device, a link out of ``root``), or None when it can be."""
    return _check_file(path, root)


def _check_file(path: Path, root: str) -> Problem | None:
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return Problem(display_path(path), 1, 1, f"cannot read file: {exc.strerror or exc}")
    if stat.S_ISLNK(mode):
        return _check_link(path, root)
    kind = file_kind(mode)
    if kind is not None:
        return Problem(display_path(path), 1, 1, f"this is {kind}, not a file; only regular files are read")
    return None
