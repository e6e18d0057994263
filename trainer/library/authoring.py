"""Authoring commands: start a new draft of a pitch, publish a draft.

Edits are made to the text of the file, line by line, so a manager's comments and layout survive; the
result is parsed and validated again before anything is written, and files are written atomically.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .catalog import Library
from .files import create_new, write_atomic
from .hashing import content_hash
from .loader import load_file
from .models import PitchVersion
from .problems import ContentError, display_path
from .scaffold import PLACEHOLDER, placeholder_sections

CHANGES_PLACEHOLDER = "Describe what changed since version {n}."


@dataclass(frozen=True)
class AuthoringResult:
    path: Path
    version: int
    message: str


def _entry_span(lines: list[str], key: str) -> tuple[int, int] | None:
    """Line range [start, end) of a top-level ``key:`` entry, including indented continuation lines."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for start, line in enumerate(lines):
        if pattern.match(line):
            end = start + 1
            while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
                end += 1
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1  # leave blank lines that separate entries
            return start, end
    return None


def set_top_level(text: str, key: str, value: str | None, *, after: str) -> str:
    """Set (or with ``value=None`` remove) a top-level scalar entry; a new entry goes after ``after``."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if text.count("\r\n") > text.count("\n") / 2 else "\n"
    span = _entry_span(lines, key)
    new = [f"{key}: {value}{newline}"] if value is not None else []
    if span is not None:
        lines[span[0] : span[1]] = new
    elif new:
        anchor = _entry_span(lines, after)
        at = anchor[1] if anchor else 0
        lines[at:at] = new
    return "".join(lines)


def _quote(text: str) -> str:
    """A YAML scalar for ``text`` that stays on one line (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _revalidate(path: Path, text: str, root: Path) -> PitchVersion:
    """Parse and validate the edited text before it replaces anything."""
    item, problems = load_file(path, root, text=text)
    if item is None or not isinstance(item.model, PitchVersion):
        detail = "; ".join(p.message for p in problems) or "unknown problem"
        raise ContentError(f"could not edit {display_path(path)} safely ({detail}); nothing was written")
    return item.model


def new_version(library: Library, pitch_id: str) -> AuthoringResult:
    """Copy the newest version of a pitch to ``v<N+1>.yaml`` as a draft; never overwrites a file."""
    pitch = library.pitch(pitch_id)
    drafts = [n for n, v in pitch.versions.items() if v.status == "draft"]
    if drafts:
        raise ContentError(
            f"pitch {pitch_id!r} already has a draft, version {drafts[-1]} "
            f"({display_path(pitch.files[drafts[-1]])}); edit or publish it first"
        )
    source_number = max(pitch.versions)
    source = pitch.files[source_number]
    number = source_number + 1
    target = source.with_name(f"v{number}.yaml")
    text = source.read_text(encoding="utf-8")
    text = set_top_level(text, "version", str(number), after="pitch")
    text = set_top_level(text, "status", "draft", after="version")
    text = set_top_level(text, "content_hash", None, after="status")
    text = set_top_level(text, "published_on", None, after="status")
    text = set_top_level(text, "changes", _quote(CHANGES_PLACEHOLDER.format(n=source_number)), after="title")
    _revalidate(target, text, library.root)
    try:
        create_new(target, text)
    except FileExistsError:
        raise ContentError(f"{display_path(target)} already exists; nothing was written") from None
    return AuthoringResult(target, number, f"created draft version {number}: {display_path(target)}")


def publish(
    library: Library, pitch_id: str, version: int | None = None, today: dt.date | None = None
) -> AuthoringResult:
    """Publish a draft (default: the newest one) — or seal a published version that has no hash yet."""
    pitch = library.pitch(pitch_id)
    if version is None:
        drafts = [n for n, v in pitch.versions.items() if v.status == "draft"]
        if not drafts:
            raise ContentError(
                f"pitch {pitch_id!r} has no draft to publish; start one with `trainer new-version {pitch_id}`"
            )
        version = max(drafts)
    model = pitch.version(version)
    path = pitch.files[version]
    if model.status == "retired":
        raise ContentError(f"version {version} of {pitch_id!r} is retired; start a new version instead")
    if model.status == "published" and model.content_hash is not None:
        raise ContentError(f"version {version} of {pitch_id!r} is already published")
    shown = display_path(path)
    blocking = [p for p in library.errors if p.path == shown or Path(p.path).resolve() == path.resolve()]
    if blocking:
        listing = "\n".join(str(p) for p in blocking)
        raise ContentError(f"fix these problems before publishing:\n{listing}", blocking)
    if version > 1 and (model.changes is None or model.changes == CHANGES_PLACEHOLDER.format(n=version - 1)):
        raise ContentError(
            f"say what changed in version {version} (the `changes:` entry in {shown}) before publishing it"
        )
    unedited = placeholder_sections(model)
    if unedited:
        where = unedited[0] + (f" and {len(unedited) - 1} more section(s)" if len(unedited) > 1 else "")
        raise ContentError(
            f"replace the placeholder texts ({PLACEHOLDER!r} ...) in {shown} before publishing: {where}; "
            "delete the cuts you do not need"
        )
    text = path.read_text(encoding="utf-8")
    seal = content_hash(model)
    text = set_top_level(text, "status", "published", after="version")
    text = set_top_level(text, "content_hash", seal, after="status")
    if model.published_on is None:
        text = set_top_level(text, "published_on", (today or dt.date.today()).isoformat(), after="status")
    edited = _revalidate(path, text, library.root)
    if content_hash(edited) != seal:
        raise ContentError(f"could not edit {shown} safely (its content changed while editing); nothing was written")
    write_atomic(path, text)
    return AuthoringResult(path, version, f"published version {version} of {pitch_id}: {shown}")
