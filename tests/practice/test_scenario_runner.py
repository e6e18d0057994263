"""The scenario runner: each step goes to the right scorer, broken steps are skippable, a summary at the end."""

from __future__ import annotations

from trainer.library import load_library
from trainer.practice.scenario import ScenarioRun, Turn, TurnResult, question_score, resolve_turns


class RecordingScorers:
    """Fake scorers that remember which one was called with what."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def pitch(self, turn: Turn, response: str, elapsed_seconds: float | None) -> TurnResult:
        self.calls.append(("pitch", response))
        return TurnResult(turn, response, 80.0, True, "80")

    def objection(self, turn: Turn, response: str) -> TurnResult:
        self.calls.append(("objection", response))
        return TurnResult(turn, response, 40.0, False, "40")

    def drill(self, turn: Turn, response: str) -> TurnResult:
        self.calls.append(("drill", response))
        return TurnResult(turn, response, 100.0, True, "100")


def test_steps_resolve_against_the_library(make_library) -> None:  # type: ignore[no-untyped-def]
    library = load_library(make_library())
    turns = resolve_turns(library.scenario("cold-call"), library)
    assert [t.kind for t in turns] == ["pitch", "objection", "drill"]
    assert turns[0].cut is not None and turns[0].version == 1
    assert turns[1].customer == "We already have a supplier."
    assert turns[2].drill is not None and "signs" in turns[2].prompt


def test_an_objection_step_without_a_customer_line_uses_the_objection(make_library) -> None:  # type: ignore[no-untyped-def]
    scenario = (
        "id: cold-call\ntitle: T\nproduct: acme\npersona: P\nstage: discovery\nsteps:\n  - objection: too-expensive\n"
    )
    library = load_library(make_library({"scenarios/cold-call.yaml": scenario}))
    (turn,) = resolve_turns(library.scenario("cold-call"), library)
    assert turn.customer == "Your widgets cost twice what we pay now."


def test_each_response_goes_to_the_scorer_its_step_calls_for(make_library) -> None:  # type: ignore[no-untyped-def]
    library = load_library(make_library())
    scorers = RecordingScorers()
    run = ScenarioRun.start(library.scenario("cold-call"), library, scorers)
    for answer in ("my pitch", "my answer", "my question?"):
        run.submit(answer)
    assert scorers.calls == [("pitch", "my pitch"), ("objection", "my answer"), ("drill", "my question?")]
    assert run.finished and run.current is None
    summary = run.summary()
    assert summary.overall == (80 + 40 + 100) / 3
    assert summary.passed == 2


def test_skipping_counts_as_zero(make_library) -> None:  # type: ignore[no-untyped-def]
    library = load_library(make_library())
    run = ScenarioRun.start(library.scenario("cold-call"), library, RecordingScorers())
    run.skip()
    assert run.results[0].skipped and run.results[0].score == 0
    assert run.position == 1


def test_a_missing_reference_becomes_an_unplayable_turn(make_library) -> None:  # type: ignore[no-untyped-def]
    scenario = (
        "id: cold-call\ntitle: T\nproduct: acme\npersona: P\nstage: discovery\nsteps:\n"
        "  - pitch: {id: acme-core, cut: 5min}\n  - drill: who-signs\n"
    )
    library = load_library(make_library({"scenarios/cold-call.yaml": scenario}))
    scorers = RecordingScorers()
    run = ScenarioRun.start(library.scenario("cold-call"), library, scorers)
    assert run.current is not None and run.current.problem and "5min" in run.current.problem
    result = run.submit("anything")
    assert result.skipped and scorers.calls == []


def test_the_real_scorers_score_every_kind_of_step(make_library) -> None:  # type: ignore[no-untyped-def]
    library = load_library(make_library())
    run = ScenarioRun.start(library.scenario("cold-call"), library)
    pitch = run.submit(
        "Broken widgets stop your line for hours. Acme widgets warn you days before they fail. "
        "Can we run a two-week trial on your worst line?"
    )
    answer = run.submit("Keep your supplier for standard parts; use us on the lines where failures hurt most.")
    question = run.submit("Is it you or procurement who signs the purchase order?")
    assert pitch.score > 90 and pitch.passed
    assert answer.passed and "key points" in answer.headline
    assert question.passed and question.score == 100


def test_a_question_score_is_half_for_each_check_passed() -> None:
    class Verdict:
        def __init__(self, closed: bool, on_target: bool) -> None:
            self.closed, self.on_target = closed, on_target

    assert [question_score(Verdict(c, t)) for c, t in ((True, True), (True, False), (False, False))] == [100, 50, 0]
