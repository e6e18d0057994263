"""Problems found in content, always tied to a place in a file.

Every message a manager sees has the form ``path:line:col: message`` so that editors and CI logs can jump
straight to it. Lines and columns are 1-based, as editors count them.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file. Errors make the file (or the library check) fail; warnings don't."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ContentError(Exception):
    """A user-facing error about content or a command's arguments; its message is shown as is."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def display_path(path: Path) -> str:
    """A path for messages that editors and terminals can open: relative to the working directory when
    inside it, else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative
