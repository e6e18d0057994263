"""Recall modes, the pure part: first-letter typing, cue sentences, and which modes count for what.

**Modes.** Every attempt says how it was practised (its *mode*), apart from how it was given (its *medium*:
typed or spoken):

* ``recite`` — the whole cut from memory, the usual recitation;
* ``strict`` — the whole cut with no peeking: no section names shown, no going back to study, no restart, the
  clock running. Scored and stored exactly like ``recite``;
* ``first_letter`` — type only the first letter of each word, checked as you type;
* ``cue`` — the previous sentence is shown, the next one is recited;
* ``weak-spot`` — the drill of :mod:`trainer.practice.weak_spots`.

**What counts.** Only full-cut recitations (``recite`` and ``strict``) are the cut's score: they set its best
score, tier, card and certification. ``first_letter``, ``cue`` and ``weak-spot`` runs are *partial practice*:
kept apart (the store's ``partial_attempts``, labelled with their mode) and read by the mistake memory only, for
the words they covered (:data:`COUNTS_FOR_THE_CUT`).

**First letters.** The expected key of a word is its first character, case- and accent-insensitive ("Élan" → e);
a figure's is its first character as written ("$5k" → $, "30%" → 3), and for a figure led by a currency sign
its first digit is accepted too (phone keyboards hide the sign). Chinese has no letters to type: each character
is one word and its key is the first letter of its toneless pinyin (我 → w), any reading of a character with
several being accepted — a real recall test that needs no input method. A contraction the scorer reads as two
words ("we're") is one word here, one key.

**Missed words.** A word typed right at the first key is right. A word whose first key was wrong is marked for
the mistake memory and stays marked (the rep sees it and types on; the run never blocks): right at the second
key it is ``near`` (a slip: half a miss in the memory), else ``missed``. After :data:`MAX_TRIES` wrong keys the
word is revealed and the run moves on, so a rep who cannot recall a word is never stuck.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..library.models import Cut
from ..scoring.normalize import CJK_CLASS
from ..scoring.tokens import scan
from .modes import (
    COUNTS_FOR_THE_CUT,
    CUE,
    FIRST_LETTER,
    MODE_NAMES,
    MODES,
    RECITE,
    STRICT,
    WEAK_SPOT,
    counts_for_the_cut,
)
from .weak_spots import Sentence, sentences

__all__ = ["COUNTS_FOR_THE_CUT", "CUE", "FIRST_LETTER", "MODES", "MODE_NAMES", "RECITE", "STRICT", "WEAK_SPOT",
           "CuePair", "FirstLetterRun", "LetterWord", "accepted_keys", "counts_for_the_cut", "cue_pairs",
           "letter_words"]

MAX_TRIES = 3
"""Wrong keys after which a word is revealed and the run moves on."""

_CURRENCY = "$€£¥₹＄￥"
_CJK = re.compile(f"[{CJK_CLASS}]")


def fold_key(character: str) -> str:
    """A key as compared: lower case, accents dropped ("É" → "e"), full-width forms made plain."""
    plain = unicodedata.normalize("NFKD", character)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()[:1]


@lru_cache(maxsize=4096)
def _pinyin_initials(character: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # loaded only for Chinese scripts

    readings = pinyin(character, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    return frozenset(fold_key(r) for group in readings for r in group if r)


def accepted_keys(word: str) -> frozenset[str]:
    """The keys that count as a word's first letter (see the module docstring)."""
    first = word[:1]
    if not first:
        return frozenset()
    if _is_cjk(first):
        return _pinyin_initials(first) or frozenset({first})
    keys = {fold_key(first)}
    if first in _CURRENCY:
        keys.update(fold_key(c) for c in word[1:2] if c.isdigit())
    return frozenset(keys)


def _is_cjk(character: str) -> bool:
    return _CJK.fullmatch(character) is not None


@dataclass(frozen=True)
class LetterWord:
    """One word to recall: where it is in the script, its text, and the keys that count as its first letter."""

    section: str
    section_index: int
    positions: tuple[int, ...]  # the scorer's word positions it covers (two for "we're")
    start: int  # character span in the section's text
    end: int
    text: str
    keys: frozenset[str]


def letter_words(cut: Cut) -> list[LetterWord]:
    """The cut's words in order, one per word as written (tokens sharing a span are one word)."""
    words: list[LetterWord] = []
    for s, section in enumerate(cut.sections):
        _, starts, ends = scan(section.text)
        spans: dict[tuple[int, int], list[int]] = {}
        for position, span in enumerate(zip(starts, ends, strict=True)):
            spans.setdefault(span, []).append(position)
        for (start, end), positions in spans.items():
            text = section.text[start:end]
            words.append(LetterWord(section.name, s, tuple(positions), start, end, text, accepted_keys(text)))
    return words


@dataclass
class FirstLetterRun:
    """A first-letter run in progress: which word is next and how many wrong keys each word took."""

    words: list[LetterWord]
    wrong: list[int] = field(default_factory=list)  # wrong keys per word so far
    revealed: list[bool] = field(default_factory=list)  # given after MAX_TRIES wrong keys
    at: int = 0  # the next word to recall

    def __post_init__(self) -> None:
        self.wrong = self.wrong or [0] * len(self.words)
        self.revealed = self.revealed or [False] * len(self.words)

    @classmethod
    def of(cls, cut: Cut) -> FirstLetterRun:
        return cls(letter_words(cut))

    @property
    def done(self) -> bool:
        return self.at >= len(self.words)

    def press(self, key: str) -> bool | None:
        """Check one key against the next word: True right (the word is revealed), False wrong, None ignored.

        Spaces, punctuation and other keys no word starts with are ignored, so a rep may type naturally.
        """
        if self.done or len(key) != 1 or not (key.isalnum() or key in _CURRENCY):
            return None
        word = self.words[self.at]
        if fold_key(key) in word.keys or key in word.keys:
            self.at += 1
            return True
        self.wrong[self.at] += 1
        if self.wrong[self.at] >= MAX_TRIES:
            self.revealed[self.at] = True
            self.at += 1
        return False

    def status(self, index: int) -> str:
        """``matched``, ``near`` (right at the second key) or ``missed`` — for a word already passed."""
        wrong = self.wrong[index]
        if not wrong:
            return "matched"
        return "near" if wrong == 1 and not self.revealed[index] else "missed"

    def missed_words(self) -> list[LetterWord]:
        """The words passed so far that were not right at the first key, in script order."""
        return [w for i, w in enumerate(self.words[: self.at]) if self.wrong[i]]

    @property
    def score(self) -> float:
        """The share of the words passed that were right at the first key, out of 100."""
        if not self.at:
            return 0.0
        right = sum(1 for i in range(self.at) if not self.wrong[i])
        return round(100.0 * right / self.at, 1)

    def breakdown(self) -> dict[str, Any]:
        """What to store: labelled ``first_letter``, marks in the cut's positions, the words it covered.

        Only the words reached are covered, so a run stopped half-way teaches the memory nothing about the rest.
        """
        marks: list[list[Any]] = []
        for i, word in enumerate(self.words[: self.at]):
            status = self.status(i)
            if status != "matched":
                marks.extend([word.section, p, word.text, status] for p in word.positions)
        return {
            "mode": FIRST_LETTER,
            "score": self.score,
            "words_total": len(self.words),
            "words_done": self.at,
            "right_first_time": sum(1 for i in range(self.at) if not self.wrong[i]),
            "marks": marks,
            "missed_words": [w.text for w in self.missed_words()],
            "covered": _covered(self.words[: self.at]),
        }

    def typed_text(self) -> str:
        """The words passed, as the attempt text a rep can read back later."""
        return " ".join(w.text for w in self.words[: self.at])


def _covered(words: Iterable[LetterWord]) -> list[list[Any]]:
    """``[section, first position, end position]`` ranges of consecutive words (the memory's ``covered``)."""
    ranges: list[list[Any]] = []
    for word in words:
        first, end = min(word.positions), max(word.positions) + 1
        if ranges and ranges[-1][0] == word.section and ranges[-1][2] == first:
            ranges[-1][2] = end
        else:
            ranges.append([word.section, first, end])
    return ranges


@dataclass(frozen=True)
class CuePair:
    """A cue and the sentence to recite after it; the first sentence of a cut is cued by its section name."""

    cue: str
    sentence: Sentence


def cue_pairs(cut: Cut) -> list[CuePair]:
    """Every sentence of the cut with the one before it as its cue."""
    found = sentences(cut)
    pairs: list[CuePair] = []
    for i, sentence in enumerate(found):
        cue = found[i - 1].text if i else f"(start of the cut: {sentence.section})"
        pairs.append(CuePair(cue, sentence))
    return pairs
