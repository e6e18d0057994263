"""A recitation beyond the scorer's limit is refused with the limit named, and the rep keeps what they typed."""

from __future__ import annotations

from textual.widgets import TextArea
from tui_support import wait_for, wait_for_screen

from trainer.scoring import MAX_WORDS
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.recite import ReciteScreen

SIZE = (100, 34)


async def test_a_recitation_too_long_to_score_is_refused_and_kept(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    too_long = "\n".join(" ".join(["word"] * 100) for _ in range(MAX_WORDS // 100 + 1))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("down", "down", "r")
        recite = await wait_for_screen(pilot, ReciteScreen)
        recite.query_one(TextArea).text = too_long
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(n.title == "Scoring failed" for n in app._notifications), timeout=30)
        [message] = [str(n.message) for n in app._notifications if n.title == "Scoring failed"]
        assert f"the attempt is too long to score: {MAX_WORDS + 100:,} words" in message
        assert app.screen is recite and recite.query_one(TextArea).text == too_long
