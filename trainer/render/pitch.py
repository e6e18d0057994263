"""A pitch cut as readable terminal text: sections, key phrases in bold, stage cues set apart."""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.text import Text

from ..library.catalog import Pitch
from ..library.models import Cut, PitchVersion, Section
from ..library.speaking import estimate_seconds, format_duration
from ..safe_text import visible


def section_text(section: Section) -> Text:
    """The section's words with every key phrase highlighted where it occurs (case- and space-insensitive)."""
    text = Text(visible(" ".join(section.text.split())))
    for phrase in section.key_phrases:
        pattern = r"\s+".join(re.escape(word) for word in phrase.split())
        for match in re.finditer(pattern, text.plain, flags=re.IGNORECASE):
            text.stylize("bold underline", match.start(), match.end())
    return text


def render_cut(name: str, cut: Cut, language: str = "en") -> RenderableType:
    estimate = estimate_seconds(cut.text)
    header = Text.assemble(
        (f"{visible(name)} cut", "bold"),
        f" · target {format_duration(cut.target_seconds)} · about {format_duration(estimate)} to say",
    )
    parts: list[RenderableType] = [header]
    for section in cut.sections:
        parts.append(Text(""))
        parts.append(Text(visible(section.name), style="bold cyan"))
        if section.cue:
            parts.append(Text(f"[cue] {visible(section.cue)}", style="italic magenta"))
        parts.append(section_text(section))
        if section.key_phrases:
            parts.append(Text("Key phrases: " + visible("; ".join(section.key_phrases)), style="dim"))
    return Group(*parts)


def render_version(pitch: Pitch, version: PitchVersion, cuts: list[str], language: str = "en") -> RenderableType:
    where = visible(f"  ({pitch.id} v{version.version}, {version.status})")
    head = Text.assemble((visible(version.title), "bold"), where)
    parts: list[RenderableType] = [head]
    if version.changes:
        parts.append(Text(f"Changes: {visible(' '.join(version.changes.split()))}", style="dim"))
    for name in cuts:
        cut = version.cuts.get(name)
        if cut is not None:
            parts.extend([Text(""), render_cut(name, cut, language)])
    return Group(*parts)
