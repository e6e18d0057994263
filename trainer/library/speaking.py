"""Speaking-time estimates: about 150 English words or 250 Chinese characters a minute.

Kept in the library (not the scorer) because the study screen and ``trainer show`` need an estimate for a
script without any attempt to score.
"""

from __future__ import annotations

import re

ENGLISH_WPM = 150
CJK_CPM = 250
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")


def count_units(text: str) -> tuple[int, int]:
    """(words outside CJK, CJK characters) in ``text``."""
    return len(_WORD.findall(_CJK.sub(" ", text))), len(_CJK.findall(text))


def estimate_seconds(text: str) -> float:
    words, chars = count_units(text)
    return words / ENGLISH_WPM * 60 + chars / CJK_CPM * 60


def format_duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else f"{whole} s"


def speaking_target(cut_name: str, target_seconds: int, text: str) -> float:
    """The time the *words* of a cut should take.

    A demo's ``target_seconds`` includes clicking through the product, so measuring a recited demo against
    it would always say "too short"; for demos the words' own speaking time is the target.
    """
    return estimate_seconds(text) if cut_name == "demo" else float(target_seconds)


def unit_name(language: str) -> str:
    """What a count of a script's tokens is called: Chinese and Japanese are counted per character."""
    return "characters" if language.split("-")[0] in ("zh", "ja") else "words"
