"""Play a role-play scenario turn by turn: each rep response is scored by the scorer its step calls for.

A pitch step is a recitation of that cut, an objection step an answer scored on key points, a drill step a
closed question. A step whose reference no longer resolves (a renamed objection, say) is kept as an
unplayable turn with the reason, so a broken scenario still runs instead of crashing the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from ..library.catalog import Library
from ..library.item_ref import ItemRef
from ..library.models import Cut, Drill, Objection, Scenario, ScenarioStep
from ..library.problems import ContentError
from ..library.speaking import speaking_target

TurnKind = Literal["pitch", "objection", "drill"]
PASS_SCORE = 70.0


@dataclass(frozen=True)
class Turn:
    """One step of the scenario, resolved against the library."""

    index: int
    kind: TurnKind
    prompt: str
    ref: ItemRef
    customer: str | None = None
    note: str | None = None
    cut: Cut | None = None
    version: int | None = None
    objection: Objection | None = None
    drill: Drill | None = None
    problem: str | None = None  # set when the step cannot be played; the reason in words
    title: str = ""  # what people read for the item (a pitch's title and cut, the objection, the drill's goal)

    @property
    def label(self) -> str:
        """The title, or the item's id (and cut) when the step could not be resolved."""
        return self.title or self.ref.short_name


@dataclass(frozen=True)
class TurnResult:
    """How one response went: a 0–100 score, pass or not, what to fix, and the scorer's own result."""

    turn: Turn
    response: str
    score: float
    passed: bool
    headline: str
    fixes: tuple[str, ...] = ()
    detail: Any = None
    skipped: bool = False


@dataclass(frozen=True)
class ScenarioSummary:
    scenario: Scenario
    results: tuple[TurnResult, ...]

    @property
    def overall(self) -> float:
        """The mean score over the turns, skipped ones counting as 0."""
        return sum(r.score for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.passed)


class Scorers(Protocol):
    """The three scorers a scenario needs; the default is :class:`EngineScorers` (trainer.scoring)."""

    def pitch(self, turn: Turn, response: str, elapsed_seconds: float | None) -> TurnResult: ...
    def objection(self, turn: Turn, response: str) -> TurnResult: ...
    def drill(self, turn: Turn, response: str) -> TurnResult: ...


def cut_reference(cut: Cut) -> list[Any]:
    """A cut as the scorer's reference: one ReferenceSection per section, key and critical phrases attached.

    Every caller that scores a library cut (the app, ``trainer score``, scenarios, the evaluation runner) builds
    its reference here, so a phrase marked critical in the content is critical everywhere.
    """
    from ..scoring import ReferenceSection

    return [
        ReferenceSection(s.name, s.text, tuple(s.key_phrases), tuple(s.critical_phrases)) for s in cut.sections
    ]


def question_score(result: Any) -> float:
    """0–100 for a closed-question verdict: both closed and on target 100, one of the two 50, neither 0."""
    return 50.0 * (bool(result.closed) + bool(result.on_target))


class EngineScorers:
    """Scores with :mod:`trainer.scoring`, imported on first use so opening a scenario stays fast."""

    def pitch(self, turn: Turn, response: str, elapsed_seconds: float | None) -> TurnResult:
        from ..scoring import score_recitation, score_text

        assert turn.cut is not None
        result = score_recitation(
            cut_reference(turn.cut),
            response,
            target_seconds=speaking_target(turn.ref.cut or "", turn.cut.target_seconds, turn.cut.text),
            elapsed_seconds=elapsed_seconds,
        )
        score = float(result.score)
        return TurnResult(
            turn, response, score, score >= PASS_SCORE, f"{score_text(score)} · {result.tier}", tuple(result.fixes),
            result,
        )

    def objection(self, turn: Turn, response: str) -> TurnResult:
        from ..scoring import score_answer, score_text

        assert turn.objection is not None
        item = turn.objection
        result = score_answer(item.answer, item.key_points, response, objection=item.objection)
        covered = sum(1 for point in result.key_points if point.covered)
        headline = f"{score_text(result.score)} · {covered}/{len(item.key_points)} key points"
        return TurnResult(
            turn, response, float(result.score), bool(result.passed), headline, tuple(result.fixes), result
        )

    def drill(self, turn: Turn, response: str) -> TurnResult:
        from ..scoring import score_question

        assert turn.drill is not None
        drill = turn.drill
        result = score_question(
            response, goal=drill.goal, key_terms=tuple(drill.key_terms), examples=tuple(drill.examples),
            avoid=drill.avoid,
        )
        return TurnResult(
            turn, response, question_score(result), result.passed, result.verdict,
            (result.reason,) if result.reason else (), result,
        )


def resolve_turns(scenario: Scenario, library: Library) -> list[Turn]:
    """Every step as a :class:`Turn`; unresolvable references become turns with a ``problem``."""
    return [resolve_step(index, step, scenario.product, library) for index, step in enumerate(scenario.steps)]


def resolve_step(index: int, step: ScenarioStep, product_id: str, library: Library) -> Turn:
    """One scenario step as a :class:`Turn` (also used by team sessions to deal single steps)."""
    common: dict[str, Any] = {"index": index, "customer": step.customer, "note": step.note}
    if step.pitch is not None:
        ref = ItemRef("pitch", product_id, step.pitch.id, step.pitch.cut)
        try:
            pitch = library.pitch(step.pitch.id)
            version = pitch.version(step.pitch.version)
        except ContentError as exc:
            return Turn(kind="pitch", prompt=f"Give the {step.pitch.cut} pitch", ref=ref, problem=str(exc), **common)
        cut = version.cuts.get(step.pitch.cut)
        prompt = f"Give the {step.pitch.cut} pitch: {version.title}"
        if cut is None:
            problem = f"version {version.version} of {pitch.id!r} has no {step.pitch.cut} cut"
            return Turn(kind="pitch", prompt=prompt, ref=ref, problem=problem, **common)
        return Turn(kind="pitch", prompt=prompt, ref=ref, cut=cut, version=version.version,
                    title=f"{version.title} — {step.pitch.cut}", **common)
    if step.objection is not None:
        ref = ItemRef("objection", product_id, step.objection)
        try:
            objection = library.product(product_id).objection(step.objection)
        except ContentError as exc:
            return Turn(kind="objection", prompt="Answer the objection", ref=ref, problem=str(exc), **common)
        if common["customer"] is None:
            common["customer"] = objection.objection
        return Turn(kind="objection", prompt="Answer the objection", ref=ref, objection=objection,
                    title=objection.objection, **common)
    assert step.drill is not None
    ref = ItemRef("drill", product_id, step.drill)
    try:
        drill = library.product(product_id).drill(step.drill)
    except ContentError as exc:
        return Turn(kind="drill", prompt="Ask a closed question", ref=ref, problem=str(exc), **common)
    return Turn(kind="drill", prompt=f"Ask a closed question. Goal: {drill.goal}", ref=ref, drill=drill,
                title=drill.goal, **common)


@dataclass
class ScenarioRun:
    """A scenario being played: the turns, where the rep is, and the results so far."""

    scenario: Scenario
    turns: list[Turn]
    scorers: Scorers = field(default_factory=EngineScorers)
    results: list[TurnResult] = field(default_factory=list)

    @classmethod
    def start(cls, scenario: Scenario, library: Library, scorers: Scorers | None = None) -> ScenarioRun:
        return cls(scenario, resolve_turns(scenario, library), scorers or EngineScorers())

    @property
    def position(self) -> int:
        return len(self.results)

    @property
    def current(self) -> Turn | None:
        """The turn waiting for a response; None once every turn has one."""
        return self.turns[self.position] if self.position < len(self.turns) else None

    @property
    def finished(self) -> bool:
        return self.current is None

    def score(self, response: str, elapsed_seconds: float | None = None) -> TurnResult:
        """Score ``response`` for the current turn without moving on (safe to call from a worker thread)."""
        turn = self.current
        if turn is None:
            raise ValueError("the scenario is finished")
        if turn.problem is not None:
            return TurnResult(turn, response, 0.0, False, "skipped", (turn.problem,), skipped=True)
        if turn.kind == "pitch":
            return self.scorers.pitch(turn, response, elapsed_seconds)
        if turn.kind == "objection":
            return self.scorers.objection(turn, response)
        return self.scorers.drill(turn, response)

    def record(self, result: TurnResult) -> None:
        """Accept a result for the current turn and move on."""
        if result.turn != self.current:
            raise ValueError("that result is not for the current turn")
        self.results.append(result)

    def submit(self, response: str, elapsed_seconds: float | None = None) -> TurnResult:
        """Score and record in one go."""
        result = self.score(response, elapsed_seconds)
        self.record(result)
        return result

    def skip(self) -> TurnResult:
        """Give up on the current turn: it counts as 0."""
        turn = self.current
        if turn is None:
            raise ValueError("the scenario is finished")
        result = TurnResult(turn, "", 0.0, False, "skipped", (turn.problem,) if turn.problem else (), skipped=True)
        self.record(result)
        return result

    def summary(self) -> ScenarioSummary:
        return ScenarioSummary(self.scenario, tuple(self.results))

