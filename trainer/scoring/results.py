"""Result types: immutable, and ``to_dict()`` gives plain JSON-serialisable data for the UI and logs.

Per-word records (:class:`WordResult`, :class:`ExtraWord`) are NamedTuples rather than dataclasses: a long
script has thousands of them per attempt and a NamedTuple is built in C, several times faster than a frozen
dataclass, while still being immutable with named fields. The script words' records are kept column-wise in a
:class:`WordTable` and built as they are read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any, NamedTuple, overload

#: Tier names and the minimum score for each, best first.
TIERS: tuple[tuple[str, float], ...] = (
    ("Gold", 90.0),
    ("Silver", 75.0),
    ("Bronze", 50.0),
    ("Keep practising", 0.0),
)


def whole_score(score: float) -> int:
    """A score as the whole number everyone sees, rounded half up: 70.5 → 71, 70.4 → 70.

    One rule for the app, the CLI and the reports, so the same attempt never reads 71 in one place and 70 in
    another (Python's own ``round`` and ``:.0f`` round half to even: 70.5 → 70 but 71.5 → 72).
    """
    return math.floor(score + 0.5)


def score_text(score: float | None, missing: str = "—") -> str:
    """:func:`whole_score` as text; ``missing`` when there is no score yet."""
    return missing if score is None else str(whole_score(score))


def tier_for(score: float) -> str:
    """The tier a 0–100 score earns."""
    for name, minimum in TIERS:
        if score >= minimum:
            return name
    return TIERS[-1][0]


@dataclass(frozen=True)
class Counts:
    """How the reference words were said; ``extra``/``filler`` count attempt words outside the script."""

    reference_words: int
    matched: int
    near: int
    substituted: int
    missed: int
    extra: int
    filler: int
    moved: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


class WordResult(NamedTuple):
    """One reference token; ``start``/``end`` index the section's own text."""

    text: str
    section: int
    start: int
    end: int
    status: str  # matched | near | substituted | missed
    said: str | None
    attempt_start: int | None
    attempt_end: int | None
    key_phrase: bool
    moved: bool  # matched, but said somewhere else (swapped sentences)


_WORD_FIELDS = WordResult._fields
_new_word = partial(tuple.__new__, WordResult)  # C-level construction, one call per word read


class WordTable(Sequence[WordResult]):
    """Every script word's verdict, stored as one tuple per field; reads as a tuple of :class:`WordResult`.

    Why column-wise: a 5-minute script has ~800 words and most consumers read few of them one by one (the fixes
    read the flagged words, a drill the wrong ones) or all of them field by field (``to_dict`` for the saved
    attempt). Building 800 records per attempt cost the scorer a sixth of its time and set off the garbage
    collector on every call; here a record is built only for the word that is read, and ``to_dict`` builds its
    dicts straight from the columns, faster than from records. Every verdict is computed by the scorer; only
    the record objects are made on reading.

    The columns are tuples, read directly by field name (``table.status``), and may be shared with the scorer's
    cached script (texts, spans, sections, key-phrase marks).
    """

    #: One tuple per :class:`WordResult` field, named as the field: ``table.status[i]`` is ``table[i].status``.
    __slots__ = (
        "_columns",
        "attempt_end",
        "attempt_start",
        "end",
        "key_phrase",
        "moved",
        "said",
        "section",
        "start",
        "status",
        "text",
    )

    text: tuple[str, ...]
    section: tuple[int, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]
    status: tuple[str, ...]
    said: tuple[str | None, ...]
    attempt_start: tuple[int | None, ...]
    attempt_end: tuple[int | None, ...]
    key_phrase: tuple[bool, ...]
    moved: tuple[bool, ...]
    _columns: tuple[tuple[Any, ...], ...]

    def __init__(
        self,
        text: tuple[str, ...],
        section: tuple[int, ...],
        start: tuple[int, ...],
        end: tuple[int, ...],
        status: tuple[str, ...],
        said: tuple[str | None, ...],
        attempt_start: tuple[int | None, ...],
        attempt_end: tuple[int | None, ...],
        key_phrase: tuple[bool, ...],
        moved: tuple[bool, ...],
    ) -> None:
        columns = (text, section, start, end, status, said, attempt_start, attempt_end, key_phrase, moved)
        if any(len(c) != len(text) for c in columns):
            raise ValueError("every column of a WordTable has one entry per word")
        for name, column in zip(_WORD_FIELDS, columns, strict=True):
            object.__setattr__(self, name, column)
        object.__setattr__(self, "_columns", columns)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a WordTable cannot be changed: it is part of a scored result")

    @classmethod
    def of(cls, words: Iterable[WordResult]) -> WordTable:
        """A table of the given records (tests and callers that build results by hand)."""
        rows = list(words)
        return cls(*(tuple(row[k] for row in rows) for k in range(len(_WORD_FIELDS))))  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.text)

    @overload
    def __getitem__(self, index: int) -> WordResult: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[WordResult, ...]: ...

    def __getitem__(self, index: int | slice) -> WordResult | tuple[WordResult, ...]:
        if isinstance(index, slice):
            return tuple(map(_new_word, zip(*(c[index] for c in self._columns), strict=True)))
        text, section, start, end, status, said, attempt_start, attempt_end, key_phrase, moved = self._columns
        return _new_word(
            (
                text[index],
                section[index],
                start[index],
                end[index],
                status[index],
                said[index],
                attempt_start[index],
                attempt_end[index],
                key_phrase[index],
                moved[index],
            )
        )

    def __iter__(self) -> Iterator[WordResult]:
        return map(_new_word, zip(*self._columns, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordTable):
            return self._columns == other._columns
        if isinstance(other, tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"WordTable({list(self)!r})"

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each word as a dict of its fields, as saved with an attempt (a dict display: twice as fast as
        ``dict(zip(fields, row))``; the keys are :class:`WordResult`'s fields, in order)."""
        return [
            {
                "text": text,
                "section": section,
                "start": start,
                "end": end,
                "status": status,
                "said": said,
                "attempt_start": attempt_start,
                "attempt_end": attempt_end,
                "key_phrase": key_phrase,
                "moved": moved,
            }
            for text, section, start, end, status, said, attempt_start, attempt_end, key_phrase, moved in zip(
                *self._columns, strict=True
            )
        ]


class ExtraWord(NamedTuple):
    """An attempt token not matched to the script; insert it before ``words[before_word]``."""

    text: str
    attempt_start: int
    attempt_end: int
    before_word: int
    filler: bool


@dataclass(frozen=True)
class KeyPhraseResult:
    phrase: str
    found: bool
    similarity: float
    matched_text: str | None
    section: int | None
    critical: bool = False  # marked critical in the content: not saying it keeps the recitation below Gold

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SectionResult:
    name: str
    score: float
    counts: Counts

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": self.score, "counts": self.counts.to_dict()}


@dataclass(frozen=True)
class PaceResult:
    """Speaking time against the cut's target; ``estimated`` when no stopwatch time was given."""

    elapsed_seconds: float
    estimated: bool
    target_seconds: float | None
    rate: float
    unit: str  # "words", "characters" or "words+characters" per minute
    ratio: float | None
    verdict: str  # ok | too long | too short | no target

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RecitationResult:
    score: float
    tier: str
    counts: Counts
    words: WordTable
    extras: tuple[ExtraWord, ...]
    key_phrases: tuple[KeyPhraseResult, ...]
    sections: tuple[SectionResult, ...]
    order: float
    pace: PaceResult
    fixes: tuple[str, ...]
    #: Why the recitation is held below Gold (score capped at 89), most serious first; empty when it is not.
    held_back: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "tier": self.tier,
            "held_back": list(self.held_back),
            "counts": self.counts.to_dict(),
            "key_phrases": [k.to_dict() for k in self.key_phrases],
            "sections": [s.to_dict() for s in self.sections],
            "pace": self.pace.to_dict(),
            "words": self.words.to_dicts(),
            "extras": [e._asdict() for e in self.extras],
            "fixes": list(self.fixes),
            "order": self.order,
        }


@dataclass(frozen=True)
class KeyPointResult:
    """One key point of an objection answer: whether it was made, and the words of the answer that show it.

    ``verdict`` is ``covered``, ``missing``, ``contradicted`` (a negation or an opposite word) or ``wrong-figure``;
    ``excerpt`` is the rep's covering (or closest, or contradicting) words; ``wording`` the point or alternative
    those words matched; ``said``/``expected`` name the disagreement ("stop working" / "keep working").
    """

    point: str
    covered: bool
    similarity: float
    excerpt: str | None
    verdict: str = "missing"
    wording: str | None = None
    said: str | None = None
    expected: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AnswerResult:
    score: float
    passed: bool
    pass_mark: float
    key_points: tuple[KeyPointResult, ...]
    similarity_to_answer: float
    echoes_objection: bool
    fixes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["key_points"] = [k.to_dict() for k in self.key_points]
        data["fixes"] = list(self.fixes)
        return data


@dataclass(frozen=True)
class QuestionClass:
    closed: bool
    kind: str  # yes/no | either/or | specific fact | open | not a question
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QuestionResult:
    question: str
    closed: bool
    kind: str
    reason: str
    on_target: bool
    matched_terms: tuple[str, ...]
    closest_example: str | None
    similarity: float
    too_close_to_avoid: bool
    verdict: str
    passed: bool

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["matched_terms"] = list(self.matched_terms)
        return data
