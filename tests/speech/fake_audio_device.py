"""A fake sound card for tests: shaped like the ``sounddevice`` module, it "records" a real WAV file's samples.

It stands in for the hardware (PortAudio and a microphone), not for our code: the recorder, the app's speak
mode and the transcriber run as they would with a microphone. It can also be missing a microphone, refuse a
sample rate, go away in the middle of a recording, or fail when stopped.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import wave
from pathlib import Path
from typing import Any


class PortAudioError(Exception):
    """What ``sounddevice.PortAudioError`` is to the recorder."""


def synthesize(text: str, path: Path, *, rate: int = 16_000, silence_after: float = 0.0) -> Path:
    """Speech as a 16-bit mono WAV, spoken by flite (or espeak-ng) and converted by sox."""
    raw = path.with_suffix(".raw.wav")
    if shutil.which("flite"):
        subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(raw)], check=True, timeout=60)
    else:
        subprocess.run(["espeak-ng", "-s", "150", "-w", str(raw), text], check=True, timeout=60)
    subprocess.run(
        ["sox", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(path), "pad", "0", str(silence_after)],
        check=True,
        timeout=60,
    )
    return path


def can_synthesize() -> bool:
    return shutil.which("sox") is not None and bool(shutil.which("flite") or shutil.which("espeak-ng"))


class FakeInputStream:
    def __init__(self, device: FakeAudioDevice, samplerate: int, callback: Any, finished_callback: Any) -> None:
        self.device, self.samplerate = device, samplerate
        self.callback, self.finished_callback = callback, finished_callback
        self.active = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.device.fail_on_start:
            raise PortAudioError("Error opening InputStream: Device unavailable [PaErrorCode -9985]")
        self.active = True
        self._thread = threading.Thread(target=self._feed, daemon=True)
        self._thread.start()

    def _feed(self) -> None:
        """Hand the WAV over in 0.1 s blocks, as PortAudio's callback thread would."""
        frames_per_block = self.samplerate // 10
        data = self.device.samples
        step = frames_per_block * 2
        for count, offset in enumerate(range(0, len(data), step)):
            if not self.active:
                return
            if self.device.vanish_after_blocks is not None and count >= self.device.vanish_after_blocks:
                self.active = False
                self.finished_callback()  # the device went away: PortAudio ends the stream by itself
                return
            block = data[offset : offset + step]
            self.callback(memoryview(block), len(block) // 2, None, None)
        self.device.fed.set()

    def stop(self) -> None:
        was_active, self.active = self.active, False
        if self._thread is not None:
            self._thread.join(5)
        if self.device.fail_on_stop:
            raise PortAudioError("Error stopping stream: Unanticipated host error [PaErrorCode -9999]")
        if was_active:
            self.finished_callback()

    def close(self) -> None:
        self.active = False


class FakeOutputStream:
    def __init__(self, device: FakeAudioDevice, samplerate: int, channels: int) -> None:
        self.device, self.samplerate, self.channels = device, samplerate, channels

    def __enter__(self) -> FakeOutputStream:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, data: bytes) -> None:
        self.device.played.append((bytes(data), self.samplerate))


class FakeAudioDevice:
    """The parts of ``sounddevice`` the recorder uses, backed by a WAV file instead of a microphone."""

    PortAudioError = PortAudioError

    def __init__(
        self,
        wav: Path | None = None,
        *,
        microphone: bool = True,
        speaker: bool = False,
        refuse_rates: tuple[int, ...] = (),
        vanish_after_blocks: int | None = None,
        fail_on_start: bool = False,
        fail_on_stop: bool = False,
    ) -> None:
        self.rate = 16_000
        self.samples = b""
        if wav is not None:
            with wave.open(str(wav), "rb") as reader:
                assert reader.getsampwidth() == 2 and reader.getnchannels() == 1, "the fake microphone is mono 16-bit"
                self.rate = reader.getframerate()
                self.samples = reader.readframes(reader.getnframes())
        self.microphone, self.speaker = microphone, speaker
        self.refuse_rates = refuse_rates
        self.vanish_after_blocks = vanish_after_blocks
        self.fail_on_start, self.fail_on_stop = fail_on_start, fail_on_stop
        self.fed = threading.Event()
        self.opened_at: list[int] = []
        self.streams: list[FakeInputStream] = []
        self.played: list[tuple[bytes, int]] = []

    def query_devices(self, device: Any = None, kind: str | None = None) -> dict[str, Any]:
        if kind == "input" and not self.microphone:
            raise PortAudioError("Error querying device -1")
        if kind == "output" and not self.speaker:
            raise PortAudioError("Error querying device -1")
        return {
            "name": "fake sound card",
            "max_input_channels": 1 if self.microphone else 0,
            "max_output_channels": 2 if self.speaker else 0,
            "default_samplerate": float(self.rate),
        }

    def RawInputStream(self, *, samplerate: int, channels: int, dtype: str, callback: Any,
                       finished_callback: Any) -> FakeInputStream:
        assert channels == 1 and dtype == "int16"
        if samplerate in self.refuse_rates:
            raise PortAudioError("Error opening RawInputStream: Invalid sample rate [PaErrorCode -9997]")
        self.opened_at.append(samplerate)
        self.streams.append(FakeInputStream(self, samplerate, callback, finished_callback))
        return self.streams[-1]

    def RawOutputStream(self, *, samplerate: int, channels: int, dtype: str) -> FakeOutputStream:
        return FakeOutputStream(self, samplerate, channels)
