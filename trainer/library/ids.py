"""Identifiers used in content files.

Ids become file and folder names (``content/<product>/pitches/<pitch>/v<N>.yaml``), so they are restricted
to a small, path-safe alphabet: nothing a user writes can make the app read or write outside the library.
"""

from __future__ import annotations

import re
from pathlib import Path

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
_ID_RE = re.compile(ID_PATTERN)


def is_valid_id(value: str) -> bool:
    """True for lower-case ASCII letters, digits and dashes, 1–64 characters, not starting with a dash."""
    return bool(_ID_RE.match(value))


class UnsafeIdError(ValueError):
    """An id that must not be used to build a path."""


def safe_child(base: Path, *ids: str) -> Path:
    """Join checked ids under ``base``; refuse anything that is not a plain id.

    Callers use this instead of ``base / user_value`` so that ``../../etc`` never reaches the file system.
    """
    for part in ids:
        if not is_valid_id(part):
            raise UnsafeIdError(f"{part!r} is not a valid id (use lower-case letters, digits and dashes)")
    path = base.joinpath(*ids)
    resolved_base = base.resolve()
    if resolved_base not in path.resolve().parents and path.resolve() != resolved_base:
        raise UnsafeIdError(f"{'/'.join(ids)!r} would leave the library folder")
    return path
