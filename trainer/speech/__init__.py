"""Speaking a pitch: read a recording, transcribe it offline, score the transcript like a typed recitation.

Core code: no user-interface imports. faster-whisper (the ``voice`` extra) is imported only when a model is
loaded, so the base install never needs it.
"""

from __future__ import annotations

from .audio import Audio, AudioError, read_wav
from .errors import SpeechError
from .models import INSTALL_HINT, ModelChoice, resolve_model
from .scoring import Pause, SectionPace, SpeechPace, SpeechResult, score_speech
from .transcript import HeardWord, Transcriber, Transcript

__all__ = [
    "INSTALL_HINT",
    "Audio",
    "AudioError",
    "HeardWord",
    "ModelChoice",
    "Pause",
    "SectionPace",
    "SpeechError",
    "SpeechPace",
    "SpeechResult",
    "Transcriber",
    "Transcript",
    "read_wav",
    "resolve_model",
    "score_speech",
]
