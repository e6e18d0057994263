"""A recitation score as terminal text: the script with every word marked, then what to fix first."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..library.speaking import format_duration
from ..safe_text import visible
from ..scoring.marking import marked_spans

STYLES = {
    "matched": "",
    "near": "yellow underline",
    "substituted": "bold red",
    "missed": "red strike dim",
    "extra": "italic green",
    "filler": "italic dim",
}
LEGEND = Text.assemble(
    ("matched", ""),
    "  ",
    ("near (typo)", STYLES["near"]),
    "  ",
    ("substituted [said]", STYLES["substituted"]),
    "  ",
    ("missed", STYLES["missed"]),
    "  ",
    ("+extra", STYLES["extra"]),
    "  ",
    ("+filler", STYLES["filler"]),
)


MAX_REASONS_SHOWN = 3  # why a score is held below Gold: the first few, most serious first


def marked_script(result: Any, section_texts: list[str]) -> list[tuple[str, Text]]:
    """Per section: its name and its text with each reference word styled by status, extras inserted."""
    extras_before: dict[int, list[Any]] = {}
    for extra in result.extras:
        extras_before.setdefault(extra.before_word, []).append(extra)
    out: list[tuple[str, Text]] = []
    words = list(result.words)
    spans = marked_spans(words)
    for index, section in enumerate(result.sections):
        source = section_texts[index] if index < len(section_texts) else ""
        text = Text()
        cursor = 0
        for position, word in spans:
            if word.section != index:
                continue
            text.append(visible(source[cursor : word.start], multiline=True))
            _append_extras(text, extras_before.get(position, []))
            style = STYLES[word.status]
            if word.key_phrase and word.status == "matched":
                style = "bold"
            text.append(visible(source[word.start : word.end], multiline=True), style=style)
            if word.status == "substituted" and word.said:
                text.append(f" [{visible(word.said)}]", style="red")
            cursor = word.end
        if index == len(result.sections) - 1:
            _append_extras(text, extras_before.get(len(words), []))
        text.append(visible(source[cursor:], multiline=True))
        out.append((section.name, text))
    return out


def _append_extras(text: Text, extras: list[Any]) -> None:
    for extra in extras:
        text.append(f"+{visible(extra.text)} ", style=STYLES["filler" if extra.filler else "extra"])


def render_recitation(result: Any, section_texts: list[str], title: str = "") -> RenderableType:
    parts: list[RenderableType] = []
    headline = Text.assemble((f"{result.score:g}/100", "bold"), "  ", (result.tier, "bold magenta"))
    if title:
        headline.append(f"  {visible(title)}", style="dim")
    parts.append(headline)
    c = result.counts
    parts.append(
        Text(
            f"{c.matched} matched, {c.near} near, {c.substituted} substituted, {c.missed} missed "
            f"of {c.reference_words} words; {c.extra} extra, {c.filler} filler",
            style="dim",
        )
    )
    held_back = list(getattr(result, "held_back", ()))
    if held_back:
        parts.append(Text(""))
        parts.append(Text("Held below Gold", style="bold yellow"))
        for reason in held_back[:MAX_REASONS_SHOWN]:
            parts.append(Text(f"  • {visible(reason)}"))
        if len(held_back) > MAX_REASONS_SHOWN:
            parts.append(Text(f"  … and {len(held_back) - MAX_REASONS_SHOWN} more", style="dim"))
    fixes = [fix for fix in result.fixes if fix not in held_back[:MAX_REASONS_SHOWN]]
    if fixes:
        parts.append(Text(""))
        parts.append(Text("Fix first", style="bold"))
        for fix in fixes:
            parts.append(Text(f"  • {visible(fix)}"))
    parts.append(Text(""))
    for name, text in marked_script(result, section_texts):
        if name:
            parts.append(Text(visible(name), style="bold cyan"))
        parts.append(text)
    parts.append(LEGEND)
    if result.key_phrases:
        parts.append(Text(""))
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column()
        table.add_column()
        for phrase in result.key_phrases:
            mark = Text("✓", style="green") if phrase.found else Text("✗", style="red")
            table.add_row(mark, Text.assemble(visible(phrase.phrase), ("  critical", "dim") if phrase.critical else ""))
        parts.append(Text("Key phrases", style="bold"))
        parts.append(table)
    pace = result.pace
    parts.append(Text(""))
    line = Text("Pace: ", style="bold")
    spoken = f"{format_duration(pace.elapsed_seconds)}" + (" (estimated)" if pace.estimated else "")
    line.append(spoken)
    if pace.target_seconds:
        line.append(f" for a {format_duration(pace.target_seconds)} target — ")
        line.append(pace.verdict, style="green" if pace.verdict == "ok" else "yellow")
    parts.append(line)
    return Group(*parts)
