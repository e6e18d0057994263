"""Closed-question drills: the verdict with its reason, then the examples and the question to avoid."""

from __future__ import annotations

from textual.widgets import Input
from tui_support import static_text, wait_for, wait_for_screen

from trainer.tui.screens.drills import DrillsScreen
from trainer.tui.screens.home import HomeScreen

SIZE = (100, 34)


async def open_drills(pilot) -> DrillsScreen:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    await pilot.press("d")
    return await wait_for_screen(pilot, DrillsScreen)  # type: ignore[return-value]


async def ask(pilot, screen: DrillsScreen, question: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#question", Input).value = question
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.checked is not None)
    await pilot.pause()


async def test_a_closed_question_on_target_passes_and_says_why(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drills(pilot)
        assert "Find out who signs off on maintenance purchases." in static_text(screen, "#drill-goal")
        await ask(pilot, screen, "Is it you or procurement who signs the purchase order?")
        verdict = static_text(screen, "#drill-verdict")
        assert "✔ Closed" in verdict and "✔ On target" in verdict
        assert screen.checked.reason in verdict  # type: ignore[union-attr]
        examples = static_text(screen, "#drill-examples")
        assert "Does the plant manager approve purchases" in examples
        assert "Who makes the decisions around here?" in examples


async def test_the_open_question_to_avoid_fails(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drills(pilot)
        await ask(pilot, screen, "Who makes the decisions around here?")
        verdict = static_text(screen, "#drill-verdict")
        assert "✘ Open" in verdict
        assert not screen.checked.passed  # type: ignore[union-attr]


async def test_examples_stay_hidden_until_the_rep_has_asked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drills(pilot)
        assert not screen.query_one("#drill-feedback").display
        await pilot.press("enter")  # nothing typed: a hint, no verdict
        assert screen.checked is None


async def test_next_drill_and_try_again(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drills(pilot)
        await ask(pilot, screen, "Did the line stop?")
        await pilot.press("ctrl+r")
        assert screen.checked is None and screen.query_one("#question", Input).value == ""
        await pilot.press("ctrl+n")
        assert "Drill 2 of 2" in static_text(screen, "#drill-head")
        assert "downtime" in static_text(screen, "#drill-goal")
        await ask(pilot, screen, "Did the line stop for more than ten hours last quarter?")
        assert screen.checked.passed  # type: ignore[union-attr]
        assert [a.ref.id for a in app.practice_log.attempts()] == ["who-signs", "downtime"]


async def test_an_open_question_on_target_says_each_sentence_once(make_app) -> None:
    """The verdict and the reason are two sentences; the reason must not be repeated inside the verdict."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drills(pilot)
        await ask(pilot, screen, "Tell me about your approval process for purchase orders.")
        verdict = static_text(screen, "#drill-verdict")
        assert "✘ Open" in verdict and "✔ On target" in verdict
        reason = screen.checked.reason  # type: ignore[union-attr]
        assert verdict.count(reason[reason.index('"'):]) == 1, verdict
