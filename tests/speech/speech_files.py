"""Helpers for the speech tests: WAV files written with the standard library, and a fake recognizer."""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Sequence
from pathlib import Path

from trainer.speech import Audio, HeardWord, Transcript


def write_wav(path: Path, seconds: float = 1.0, *, rate: int = 16_000, channels: int = 1, width: int = 2) -> Path:
    """A tone (so the file is not silent) in the given layout."""
    frames = int(seconds * rate)
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        if width == 2:
            one = [int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(frames)]
            data = b"".join(struct.pack("<" + "h" * channels, *([s] * channels)) for s in one)
        else:
            data = bytes(frames * channels * width)
        writer.writeframes(data)
    return path


class FakeRecognizer:
    """A stand-in for the speech recognizer: it "hears" fixed words at fixed times, whatever the audio.

    It implements the :class:`~trainer.speech.Transcriber` protocol, so the scoring of timed words is tested
    without a model; what a real model hears is tested in ``test_speech_integration.py``.
    """

    def __init__(self, timed_words: Sequence[tuple[str, float, float]]) -> None:
        self.words = tuple(HeardWord(text, start, end) for text, start, end in timed_words)
        self.heard: list[Audio] = []

    def transcribe(self, audio: Audio) -> Transcript:
        self.heard.append(audio)
        return Transcript(self.words, audio.seconds)


def evenly(text: str, start: float = 0.0, seconds_per_word: float = 0.4) -> list[tuple[str, float, float]]:
    """Timed words for ``text``: one every ``seconds_per_word``, each lasting 90% of that."""
    out = []
    for i, word in enumerate(text.split()):
        at = start + i * seconds_per_word
        out.append((word, at, at + 0.9 * seconds_per_word))
    return out
