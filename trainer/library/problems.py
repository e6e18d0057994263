"""Problems found in content, always tied to a place in a file.

Every message a manager sees has the form ``path:line:col: message`` so that editors and CI logs can jump
straight to it. Lines and columns are 1-based, as editors count them.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from ..safe_text import visible

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file. Errors make the file (or the library check) fail; warnings don't.

    The path and message are made :func:`~trainer.safe_text.visible` here, once, because both carry
    untrusted text (file names, values quoted from files): a name holding an escape sequence or a newline
    must not retitle a terminal or forge a second problem line, whichever output shows the problem.
    """

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", visible(self.path))
        object.__setattr__(self, "message", visible(self.message))

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
    inside it, else absolute; control characters in it made visible, as in every problem."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return visible(absolute if relative.startswith("..") else relative)
