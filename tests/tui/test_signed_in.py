"""Signed in to `trainer serve`: the person is the rep (no picker, no switching) and sees only the history their
roster role allows — a rep their own, a manager their teams'. Real library with a roster, real SQLite store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import write_library
from textual.widgets import DataTable, Input
from tui_support import static_text, wait_for_screen

from trainer.library import Library, load_library
from trainer.store import NewAttempt, PracticeStore
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.manager import ManagerScreen, RepAttemptsScreen
from trainer.tui.screens.rep_picker import RepPicker
from trainer.tui.screens.team_setup import TeamSetupScreen

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
SIZE = (120, 40)
ROSTER = """\
teams:
  - id: north
    managers: [mia]
    members: [ann, bob]
  - id: south
    managers: [sam]
    members: [cy]
"""


@pytest.fixture
def team_library(tmp_path: Path) -> Library:
    return load_library(write_library(tmp_path / "team-lib", {"roster.yaml": ROSTER}))


@pytest.fixture
def store(tmp_path: Path) -> PracticeStore:
    store = PracticeStore(tmp_path / "p.sqlite3")
    for rep, score in (("ann", 91), ("bob", 62), ("cy", 77)):
        store.record(NewAttempt(rep=rep, kind="pitch", item_id="acme-core", product="acme", cut="30s", version=2,
                                score=score, tier="Gold", attempt_text="...", started_at=NOW - dt.timedelta(days=1)))
    yield store
    store.close()


def rep_columns(screen: ManagerScreen) -> list[str]:
    grid = screen.query_one("#team-table", DataTable)
    return [str(key.value).removeprefix("rep:") for key in grid.columns if str(key.value).startswith("rep:")]


async def test_a_signed_in_rep_has_no_picker_and_cannot_switch(make_app, team_library, store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(team_library, store=store, log=None, now=lambda: NOW, served=True, signed_in="ann", rep=None)
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        assert not isinstance(app.screen, RepPicker)
        assert "signed in as ann" in home.sub_title
        await pilot.press("u")  # the home screen's "switch rep" key
        await pilot.pause()
        assert not isinstance(app.screen, RepPicker) and app.rep == "ann"
        app.switch_rep("bob")  # even called directly
        assert app.rep == "ann"
        assert "Switch rep" not in [command.title for command in app.get_system_commands(home)]


async def test_served_without_sign_in_still_asks_who_is_practising(make_app, team_library, store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(team_library, store=store, log=None, now=lambda: NOW, served=True, rep=None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, RepPicker)


async def test_a_signed_in_rep_sees_only_their_own_history(make_app, team_library, store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(team_library, store=store, log=None, now=lambda: NOW, served=True, signed_in="ann", rep=None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("v")
        team = await wait_for_screen(pilot, ManagerScreen)
        assert rep_columns(team) == ["ann"]
        assert "bob" not in static_text(team, "#mgr-ready") and "cy" not in static_text(team, "#mgr-ready")
        team.open_rep("bob")
        await pilot.pause()
        assert isinstance(app.screen, ManagerScreen)  # not opened
        app.push_screen(RepAttemptsScreen("bob"))  # and refused even when pushed some other way
        bob = await wait_for_screen(pilot, RepAttemptsScreen)
        assert "your own attempts" in static_text(bob, "#rep-summary")
        assert "62" not in static_text(bob, "#rep-summary")
        assert not bob.query_one("#rep-attempts", DataTable).row_count


async def test_a_manager_sees_their_team_and_nobody_else(make_app, team_library, store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(team_library, store=store, log=None, now=lambda: NOW, served=True, signed_in="mia", rep=None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("v")
        team = await wait_for_screen(pilot, ManagerScreen)
        assert set(rep_columns(team)) == {"mia", "ann", "bob"}
        team.open_rep("bob")
        bob = await wait_for_screen(pilot, RepAttemptsScreen)
        assert bob.query_one("#rep-attempts", DataTable).row_count == 1
        await pilot.press("escape")
        await wait_for_screen(pilot, ManagerScreen)
        team.open_rep("cy")
        await pilot.pause()
        assert isinstance(app.screen, ManagerScreen)


async def test_a_signed_in_rep_cannot_run_a_team_session_as_colleagues(make_app, team_library, store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(team_library, store=store, log=None, now=lambda: NOW, served=True, signed_in="ann", rep=None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.action_team_session()
        setup = await wait_for_screen(pilot, TeamSetupScreen)
        assert setup.known_reps == ["ann"]
        setup.query_one("#roster", Input).value = "ann, bob"
        with pytest.raises(ValueError, match="not bob"):
            setup.build_session()


async def test_at_a_local_terminal_everyone_is_visible_as_before(make_app, team_library, store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(team_library, store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("v")
        team = await wait_for_screen(pilot, ManagerScreen)
        assert set(rep_columns(team)) == {"ann", "bob", "cy"}
