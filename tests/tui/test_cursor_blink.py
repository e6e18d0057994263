"""Tests switch the text cursor's blinking off, so a picture never depends on when it was taken; the real
app keeps blinking."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input
from tui_support import wait_for_screen

from trainer.tui.app import TrainerApp
from trainer.tui.screens.drills import DrillsScreen
from trainer.tui.screens.home import HomeScreen


async def cursor_samples(app: TrainerApp) -> tuple[bool, list[bool]]:
    """Open the drills (a focused text box) and sample the cursor's visibility for 1.5 s."""
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("d")
        screen = await wait_for_screen(pilot, DrillsScreen)
        box = screen.query_one("#question", Input)
        assert box.has_focus
        samples = []
        for _ in range(15):
            await asyncio.sleep(0.1)
            await pilot.pause()
            samples.append(box._cursor_visible)
        return box.cursor_blink, samples


async def test_the_cursor_stays_still_in_tests(make_app) -> None:
    blink, samples = await cursor_samples(make_app())
    assert not blink and all(samples), samples


async def test_the_real_app_still_blinks(library_root: Path) -> None:
    blink, samples = await cursor_samples(TrainerApp(library_root, seed=7))
    assert blink and not all(samples), samples
