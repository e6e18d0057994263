"""Pictures of every screen (pytest-textual-snapshot). Regenerate with ``pytest --snapshot-update`` and look
at the SVGs in ``__snapshots__`` before committing them.

The clock is frozen, shuffling is seeded and preferences live in a temporary folder, so the pictures only
change when the screens do.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_support import wait_for, wait_for_screen

from trainer.library import load_library
from trainer.library.item_ref import ItemRef
from trainer.tui.screens.drills import DrillsScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.memorize import MemorizeScreen
from trainer.tui.screens.objections import ObjectionsScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.scenario import ScenarioScreen
from trainer.tui.screens.study import StudyScreen
from trainer.tui.widgets.marked_script import MarkedScript

SMALL = (80, 24)
MEDIUM = (100, 30)
LARGE = (140, 40)
MISTAKES = (
    "Broken widgets stop your line for um hours. Acme widgets warn you before they fale. "
    "Can we run a trial on your best line?"
)


def open_ref(ref: ItemRef, mode: str, screen_type: type):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await wait_for_screen(pilot, HomeScreen)
        pilot.app.open_item(ref, mode)  # type: ignore[attr-defined]
        await wait_for_screen(pilot, screen_type)

    return run_before


PITCH_30S = ItemRef("pitch", "acme", "acme-core", "30s")


class TestHome:
    def test_home_small(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), terminal_size=SMALL, press=["down", "down"])

    def test_home_large(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), terminal_size=LARGE, press=["down", "down"])

    def test_help(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(make_app(), terminal_size=SMALL, press=["f1"])

    def test_problems(self, snap_compare, make_app, library_root: Path) -> None:  # type: ignore[no-untyped-def]
        (library_root / "content/acme/drills.yaml").write_text("product: acme\nversion: 1\ndrills: nope\n")
        assert snap_compare(make_app(load_library(library_root)), terminal_size=MEDIUM, press=["P"])


class TestPitch:
    def test_study_what_changed(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await open_ref(PITCH_30S, "study", StudyScreen)(pilot)
            await pilot.press("w")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=MEDIUM, run_before=run_before)

    def test_study_demo_cut(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        ref = ItemRef("pitch", "acme", "acme-core", "demo")
        assert snap_compare(make_app(), terminal_size=SMALL, run_before=open_ref(ref, "study", StudyScreen))

    def test_memorize_half_hidden(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await open_ref(PITCH_30S, "memorize", MemorizeScreen)(pilot)
            await pilot.press("right", "right", "space")

        assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)

    def test_recite_typing(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await open_ref(PITCH_30S, "recite", ReciteScreen)(pilot)
            pilot.app.screen.query_one(TextArea).text = MISTAKES
            await pilot.pause(0.4)  # let the word count catch up

        assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)

    def test_results(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await open_ref(PITCH_30S, "recite", ReciteScreen)(pilot)
            pilot.app.screen.query_one(TextArea).text = MISTAKES
            await pilot.press("ctrl+s")
            results = await wait_for_screen(pilot, ResultsScreen)
            await wait_for(pilot, lambda: results.query_one(MarkedScript).ready)
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=MEDIUM, run_before=run_before)

    def test_results_small(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await open_ref(PITCH_30S, "recite", ReciteScreen)(pilot)
            pilot.app.screen.query_one(TextArea).text = MISTAKES
            await pilot.press("ctrl+s")
            results = await wait_for_screen(pilot, ResultsScreen)
            await wait_for(pilot, lambda: results.query_one(MarkedScript).ready)
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


class TestPractice:
    def test_objection_answered(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            screen = await open_ref(ItemRef("objection", "acme", "too-expensive"), "study", ObjectionsScreen)(pilot)
            screen = pilot.app.screen
            screen.query_one("#answer", TextArea).text = "Downtime for one hour costs more than the widget itself."
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: screen.answered is not None)  # type: ignore[attr-defined]
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=MEDIUM, run_before=run_before)

    def test_drill_checked(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot: Pilot) -> None:
            await open_ref(ItemRef("drill", "acme", "who-signs"), "study", DrillsScreen)(pilot)
            screen = pilot.app.screen
            screen.query_one("#question", Input).value = "Is it you or procurement who signs the purchase order?"
            await pilot.press("enter")
            await wait_for(pilot, lambda: screen.checked is not None)  # type: ignore[attr-defined]
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)

    def test_scenario_summary(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        responses = [
            "Broken widgets stop your line for hours. Acme widgets warn you days before they fail. "
            "Can we run a trial on your line?",
            "Keep your supplier for standard parts; use us on the lines where failures hurt most.",
            "Who decides?",
        ]

        async def run_before(pilot: Pilot) -> None:
            await open_ref(ItemRef("scenario", "acme", "cold-call"), "study", ScenarioScreen)(pilot)
            screen = pilot.app.screen
            for number, response in enumerate(responses, 1):
                screen.query_one("#response", TextArea).text = response
                await pilot.press("ctrl+s")
                await wait_for(pilot, lambda n=number: screen.play.position == n)  # type: ignore[attr-defined]
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=MEDIUM, run_before=run_before)
