"""The rating step of a team session: teammates score the answered turn 1-5 per criterion, by key or click."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_team_screens import NOW, SIZE, answer, answer_for, new_session, open_session
from tui_support import static_text, wait_for, wait_for_screen

from trainer.library import Library
from trainer.store import PracticeStore
from trainer.team.report import to_markdown
from trainer.tui.screens.peer_scorecard import PeerScorecardScreen
from trainer.tui.widgets.peer_board import PeerBoard

REPS = ("ann", "bob", "cy")


@pytest.fixture
def store(tmp_path: Path) -> PracticeStore:
    return PracticeStore(tmp_path / "p.db")


@pytest.fixture
def team_app(make_app, store: PracticeStore):  # type: ignore[no-untyped-def]
    return lambda: make_app(store=store, rep="ann", now=lambda: NOW)


async def test_teammates_rate_by_keys_and_the_averages_reach_the_board(
    team_app, library: Library, store: PracticeStore
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, roster=REPS))
        session = screen.session
        assert not screen.query_one("#ts-peer-box").display  # nobody rated yet: no empty board
        await answer(pilot, screen, answer_for(screen.turn.item, "good"))  # type: ignore[union-attr]
        assert "Teammates rate it: ctrl+r" in static_text(screen, "#ts-result")

        await pilot.press("ctrl+r")
        step: PeerScorecardScreen = await wait_for_screen(pilot, PeerScorecardScreen)  # type: ignore[assignment]
        assert step.reviewers == ["bob", "cy"] and step.reviewer == "bob"  # never the rep who spoke
        await pilot.press("4", "2", "5", "enter")  # bob: accuracy 4, confidence 2, pace 5
        await wait_for(pilot, lambda: step.reviewer == "cy")  # the next teammate comes up by themselves
        await pilot.press("right", "right")  # cy: accuracy — from nothing an arrow starts at 3 — then 4
        await pilot.press("down", "left", "left")  # confidence 3, then 2
        await pilot.press("enter")
        await wait_for_screen(pilot, type(screen))  # everybody rated: the step closes

        assert {(r["reviewer"], r["criterion"], r["score"]) for r in session.ratings} == {
            ("bob", "accuracy", 4), ("bob", "confidence", 2), ("bob", "pace", 5),
            ("cy", "accuracy", 4), ("cy", "confidence", 2),
        }
        assert len(store.peer_ratings(session.id)) == 5
        board = screen.query_one("#peerboard", PeerBoard)
        assert screen.query_one("#ts-peer-box").display
        assert board.averages["ann"] == {"accuracy": 4.0, "confidence": 2.0, "pace": 5.0}
        assert "| ann | 4.0 | 2.0 | 5.0 | 2 |" in to_markdown(session.to_record())


async def test_the_rating_step_works_with_the_mouse_and_can_be_skipped(
    team_app, library: Library, store: PracticeStore
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, roster=REPS))
        await answer(pilot, screen, answer_for(screen.turn.item, "poor"))  # type: ignore[union-attr]
        await pilot.click("#rate")
        step = await wait_for_screen(pilot, PeerScorecardScreen)
        await pilot.click("#ps-reviewer-1")  # cy rates first
        await pilot.click("#ps-score-3-1")  # pace: 1
        await pilot.click("#ps-save")
        await wait_for(pilot, lambda: screen.session.ratings)
        assert [(r["reviewer"], r["criterion"], r["score"]) for r in screen.session.ratings] == [("cy", "pace", 1)]
        assert step.reviewer == "bob"
        await pilot.press("3", "escape")  # bob's unsaved score is skipped, not stored
        await wait_for_screen(pilot, type(screen))
        assert len(screen.session.ratings) == 1
        assert screen.query_one("#peerboard", PeerBoard).averages["ann"]["pace"] == 1.0


async def test_a_skipped_turn_or_a_session_of_one_offers_no_rating(
    team_app, library: Library, store: PracticeStore
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, roster=("ann",), rounds=2))
        await answer(pilot, screen, answer_for(screen.turn.item, "good"))  # type: ignore[union-attr]
        assert "Teammates rate it" not in static_text(screen, "#ts-result")
        assert screen.query_one("#rate").disabled
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not isinstance(app.screen, PeerScorecardScreen)


async def test_undo_takes_back_a_rated_turn_and_its_ratings(
    team_app, library: Library, store: PracticeStore
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, roster=REPS))
        await answer(pilot, screen, answer_for(screen.turn.item, "good"))  # type: ignore[union-attr]
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, PeerScorecardScreen)
        await pilot.press("5", "enter", "escape")
        await wait_for_screen(pilot, type(screen))
        assert screen.query_one("#ts-peer-box").display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.session.ratings == [] and store.peer_ratings(screen.session.id) == []
        assert not screen.query_one("#ts-peer-box").display
        assert screen.turn is not None and screen.turn.number == 1 and not screen.turn.done  # ann answers again


async def test_hostile_rep_names_show_literally_in_the_rating_step(
    team_app, library: Library, store: PracticeStore
) -> None:
    from hostile_text import ESCAPE_REP, HOSTILE_REP
    from textual.widgets import Button

    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, roster=("ann", HOSTILE_REP, ESCAPE_REP)))
        await answer(pilot, screen, answer_for(screen.turn.item, "good"))  # type: ignore[union-attr]
        await pilot.press("ctrl+r")
        step = await wait_for_screen(pilot, PeerScorecardScreen)
        labels = [str(step.query_one(f"#ps-reviewer-{n}", Button).label) for n in (0, 1)]
        assert labels[0] == HOSTILE_REP  # shown literally, not read as markup (which would crash the screen)
        assert labels[1].startswith("eve\\e]0;pwned") and "\x1b" not in labels[1] and "\x9b" not in labels[1]
        await pilot.press("4", "enter")
        await wait_for(pilot, lambda: step.reviewer == ESCAPE_REP)
        assert screen.session.ratings[0]["reviewer"] == HOSTILE_REP  # the real name is stored
