"""Which library to use: ``--library``, then ``TRAINER_LIBRARY``, then ./content, then the bundled sample.

Reading may fall back to the sample shipped in the package; writing never does. Files written into the
installed package (site-packages) are wiped by the next upgrade, so commands that write content resolve their
library with :func:`writable_library`, which refuses the sample and any folder inside the package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .problems import ContentError

ENV_VAR = "TRAINER_LIBRARY"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The installed ``trainer`` package: nothing a manager writes may land under it."""

BUNDLED = "the bundled sample"


def bundled_library() -> Path:
    """The sample library shipped in the wheel (``trainer/sample``), or the repository's own in a checkout."""
    shipped = PACKAGE_DIR / "sample"
    if (shipped / "content").is_dir():
        return shipped
    return PACKAGE_DIR.parent  # an editable install or a source checkout: the repo root holds content/


@dataclass(frozen=True)
class LibraryLocation:
    """A library folder and why it was chosen (``--library``, ``TRAINER_LIBRARY``, ``./content`` or the sample)."""

    root: Path
    origin: str

    @property
    def is_bundled_sample(self) -> bool:
        return self.origin == BUNDLED


def locate_library(option: str | Path | None = None, cwd: Path | None = None) -> LibraryLocation:
    """Resolve the library folder and say where it came from; a folder named explicitly must exist."""
    for explicit, origin in ((option, "--library"), (os.environ.get(ENV_VAR) or None, ENV_VAR)):
        if explicit:
            path = Path(explicit).expanduser()
            if not path.is_dir():
                raise ContentError(f"library folder {str(path)!r} (from {origin}) does not exist")
            return LibraryLocation(path, origin)
    here = cwd or Path.cwd()
    if (here / "content").is_dir():
        return LibraryLocation(here, "./content")
    return LibraryLocation(bundled_library(), BUNDLED)


def find_library(option: str | Path | None = None, cwd: Path | None = None) -> Path:
    """Resolve the library folder to read; a folder named explicitly must exist."""
    return locate_library(option, cwd).root


START_YOUR_OWN = "run `trainer init` to start your own content folder, or pass --library DIR"


def refuse_unwritable(location: LibraryLocation, package_dir: Path = PACKAGE_DIR) -> Path:
    """The library root, if content may be written there; else a ContentError that says what to do instead.

    Refused: the bundled sample (whatever its path), any folder inside the installed package, and a folder
    the user cannot write to. Checked before anything is written, so a refusal leaves every file untouched.
    """
    root = location.root
    resolved = root.resolve()
    if location.is_bundled_sample:
        raise ContentError(f"the library in use is the bundled sample at {resolved}; {START_YOUR_OWN}")
    if resolved.is_relative_to(package_dir.resolve()):
        raise ContentError(
            f"the library {resolved} (from {location.origin}) is inside the installed package, where the next "
            f"upgrade wipes it; {START_YOUR_OWN}"
        )
    target = root / "content" if (root / "content").is_dir() else root
    if not os.access(target, os.W_OK | os.X_OK):
        raise ContentError(
            f"cannot write to the library {resolved} (from {location.origin}): permission denied; {START_YOUR_OWN}"
        )
    return root


def writable_library(option: str | Path | None = None, cwd: Path | None = None) -> Path:
    """Resolve the library that a command writes into; never the bundled sample or the installed package."""
    return refuse_unwritable(locate_library(option, cwd))
