"""Score an objection answer given in the rep's own words.

What counts is whether each key point is expressed, not verbatim recall.  A key point is *covered* when
at least 65% of its content words (stemmed, stop words dropped; Chinese by character) appear, in any
order, inside a window of the attempt a few words wider than the point.

Score: ``100 · (0.85 · mean point credit + 0.15 · similarity to the approved answer)``, where a covered
point earns 1 and an uncovered one half its partial similarity.  An attempt that mostly repeats the
customer's objection (≥ 60% of its content words come from it) is capped at 25 — echoing is not
answering.  ``passed`` is ``score ≥ pass_mark``.
"""

from __future__ import annotations

from collections.abc import Sequence

from .content import content_tokens, coverage, overlap
from .limits import check_size
from .results import AnswerResult, KeyPointResult

COVERED_AT = 65.0
EXCERPT_FROM = 40.0
ECHO_SHARE = 0.6
ECHO_CAP = 25.0
W_POINTS, W_SIMILARITY = 0.85, 0.15


def score_answer(
    answer: str,
    key_points: Sequence[str],
    attempt: str,
    *,
    objection: str | None = None,
    pass_mark: float = 70.0,
) -> AnswerResult:
    """Key-point coverage of ``attempt`` plus a little overall similarity to the approved ``answer``."""
    check_size(attempt, "the answer")
    said, starts, ends = content_tokens(attempt)
    points: list[KeyPointResult] = []
    credits: list[float] = []
    for point in key_points:
        wanted = content_tokens(point)[0]
        similarity, first, end = coverage(wanted, said, 3 + len(wanted) // 2)
        covered = similarity >= COVERED_AT
        excerpt = (
            attempt[starts[first] : ends[end - 1]] if first >= 0 and similarity >= EXCERPT_FROM else None
        )
        points.append(KeyPointResult(point, covered, round(similarity, 1), excerpt))
        credits.append(1.0 if covered else 0.5 * similarity / 100.0)
    to_answer = overlap(said, content_tokens(answer)[0])
    point_part = sum(credits) / len(credits) if credits else to_answer / 100.0
    score = 100.0 * (W_POINTS * point_part + W_SIMILARITY * to_answer / 100.0) if said else 0.0
    echoes = False
    if objection and said:
        heard = set(content_tokens(objection)[0])
        echoes = sum(1 for t in said if t in heard) / len(said) >= ECHO_SHARE
        if echoes:
            score = min(score, ECHO_CAP)
    score = round(min(100.0, max(0.0, score)), 1)
    return AnswerResult(
        score,
        score >= pass_mark,
        pass_mark,
        tuple(points),
        round(to_answer, 1),
        echoes,
        _fixes(points, echoes, bool(said)),
    )


def _fixes(points: Sequence[KeyPointResult], echoes: bool, said_anything: bool) -> tuple[str, ...]:
    fixes: list[str] = []
    if not said_anything:
        fixes.append("Answer the objection — nothing was said yet.")
    if echoes:
        fixes.append("You repeated the customer's objection — answer it instead.")
    for p in sorted((p for p in points if not p.covered), key=lambda p: p.similarity):
        if p.excerpt:
            fixes.append(f'Make the point "{p.point}" clearly — "{p.excerpt}" only touches on it.')
        else:
            fixes.append(f'Make the point "{p.point}" — it was missing.')
    return tuple(fixes[:3])
