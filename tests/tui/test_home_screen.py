"""The home screen: the library at a glance, practise next, problems, help, themes and the palette."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Tree
from tui_support import screen_text, static_text, wait_for, wait_for_screen

from trainer.library import load_library
from trainer.library.locate import bundled_library
from trainer.preferences import load_preferences
from trainer.tui.app import TrainerApp
from trainer.tui.help import HelpScreen
from trainer.tui.screens.drills import DrillsScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.objections import ObjectionsScreen
from trainer.tui.screens.problems import ProblemsScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.scenario import ScenarioScreen
from trainer.tui.screens.study import StudyScreen
from trainer.tui.widgets.library_tree import LibraryTree

SIZE = (100, 34)


async def test_home_lists_products_pitches_cuts_objections_drills_and_scenarios(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app.screen)
        for expected in ("Acme widgets", "Acme core pitch", "v2", "published", "30s cut", "demo cut",
                         "Objections", "Closed-question drills", "云迹核心话术", "Scenarios",
                         "Cold call to a plant manager"):
            assert expected in text, expected


async def test_moving_in_the_tree_describes_the_item(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")  # product → pitch → 30s cut
        details = static_text(app.screen, "#details")
        assert "Acme core pitch — 30s" in details
        assert "target 30 s" in details and "Hook" in details and "Ask" in details


async def test_enter_on_a_cut_opens_it_for_study_and_escape_comes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        study = await wait_for_screen(pilot, StudyScreen)
        assert "warn you days before they fail" in screen_text(study)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


async def test_r_on_a_cut_goes_straight_to_reciting(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "r")
        await wait_for_screen(pilot, ReciteScreen)


async def test_o_and_d_open_the_objection_cards_and_the_drills(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await wait_for_screen(pilot, ObjectionsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("d")
        await wait_for_screen(pilot, DrillsScreen)


async def test_a_scenario_opens_from_the_tree(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.query_one(LibraryTree)
        last = tree.last_line
        tree.cursor_line = last
        await pilot.press("enter")
        await wait_for_screen(pilot, ScenarioScreen)


async def test_practise_next_shows_what_was_practised_this_session(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "Nothing is due" in screen_text(app.screen)
        await pilot.press("down", "down", "m")  # memorize the 30s cut
        await pilot.pause()
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        text = screen_text(app.screen)
        assert "Nothing practised yet" not in text
        assert "practised just now" in text
        await pilot.press("n", "enter")  # focus "practise next" and open the item
        await wait_for_screen(pilot, StudyScreen)


async def test_help_lists_the_keys_of_the_screen_underneath(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        text = screen_text(help_screen)
        assert "Memorize" in text and "Objections" in text and "Jump to anything by name" in text
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("down", "down", "enter")
        await wait_for_screen(pilot, StudyScreen)
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        assert "What changed" in screen_text(help_screen)


async def test_the_palette_jumps_to_an_objection_by_fuzzy_name(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"twice what")
        await pilot.pause(0.3)
        await pilot.press("enter")
        cards = await wait_for_screen(pilot, ObjectionsScreen)
        await pilot.pause()
        assert "Your widgets cost twice what we pay now." in screen_text(cards)


async def test_the_palette_jumps_to_reciting_a_cut(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"recite acme demo")
        await pilot.pause(0.3)
        await pilot.press("enter")
        recite = await wait_for_screen(pilot, ReciteScreen)
        assert recite.cut_name == "demo"  # type: ignore[attr-defined]


async def test_the_chosen_theme_is_remembered(make_app, _config_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_preferences(_config_dir).theme == "nord"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


BROKEN_PITCH = """\
pitch: acme-core
version: 2
status: published
title: [unclosed
"""


async def test_a_broken_library_still_opens_and_lists_its_problems(library_root: Path, make_app) -> None:
    (library_root / "content/acme/pitches/acme-core/v2.yaml").write_text(BROKEN_PITCH, encoding="utf-8")
    (library_root / "content/acme/drills.yaml").write_text("product: acme\nversion: 1\ndrills: nope\n")
    library = load_library(library_root)
    assert library.errors
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home_text = screen_text(app.screen)
        assert "error" in home_text and "Press P" in home_text
        assert "Acme core pitch" in home_text  # v1 still loads
        await pilot.press("P")
        problems = await wait_for_screen(pilot, ProblemsScreen)
        rows = problems.shown  # type: ignore[attr-defined]
        assert any(row.startswith("error") and "acme-core/v2.yaml:" in row for row in rows)
        assert any("drills.yaml:3:9" in row and "expected a list" in row for row in rows)


async def test_an_empty_folder_opens_with_a_notice(tmp_path: Path) -> None:
    app = TrainerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("No content" in str(n.message) for n in app._notifications)


async def test_the_app_opens_on_the_bundled_sample_library() -> None:
    app = TrainerApp(bundled_library())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query(Tree))
        tree = app.screen.query_one(LibraryTree)
        assert tree.root.children, "the sample library should list at least one product"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


async def test_a_corrupt_or_unknown_theme_preference_falls_back_to_the_default(make_app, _config_dir: Path) -> None:
    _config_dir.mkdir(parents=True, exist_ok=True)
    (_config_dir / "preferences.json").write_text('{"theme": "no-such-theme"', encoding="utf-8")
    app = make_app()
    default = app.theme
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == default
        assert isinstance(app.screen, HomeScreen)


async def test_the_palette_finds_a_product_and_shows_it_in_the_library(make_app) -> None:
    from trainer.tui.widgets.library_tree import Group, LibraryTree

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("o")  # from another screen: the product opens on the home screen
        await wait_for_screen(pilot, ObjectionsScreen)
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"yun")
        await pilot.pause(0.3)
        await pilot.press("enter")
        home = await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        tree = home.query_one(LibraryTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == Group("product", "yun")
        assert tree.has_focus
