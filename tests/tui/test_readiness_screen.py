"""The manager's readiness view in the app: team colours, each rep's colour and why, the weekly trend plot, and
Enter or a click on a rep opening that rep's attempts — with a real practice database and a roster."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import write_library
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual_plotext import PlotextPlot
from tui_support import static_text, wait_for_screen

from trainer.library import load_library
from trainer.store import NewAttempt, PracticeStore
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.manager import ManagerScreen, RepAttemptsScreen
from trainer.tui.screens.readiness import ReadinessScreen, runs

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)  # a Wednesday
ROSTER = """\
teams:
  - id: north
    name: North region
    members: [ann, bob]
  - id: south
    members: [cy]
"""


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
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
    store = PracticeStore(tmp_path / "p.db")

    def add(rep: str, score: float, days_ago: float) -> None:
        store.record(NewAttempt(rep=rep, kind="objection", item_id="too-expensive", product="acme", score=score,
                                tier="", attempt_text="…", started_at=NOW - dt.timedelta(days=days_ago)))

    for score, days in ((55, 30), (62, 23), (70, 9), (78, 8), (84, 1)):  # ann improves; a quiet week between
        add("ann", score, days)
    for score, days in ((40, 2), (45, 1), (50, 0.5)):  # bob: red, below 60
        add("bob", score, days)
    add("cy", 90, 1)  # cy: one attempt, not enough data
    return store


@pytest.fixture
def ready_app(make_app, library_root: Path, store: PracticeStore):  # type: ignore[no-untyped-def]
    library = load_library(write_library(library_root, {"roster.yaml": ROSTER}))
    return lambda: make_app(library, store=store, rep="ann", now=lambda: NOW)


async def open_readiness(pilot: Pilot) -> ReadinessScreen:
    await wait_for_screen(pilot, HomeScreen)
    await pilot.press("v")
    await wait_for_screen(pilot, ManagerScreen)
    await pilot.press("y")
    return await wait_for_screen(pilot, ReadinessScreen)  # type: ignore[return-value]


def test_a_quiet_week_splits_the_plotted_line() -> None:
    assert runs([None, 50.0, 60.0, None, 70.0]) == [([2, 3], [50.0, 60.0]), ([5], [70.0])]
    assert runs([None, None]) == []


async def test_the_manager_sees_colours_with_why_and_drills_into_a_rep(ready_app) -> None:  # type: ignore[no-untyped-def]
    app = ready_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_readiness(pilot)
        teams = static_text(screen, "#ready-teams")
        assert "north red" in teams and "south not enough data" in teams
        table = screen.query_one("#ready-reps", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[:3] for row in rows] == [["ann", "north", "amber"], ["bob", "north", "red"],
                                             ["cy", "south", "not enough data"]]
        assert rows[0][3].startswith("no certificate yet; proficiency ")
        assert rows[1][3] == "proficiency 45, below 60"
        assert rows[2][3] == "1 scored attempt; at least 3 are needed for a colour"
        # the plot follows the highlighted rep: ann's weeks with a gap, against the team
        ann = screen.groups[0].rep_trends["ann"].values
        assert ann[-3] is None and None not in (ann[-4], ann[-2], ann[-1])  # W46: no practice
        plot = screen.query_one("#ready-trend", PlotextPlot)
        assert "ann vs north" in str(plot.render())
        await pilot.press("down")
        assert "bob vs north" in str(plot.render())

        await pilot.press("enter")  # Enter on a rep: that rep's attempts
        attempts = await wait_for_screen(pilot, RepAttemptsScreen)
        assert attempts.rep == "bob"  # type: ignore[attr-defined]
        assert attempts.query_one(DataTable).row_count == 3
        await pilot.press("escape")
        await wait_for_screen(pilot, ReadinessScreen)

        await pilot.click(table, offset=(2, 3))  # a click on cy's row (header, ann, bob, cy)
        attempts = await wait_for_screen(pilot, RepAttemptsScreen)
        assert attempts.rep == "cy"  # type: ignore[attr-defined]


async def test_without_a_history_the_view_says_so(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.push_screen(ReadinessScreen())
        screen = await wait_for_screen(pilot, ReadinessScreen)
        assert screen.has_class("-empty") and not screen.query_one("#ready-reps").display
        assert static_text(screen, "#ready-empty").startswith("No practice history is open")


async def test_a_hostile_rep_name_is_shown_as_text_in_the_table_and_the_plot(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = PracticeStore(tmp_path / "hostile.db")
    name = "eve\x1b]0;pwned\x07[bold]x"
    for days in (1, 2, 3):
        store.record(NewAttempt(rep=name, kind="objection", item_id="too-expensive", product="acme", score=70,
                                tier="", attempt_text="…", started_at=NOW - dt.timedelta(days=days)))
    app = make_app(store=store, now=lambda: NOW)  # no roster: every rep in the history
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.push_screen(ReadinessScreen())
        screen = await wait_for_screen(pilot, ReadinessScreen)
        rep_cell = str(screen.query_one("#ready-reps", DataTable).get_row_at(0)[0])
        plotted = screen.query_one("#ready-trend", PlotextPlot).render()
        assert rep_cell == "eve\\e]0;pwned\\x07[bold]x"
        assert "\x1b" not in str(plotted) and "\x07" not in str(plotted)
        assert "proficiency · eve\\e]0;pwned" in str(plotted)  # the title, escapes visible
        assert "\x1b" not in static_text(screen, "#ready-detail")


class TestReadinessSnapshots:
    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_readiness_view(self, snap_compare, ready_app, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await open_readiness(pilot)
            await pilot.pause()

        assert snap_compare(ready_app(), terminal_size=size, run_before=run_before)


async def test_a_team_with_no_practice_yet_has_a_plot_saying_so(make_app, library_root: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    library = load_library(write_library(library_root, {"roster.yaml": ROSTER}))
    app = make_app(library, store=PracticeStore(tmp_path / "new.db"), rep="ann", now=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_readiness(pilot)
        plotted = str(screen.query_one("#ready-trend", PlotextPlot).render())
        assert "ann vs north · no practice in the last 8 weeks" in plotted  # not an empty frame that says nothing
