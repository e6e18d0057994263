"""A facilitated practice session: reps take turns, each turn deals an item, answers are scored at once.

Dealing is a shuffled deck over the pool: no item repeats until every item has been dealt, then the deck
is reshuffled (a seed makes the whole session reproducible). Every scored turn is stored in the practice
history under the rep's name, tagged with the session id, and the session record is rewritten after
each turn, so a crash mid-meeting loses at most the turn being answered.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..practice.scenario import EngineScorers, Scorers, Turn, TurnResult
from ..scoring import tier_for
from ..store.attempts import NewAttempt, utc_now
from ..store.breakdown import compact_breakdown
from ..store.interface import Store
from .peer_review import RubricCriterion, check_scorecard, reviewers_for, session_rubric


@dataclass(frozen=True)
class SessionConfig:
    name: str
    roster: tuple[str, ...]
    product: str | None = None
    kinds: tuple[str, ...] = ("pitch", "objection", "drill", "scenario")
    rounds: int = 2
    seconds_per_turn: int = 90
    seed: int | None = None
    cuts: tuple[str, ...] = ("30s",)
    rubric: tuple[RubricCriterion, ...] = field(default_factory=session_rubric)  # what teammates rate turns on

    def __post_init__(self) -> None:
        if not self.roster:
            raise ValueError("a session needs at least one rep")
        if len(set(self.roster)) != len(self.roster):
            raise ValueError("each rep can be on the roster only once")
        if self.rounds < 1 or self.seconds_per_turn < 5:
            raise ValueError("a session needs at least one round and at least 5 seconds per turn")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "roster": list(self.roster),
            "product": self.product,
            "kinds": list(self.kinds),
            "rounds": self.rounds,
            "seconds_per_turn": self.seconds_per_turn,
            "seed": self.seed,
            "cuts": list(self.cuts),
            "rubric": [{"id": c.id, "label": c.label} for c in self.rubric],
        }


@dataclass
class TeamTurn:
    """One rep's turn: the item dealt and, once answered, how it went."""

    number: int
    round: int
    rep: str
    item: Turn
    result: TurnResult | None = None
    skipped: bool = False
    attempt_id: int | None = None
    elapsed_seconds: float | None = None
    late: bool = False  # answered after the countdown ran out: still scored, but the report says so

    @property
    def done(self) -> bool:
        return self.skipped or self.result is not None

    @property
    def score(self) -> float | None:
        return None if self.result is None else self.result.score

    @property
    def missed(self) -> list[str]:
        """Key phrases or points this answer missed (what the report aggregates for the team)."""
        if self.result is None:
            return []
        return missed_points(self.result)

    def to_record(self) -> dict[str, Any]:
        ref = self.item.ref
        return {
            "number": self.number,
            "round": self.round,
            "rep": self.rep,
            "kind": ref.kind,
            "product": ref.product,
            "item_id": ref.id,
            "cut": ref.cut,
            "title": item_title(self.item),
            "score": self.score,
            "passed": None if self.result is None else self.result.passed,
            "skipped": self.skipped,
            "missed": self.missed,
            "elapsed_seconds": self.elapsed_seconds,
            "late": self.late,
            "answer": None if self.result is None else self.result.response,
        }


def item_title(turn: Turn) -> str:
    return turn.label


def missed_points(result: TurnResult) -> list[str]:
    """The content's key phrases (pitch) or key points (objection) this answer left out."""
    detail = result.detail
    if detail is None:
        return []
    if hasattr(detail, "key_phrases"):
        return [k.phrase for k in detail.key_phrases if not k.found]
    if hasattr(detail, "key_points"):
        return [k.point for k in detail.key_points if not k.covered]
    return []  # a drill's verdict (open, off target) is not a key point of the content


@dataclass(frozen=True)
class Standing:
    """One rep's line on the scoreboard. ``turns`` counts every finished turn, ``scored`` the answered ones:
    ``average`` is ``total / scored``, so boards and reports show answered and skipped turns apart."""

    rep: str
    rank: int
    turns: int
    scored: int
    total: float
    average: float
    best: float | None

    @property
    def skipped(self) -> int:
        return self.turns - self.scored


@dataclass
class TeamSession:
    """The state of a running session. Not thread-safe: the facilitator's screen owns it."""

    config: SessionConfig
    pool: list[Turn]
    store: Store | None = None
    scorers: Scorers = field(default_factory=EngineScorers)
    id: str = ""
    started_at: dt.datetime = field(default_factory=utc_now)
    turns: list[TeamTurn] = field(default_factory=list)
    paused: bool = False
    ratings: list[dict[str, Any]] = field(default_factory=list)  # peer scorecards, one dict per criterion rated
    _deck: list[int] = field(default_factory=list)
    _rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        if not self.pool:
            raise ValueError("nothing to deal: the library has no items of the chosen kinds for this product")
        if not self.id:
            self.id = self.started_at.strftime("%Y%m%d-%H%M") + "-" + secrets.token_hex(2)
        self._rng = random.Random(self.config.seed)
        self.save()

    # -- dealing ---------------------------------------------------------------------------------------

    @property
    def total_turns(self) -> int:
        return self.config.rounds * len(self.config.roster)

    @property
    def finished(self) -> bool:
        return len(self.turns) >= self.total_turns and all(t.done for t in self.turns)

    @property
    def current(self) -> TeamTurn | None:
        """The turn being answered, dealt on first access."""
        if self.turns and not self.turns[-1].done:
            return self.turns[-1]
        if len(self.turns) >= self.total_turns:
            return None
        return self._deal()

    def _draw(self) -> int:
        if not self._deck:
            order = list(range(len(self.pool)))
            self._rng.shuffle(order)
            last = self.turns[-1].item if self.turns else None
            if len(order) > 1 and last is not None and self.pool[order[-1]] == last:
                order[0], order[-1] = order[-1], order[0]  # never the same item twice in a row
            self._deck = order
        return self._deck.pop()

    def _deal(self) -> TeamTurn:
        number = len(self.turns) + 1
        roster = self.config.roster
        turn = TeamTurn(
            number, (number - 1) // len(roster) + 1, roster[(number - 1) % len(roster)], self.pool[self._draw()]
        )
        self.turns.append(turn)
        return turn

    # -- playing ---------------------------------------------------------------------------------------

    def score(self, answer: str, elapsed_seconds: float | None = None) -> TurnResult:
        """Score an answer for the current turn without recording it (safe in a worker thread)."""
        turn = self.current
        if turn is None:
            raise ValueError("the session is over")
        item = turn.item
        if item.kind == "pitch":
            return self.scorers.pitch(item, answer, elapsed_seconds)
        if item.kind == "objection":
            return self.scorers.objection(item, answer)
        return self.scorers.drill(item, answer)

    def record(self, result: TurnResult, elapsed_seconds: float | None = None) -> TeamTurn:
        """Accept the current turn's result, store it under the rep's name, move on."""
        turn = self.current
        if turn is None or result.turn != turn.item:
            raise ValueError("that result is not for the current turn")
        turn.result, turn.elapsed_seconds = result, elapsed_seconds
        turn.late = elapsed_seconds is not None and elapsed_seconds > self.config.seconds_per_turn
        if self.store is not None:
            turn.attempt_id = self._store_attempt(turn, result).id
        self.save()
        return turn

    def submit(self, answer: str, elapsed_seconds: float | None = None) -> TeamTurn:
        return self.record(self.score(answer, elapsed_seconds), elapsed_seconds)

    def skip(self) -> TeamTurn:
        """The rep passes: the turn is shown as skipped and counts in no average."""
        turn = self.current
        if turn is None:
            raise ValueError("the session is over")
        turn.skipped = True
        self.save()
        return turn

    def undo(self) -> TeamTurn | None:
        """Take back the last answered or skipped turn: its attempt is deleted and the same rep gets
        the same item again. Returns the turn that is current again, or None if nothing to undo."""
        if self.turns and not self.turns[-1].done:
            pending = self.turns.pop()
            self._deck.append(self.pool.index(pending.item))
        if not self.turns:
            return None
        last = self.turns[-1]
        if last.attempt_id is not None and self.store is not None:
            self.store.delete_attempt(last.attempt_id)
        if any(r["turn"] == last.number for r in self.ratings):
            if self.store is not None:
                self.store.clear_turn_ratings(self.id, last.number)  # the answer they judged is gone
            self.ratings = [r for r in self.ratings if r["turn"] != last.number]
        last.result, last.skipped, last.attempt_id, last.elapsed_seconds, last.late = None, False, None, None, False
        self.save()
        return last

    def toggle_pause(self) -> bool:
        self.paused = not self.paused
        return self.paused

    # -- peer scorecards --------------------------------------------------------------------------------

    def reviewers(self, turn: TeamTurn) -> list[str]:
        """Who may rate this turn: the session's other reps; nobody when it was skipped or is not answered."""
        return reviewers_for(self.config.roster, turn.rep) if turn.result is not None else []

    def rate(self, turn: TeamTurn, reviewer: str, scores: dict[str, int]) -> None:
        """Keep ``reviewer``'s scorecard for ``turn`` (stored first, so a failed write changes nothing)."""
        if turn not in self.turns or turn.result is None:
            raise ValueError("only an answered turn of this session can be rated")
        if reviewer not in self.reviewers(turn):
            raise ValueError(f"{reviewer!r} cannot rate this turn: reviewers are the other reps of the session")
        check_scorecard(scores, self.config.rubric)
        if not scores:
            return
        if self.store is not None:
            self.store.rate_turn(self.id, turn.number, turn.rep, reviewer, scores)
        kept = [r for r in self.ratings if not (r["turn"] == turn.number and r["reviewer"] == reviewer)]
        kept += [{"turn": turn.number, "reviewer": reviewer, "criterion": criterion, "rep": turn.rep, "score": score}
                 for criterion, score in scores.items()]
        self.ratings = kept
        self.save()

    def rated_by(self, turn: TeamTurn) -> list[str]:
        """The reviewers who have rated this turn, in roster order."""
        names = {r["reviewer"] for r in self.ratings if r["turn"] == turn.number}
        return [name for name in self.config.roster if name in names]

    # -- results ---------------------------------------------------------------------------------------

    def scoreboard(self) -> list[Standing]:
        return standings(self.config.roster, [t.to_record() for t in self.turns if t.done])

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "config": self.config.to_dict(),
            "started_at": self.started_at.isoformat(),
            "finished": self.finished,
            "turns": [t.to_record() for t in self.turns if t.done],
            "ratings": list(self.ratings),
        }

    def save(self) -> None:
        if self.store is not None:
            self.store.save_session(self.id, self.config.name, self.started_at, self.to_record())

    def _store_attempt(self, turn: TeamTurn, result: TurnResult) -> Any:
        item = turn.item
        detail = result.detail
        breakdown = compact_breakdown(detail.to_dict()) if hasattr(detail, "to_dict") else {}
        breakdown["item_title"] = item_title(item)
        return self.store.record(  # type: ignore[union-attr]
            NewAttempt(
                rep=turn.rep,
                kind=item.ref.kind,
                item_id=item.ref.id,
                product=item.ref.product,
                cut=item.ref.cut,
                version=item.version,
                score=result.score,
                tier=tier_for(result.score),
                attempt_text=result.response,
                breakdown=breakdown,
                duration_seconds=turn.elapsed_seconds,
                source="team",
                session_id=self.id,
            )
        )


def standings(roster: Sequence[str], turns: Sequence[dict[str, Any]]) -> list[Standing]:
    """Per-rep totals and averages from turn records, ranked by total then average (ties share a rank)."""
    rows = []
    for rep in roster:
        mine = [t for t in turns if t["rep"] == rep]
        scores = [t["score"] for t in mine if t["score"] is not None]
        total = round(sum(scores), 1)
        average = round(total / len(scores), 1) if scores else 0.0
        rows.append((rep, len(mine), len(scores), total, average, max(scores) if scores else None))
    rows.sort(key=lambda r: (-r[3], -r[4], r[0]))
    ranked: list[Standing] = []
    for index, row in enumerate(rows):
        tied = ranked and (ranked[-1].total, ranked[-1].average) == (row[3], row[4])
        ranked.append(Standing(row[0], ranked[-1].rank if tied else index + 1, *row[1:]))
    return ranked
