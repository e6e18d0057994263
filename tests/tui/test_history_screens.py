"""Practice that lasts: attempts made in the app are stored, the home screen says what is due, the results
show the previous best, the progress screen shows the history, and a rep can switch profiles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Input, TextArea
from tui_support import screen_text, static_text, wait_for, wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.store import PracticeStore
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.objections import ObjectionsScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.rep_picker import RepPicker
from trainer.tui.screens.results import ResultsScreen

SIZE = (100, 34)
GOOD = (
    "Broken widgets stop your line for hours. Acme widgets warn you days before they fail. "
    "Can we run a two-week trial on your worst line?"
)
WEAK = "Broken widgets stop your line. Can we run a trial?"


class Wall:
    """Wall time that tests move forward, e.g. from Monday to Wednesday."""

    def __init__(self) -> None:
        self.at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.at


async def recite(pilot, text: str) -> ResultsScreen:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    pilot.app.open_item(ItemRef("pitch", "acme", "acme-core", "30s"), "recite")
    screen = await wait_for_screen(pilot, ReciteScreen)
    screen.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    return await wait_for_screen(pilot, ResultsScreen)  # type: ignore[return-value]


async def test_attempts_are_stored_and_the_results_show_the_previous_best(make_app, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "practice.sqlite3")
    app = make_app(log=None, store=store, rep="ann", now=Wall())
    async with app.run_test(size=SIZE) as pilot:
        results = await recite(pilot, GOOD)
        assert "First scored attempt" in static_text(results, "#summary")
        await pilot.press("r")  # retry, worse this time
        screen = await wait_for_screen(pilot, ReciteScreen)
        screen.query_one(TextArea).text = WEAK
        await pilot.press("ctrl+s")
        results = await wait_for_screen(pilot, ResultsScreen)
        await wait_for(pilot, lambda: "Previous best 100" in static_text(results, "#summary"))
    stored = store.attempts("ann")
    assert [a.attempt_text for a in stored] == [GOOD, WEAK]
    assert stored[0].score == 100 and stored[0].version == 2 and stored[0].content_hash
    assert stored[1].breakdown["key_phrases"][0]["found"] is False  # the breakdown is kept


async def test_on_wednesday_the_home_screen_says_what_is_due(make_app, tmp_path: Path) -> None:
    db = tmp_path / "practice.sqlite3"
    wall = Wall()
    monday = make_app(log=None, store=PracticeStore(db), rep="ann", now=wall)
    async with monday.run_test(size=SIZE) as pilot:
        await recite(pilot, WEAK)  # a weak attempt: due again soon
    wall.at += dt.timedelta(days=2)
    wednesday = make_app(log=None, store=PracticeStore(db), rep="ann", now=wall)  # the app was closed
    async with wednesday.run_test(size=SIZE) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        text = screen_text(home)
        first_due = text.split("Practise next · ann", 1)[1]
        assert "overdue" in first_due.split("\n", 3)[2]
        assert "Acme core pitch — 30s" in first_due.split("overdue")[0]


async def test_objection_self_rating_is_stored_on_the_answer(make_app, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "practice.sqlite3")
    app = make_app(log=None, store=store, rep="ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("o")
        cards = await wait_for_screen(pilot, ObjectionsScreen)
        cards.query_one("#answer", TextArea).text = "One hour of downtime costs more than a widget."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: cards.answered is not None)
        await pilot.press("2")  # Hard
        await wait_for(pilot, lambda: store.attempts("ann") and store.attempts("ann")[0].rating == 2)
    attempt = store.attempts("ann")[0]
    assert attempt.kind == "objection" and attempt.attempt_text.startswith("One hour")
    assert store.cards("ann"), "the self-rating scheduled the card"


async def test_progress_screen_lists_history_and_weak_phrases(make_app, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "practice.sqlite3")
    app = make_app(log=None, store=store, rep="ann")
    async with app.run_test(size=SIZE) as pilot:
        await recite(pilot, WEAK)
        await pilot.press("b")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("p")
        progress = await wait_for_screen(pilot, ProgressScreen)
        table = progress.query_one(DataTable)
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert (str(row[0]), str(row[-1])) == ("Acme core pitch — 30s", "pitch")  # cells from content are Text
        text = screen_text(progress)
        assert "This week 1 attempt" in text
        assert "two-week trial — missed 1×" in text


async def test_switching_rep_keeps_histories_apart(make_app, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "practice.sqlite3")
    app = make_app(log=None, store=store, rep="ann")
    async with app.run_test(size=SIZE) as pilot:
        await recite(pilot, GOOD)
        await pilot.press("b")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("u")
        picker = await wait_for_screen(pilot, RepPicker)
        picker.query_one(Input).value = ""
        await pilot.press(*"bob", "enter")
        home = await wait_for_screen(pilot, HomeScreen)
        assert app.rep == "bob" and "rep: bob" in home.sub_title
        await recite(pilot, WEAK)
    assert [a.rep for a in store.attempts()] == ["ann", "bob"]
    assert store.reps() == ["ann", "bob"]


async def test_a_served_session_asks_who_is_practising_first(make_app, tmp_path: Path) -> None:
    app = make_app(log=None, store=PracticeStore(tmp_path / "p.db"), rep="server-user", served=True)
    async with app.run_test(size=SIZE) as pilot:
        picker = await wait_for_screen(pilot, RepPicker)
        await pilot.press("escape")  # not allowed to skip
        assert isinstance(app.screen, RepPicker)
        assert "Pick a name" in static_text(picker, "#rep-error")
        await pilot.press(*"dana", "enter")
        await wait_for_screen(pilot, HomeScreen)
        assert app.rep == "dana"


async def test_at_120x40_the_scores_show_beside_the_item_and_its_own_missed_phrases(make_app, tmp_path: Path) -> None:
    from trainer.store.attempts import NewAttempt

    store = PracticeStore(tmp_path / "practice.sqlite3")
    long_title = "Acme core pitch — 30s"
    store.record(NewAttempt(rep="ann", kind="objection", item_id="too-expensive", product="acme", score=40.0,
                            tier="Keep practising", attempt_text="…",
                            breakdown={"key_points": [{"point": "total cost of ownership", "covered": False}]}))
    app = make_app(log=None, store=store, rep="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await recite(pilot, WEAK)  # misses "two-week trial"; the newest item, so it is selected
        await pilot.press("b")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("p")
        progress = await wait_for_screen(pilot, ProgressScreen)
        table = progress.query_one(DataTable)
        visible_right = table.region.right
        x = table.region.x - int(table.scroll_x)
        for column in table.ordered_columns:
            right = x + column.get_render_width(table)
            if str(column.label) in ("last", "best", "tier"):
                assert right <= visible_right, f"{column.label} is hidden behind the detail panel"
            x = right
        assert str(table.get_row_at(0)[0]) == long_title
        item_panel = static_text(progress, "#progress-item-missed")
        assert "two-week trial" in item_panel and "total cost of ownership" not in item_panel
        await pilot.press("down")  # the objection
        await pilot.pause()
        item_panel = static_text(progress, "#progress-item-missed")
        assert "total cost of ownership" in item_panel and "two-week trial" not in item_panel
