"""Which library to use: ``--library``, then ``TRAINER_LIBRARY``, then ./content, then the bundled sample."""

from __future__ import annotations

import os
from pathlib import Path

from .problems import ContentError

ENV_VAR = "TRAINER_LIBRARY"


def bundled_library() -> Path:
    """The sample library shipped in the wheel (``trainer/sample``), or the repository's own in a checkout."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "sample"
    if (shipped / "content").is_dir():
        return shipped
    return package.parent  # an editable install or a source checkout: the repo root holds content/


def find_library(option: str | Path | None = None, cwd: Path | None = None) -> Path:
    """Resolve the library folder; a folder named explicitly must exist."""
    for explicit, origin in ((option, "--library"), (os.environ.get(ENV_VAR) or None, ENV_VAR)):
        if explicit:
            path = Path(explicit).expanduser()
            if not path.is_dir():
                raise ContentError(f"library folder {str(path)!r} (from {origin}) does not exist")
            return path
    here = cwd or Path.cwd()
    if (here / "content").is_dir():
        return here
    return bundled_library()
