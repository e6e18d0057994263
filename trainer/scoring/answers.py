"""Score an objection answer given in the rep's own words.

What counts is whether each key point is *made*, not verbatim recall.  A key point may list alternative wordings
(``{point: ..., alternatives: [...]}`` in the content); it is made by the point or by any alternative.

A wording is **covered** by a passage of the attempt when

1. at least 65% of its content words (Snowball-stemmed, stop words, negations and figures set aside; Chinese by
   character) appear, in any order, inside a window a few words wider than the wording, and
2. the passage *agrees* with it (:mod:`.agreement`): the same negation parity ("keep working" is not "don't keep
   working"), no opposite word in place of one of the wording's words ("stop working" for "keep working"), and
   every figure of the wording said with the same value ("89.5 percent" is not "98.5 percent"; "$5,000" = "five
   thousand dollars" = "5k dollars").

When the words are there but the passage disagrees, the point is **contradicted** or has a **wrong figure**, and
the feedback names both sides: 'You said "stop working" — the approved answer says "keep working"'.  Words without
the point's figure leave the point missing ("say the figure").

Score: ``100 · (0.85 · mean point credit + 0.15 · similarity to the approved answer)``; a covered point earns 1,
a contradicted or wrong-figure point 0, an uncovered one half its partial similarity.  An attempt that mostly
repeats the customer's objection (≥ 60% of its content words come from it) is capped at 25 — echoing is not
answering.

**Pass rule:** an answer passes when every key point is covered (by the point or an alternative), none is
contradicted or stated with a different figure, and the score reaches ``pass_mark``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .agreement import Analysed, Disagreement, analyse, disagreement, reach
from .content import STOP_EN, STOP_ZH, content_tokens, overlap, windows
from .limits import check_size
from .results import AnswerResult, KeyPointResult
from .tokens import scan
from .variants import simplified

COVERED_AT = 65.0
EXCERPT_FROM = 40.0
ECHO_SHARE = 0.6
ECHO_CAP = 25.0
REACH = 3  # words before (and, for figures, after) the covering words that still belong to them
W_POINTS, W_SIMILARITY = 0.85, 0.15


class PointWithAlternatives(Protocol):
    """What the content model's key point offers: the approved wording and other wordings that make it."""

    @property
    def point(self) -> str: ...

    @property
    def alternatives(self) -> Sequence[str]: ...


KeyPoint = str | PointWithAlternatives


@dataclass(frozen=True)
class _Text:
    """A text analysed once: agreement facts plus its content words and where they sit."""

    facts: Analysed
    words: list[str]
    where: list[int]


def _read(text: str) -> _Text:
    # Compared in simplified characters (a traditional-character answer means the same), quoted as typed.
    facts = analyse(text, *scan(simplified(text)))
    words, where = [], []
    for i, norm in enumerate(facts.norms):
        if norm in STOP_EN or norm in STOP_ZH or facts.negator[i] or facts.in_figure[i]:
            continue
        words.append(facts.stems[i])
        where.append(i)
    return _Text(facts, words, where)


def matching_words(text: str) -> dict[str, str]:
    """The words of a key point's wording that the scorer matches, stem → word as written (no stop words,
    negations or figures), or an empty dict when the wording holds a figure (checked by value, so it decides).

    ``trainer check`` uses it to spot a wording that any answer would cover: one whose matching words all come
    from the customer's objection itself.
    """
    read = _read(text)
    if read.facts.figures:
        return {}
    return {stem: read.facts.norms[i] for stem, i in zip(read.words, read.where, strict=True)}


def score_answer(
    answer: str,
    key_points: Sequence[KeyPoint],
    attempt: str,
    *,
    objection: str | None = None,
    pass_mark: float = 70.0,
) -> AnswerResult:
    """Key-point coverage of ``attempt`` plus a little overall similarity to the approved ``answer``."""
    check_size(attempt, "the answer")
    said = _read(attempt)
    points = [_judge(point, said) for point in key_points]
    credits = [
        1.0 if p.covered else 0.0 if p.verdict in ("contradicted", "wrong-figure") else 0.5 * p.similarity / 100.0
        for p in points
    ]
    said_words = content_tokens(attempt)[0]
    to_answer = overlap(said_words, content_tokens(answer)[0])
    point_part = sum(credits) / len(credits) if credits else to_answer / 100.0
    score = 100.0 * (W_POINTS * point_part + W_SIMILARITY * to_answer / 100.0) if said_words else 0.0
    echoes = False
    if objection and said_words:
        heard = set(content_tokens(objection)[0])
        echoes = sum(1 for t in said_words if t in heard) / len(said_words) >= ECHO_SHARE
        if echoes:
            score = min(score, ECHO_CAP)
    score = round(min(100.0, max(0.0, score)), 1)
    every_point_made = all(p.covered for p in points)
    return AnswerResult(
        score,
        every_point_made and score >= pass_mark,
        pass_mark,
        tuple(points),
        round(to_answer, 1),
        echoes,
        _fixes(points, echoes, bool(said_words)),
    )


def _wordings(point: KeyPoint) -> tuple[str, list[str]]:
    if isinstance(point, str):
        return point, [point]
    return point.point, [point.point, *point.alternatives]


def _judge(key_point: KeyPoint, said: _Text) -> KeyPointResult:
    """The closest passage decides: every window of every wording, most similar (then longest wording, then
    tightest) first.

    A window that agrees covers the point unless it overlaps a passage that disagrees more closely — so
    "under an hour of lost production" is not rescued by the words "lost production" inside "more than one hour
    of lost production", while an exact alternative beats a point wording that only half-matches.
    """
    name, wordings = _wordings(key_point)
    candidates: list[tuple[float, int, int, int, int, int, _Text, str]] = []
    best_similarity, closest = 0.0, None
    for order, text in enumerate(wordings):
        wording = _read(text)
        slack = 3 + len(wording.words) // 2
        for similarity, first, end in windows(wording.words, said.words, slack):
            if similarity > best_similarity:
                best_similarity = similarity
                # one shared word ("costs") does not touch on a point: the closest words need two of the wording's
                closest = _excerpt(said, first, end) if similarity * len(wording.words) >= 150 else None
            if similarity >= COVERED_AT:
                similarity = -similarity  # most similar first
                width = said.where[end - 1] - said.where[first]
                candidates.append((similarity, -len(wording.words), width, order, first, end, wording, text))
    candidates.sort(key=lambda c: c[:5])
    objection: tuple[Disagreement, str, str] | None = None
    disputed: list[tuple[float, int, int]] = []  # passages that disagree block less similar passages inside them
    for negative, _size, _width, _order, first, end, wording, text in candidates:
        similarity = -negative
        first_at, last_at = said.where[first], said.where[end - 1]
        if any(first_at <= hi and lo <= last_at and similarity < closer for closer, lo, hi in disputed):
            continue
        problem = disagreement(wording.facts, said.facts, first_at, last_at, REACH)
        if problem is None:
            evidence = _excerpt(said, first, end, widen=bool(wording.facts.figures or any(wording.facts.negator)),
                                also=set(wording.facts.norms))
            return KeyPointResult(name, True, round(similarity, 1), evidence, "covered", text)
        if problem.kind != "no-figure":
            disputed.append((similarity, *reach(said.facts, first_at, last_at, REACH, REACH)))
        if objection is None or (problem.kind != "no-figure" and objection[0].kind == "no-figure"):
            objection = (problem, text, _excerpt(said, first, end, widen=True))
    if objection is not None:
        problem, text, excerpt = objection
        verdict = "missing" if problem.kind == "no-figure" else problem.kind
        return KeyPointResult(
            name, False, round(best_similarity, 1), excerpt, verdict, text, problem.said, problem.expected
        )
    return KeyPointResult(
        name, False, round(best_similarity, 1), closest if best_similarity >= EXCERPT_FROM else None
    )


def _excerpt(said: _Text, first: int, end: int, *, widen: bool = False, also: set[str] | None = None) -> str:
    """The rep's words from the first to the last covering word, widened to the negations and figures nearby and
    to the wording's own small words at either edge ("under an hour", not just "hour")."""
    lo, hi = said.where[first], said.where[end - 1]
    facts = said.facts
    while also and lo > 0 and not facts.break_before[lo] and facts.norms[lo - 1] in also:
        lo -= 1
    while also and hi + 1 < len(facts.norms) and not facts.break_before[hi + 1] and facts.norms[hi + 1] in also:
        hi += 1
    if widen:
        wide_lo, wide_hi = reach(said.facts, lo, hi, REACH, REACH)
        marked = [
            i for i in range(wide_lo, wide_hi + 1) if said.facts.negator[i] or said.facts.in_figure[i]
        ]
        lo, hi = min([lo, *marked]), max([hi, *marked])
    return " ".join(said.facts.span(lo, hi).split())


def _fixes(points: Sequence[KeyPointResult], echoes: bool, said_anything: bool) -> tuple[str, ...]:
    fixes: list[str] = []
    if not said_anything:
        fixes.append("Answer the objection — nothing was said yet.")
    if echoes:
        fixes.append("You repeated the customer's objection — answer it instead.")
    for p in points:  # a contradiction or a wrong figure is the worst thing to say to a customer: name it first
        if p.verdict in ("contradicted", "wrong-figure"):
            fixes.append(f'You said "{p.said}" — the approved answer says "{p.expected}".')
    for p in sorted((p for p in points if p.verdict == "missing"), key=lambda p: p.similarity):
        if p.expected:
            fixes.append(f'Say the figure: "{p.expected}" ({p.point}).')
        elif p.excerpt:
            fixes.append(f'Make the point "{p.point}" clearly — "{p.excerpt}" only touches on it.')
        else:
            fixes.append(f'Make the point "{p.point}" — it was missing.')
    return tuple(fixes[:3])
