"""Recording from the microphone: start, watch the level, stop, and get the samples as :class:`Audio`.

Why a protocol and an injectable backend: the app only needs start/stop/level, and tests have no microphone.
:class:`MicrophoneRecorder` is the real code path; it talks to PortAudio through the ``sounddevice`` module (the
``voice`` extra), imported only when recording starts. Tests hand it a fake *device* (an object shaped like the
``sounddevice`` module whose stream feeds a real WAV's samples), so everything of ours runs as it would with a
microphone. Every failure — no ``sounddevice``, no PortAudio library, no input device, a device that stops
mid-recording — is a :class:`RecorderError`, one line that says what to do.
"""

from __future__ import annotations

import array
import importlib
import threading
import wave
from pathlib import Path
from typing import Any, Protocol

from .audio import Audio
from .errors import SpeechError
from .models import INSTALL_HINT

SAMPLE_RATE = 16_000  # what the recognizer wants; a device that refuses it records at its own rate
PORTAUDIO_HINT = "the PortAudio library is not installed (Debian/Ubuntu: apt-get install libportaudio2)"
NO_MICROPHONE = "no microphone found: connect one (or check the system's sound settings) and try again"
MAX_RECORDING_SECONDS = 10 * 60  # a 5-minute cut twice over; past it, recording stops on its own


class RecorderError(SpeechError):
    """Recording cannot start or did not finish; the message says why."""


class Recorder(Protocol):
    """What the app needs from a microphone."""

    def start(self) -> None:
        """Begin recording, or raise :class:`RecorderError`."""

    def stop(self) -> Audio:
        """Stop and return everything recorded (mono 16-bit), or raise :class:`RecorderError`."""

    @property
    def level(self) -> float:
        """The loudness of the latest block, 0.0 (silence) to 1.0 (full scale)."""

    @property
    def seconds(self) -> float:
        """How much has been recorded so far."""

    @property
    def failure(self) -> str | None:
        """Why the device stopped on its own while recording (unplugged, an error), else None."""


def load_sounddevice() -> Any:
    """The ``sounddevice`` module, or the one-line reason it cannot be had (no extra, no PortAudio)."""
    try:
        return importlib.import_module("sounddevice")  # untyped, and absent without the voice extra
    except ImportError:
        raise RecorderError(f"recording {INSTALL_HINT}") from None
    except OSError:  # sounddevice is installed but cannot load the PortAudio shared library
        raise RecorderError(PORTAUDIO_HINT) from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0].rstrip(". ")


def peak_level(block: bytes) -> float:
    """The peak of a block of little-endian 16-bit samples, as a fraction of full scale."""
    samples = array.array("h")
    samples.frombytes(block[: len(block) - len(block) % 2])
    if not samples:
        return 0.0
    return min(1.0, max(max(samples), -min(samples)) / 32768.0)


class MicrophoneRecorder:
    """A :class:`Recorder` on the default input device, through ``sounddevice`` (or a stand-in for tests).

    PortAudio calls ``_block`` on its own thread; the samples are appended under a lock, and the app's timer
    reads :attr:`level` and :attr:`seconds` from the UI thread.
    """

    def __init__(self, backend: Any = None, *, sample_rate: int = SAMPLE_RATE,
                 max_seconds: float = MAX_RECORDING_SECONDS) -> None:
        self._backend = backend
        self.sample_rate = sample_rate
        self.max_seconds = max_seconds
        self._blocks: list[bytes] = []
        self._frames = 0
        self._level = 0.0
        self._lock = threading.Lock()
        self._stream: Any = None
        self._stopping = False
        self._failure: str | None = None

    @property
    def backend(self) -> Any:
        if self._backend is None:
            self._backend = load_sounddevice()
        return self._backend

    def _check_input_device(self, sd: Any) -> None:
        try:
            device = sd.query_devices(kind="input")
        except Exception:  # PortAudioError, ValueError: there is no default input device
            raise RecorderError(NO_MICROPHONE) from None
        if not device or int(device.get("max_input_channels", 0)) < 1:
            raise RecorderError(NO_MICROPHONE)

    def _open(self, sd: Any, rate: int) -> Any:
        return sd.RawInputStream(
            samplerate=rate, channels=1, dtype="int16", callback=self._block, finished_callback=self._finished
        )

    def start(self) -> None:
        sd = self.backend
        self._check_input_device(sd)
        try:
            try:
                stream = self._open(sd, self.sample_rate)
            except sd.PortAudioError:  # e.g. "Invalid sample rate": record at the device's own rate instead
                rate = int(sd.query_devices(kind="input")["default_samplerate"])
                stream = self._open(sd, rate)
                self.sample_rate = rate
            stream.start()
        except RecorderError:
            raise
        except Exception as exc:  # PortAudioError and friends: the device exists but will not record
            raise RecorderError(f"the microphone could not start recording: {_first_line(exc)}") from None
        self._stream = stream

    def _block(self, data: Any, frames: int, _time: Any, status: Any) -> None:
        """PortAudio's callback: keep the block and its level (an overflow only loses a block; keep going)."""
        block = bytes(data)
        with self._lock:
            if self._frames >= self.max_seconds * self.sample_rate:
                return
            self._blocks.append(block)
            self._frames += frames
            self._level = peak_level(block)

    def _finished(self) -> None:
        """PortAudio says the stream ended: fine when we asked for it, a failure when the device went away."""
        if not self._stopping:
            self._failure = "the microphone stopped during the recording (was it unplugged?)"

    @property
    def level(self) -> float:
        return self._level

    @property
    def seconds(self) -> float:
        return self._frames / self.sample_rate

    @property
    def failure(self) -> str | None:
        return self._failure

    def stop(self) -> Audio:
        self._stopping = True
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as exc:
                self._failure = self._failure or f"the microphone failed: {_first_line(exc)}"
        if self._failure:  # a cut-off recording would score the rep on half a pitch: say so instead
            raise RecorderError(self._failure)
        with self._lock:
            samples = b"".join(self._blocks)
        if not samples:
            raise RecorderError("nothing was recorded: is the microphone muted?")
        return Audio(samples, self.sample_rate, 1, "microphone")


def has_output_device(backend: Any = None) -> bool:
    """Whether a recording can be played back here (PortAudio and a default output device)."""
    try:
        sd = backend if backend is not None else load_sounddevice()
        device = sd.query_devices(kind="output")
    except Exception:  # RecorderError, PortAudioError, ValueError: nothing to play on
        return False
    return bool(device) and int(device.get("max_output_channels", 0)) > 0


def play_wav(path: Path, backend: Any = None) -> None:
    """Play a kept recording on the default output device; blocks until done (run it in a worker)."""
    from .audio import read_wav

    audio = read_wav(path)
    sd = backend if backend is not None else load_sounddevice()
    try:
        with sd.RawOutputStream(samplerate=audio.sample_rate, channels=audio.channels, dtype="int16") as stream:
            stream.write(audio.samples)
    except Exception as exc:
        raise RecorderError(f"cannot play {path}: {_first_line(exc)}") from None


def write_wav(audio: Audio, path: Path) -> Path:
    """Save recorded samples as a 16-bit PCM WAV (what :func:`~trainer.speech.audio.read_wav` reads back)."""
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(audio.channels)
        writer.setsampwidth(2)
        writer.setframerate(audio.sample_rate)
        writer.writeframes(audio.samples)
    return path
