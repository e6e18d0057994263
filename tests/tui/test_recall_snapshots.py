"""Pictures of the recall modes at 80x24 and 120x40: the chooser, first letters mid-run and finished, cue after a
check, and strict recitation. Regenerate with ``pytest --snapshot-update`` and look at them before committing."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_support import wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.tui.screens.cue import CueScreen
from trainer.tui.screens.first_letter import FirstLetterScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.recall_picker import RecallPicker
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.study import StudyScreen

SIZES = {"small": (80, 24), "large": (120, 40)}
PITCH_30S = ItemRef("pitch", "acme", "acme-core", "30s")


async def study(pilot: Pilot) -> None:
    await wait_for_screen(pilot, HomeScreen)
    pilot.app.open_item(PITCH_30S, "study")  # type: ignore[attr-defined]
    await wait_for_screen(pilot, StudyScreen)


async def choose(pilot: Pilot, key: str | None, screen: type) -> None:
    await study(pilot)
    await pilot.press("t")
    await wait_for_screen(pilot, RecallPicker)
    if key:
        await pilot.press(key)
    await wait_for_screen(pilot, screen)


@pytest.mark.parametrize("size", SIZES)
def test_recall_picker(snap_compare, make_app, size: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await choose(pilot, None, RecallPicker)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_first_letters_mid_run(snap_compare, make_app, size: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await choose(pilot, "f", FirstLetterScreen)
        await pilot.press("b", "w", "x", "s", "y", "q", "q", "q", "f")  # a slip on "stop", "line" shown
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_first_letters_finished(snap_compare, make_app, size: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await choose(pilot, "f", FirstLetterScreen)
        await pilot.press(*"bwsylfhawwydb", "x", "t", "f")  # "they" a slip, then finished early
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_cue_checked(snap_compare, make_app, size: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await choose(pilot, "c", CueScreen)
        await pilot.press("ctrl+n")
        pilot.app.screen.query_one(TextArea).text = "Acme widgets warn you before they break."
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_strict_recite(snap_compare, make_app, size: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await choose(pilot, "s", ReciteScreen)
        pilot.app.screen.query_one(TextArea).text = "Broken widgets stop your line"
        await pilot.pause(0.4)

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=run_before)
