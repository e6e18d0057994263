"""Which languages can be spoken: English only, for now.

Why: the only recognizer weights available from a package registry are Whisper tiny.en. No honest offline
Mandarin option was found, and transcribing Chinese with an English model would score a rep on noise, so
Chinese pitches stay typed and the refusal says so.
"""

from __future__ import annotations

SPOKEN_LANGUAGES = ("en",)


def unsupported_language(language: str) -> str | None:
    """None when a pitch in ``language`` can be spoken; else the one-line reason it must be typed."""
    if language.split("-")[0].lower() in SPOKEN_LANGUAGES:
        return None
    return (
        f"spoken practice is English only for now (this pitch is in {language!r}): no offline recognizer for it "
        "is installed; type the recitation instead"
    )
