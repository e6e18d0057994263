"""The app shows hostile content and rep names as text: no terminal command, no markup applied, no crash.

What reaches the terminal is read the way Textual writes it (the screen's full update through a Rich console):
Textual's own colours are CSI sequences; an OSC (ESC ]) or a BEL can only have come from the content.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hostile_text import ESCAPE_REP, HOSTILE_REP, HOSTILE_TITLE, write_hostile_library
from rich.console import Console
from textual.app import App
from textual.widgets import Checkbox, DataTable, Input, OptionList
from tui_support import screen_text, wait_for_screen

from trainer.library import load_library
from trainer.store import NewAttempt, PracticeStore
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.manager import ManagerScreen
from trainer.tui.screens.objections import ObjectionsScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.rep_picker import RepPicker
from trainer.tui.screens.study import StudyScreen
from trainer.tui.screens.team_setup import TeamSetupScreen

SIZE = (120, 40)


def terminal_output(app: App[object]) -> str:
    """What the terminal receives for the whole screen, as Textual would write it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.file.getvalue()  # type: ignore[attr-defined]


def assert_terminal_safe(app: App[object]) -> None:
    out = terminal_output(app)
    assert "\x1b]" not in out, "an OSC sequence from the content reached the terminal"
    assert "\x07" not in out and "\x9b" not in out and "\x1bP" not in out


def hostile_store(path: Path) -> PracticeStore:
    """A practice database with attempts by a rep named like a Rich closing tag and one named with an escape."""
    store = PracticeStore(path)
    for rep in (HOSTILE_REP, ESCAPE_REP):
        store.record(NewAttempt(
            rep=rep, kind="pitch", product="acme", item_id="acme-core", cut="30s", version=1,
            attempt_text="[/x] \x1b]0;t\x07 words", score=55.0, tier="Keep practising",
        ))
    return store


SHOWN_REP = "eve\\e]0;pwned\\x07\\x9b2J"  # ESCAPE_REP as the app shows it
SHOWN_TITLE_START = "Pitch \\e]0;pwned\\x07\\e]52;c;cm0gLXJmIH4=\\x07 [/x] [bold red]loud[/]"


@pytest.fixture
def hostile_app(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The app on the hostile library, with a store of attempts by the hostile reps, practising as ``[/x]``."""

    def make(**kwargs: object):  # type: ignore[no-untyped-def]
        library = load_library(write_hostile_library(tmp_path / "hostile-lib"))
        options: dict[str, object] = {"log": None, "store": hostile_store(tmp_path / "p.db"), "rep": HOSTILE_REP}
        options.update(kwargs)
        return make_app(library, **options)

    return make


async def test_the_rep_switcher_lists_hostile_names_literally(hostile_app) -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("u")
        picker = await wait_for_screen(pilot, RepPicker)
        prompts = [str(option.prompt) for option in picker.query_one(OptionList).options]
        assert prompts == [HOSTILE_REP, SHOWN_REP]
        assert_terminal_safe(app)
        known = picker.query_one(OptionList)
        known.focus()
        known.highlighted = 1
        await pilot.press("enter")
        home = await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        assert app.rep == ESCAPE_REP  # the name itself is kept; only its display is escaped
        assert_terminal_safe(app)
        assert f"rep: {ESCAPE_REP}" in home.sub_title  # the title bar makes it visible when it draws it
        assert SHOWN_REP in screen_text(home)


async def test_a_served_tab_asks_for_the_rep_with_hostile_names_known(hostile_app) -> None:
    app = hostile_app(served=True)
    async with app.run_test(size=SIZE) as pilot:
        picker = await wait_for_screen(pilot, RepPicker)
        assert HOSTILE_REP in screen_text(picker)
        await pilot.press(*"[/y]", "enter")  # a new name that is markup, typed in
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        assert app.rep == "[/y]"
        assert_terminal_safe(app)


async def test_team_setup_ticks_hostile_names_literally(hostile_app) -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("s")
        setup = await wait_for_screen(pilot, TeamSetupScreen)
        labels = [str(box.label) for box in setup.query(".known-rep").results(Checkbox)]
        assert labels == [HOSTILE_REP, SHOWN_REP]
        assert_terminal_safe(app)
        boxes = list(setup.query(".known-rep").results(Checkbox))
        boxes[0].value = True
        boxes[1].value = True
        await pilot.pause()
        assert setup.query_one("#roster", Input).value == f"{HOSTILE_REP}, {ESCAPE_REP}"  # the real names


async def test_home_shows_hostile_titles_literally_and_sends_no_escape(hostile_app) -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await pilot.press("down", "down")  # product → pitch → 30s cut
        await pilot.pause()
        text = screen_text(home)
        assert SHOWN_TITLE_START in text
        assert HOSTILE_TITLE not in text
        assert_terminal_safe(app)


async def test_study_objections_and_drills_show_hostile_content_literally(hostile_app) -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("down", "down", "enter")
        study = await wait_for_screen(pilot, StudyScreen)
        assert "Hook \\e]52;c;" in screen_text(study)
        assert_terminal_safe(app)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("o")
        cards = await wait_for_screen(pilot, ObjectionsScreen)
        await pilot.pause()
        assert_terminal_safe(app)
        assert "[/x] [bold red]loud[/]" in screen_text(cards) or "Too dear" not in screen_text(cards)


async def test_progress_and_team_view_show_a_markup_rep_literally(hostile_app) -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("p")
        progress = await wait_for_screen(pilot, ProgressScreen)
        await pilot.pause()
        assert HOSTILE_REP in screen_text(progress) + str(progress.sub_title)
        assert_terminal_safe(app)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("v")
        manager = await wait_for_screen(pilot, ManagerScreen)
        await pilot.pause()
        grid = manager.query_one(DataTable)
        headers = [str(column.label) for column in grid.columns.values()]
        assert HOSTILE_REP in headers and SHOWN_REP in headers
        assert_terminal_safe(app)


async def test_escape_sequences_in_content_never_reach_the_terminal(make_app, tmp_path: Path) -> None:
    """Content alone (an ordinary rep): titles with OSC 0 and OSC 52 are shown escaped, not sent."""
    app = make_app(load_library(write_hostile_library(tmp_path / "hostile-lib")), rep="ann")
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await pilot.press("down", "down")
        await pilot.pause()
        assert "\\e]52;c;" in screen_text(home)
        assert_terminal_safe(app)


async def test_a_screen_that_forgets_to_escape_still_sends_no_escape(make_app) -> None:
    """The net under every screen: raw control characters in a widget are dropped before the terminal."""
    from textual.content import Content
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await home.mount(Static(Content("forgot \x1b]0;pwned\x07 \x1b]52;c;cm0gLXJmIH4=\x07 \u202eevil")))
        await pilot.pause()
        out = terminal_output(app)
        assert "forgot" in out
        assert_terminal_safe(app)
        assert "\u202e" not in out


async def test_the_command_palette_lists_and_finds_hostile_titles_literally(make_app, tmp_path: Path) -> None:
    from textual.command import CommandPalette

    app = make_app(load_library(write_hostile_library(tmp_path / "hostile-lib")), rep="ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.pause(0.3)  # the discovery list: every product, pitch, objection, drill and scenario
        assert_terminal_safe(app)
        await pilot.press(*"pitch")
        await pilot.pause(0.3)  # the search hits, highlighted
        assert_terminal_safe(app)
        assert "[bold red]loud[/]" in terminal_output(app).replace("\x1b[", "\n")  # shown, not applied
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
