"""Pitch Trainer scoring engine: pure Python + rapidfuzz, no UI imports.

* :func:`score_recitation` — word-for-word recall of a pitch (spans, near-misses, key phrases, pace).
* :func:`score_answer` — an objection answer in the rep's own words, scored on key points.
* :func:`classify_question` / :func:`score_question` — is a discovery question closed and on target?
"""

from __future__ import annotations

from .answers import score_answer
from .limits import MAX_CHARACTERS, MAX_WORDS, TextTooLong, check_size
from .questions import classify_question, score_question
from .recitation import ReferenceSection, clear_reference_cache, score_recitation
from .results import (
    TIERS,
    AnswerResult,
    Counts,
    ExtraWord,
    KeyPhraseResult,
    KeyPointResult,
    PaceResult,
    QuestionClass,
    QuestionResult,
    RecitationResult,
    SectionResult,
    WordResult,
    WordTable,
    score_text,
    tier_for,
    whole_score,
)
from .tokens import Token, count_words, normalize_text, tokenize
from .tokens import clear_caches as _clear_token_caches


def clear_caches() -> None:
    """Forget cached scripts and words (for cold-start timing; never needed for correctness)."""
    clear_reference_cache()
    _clear_token_caches()


__all__ = [
    "MAX_CHARACTERS",
    "MAX_WORDS",
    "TIERS",
    "AnswerResult",
    "Counts",
    "ExtraWord",
    "KeyPhraseResult",
    "KeyPointResult",
    "PaceResult",
    "QuestionClass",
    "QuestionResult",
    "RecitationResult",
    "ReferenceSection",
    "SectionResult",
    "TextTooLong",
    "Token",
    "WordResult",
    "WordTable",
    "check_size",
    "classify_question",
    "clear_caches",
    "count_words",
    "normalize_text",
    "score_answer",
    "score_question",
    "score_recitation",
    "score_text",
    "tier_for",
    "tokenize",
    "whole_score",
]
