"""A running app picks up a library changed on disk (``trainer sync``, ``trainer publish``) without a restart:
it tells the rep, the next screen opened shows the new version, an attempt in progress is kept and scored on the
version it started on, assignments re-open for the new version, and broken files keep the old library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import OBJECTIONS, PITCH_V3, write_library
from textual.widgets import OptionList, TextArea
from tui_support import wait_for, wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.store import NewAttempt, PracticeStore
from trainer.store.assignments import StoredAssignment
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.objections import ObjectionsScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.results import ResultsScreen

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
CUT = ItemRef("pitch", "acme", "acme-core", "30s")
V3_PUBLISHED = PITCH_V3.replace("status: draft", "status: published")
V2_30S = ("Broken widgets stop your line for hours. Acme widgets warn you days before they fail. "
          "Can we run a two-week trial on your worst line?")


def notifications(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


def store_with_done_assignment(tmp_path: Path) -> PracticeStore:
    """ann was assigned the 30s cut and reached Gold on v2: done, until a new version is published."""
    store = PracticeStore(tmp_path / "p.sqlite3")
    store.assign([StoredAssignment(rep="ann", item=CUT, due=dt.date(2026, 11, 27), min_score=90, assigned_at=NOW)])
    store.record(NewAttempt(rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s", version=2,
                            score=95, tier="Gold", attempt_text="...", started_at=NOW - dt.timedelta(days=1)))
    return store


async def test_a_published_version_on_disk_reaches_the_running_app(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    root = write_library(tmp_path / "lib", {"content/acme/pitches/acme-core/v3.yaml": None})
    store = store_with_done_assignment(tmp_path)
    app = make_app(root, store=store, log=None, now=lambda: NOW, watch_library=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert home.query_one("#assigned", OptionList).option_count == 0  # done on v2
        app.open_item(CUT, "recite")
        recite = await wait_for_screen(pilot, ReciteScreen)
        recite.query_one(TextArea).insert(V2_30S)

        (root / "content/acme/pitches/acme-core/v3.yaml").write_text(V3_PUBLISHED, encoding="utf-8")
        await wait_for(pilot, lambda: "Library updated: Acme core pitch v3" in notifications(app), timeout=10)

        assert app.screen is recite  # the attempt in progress is still there, text and all
        assert recite.query_one(TextArea).text == V2_30S
        await pilot.press("ctrl+s")
        results = await wait_for_screen(pilot, ResultsScreen)
        assert results.version_number == 2
        [attempt] = [a for a in store.attempts("ann") if a.started_at > NOW - dt.timedelta(hours=1)]
        assert attempt.version == 2 and attempt.score == 100

        app.pop_screen()
        app.pop_screen()
        home = await wait_for_screen(pilot, HomeScreen)
        await wait_for(pilot, lambda: home.query_one("#assigned", OptionList).option_count == 1)
        assert "Acme core pitch — 30s" in str(home.query_one("#assigned", OptionList).get_option_at_index(0).prompt)
        app.open_item(CUT, "recite")
        again = await wait_for_screen(pilot, ReciteScreen)
        assert again.version_number == 3


async def test_broken_files_keep_the_old_library_and_say_so(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    root = write_library(tmp_path / "lib")
    app = make_app(root, watch_library=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        running = app.library
        (root / "content/acme/objections.yaml").write_text(
            OBJECTIONS.replace("category: price", "categroy: price"), encoding="utf-8"
        )
        await wait_for(pilot, lambda: any("Still using the library as it was" in n for n in notifications(app)))
        assert app.library is running
        kept = app.library.products["acme"].objections
        assert kept is not None and len(kept.objections) == 3
        assert any("objections.yaml:4:5: missing required key 'category'" in n and "1 more" in n
                   for n in notifications(app))


async def test_an_unchanged_library_is_not_reloaded(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    root = write_library(tmp_path / "lib")
    app = make_app(root, watch_library=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        running = app.library
        await pilot.pause(0.4)
        assert app.library is running
        assert not any("Library" in n for n in notifications(app))


async def test_an_objection_answered_across_a_reload_counts_for_the_version_shown(tmp_path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    root = write_library(tmp_path / "lib")
    store = PracticeStore(tmp_path / "p.sqlite3")
    app = make_app(root, store=store, log=None, now=lambda: NOW, watch_library=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("o")
        cards = await wait_for_screen(pilot, ObjectionsScreen)
        (root / "content/acme/objections.yaml").write_text(OBJECTIONS.replace("version: 1", "version: 2"),
                                                           encoding="utf-8")
        await wait_for(pilot, lambda: "Library updated: Acme widgets objections v2" in notifications(app))
        cards.query_one("#answer", TextArea).text = "One hour of downtime costs more than a widget."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: cards.answered is not None)
        [attempt] = store.attempts("ann")
        assert attempt.kind == "objection" and attempt.version == 1
