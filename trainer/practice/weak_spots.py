"""Weak-spot drill, the pure part: which sentences to recite first, and how a partial recitation is kept.

A drill recites only the sentences of a cut that weigh most in the rep's mistake memory
(:mod:`trainer.practice.mistakes`), heaviest first, then the whole cut. A sentence weighs the sum of its
words' weights: a sentence with three shaky words comes before one with a single slip.

The score of the partial recitation is not a score of the cut: it must not set the cut's tier, best score
or certification. It is kept with ``mode: "weak-spot"`` and the ``covered`` word ranges, and its ``marks``
are given in the *cut's* word positions (a sentence's words are counted from the start of its section), so
the mistake memory reads it like any attempt, for the words it covered only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..library.models import Cut
from ..scoring.tokens import scan
from ..store.breakdown import compact_breakdown, word_marks
from .mistakes import MIN_WEIGHT, MistakeMap

WEAK_SPOT_MODE = "weak-spot"
MAX_SENTENCES = 3
"""Sentences per drill: enough to cover a rep's worst spots, few enough to say in under a minute."""

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a section: its text, where it is, and which of the section's words it holds."""

    section: str
    section_index: int
    start: int  # character span in the section's text
    end: int
    first_word: int  # the section's word positions [first_word, end_word)
    end_word: int
    text: str
    weight: float = 0.0


def sentences(cut: Cut) -> list[Sentence]:
    """Every sentence of the cut, in order (a section without end punctuation is one sentence)."""
    found: list[Sentence] = []
    for s, section in enumerate(cut.sections):
        text = section.text
        _, starts, _ = scan(text)
        cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text)), len(text)]
        for a, b in pairwise(cuts):
            if not text[a:b].strip():
                continue
            first = sum(1 for x in starts if x < a)
            end = sum(1 for x in starts if x < b)
            if end > first:
                found.append(Sentence(section.name, s, a, b, first, end, text[a:b].strip()))
    return found


def weak_sentences(cut: Cut, mistakes: MistakeMap, limit: int = MAX_SENTENCES) -> list[Sentence]:
    """The ``limit`` heaviest sentences (at least one word at :data:`MIN_WEIGHT`), heaviest first."""
    weighed: list[Sentence] = []
    for sentence in sentences(cut):
        words = [mistakes.word(sentence.section_index, p) for p in range(sentence.first_word, sentence.end_word)]
        weights = [w.weight for w in words if w is not None]
        if any(weight >= MIN_WEIGHT for weight in weights):
            weighed.append(Sentence(**{**sentence.__dict__, "weight": round(sum(weights), 3)}))
    weighed.sort(key=lambda s: (-s.weight, s.section_index, s.first_word))
    return weighed[:limit]


def drill_reference(chosen: list[Sentence]) -> list[tuple[str, str]]:
    """(section name, text) per sentence, in the order to recite them: the reference the scorer checks."""
    return [(sentence.section, sentence.text) for sentence in chosen]


def partial_breakdown(result: Mapping[str, Any], chosen: list[Sentence]) -> dict[str, Any]:
    """What to store of a drill's score: compact, labelled ``weak-spot``, marks in the cut's word positions.

    ``result`` is the scorer's result (``to_dict()``) against :func:`drill_reference`: one scored section per
    sentence, so a mark's section number says which sentence, and its position counts from the sentence start.
    """
    data = dict(result)
    kept = compact_breakdown(data)
    by_sentence: list[list[Any]] = []
    positions: dict[int, int] = {}
    for word in data.get("words") or []:
        number = int(word.get("section") or 0)
        position = positions.get(number, 0)
        positions[number] = position + 1
        if word.get("status") != "matched" and number < len(chosen):
            sentence = chosen[number]
            by_sentence.append([sentence.section, sentence.first_word + position, word.get("text", ""),
                                word.get("status")])
    kept["marks"] = by_sentence if data.get("words") else word_marks(data)
    kept["mode"] = WEAK_SPOT_MODE
    kept["covered"] = [[s.section, s.first_word, s.end_word] for s in chosen]
    return kept
