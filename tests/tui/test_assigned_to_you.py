"""The home screen's "Assigned to you": first on the right, due dates shown, overdue flagged, and picking one
(keyboard or mouse) starts that practice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import OBJECTIONS, write_library
from textual.widgets import OptionList
from tui_support import screen_text, wait_for_screen

from trainer.library import Library, load_library
from trainer.library.item_ref import ItemRef
from trainer.store import NewAttempt, PracticeStore
from trainer.store.assignments import StoredAssignment
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.objections import ObjectionsScreen
from trainer.tui.screens.recite import ReciteScreen

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # a Monday
CUT = ItemRef("pitch", "acme", "acme-core", "30s")
DEMO = ItemRef("pitch", "acme", "acme-core", "demo")
OBJECTION = ItemRef("objection", "acme", "too-expensive")
SIZE = (120, 40)


def assign(store: PracticeStore, item: ItemRef, due: dt.date, rep: str = "ann", min_score: float = 90) -> None:
    store.assign([StoredAssignment(rep=rep, item=item, due=due, min_score=min_score, assigned_at=NOW)])


def assigned_store(tmp_path: Path) -> PracticeStore:
    store = PracticeStore(tmp_path / "p.sqlite3")
    assign(store, CUT, dt.date(2026, 11, 27))  # Friday: open
    assign(store, OBJECTION, dt.date(2026, 11, 20), min_score=75)  # last Friday: overdue
    assign(store, DEMO, dt.date(2026, 11, 27))  # done below, so not listed
    assign(store, ItemRef("drill", "acme", "who-signs"), dt.date(2026, 11, 20), rep="bob")  # someone else's
    store.record(NewAttempt(rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="demo", version=2,
                            score=93, tier="Gold", attempt_text="...", started_at=NOW - dt.timedelta(days=1)))
    return store


def assigned_prompts(home: HomeScreen) -> list[str]:
    options = home.query_one("#assigned", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_assigned_work_is_listed_first_overdue_flagged_done_left_out(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    store = assigned_store(tmp_path)
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        text = screen_text(home)
        assert text.index("Assigned to you · 2 · 1 overdue") < text.index("Practise next")
        prompts = assigned_prompts(home)
        assert len(prompts) == 2
        assert "Your widgets cost twice" in prompts[0] and "⚠ overdue since Fri 20 Nov" in prompts[0]
        assert "reach 75" in prompts[0]
        assert "Acme core pitch — 30s" in prompts[1] and "due Fri 27 Nov" in prompts[1]
        assert "who-signs" not in text and "demo" not in " ".join(prompts)
    store.close()


async def test_a_and_enter_start_the_overdue_assignment(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    store = assigned_store(tmp_path)
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("a", "enter")
        await wait_for_screen(pilot, ObjectionsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("a", "down", "enter")
        recite = await wait_for_screen(pilot, ReciteScreen)
        assert recite.cut_name == "30s"  # type: ignore[attr-defined]
    store.close()


async def test_clicking_an_assignment_starts_it(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    store = assigned_store(tmp_path)
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.click("#assigned", offset=(4, 2))  # the second entry: each is two lines
        recite = await wait_for_screen(pilot, ReciteScreen)
        assert recite.cut_name == "30s"  # type: ignore[attr-defined]
    store.close()


async def test_no_assignments_no_section(tmp_path: Path, make_app, library: Library) -> None:  # type: ignore[no-untyped-def]
    store = PracticeStore(tmp_path / "p.sqlite3")
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert "Assigned to you" not in screen_text(home)
    store.close()


async def test_an_item_the_library_lost_is_named_by_its_id(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    store = PracticeStore(tmp_path / "p.sqlite3")
    assign(store, ItemRef("drill", "gone", "gone-drill"), dt.date(2026, 11, 30))
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert "gone-drill" in assigned_prompts(home)[0]
    store.close()


async def test_markup_in_a_title_is_shown_as_text(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    hostile = OBJECTIONS.replace("Your widgets cost twice what we pay now.", "'[bold red]Too dear[/]'")
    root = write_library(tmp_path / "lib", {"content/acme/objections.yaml": hostile})
    store = PracticeStore(tmp_path / "p.sqlite3")
    assign(store, OBJECTION, dt.date(2026, 11, 30))
    app = make_app(load_library(root), store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert "[bold red]Too dear[/]" in assigned_prompts(home)[0]
    store.close()
