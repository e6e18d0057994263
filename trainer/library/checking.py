"""``trainer check``: validate whole libraries or single files and summarise what was found."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .loader import content_dir, load_file, load_library, scenario_dir, yaml_files
from .problems import Problem, display_path
from .roster import ROSTER_NAMES


@dataclass
class CheckReport:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def summary(self) -> str:
        if not self.files:
            return "found no content files (.yaml) to check"
        if not self.problems:
            return f"checked {self.files} file(s): all good"
        return f"checked {self.files} file(s): {len(self.errors)} error(s), {len(self.warnings)} warning(s)"

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
        }


def library_root_of(path: Path) -> Path | None:
    """The library a file belongs to: the nearest parent holding it under content/ or scenarios/."""
    resolved = _real(path)
    if resolved.name in ROSTER_NAMES and _is_library(resolved.parent):
        return resolved.parent
    for parent in resolved.parents:
        for sub in (content_dir(parent), scenario_dir(parent)):
            if sub != parent and sub.is_dir() and resolved.is_relative_to(sub):
                return parent
    return None


def _is_library(folder: Path) -> bool:
    return (folder / "content").is_dir() or (folder / "scenarios").is_dir()


def _real(path: Path) -> Path:
    """``path`` with its folders resolved but not its last part: a symbolic link stays the link (which is
    what a problem names), and a link loop cannot raise."""
    absolute = os.path.abspath(path)
    return Path(os.path.realpath(os.path.dirname(absolute))) / os.path.basename(absolute)


def _inside(problem_path: str, checked: Path) -> bool:
    """Whether a problem's file lies in a checked folder: a missing product.yaml is not among the files
    found there, yet checking that folder must report it."""
    return checked.is_dir() and _real(Path(problem_path)).is_relative_to(_real(checked))


def check_paths(paths: list[Path]) -> CheckReport:
    """Check folders as libraries and files in the context of their library (so references are checked)."""
    report = CheckReport()
    found: set[Problem] = set()
    libraries = {}
    for path in paths:
        if path.is_dir():
            root: Path | None = path if _is_library(path) else library_root_of(path) or path
            wanted = {_real(p) for p in yaml_files(path)}
        else:
            root = library_root_of(path)
            wanted = {_real(path)}
        if root is None:
            report.files += 1
            _, problems = load_file(path)
            found.update(problems)
            continue
        if root not in libraries:
            libraries[root] = load_library(root)
        library = libraries[root]
        report.files += len(wanted)
        shown = {display_path(p) for p in wanted}
        found.update(p for p in library.problems if p.path in shown or _inside(p.path, path))
    report.problems = sorted(found)
    return report
