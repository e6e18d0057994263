"""What only speech shows, as terminal text: what was heard, the timed pace, the pauses and the fillers."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ..safe_text import visible


def _rate(value: float | None) -> str:
    return f"{value:.0f} words/min" if value else "—"


def render_speech(spoken: Any) -> RenderableType:
    """The lines printed after the marked script when the attempt was spoken (``SpeechResult``)."""
    pace = spoken.pace
    parts: list[RenderableType] = [Text(""), Text("From speech", style="bold")]
    heard = Text("Heard: ", style="bold")
    heard.append(visible(spoken.transcript.text) or "(nothing)", style="italic")
    parts.append(heard)
    line = Text("Speaking rate: ", style="bold")
    line.append(f"{_rate(pace.words_per_minute)} over {pace.speaking_seconds:.1f} s")
    if pace.target_words_per_minute:
        line.append(f" (the cut's target is about {_rate(pace.target_words_per_minute)})", style="dim")
    parts.append(line)
    for section in pace.sections:
        if section.name and section.words:
            parts.append(Text(f"  {visible(section.name)}: {_rate(section.words_per_minute)}, {section.seconds:.1f} s"))
    if spoken.pauses:
        parts.append(Text(f"Pauses over 2 s: {len(spoken.pauses)}", style="bold"))
        for pause in spoken.pauses:
            where = f"before “{visible(pause.before_text)}”" if pause.before_text else "at the end"
            parts.append(Text(f"  {pause.seconds:.1f} s at {pause.at:.1f} s, {where}"))
    else:
        parts.append(Text("Pauses over 2 s: none", style="bold"))
    fillers = Text(f"Filler words: {spoken.result.counts.filler}", style="bold")
    if spoken.fillers:
        fillers.append("  " + ", ".join(visible(word) for word in spoken.fillers), style="dim")
    parts.append(fillers)
    return Group(*parts)
