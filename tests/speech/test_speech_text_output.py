"""What `trainer score --audio` prints after the marked script: what was heard, the timed pace per section, the
pauses in place and the fillers. The recognizer is faked; the scorer and the renderer are the real ones."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from speech_files import FakeRecognizer, evenly, write_wav

from trainer.render.speech import render_speech
from trainer.scoring import ReferenceSection
from trainer.speech import read_wav, score_speech

SECTIONS = [
    ReferenceSection("Hook", "Our valves warn you days before they fail."),
    ReferenceSection("Ask", "Could we walk through your five most critical valves?"),
]


def printed(tmp_path: Path, timed: list[tuple[str, float, float]]) -> str:
    transcript = FakeRecognizer(timed).transcribe(read_wav(write_wav(tmp_path / "take.wav", 0.2)))
    out = io.StringIO()
    Console(file=out, width=120, color_system=None).print(render_speech(score_speech(SECTIONS, transcript)))
    return out.getvalue()


def test_the_speech_lines_show_heard_words_pace_pauses_and_fillers(tmp_path: Path) -> None:
    hook = evenly("Um, our valves warn you days before they fail.", 0.0, 0.4)
    ask = evenly("Could we walk through your five most critical valves?", hook[-1][2] + 2.5, 0.4)
    text = printed(tmp_path, hook + ask)
    lines = [line.rstrip() for line in text.splitlines()]
    assert "From speech" in lines
    assert "Heard: Um, our valves warn you days before they fail. Could we walk through your five most critical " \
        "valves?" in lines
    assert any(line.startswith("Speaking rate: ") and "words/min over" in line for line in lines)
    assert "  Hook: 152 words/min, 3.6 s" in lines  # 9 words heard (with "Um,") over 3.56 s
    assert "Pauses over 2 s: 1" in lines
    assert "  2.5 s at 3.6 s, before “Could”" in lines
    assert "Filler words: 1  Um" in lines


def test_heard_text_cannot_send_escape_sequences_to_the_terminal(tmp_path: Path) -> None:
    text = printed(tmp_path, [("our\x1b]0;owned\x07", 0.0, 0.3), ("valves", 0.4, 0.7)])
    assert "\x1b" not in text and "\x07" not in text
    assert "Heard: our" in text
