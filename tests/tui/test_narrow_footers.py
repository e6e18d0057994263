"""At 80×24 every key the footer shows fits on the line: none hides behind the palette key or the edge.

Keys left out of a narrow footer are still in F1 help and the command palette.
"""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey
from tui_support import wait_for_screen

from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.home import HomeScreen

SMALL = (80, 24)


def overflowing(screen: TrainerScreen) -> list[str]:
    """The footer keys that do not fit whole before the palette key."""
    keys = [key for key in screen.query(FooterKey) if key.display]
    palette = [key for key in keys if key.key == "ctrl+p"]
    limit = palette[0].region.x if palette else SMALL[0]
    return [f"{key.key} {key.description}" for key in keys if key not in palette and key.region.right > limit]


@pytest.mark.parametrize("keys", [(), ("o",), ("d",), ("p",), ("s",)], ids=["home", "objections", "drills",
                                                                           "progress", "team-setup"])
async def test_the_footer_fits_at_80_columns(make_app, keys: tuple[str, ...]) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press(*keys)
        await pilot.pause(0.2)
        assert overflowing(app.screen) == []  # type: ignore[arg-type]


async def test_keys_left_out_of_the_footer_are_still_in_help(make_app) -> None:
    from tui_support import screen_text

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("f1")
        await pilot.pause(0.2)
        text = screen_text(app.screen)
        assert "Team session" in text and "Problems" in text
