"""Served tabs (``trainer serve``) keep their settings for the session only: the server's shared
``preferences.json`` is neither changed by them nor imposed on them."""

from __future__ import annotations

from pathlib import Path

from tui_support import wait_for_screen

from trainer.tui.screens.rep_picker import RepPicker

SIZE = (100, 30)


async def test_two_served_tabs_change_the_theme_and_the_shared_file_is_untouched(make_app, _config_dir: Path) -> None:
    _config_dir.mkdir(parents=True)
    shared = _config_dir / "preferences.json"
    shared.write_text('{"theme": "gruvbox"}\n', encoding="utf-8")
    before = shared.read_bytes()
    for theme in ("nord", "dracula"):
        app = make_app(served=True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, RepPicker)  # a served tab first asks who is practising
            assert app.theme != "gruvbox"  # the server user's own choice is not imposed on the tab
            app.theme = theme
            await pilot.pause()
            assert app.theme == theme  # kept for the session
        assert shared.read_bytes() == before
    assert sorted(path.name for path in _config_dir.iterdir()) == ["preferences.json"]


async def test_a_served_tab_creates_no_preferences_file(make_app, _config_dir: Path) -> None:
    app = make_app(served=True)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert not (_config_dir / "preferences.json").exists()
