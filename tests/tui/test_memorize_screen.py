"""Memorizing a cut on screen: step through, reveal, move between sections."""

from __future__ import annotations

from tui_support import static_text, wait_for_screen

from trainer.practice.memorize import HIDDEN
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.memorize import MemorizeScreen
from trainer.tui.screens.recite import ReciteScreen

SIZE = (100, 34)


async def open_memorize(pilot, app) -> MemorizeScreen:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    await pilot.press("down", "down", "m")
    return await wait_for_screen(pilot, MemorizeScreen)  # type: ignore[return-value]


async def test_stepping_hides_more_words_and_the_same_step_looks_the_same(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_memorize(pilot, app)
        full = static_text(screen, "#memo-text")
        assert full.startswith("Broken widgets stop your line for hours.")
        assert "step 1 of 6" in static_text(screen, "#memo-head")
        await pilot.press("right")
        quarter = static_text(screen, "#memo-text")
        assert HIDDEN in quarter and quarter != full
        assert "25% hidden" in static_text(screen, "#memo-head")
        await pilot.press("right", "right")
        assert static_text(screen, "#memo-text").count(HIDDEN) > quarter.count(HIDDEN)
        await pilot.press("left", "left")
        assert static_text(screen, "#memo-text") == quarter
        assert "words hidden" in static_text(screen, "#memo-status")


async def test_space_reveals_one_word_and_a_reveals_the_section(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_memorize(pilot, app)
        await pilot.press("right", "right", "right", "right")  # first letters only
        assert "First letters" in static_text(screen, "#memo-head")
        initials = static_text(screen, "#memo-text")
        assert initials.startswith("B_____ w______")
        await pilot.press("space")
        assert static_text(screen, "#memo-text").startswith("Broken w______")
        await pilot.press("a")
        assert static_text(screen, "#memo-text").startswith("Broken widgets stop your line")


async def test_the_blank_step_shows_nothing_until_asked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_memorize(pilot, app)
        for _ in range(5):
            await pilot.press("right")
        assert "Blank" in static_text(screen, "#memo-head")
        assert static_text(screen, "#memo-text") == "…"
        await pilot.press("space", "space")
        assert static_text(screen, "#memo-text") == "Broken widgets …"
        await pilot.press("right")  # already the last step: a hint, nothing breaks
        assert any("last step" in str(n.message) for n in app._notifications)


async def test_next_section_and_buttons(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_memorize(pilot, app)
        await pilot.click("#harder")
        assert "step 2 of 6" in static_text(screen, "#memo-head")
        await pilot.click("#next-section")
        head = static_text(screen, "#memo-head")
        assert head.startswith("Ask") and "section 2 of 2" in head and "step 1 of 6" in head
        assert static_text(screen, "#memo-text") == "Can we run a two-week trial on your worst line?"
        await pilot.press("p")
        assert static_text(screen, "#memo-head").startswith("Hook")
        await pilot.press("r")
        await wait_for_screen(pilot, ReciteScreen)


async def test_a_demo_cue_stays_visible_while_memorizing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("down", "down", "down", "m")  # the demo cut
        screen = await wait_for_screen(pilot, MemorizeScreen)
        assert "Open the dashboard" in static_text(screen, "#memo-cue")
