"""Scoring a spoken recitation: the transcript goes through the same scorer as typed practice, and the word
timings add what only speech shows — the real pace, the pauses and where they fell, and the filler words.

Why timestamps and not the recording's length: silence before the first word and after the last is not
speaking. Speaking time runs from the first word's start to the last word's end, pauses included (they are
part of how long the pitch took). A pause is a gap of more than :data:`PAUSE_SECONDS` between two words; it is
placed before the script word the next heard word was matched to (or was said before, for an extra word).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..scoring import RecitationResult, ReferenceSection, score_recitation
from .transcript import Transcript

PAUSE_SECONDS = 2.0


@dataclass(frozen=True)
class Pause:
    """Silence between two heard words; ``before_word`` indexes the result's script words (len = at the end)."""

    seconds: float
    at: float
    before_word: int
    before_text: str | None
    after_heard: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 1),
            "at": round(self.at, 1),
            "before_word": self.before_word,
            "before_text": self.before_text,
            "after_heard": self.after_heard,
        }


@dataclass(frozen=True)
class SectionPace:
    name: str
    words: int
    seconds: float
    words_per_minute: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "words": self.words,
            "seconds": round(self.seconds, 1),
            "words_per_minute": self.words_per_minute,
        }


@dataclass(frozen=True)
class SpeechPace:
    """Words per minute from the word timings, overall and per section, beside the cut's target."""

    speaking_seconds: float
    words: int
    words_per_minute: float | None
    target_words_per_minute: float | None
    sections: tuple[SectionPace, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaking_seconds": round(self.speaking_seconds, 1),
            "words": self.words,
            "words_per_minute": self.words_per_minute,
            "target_words_per_minute": self.target_words_per_minute,
            "sections": [s.to_dict() for s in self.sections],
        }


@dataclass(frozen=True)
class SpeechResult:
    """A recitation scored from speech: the usual result plus the transcript, timing, pauses and fillers."""

    result: RecitationResult
    transcript: Transcript
    pace: SpeechPace
    pauses: tuple[Pause, ...]
    fillers: tuple[str, ...]

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def tier(self) -> str:
        return self.result.tier

    def to_dict(self) -> dict[str, Any]:
        """The typed result's keys, with ``pace`` from the timings, plus what only speech has."""
        data = self.result.to_dict()
        data["source"] = "speech"
        data["transcript"] = self.transcript.text
        data["pace"] = {**data["pace"], **self.pace.to_dict(), "timed_from": "word timestamps"}
        data["pauses"] = [p.to_dict() for p in self.pauses]
        data["fillers"] = {"count": self.result.counts.filler, "words": list(self.fillers)}
        data["heard"] = [w.to_dict() for w in self.transcript.words]
        return data


def _rate(words: int, seconds: float) -> float | None:
    return round(words * 60.0 / seconds, 1) if seconds > 0 and words else None


def score_speech(
    sections: Sequence[ReferenceSection], transcript: Transcript, *, target_seconds: float | None = None
) -> SpeechResult:
    """Score what was heard against the script, timed by the heard words."""
    heard = transcript.words
    attempt = transcript.text
    speaking = heard[-1].end - heard[0].start if heard else 0.0
    result = score_recitation(
        sections, attempt, target_seconds=target_seconds, elapsed_seconds=speaking if heard else None
    )
    # Where each heard word starts in ``attempt`` (words joined by one space), to map the scorer's tokens back.
    offsets, cursor = [], 0
    for word in heard:
        offsets.append(cursor)
        cursor += len(word.text) + 1
    script_word: list[int | None] = [None] * len(heard)  # the script word each heard word was matched to / said before
    n = len(result.words)
    for index, scored in enumerate(result.words):
        if scored.attempt_start is not None:
            h = bisect_right(offsets, scored.attempt_start) - 1
            if script_word[h] is None:
                script_word[h] = index
    for extra in result.extras:
        h = bisect_right(offsets, extra.attempt_start) - 1
        if script_word[h] is None:
            script_word[h] = extra.before_word
    last_section = len(result.sections) - 1

    def section_of(h: int) -> int | None:
        i = script_word[h]
        if i is None:
            return None
        return result.words[i].section if i < n else last_section

    section_pace = []
    for s, section in enumerate(result.sections):
        mine = [h for h in range(len(heard)) if section_of(h) == s]
        seconds = heard[mine[-1]].end - heard[mine[0]].start if mine else 0.0
        section_pace.append(SectionPace(section.name, len(mine), seconds, _rate(len(mine), seconds)))
    pauses = []
    for h in range(1, len(heard)):
        gap = heard[h].start - heard[h - 1].end
        if gap > PAUSE_SECONDS:
            found = script_word[h]
            before = n if found is None else found
            before_text = result.words[before].text if before < n else None
            pauses.append(Pause(gap, heard[h - 1].end, before, before_text, heard[h - 1].text))
    target_rate = _rate(n, target_seconds) if target_seconds else None
    pace = SpeechPace(speaking, len(heard), _rate(len(heard), speaking), target_rate, tuple(section_pace))
    fillers = tuple(extra.text for extra in result.extras if extra.filler)
    return SpeechResult(result, transcript, pace, tuple(pauses), fillers)
