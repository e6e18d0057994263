"""What only a spoken attempt shows on the results screen: the words heard, the pace from the word timings
(overall and per section), the pauses over 2 s, the filler words, and where the recording is kept.

Why separate from the results screen: a typed result never needs it, and the same lines read the core's
:class:`~trainer.speech.SpeechResult` without knowing how it was recorded. Heard words are untrusted text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.content import Content

from ...safe_text import visible

PAUSE_STYLE = "bold $text-warning"


def rate_text(value: float | None) -> str:
    return f"{value:.0f} words/min" if value else "—"


FROM_SPEECH = Content.styled(" · from speech", "bold $text-accent")


def speech_pace_suffix(spoken: Any) -> Content:
    """" · 142 words/min": appended to the results' pace line (timed by the heard words)."""
    return Content.styled(f" · {rate_text(spoken.pace.words_per_minute)}", "bold")


def pause_mark(pause: Any) -> tuple[str, str]:
    """How a pause is drawn in the marked script, where it fell."""
    return (f"‖{pause.seconds:.1f}s", PAUSE_STYLE)  # one cell wide in every terminal, unlike ⏸


def speech_lines(spoken: Any, audio_path: Path | str | None, *, can_play: bool = False) -> Content:
    """The side panel's "From speech" block."""
    pace = spoken.pace
    lines: list[Content] = [Content.styled("From speech", "bold $text-accent")]
    lines.append(Content.assemble(("Heard: ", "bold"), (visible(spoken.transcript.text) or "(nothing)", "italic")))
    target = f" (target ~{rate_text(pace.target_words_per_minute)})" if pace.target_words_per_minute else ""
    lines.append(Content.assemble(
        ("Pace: ", "bold"), f"{rate_text(pace.words_per_minute)} over {pace.speaking_seconds:.1f} s",
        (target, "$text-muted"),
    ))
    for section in pace.sections:
        if section.name and section.words:
            lines.append(Content(f"  {visible(section.name)}: {rate_text(section.words_per_minute)}"))
    if spoken.pauses:
        lines.append(Content.assemble(("Pauses over 2 s: ", "bold"), (str(len(spoken.pauses)), PAUSE_STYLE)))
        for pause in spoken.pauses:
            where = f"before “{visible(pause.before_text)}”" if pause.before_text else "at the end"
            lines.append(Content(f"  {pause.seconds:.1f} s at {pause.at:.1f} s, {where}"))
    else:
        lines.append(Content.assemble(("Pauses over 2 s: ", "bold"), "none"))
    fillers = Content.assemble(("Fillers: ", "bold"), str(spoken.result.counts.filler))
    if spoken.fillers:
        fillers = Content.assemble(fillers, (" (" + ", ".join(visible(w) for w in spoken.fillers) + ")", "$text-muted"))
    lines.append(fillers)
    if audio_path is not None:
        lines.append(Content.assemble(("Recording: ", "bold"), (visible(str(audio_path)), "$text-muted")))
        if can_play:
            lines.append(Content.styled("Press p to play it.", "$text-muted"))
    return Content("\n").join(lines)
