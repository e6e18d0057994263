"""Pictures of the team screens (pytest-textual-snapshot): setup, a turn in progress, the summary, the
manager's table. Regenerate with ``pytest --snapshot-update`` and look at the SVGs before committing them.

The clock and the wall time are frozen, dealing is seeded and the time zone is UTC, so the pictures only
change when the screens do.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_team_screens import NOW, QUALITY, answer, answer_for, seed_attempts
from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_support import wait_for_screen

from trainer.store import PracticeStore
from trainer.team.pool import build_pool
from trainer.team.session import SessionConfig, TeamSession
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.manager import ManagerScreen
from trainer.tui.screens.peer_scorecard import PeerScorecardScreen
from trainer.tui.screens.team_session import TeamSessionScreen
from trainer.tui.screens.team_setup import TeamSetupScreen
from trainer.tui.widgets.countdown import Countdown

SMALL = (80, 24)
MEDIUM = (100, 30)
LARGE = (120, 40)


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    """Dates on screen are local: pin the zone so the pictures are the same everywhere."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


@pytest.fixture
def store(tmp_path: Path) -> PracticeStore:
    return PracticeStore(tmp_path / "p.db")


@pytest.fixture
def team_app(make_app, store: PracticeStore):  # type: ignore[no-untyped-def]
    return lambda: make_app(store=store, rep="ann", now=lambda: NOW)


def play(answered: int, *, advance: bool = True, typing: str | None = None, clock=None):  # type: ignore[no-untyped-def]
    """Open a seeded 3-rep, 2-round session and answer ``answered`` turns, moving on after the last one
    unless ``advance`` is false; then type ``typing`` into the next turn and let ``clock`` run 21 s."""

    async def run_before(pilot: Pilot) -> None:
        await wait_for_screen(pilot, HomeScreen)
        app = pilot.app
        config = SessionConfig(name="Monday drill", roster=("ann", "bob", "cy"), product="acme",
                               kinds=("pitch", "objection", "drill"), rounds=2, seconds_per_turn=60, seed=7)
        pool = build_pool(app.library, "acme", config.kinds)  # type: ignore[attr-defined]
        session = TeamSession(config, pool, store=app.store, id="20261123-1200-demo", started_at=NOW)  # type: ignore[attr-defined]
        app.push_screen(TeamSessionScreen(session))
        screen: TeamSessionScreen = await wait_for_screen(pilot, TeamSessionScreen)  # type: ignore[assignment]
        for number in range(1, answered + 1):
            turn = screen.turn
            assert turn is not None
            await answer(pilot, screen, answer_for(turn.item, QUALITY[turn.rep]))
            if advance or number < answered:
                await pilot.press("n")
        if typing is not None:
            screen.query_one("#ts-answer", TextArea).text = typing
        if clock is not None:
            clock.advance(21)
            screen.query_one(Countdown).tick()
        await pilot.pause()

    return run_before


class TestTeamSession:
    def test_setup(self, snap_compare, team_app, store: PracticeStore) -> None:  # type: ignore[no-untyped-def]
        store.add_rep("ann")
        store.add_rep("bob")

        async def run_before(pilot: Pilot) -> None:
            await wait_for_screen(pilot, HomeScreen)
            await pilot.press("s")
            await wait_for_screen(pilot, TeamSetupScreen)
            await pilot.press(*"ann, bob, cy")

        assert snap_compare(team_app(), terminal_size=MEDIUM, run_before=run_before)

    def test_mid_turn(self, snap_compare, team_app, clock) -> None:  # type: ignore[no-untyped-def]
        before = play(2, typing="The trial takes one hour of your team's", clock=clock)
        assert snap_compare(team_app(), terminal_size=MEDIUM, run_before=before)

    def test_turn_result_small(self, snap_compare, team_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(team_app(), terminal_size=SMALL, run_before=play(2, advance=False))

    def test_summary(self, snap_compare, team_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(team_app(), terminal_size=MEDIUM, run_before=play(6))


def rating(rated_turns: int, *, open_step: bool):  # type: ignore[no-untyped-def]
    """Answer ``rated_turns`` turns of the seeded session and let both teammates rate each; then, if
    ``open_step``, answer one more and open its rating step with bob's card half filled in."""
    answered = rated_turns + (1 if open_step else 0)
    before = play(answered, advance=False)

    async def run_before(pilot: Pilot) -> None:
        await before(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TeamSessionScreen)
        session = screen.session
        for turn in session.turns[:rated_turns]:
            for offset, reviewer in enumerate(session.reviewers(turn)):
                session.rate(turn, reviewer, {"accuracy": 4 - offset, "confidence": turn.number % 5 + 1,
                                              "pace": 5 - turn.number % 2})
        screen._show_peers()
        if open_step:
            await pilot.press("ctrl+r")
            await wait_for_screen(pilot, PeerScorecardScreen)
            await pilot.press("4", "2")
        await pilot.pause()

    return run_before


class TestPeerScorecards:
    def test_rating_step_small(self, snap_compare, team_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(team_app(), terminal_size=SMALL, run_before=rating(2, open_step=True))

    def test_rating_step_large(self, snap_compare, team_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(team_app(), terminal_size=LARGE, run_before=rating(2, open_step=True))

    def test_board_with_peer_averages_small(self, snap_compare, team_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(team_app(), terminal_size=SMALL, run_before=rating(3, open_step=False))

    def test_board_with_peer_averages_large(self, snap_compare, team_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(team_app(), terminal_size=LARGE, run_before=rating(3, open_step=False))


class TestManager:
    def test_team_table(self, snap_compare, team_app, store: PracticeStore) -> None:  # type: ignore[no-untyped-def]
        seed_attempts(store)

        async def run_before(pilot: Pilot) -> None:
            await wait_for_screen(pilot, HomeScreen)
            await pilot.press("v")
            await wait_for_screen(pilot, ManagerScreen)

        assert snap_compare(team_app(), terminal_size=MEDIUM, run_before=run_before)
