"""Reading a recording: WAV with 16-bit samples, through the standard library only.

Why so narrow: the base install has no audio libraries, and a 16-bit PCM WAV is what a microphone recorder
writes. Other formats are refused with the command that converts them, rather than half-supported.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

from .errors import SpeechError

CONVERT_HINT = "convert it first: sox IN -r 16000 -c 1 -b 16 OUT.wav, or ffmpeg -i IN -ar 16000 -ac 1 OUT.wav"
MAX_SECONDS = 30 * 60  # a 5-minute cut with room to spare; longer files are surely not a pitch


class AudioError(SpeechError):
    """The file is not a recording we can read; one line that says why and how to convert it."""


@dataclass(frozen=True)
class Audio:
    """Interleaved little-endian 16-bit samples as read from the file, with their layout."""

    samples: bytes
    sample_rate: int
    channels: int
    source: str = ""

    @property
    def seconds(self) -> float:
        frames = len(self.samples) // (2 * self.channels)
        return frames / self.sample_rate if self.sample_rate else 0.0


def read_wav(path: Path | str) -> Audio:
    """The samples of a 16-bit PCM WAV file, or :class:`AudioError` saying what is wrong with it."""
    path = Path(path)
    try:
        with wave.open(str(path), "rb") as reader:
            width, channels, rate = reader.getsampwidth(), reader.getnchannels(), reader.getframerate()
            if width != 2:
                raise AudioError(f"{path}: {8 * width}-bit samples; only 16-bit PCM WAV is read — {CONVERT_HINT}")
            if rate < 8000 or channels < 1:
                raise AudioError(f"{path}: {rate} Hz, {channels} channel(s) is not a speech recording")
            if reader.getnframes() > MAX_SECONDS * rate:
                raise AudioError(f"{path}: longer than {MAX_SECONDS // 60} minutes; record one pitch at a time")
            samples = reader.readframes(reader.getnframes())
    except FileNotFoundError:
        raise AudioError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AudioError(f"{path}: is a folder, not a WAV file") from None
    except OSError as exc:
        raise AudioError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (wave.Error, EOFError) as exc:
        raise AudioError(f"{path}: not a 16-bit PCM WAV file ({exc}) — {CONVERT_HINT}") from None
    if not samples:
        raise AudioError(f"{path}: the recording is empty")
    return Audio(samples, rate, channels, str(path))
