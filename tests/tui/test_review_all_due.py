""""Review all due" on the home screen walks the day's queue; the objection deck starts with its due cards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import Button
from tui_support import wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.preferences import update_preferences
from trainer.store.attempts import NewAttempt
from trainer.store.database import PracticeStore
from trainer.tui.screens.drills import DrillsScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.objections import ObjectionsScreen
from trainer.tui.screens.recite import ReciteScreen

NOW = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)
SMALL = (80, 24)
PITCH = ItemRef("pitch", "acme", "acme-core", "30s")


def practised(store: PracticeStore, ref: ItemRef, days_ago: float, score: float = 20) -> None:
    """A poor attempt ``days_ago``: its card is due the next day, so overdue by about ``days_ago - 1`` days."""
    store.record(NewAttempt(rep="ann", kind=ref.kind, item_id=ref.id, product=ref.product, cut=ref.cut, score=score,
                            tier="Keep practising", attempt_text="", started_at=NOW - dt.timedelta(days=days_ago)))


def app_with(make_app: Any, tmp_path: Path, *history: tuple[ItemRef, float]) -> Any:
    store = PracticeStore(tmp_path / "p.sqlite3")
    for ref, days_ago in history:
        practised(store, ref, days_ago)
    return make_app(store=store, log=None, now=lambda: NOW)


def messages(app: Any) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_review_all_opens_the_most_overdue_item_then_the_next_once_it_was_practised(make_app,
                                                                                          tmp_path: Path) -> None:
    app = app_with(make_app, tmp_path, (ItemRef("drill", "acme", "who-signs"), 4), (PITCH, 9))
    async with app.run_test(size=SMALL) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert "Review all due · 2" in str(home.query_one("#review-all", Button).label)
        await pilot.press("e")
        recite = await wait_for_screen(pilot, ReciteScreen)
        assert recite.cut_name == "30s"  # the pitch, 8 days overdue, before the drill
        app.record(PITCH, score=95, text="practised")
        app.pop_screen()
        drills = await wait_for_screen(pilot, DrillsScreen)
        assert drills.cards[drills.position].drill.id == "who-signs"  # type: ignore[attr-defined]


async def test_leaving_an_item_without_practising_stops_the_review(make_app, tmp_path: Path) -> None:
    app = app_with(make_app, tmp_path, (ItemRef("drill", "acme", "who-signs"), 4), (PITCH, 9))
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.click("#review-all")
        await wait_for_screen(pilot, ReciteScreen)
        app.pop_screen()
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Review stopped: 2 left today" in messages(app)


async def test_the_daily_limit_and_the_holiday_pause_are_the_reps_preferences(make_app, tmp_path: Path) -> None:
    update_preferences(review_limit=1)
    app = app_with(make_app, tmp_path, (ItemRef("drill", "acme", "who-signs"), 4), (PITCH, 9))
    async with app.run_test(size=SMALL) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert "Review all due · 1" in str(home.query_one("#review-all", Button).label)
    update_preferences(review_paused_until="2026-03-15")
    app = make_app(store=PracticeStore(tmp_path / "p.sqlite3"), log=None, now=lambda: NOW)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and "paused until 2026-03-15" in messages(app)


async def test_the_objection_deck_starts_with_its_due_cards(make_app, tmp_path: Path) -> None:
    app = app_with(make_app, tmp_path, (ItemRef("objection", "acme", "have-supplier"), 3),
                   (ItemRef("objection", "acme", "no-time"), 6))
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("o")
        deck = await wait_for_screen(pilot, ObjectionsScreen)
        assert [card.objection.id for card in deck.deck.order] == ["no-time", "have-supplier", "too-expensive"]


async def test_review_all_hands_out_the_assignment_first_and_no_more_than_the_daily_cap(
    make_app, tmp_path: Path, library_root: Path
) -> None:
    from trainer.library import load_library
    from trainer.store.assignments import StoredAssignment

    (library_root / "roster.yaml").write_text(
        "teams:\n  - id: north\n    members: [ann]\npolicy:\n  workload:\n    daily_items: 2\n", encoding="utf-8"
    )
    store = PracticeStore(tmp_path / "p.sqlite3")
    for ref, days_ago in ((ItemRef("drill", "acme", "who-signs"), 4), (PITCH, 9)):
        practised(store, ref, days_ago)
    assigned = ItemRef("objection", "acme", "no-time")
    store.assign([StoredAssignment(rep="ann", item=assigned, due=NOW.date() + dt.timedelta(days=2), min_score=90,
                                   assigned_at=NOW)])
    app = make_app(load_library(library_root), store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SMALL) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        entry = home.query_one("#review-all", Button)
        assert "Review all due · 2" in str(entry.label)  # 3 open, the cap is 2
        assert str(entry.tooltip) == ("3 due: 2 today (1 assigned, 1 review(s)), the rest spread over 1 day, "
                                      "most overdue first.")
        await pilot.press("e")
        deck = await wait_for_screen(pilot, ObjectionsScreen)  # the assignment comes before any review
        assert "spread over 1 day" in messages(app)
        assert deck.deck.order[deck.deck.position].objection.id == "no-time"  # type: ignore[attr-defined]
