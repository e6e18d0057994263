"""Mistake memory: which words and key phrases of a cut a rep keeps getting wrong, weighted by how recently.

Every stored attempt keeps the words that went wrong (see :mod:`trainer.store.breakdown`). Adding them up
per script word would let one bad week haunt a rep forever, so a mistake *fades*:

* with time — its weight halves every :data:`HALF_LIFE_DAYS` days (a week: about how long a pitch stays
  fresh without practice);
* with later successes — each later attempt that says the word right multiplies its weight by
  :data:`SUCCESS_FACTOR` (a half), so two clean recitations take a slip down to a quarter.

A missed or substituted word adds 1 to its weight, a near miss ("mistyped": nearly the right spelling) adds
:data:`NEAR_WEIGHT`. Key phrases get the same treatment from the scorer's found/not-found verdicts.

**Versions.** A script changes between versions, so a word's position can shift. Attempts keep each wrong
word as ``(section name, position in section, word)``; here they are mapped onto the *current* version's
words: the same word at the same position first, else the same word nearest that position in the same section
within :data:`MAX_SHIFT` words (an inserted or deleted phrase earlier in the section), else the mark is
dropped — the word was reworded away, and a mistake in words no longer in the script is no use to the rep.
This needs no copy of old versions, and costs nothing when the script did not change. Attempts stored before
positions were kept name only the words; such a word is mapped only when it occurs once in the cut (a "the"
missed somewhere cannot be placed), and dropped otherwise.

**Partial attempts** (a weak-spot drill) say which words they covered (``covered``:
``[section, first position, end position]`` ranges); words outside them are neither wrong nor right.

The module is pure: times are passed in, so tests replay a scripted week without sleeping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..library.models import Cut
from ..scoring.tokens import scan
from ..store.breakdown import word_marks
from .memorize import phrase_spans

HALF_LIFE_DAYS = 7.0
"""Days after which an unrepeated mistake counts half."""
SUCCESS_FACTOR = 0.5
"""What a later attempt that gets the word right leaves of its weight."""
NEAR_WEIGHT = 0.5
"""A near miss (a typo, a close spelling) counts half a missed word."""
MAX_SHIFT = 8
"""How far (in words) a word may have moved within its section between versions and still be the same word."""
MIN_WEIGHT = 0.1
"""Weights below this are faded out: not shown, not drilled."""
FIXED_FROM = 0.5
"""A mistake at least this heavy that the latest attempt got right is reported as "now fixed"."""

_SEVERITY = {"missed": 1.0, "substituted": 1.0, "near": NEAR_WEIGHT}


@dataclass
class WordMistake:
    """One word of the current script and what the rep's attempts did to it."""

    section: str
    section_index: int
    position: int  # the word's place in its section, from 0, as the scorer counts words
    text: str
    start: int  # character span in the section's text, for highlighting
    end: int
    key_phrase: bool
    weight: float = 0.0
    missed: int = 0
    substituted: int = 0
    mistyped: int = 0
    last_wrong: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "position": self.position,
            "word": self.text,
            "weight": round(self.weight, 3),
            "missed": self.missed,
            "substituted": self.substituted,
            "mistyped": self.mistyped,
            "key_phrase": self.key_phrase,
            "last_wrong": self.last_wrong.isoformat() if self.last_wrong else None,
        }


@dataclass
class PhraseMistake:
    """One key phrase of the current script: how often it went unsaid."""

    section: str
    section_index: int
    position: int  # the phrase's place among its section's key phrases
    phrase: str
    weight: float = 0.0
    missed: int = 0
    last_wrong: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "position": self.position,
            "phrase": self.phrase,
            "weight": round(self.weight, 3),
            "missed": self.missed,
            "last_wrong": self.last_wrong.isoformat() if self.last_wrong else None,
        }


@dataclass
class MistakeMap:
    """Every word and key phrase of a cut with its mistake weight; :meth:`worst_words` is what to drill."""

    words: list[WordMistake]
    phrases: list[PhraseMistake]
    attempts: int = 0
    _by_place: dict[tuple[int, int], WordMistake] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_place = {(w.section_index, w.position): w for w in self.words}

    def word(self, section_index: int, position: int) -> WordMistake | None:
        return self._by_place.get((section_index, position))

    def worst_words(self, minimum: float = MIN_WEIGHT) -> list[WordMistake]:
        """Words weighing at least ``minimum``, heaviest first (ties in script order)."""
        found = [w for w in self.words if w.weight >= minimum]
        return sorted(found, key=lambda w: (-w.weight, w.section_index, w.position))

    def worst_phrases(self, minimum: float = MIN_WEIGHT) -> list[PhraseMistake]:
        found = [p for p in self.phrases if p.weight >= minimum]
        return sorted(found, key=lambda p: (-p.weight, p.section_index, p.position))

    @property
    def heaviest(self) -> float:
        return max((w.weight for w in self.words), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "attempts": self.attempts,
            "half_life_days": HALF_LIFE_DAYS,
            "words": [w.to_dict() for w in self.worst_words()],
            "phrases": [p.to_dict() for p in self.worst_phrases()],
        }


def _fold(word: str) -> str:
    return word.casefold()


def script_words(cut: Cut) -> list[WordMistake]:
    """The cut's words as the scorer counts them, each with no mistakes yet."""
    words: list[WordMistake] = []
    for s, section in enumerate(cut.sections):
        _, starts, ends = scan(section.text)
        spans = phrase_spans(section.text, section.key_phrases)
        for position, (start, end) in enumerate(zip(starts, ends, strict=True)):
            key = any(start < b and a < end for a, b in spans)
            words.append(WordMistake(section.name, s, position, section.text[start:end], start, end, key))
    return words


def _decay(weight: float, since: dt.datetime | None, now: dt.datetime) -> float:
    if since is None or weight == 0.0:
        return weight
    days = max((now - since).total_seconds() / 86_400, 0.0)
    return weight * 0.5 ** (days / HALF_LIFE_DAYS)


class _Places:
    """Finds the current script word an old mark names (see the module docstring, **Versions**)."""

    def __init__(self, words: Sequence[WordMistake]) -> None:
        self.by_section: dict[str, list[WordMistake]] = {}
        for word in words:
            self.by_section.setdefault(word.section, []).append(word)
        counts: dict[str, list[WordMistake]] = {}
        for word in words:
            counts.setdefault(_fold(word.text), []).append(word)
        self.unique = {text: found[0] for text, found in counts.items() if len(found) == 1}

    def find(self, section: str, position: int, text: str) -> WordMistake | None:
        words = self.by_section.get(section) or []
        folded = _fold(text)
        for shift in range(MAX_SHIFT + 1):
            for candidate in (position - shift, position + shift) if shift else (position,):
                if 0 <= candidate < len(words) and _fold(words[candidate].text) == folded:
                    return words[candidate]
        return None

    def by_text(self, text: str) -> WordMistake | None:
        return self.unique.get(_fold(text))


def _attempt_marks(detail: Mapping[str, Any], places: _Places) -> list[tuple[WordMistake, str]]:
    """The current script words an attempt got wrong, with how (missed, substituted, near)."""
    if detail.get("words"):  # a full result (an attempt of this session, not compacted)
        marks: list[Any] = word_marks(dict(detail))
    else:
        marks = detail.get("marks") or []
    found: list[tuple[WordMistake, str]] = []
    if marks or "marks" in detail:
        for mark in marks:
            if not isinstance(mark, list | tuple) or len(mark) != 4:
                continue
            section, position, text, status = mark
            word = places.find(str(section), int(position), str(text))
            if word is not None and status in _SEVERITY:
                found.append((word, str(status)))
        return found
    for text in detail.get("missed_words") or []:  # stored before positions were kept
        if (word := places.by_text(str(text))) is not None:
            found.append((word, "missed"))
    for pair in detail.get("substituted") or []:
        if pair and (word := places.by_text(str(pair[0]))) is not None:
            found.append((word, "substituted"))
    return found


def _covered(detail: Mapping[str, Any], words: Sequence[WordMistake]) -> set[tuple[int, int]] | None:
    """The (section index, position) of the words a partial attempt covered; None: the whole cut."""
    ranges = detail.get("covered")
    if not isinstance(ranges, list):
        return None
    covered: set[tuple[int, int]] = set()
    for entry in ranges:
        if isinstance(entry, list | tuple) and len(entry) == 3:
            section, first, end = entry
            covered.update(
                (w.section_index, w.position) for w in words if w.section == section and first <= w.position < end
            )
    return covered


def _phrase_verdicts(detail: Mapping[str, Any]) -> dict[str, bool]:
    verdicts: dict[str, bool] = {}
    for entry in detail.get("key_phrases") or []:
        if isinstance(entry, Mapping) and "phrase" in entry:
            verdicts[" ".join(str(entry["phrase"]).split()).casefold()] = bool(entry.get("found"))
    return verdicts


def build_mistake_map(
    cut: Cut, attempts: Iterable[tuple[dt.datetime, Mapping[str, Any] | None]], now: dt.datetime
) -> MistakeMap:
    """The mistake map of ``cut`` from ``(when, stored breakdown or result)`` attempts, as of ``now``."""
    words = script_words(cut)
    places = _Places(words)
    phrases = [
        PhraseMistake(section.name, s, p, phrase)
        for s, section in enumerate(cut.sections)
        for p, phrase in enumerate(section.key_phrases)
    ]
    phrase_by_text = {" ".join(p.phrase.split()).casefold(): p for p in phrases}
    seen: dict[int, dt.datetime] = {}  # id(record) → when its weight was last brought up to date
    count = 0

    def bring(record: WordMistake | PhraseMistake, when: dt.datetime) -> None:
        record.weight = _decay(record.weight, seen.get(id(record)), when)
        seen[id(record)] = when

    for when, detail in sorted(attempts, key=lambda pair: pair[0]):
        if not detail:
            continue
        count += 1
        wrong = {id(word): (word, status) for word, status in _attempt_marks(detail, places)}
        covered = _covered(detail, words)
        for word in words:
            if covered is not None and (word.section_index, word.position) not in covered:
                continue
            bring(word, when)
            if id(word) in wrong:
                status = wrong[id(word)][1]
                word.weight += _SEVERITY[status]
                word.last_wrong = when
                if status == "missed":
                    word.missed += 1
                elif status == "substituted":
                    word.substituted += 1
                else:
                    word.mistyped += 1
            else:
                word.weight *= SUCCESS_FACTOR
        for text, found in _phrase_verdicts(detail).items():
            phrase = phrase_by_text.get(text)
            if phrase is None:
                continue
            bring(phrase, when)
            if found:
                phrase.weight *= SUCCESS_FACTOR
            else:
                phrase.weight += 1.0
                phrase.missed += 1
                phrase.last_wrong = when
    for word in words:
        bring(word, now)
    for phrase in phrases:
        bring(phrase, now)
    return MistakeMap(words, phrases, attempts=count)


@dataclass(frozen=True)
class Fixed:
    """What the latest attempt got right that used to trip the rep up."""

    words: tuple[WordMistake, ...]
    phrases: tuple[PhraseMistake, ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


def fixed_by(before: MistakeMap, cut: Cut, latest: Mapping[str, Any]) -> Fixed:
    """The mistakes of ``before`` (weight ≥ :data:`FIXED_FROM`) that the ``latest`` attempt got right."""
    words = before.words
    places = _Places(words)
    wrong = {(w.section_index, w.position) for w, _ in _attempt_marks(latest, places)}
    covered = _covered(latest, words)
    fixed_words = tuple(
        w
        for w in before.worst_words(FIXED_FROM)
        if (w.section_index, w.position) not in wrong
        and (covered is None or (w.section_index, w.position) in covered)
    )
    verdicts = _phrase_verdicts(latest)
    fixed_phrases = tuple(
        p for p in before.worst_phrases(FIXED_FROM) if verdicts.get(" ".join(p.phrase.split()).casefold())
    )
    return Fixed(fixed_words, fixed_phrases)
