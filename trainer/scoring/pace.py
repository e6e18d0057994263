"""Pace: is the rep's delivery the right length for the cut?

Why estimate: typing a recitation has no stopwatch, so without ``elapsed_seconds`` the speaking time
is estimated at a normal delivery rate — 150 English words or 250 Chinese characters per minute;
mixed text adds the two.  More than 20% over or under the target is flagged.  Pace is reported and
turned into a fix, but it never changes the recitation score.
"""

from __future__ import annotations

import re

from .normalize import CJK_CLASS, CJK_RE
from .results import PaceResult

WORDS_PER_MINUTE = 150.0
CHARS_PER_MINUTE = 250.0
TOLERANCE = 0.20
_LATIN_WORD_RE = re.compile(f"[^\\W{CJK_CLASS}]+(?:['\u2019][^\\W{CJK_CLASS}]+)*")


def measure_pace(attempt: str, target_seconds: float | None, elapsed_seconds: float | None) -> PaceResult:
    """Speaking time (measured or estimated), rate per minute and a verdict against the target."""
    if attempt.isascii() or CJK_RE.search(attempt) is None:  # common case: whitespace-separated words only
        chars, words = 0, len(attempt.split())
    else:
        chars, words = len(CJK_RE.findall(attempt)), len(_LATIN_WORD_RE.findall(attempt))
    unit = "words+characters" if chars and words else ("characters" if chars else "words")
    estimated = elapsed_seconds is None
    if elapsed_seconds is None:
        elapsed_seconds = 60.0 * (words / WORDS_PER_MINUTE + chars / CHARS_PER_MINUTE)
    elapsed = max(0.0, float(elapsed_seconds))
    rate = (words + chars) * 60.0 / elapsed if elapsed > 0 else 0.0
    if not target_seconds or target_seconds <= 0:
        return PaceResult(round(elapsed, 1), estimated, None, round(rate, 1), unit, None, "no target")
    ratio = elapsed / target_seconds
    verdict = "too long" if ratio > 1 + TOLERANCE else "too short" if ratio < 1 - TOLERANCE else "ok"
    return PaceResult(
        round(elapsed, 1), estimated, float(target_seconds), round(rate, 1), unit, round(ratio, 2), verdict
    )


def pace_fix(pace: PaceResult) -> str | None:
    """One plain sentence about the pace, or None when it is fine (or there is no target)."""
    if pace.verdict in ("ok", "no target") or pace.target_seconds is None:
        return None
    said, target = f"{pace.elapsed_seconds:.0f} s", f"{pace.target_seconds:.0f} s"
    if pace.estimated:
        if pace.verdict == "too long":
            return f"Too long: about {said} at a normal pace for a {target} cut — cut the extra words."
        return f"Too short: about {said} at a normal pace for a {target} cut — say the whole script."
    if pace.verdict == "too long":
        return f"Too slow: {said} for a {target} cut."
    return f"Too fast: {said} for a {target} cut — slow down."
