"""What a recognizer hands back: the words it heard, each with when it was said.

Why a protocol: the scorer and the app need only words with times, so the recognizer stays pluggable (a faster
test fake, another engine later), and nothing here ever passes the script to it. Giving the script to a
recognizer (a prompt, hotwords, a grammar) makes it "hear" the script when the speaker said something else;
the scorer's alignment of an unbiased transcript is the honest measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from .audio import Audio


@dataclass(frozen=True)
class HeardWord:
    """One word as heard, with its start and end in seconds from the start of the recording."""

    text: str
    start: float
    end: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": round(self.start, 2), "end": round(self.end, 2)}


@dataclass(frozen=True)
class Transcript:
    """The words heard, in order; ``text`` is them joined as the recognizer spelled them."""

    words: tuple[HeardWord, ...]
    audio_seconds: float

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "audio_seconds": round(self.audio_seconds, 2),
            "words": [word.to_dict() for word in self.words],
        }


class Transcriber(Protocol):
    """Anything that turns audio into timed words, without being told what it should hear."""

    def transcribe(self, audio: Audio) -> Transcript: ...
