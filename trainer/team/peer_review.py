"""Peer scorecards: teammates rate a team-session turn 1-5 on the library's rubric; averages per rep.

Why teammates and not only the scorer: the scorer checks the words, while "did that sound confident" is a
judgement people in the room make better. The rules:

* a turn can be rated only once it is answered (a skipped turn has nothing to judge);
* a reviewer is a rep of the session other than the one who spoke (the facilitator types in for them);
* a reviewer rating a turn again replaces their earlier scorecard for it;
* a rep's average on a criterion is the mean of every rating they got on it, over all turns and reviewers,
  to one decimal; criteria nobody rated have no average (``None``), never 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..library.roster import RATING_SCALE, Criterion, default_rubric


@dataclass(frozen=True)
class RubricCriterion:
    """A criterion as a session keeps it (id and label), so a report reads the same after the rubric changed."""

    id: str
    label: str

    @property
    def short(self) -> str:
        """A three-letter column heading ("Acc", "Con", "Pac") for narrow scoreboards."""
        return self.label[:3].title()


def session_rubric(criteria: Sequence[Criterion] | None = None) -> tuple[RubricCriterion, ...]:
    return tuple(RubricCriterion(c.id, c.label) for c in (criteria or default_rubric()))


def rubric_of(record: Mapping[str, Any]) -> tuple[RubricCriterion, ...]:
    """The rubric a session record was rated on (sessions stored before peer scorecards: the default)."""
    stored = record.get("config", {}).get("rubric")
    if not stored:
        return session_rubric()
    return tuple(RubricCriterion(str(c["id"]), str(c["label"])) for c in stored)


def reviewers_for(roster: Sequence[str], rep: str) -> list[str]:
    """Who may rate ``rep``'s turn: every other rep of the session, in roster order."""
    return [name for name in roster if name != rep]


def check_scorecard(scores: Mapping[str, int], rubric: Sequence[RubricCriterion]) -> None:
    """A scorecard names only the rubric's criteria, each 1-5; anything else is a ValueError."""
    known = {c.id for c in rubric}
    for criterion, score in scores.items():
        if criterion not in known:
            raise ValueError(f"{criterion!r} is not a criterion of this session's rubric")
        if score not in RATING_SCALE:
            raise ValueError(f"a rating is 1 to 5, not {score}")


def peer_averages(
    roster: Sequence[str], rubric: Sequence[RubricCriterion], ratings: Sequence[Mapping[str, Any]]
) -> dict[str, dict[str, float | None]]:
    """Per rep (roster order) and criterion: the mean rating over all turns and reviewers, or None."""
    averages: dict[str, dict[str, float | None]] = {}
    for rep in roster:
        mine = [r for r in ratings if r["rep"] == rep]
        averages[rep] = {}
        for criterion in rubric:
            scores = [int(r["score"]) for r in mine if r["criterion"] == criterion.id]
            averages[rep][criterion.id] = round(sum(scores) / len(scores), 1) if scores else None
    return averages


def reviewer_count(ratings: Sequence[Mapping[str, Any]], rep: str) -> int:
    """How many different teammates rated ``rep`` at least once."""
    return len({r["reviewer"] for r in ratings if r["rep"] == rep})


def average_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
