"""The practice database failing under the app: the rep is told, keeps what they typed, and never sees a traceback.

The database is a real file; another connection breaks it while the app runs (a table dropped), the way a
sync tool, a full disk or a damaged file would surprise a rep mid-session.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_support import wait_for_screen

from trainer.store import PracticeStore
from trainer.tui.app import TrainerApp
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.results import ResultsScreen

SIZE = (100, 34)
ATTEMPT = "Broken widgets stop your line for hours. Can we run a trial on your worst line?"


def drop_table(db: Path, table: str) -> None:
    with closing(sqlite3.connect(db)) as other:
        other.execute(f"DROP TABLE {table}")


async def test_an_attempt_that_cannot_be_saved_is_announced_and_its_text_kept(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.sqlite3"
    store = PracticeStore(db)
    app = make_app(log=None, store=store, rep="ann")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("down", "down", "r")
        recite = await wait_for_screen(pilot, ReciteScreen)
        drop_table(db, "cards")
        recite.query_one(TextArea).text = ATTEMPT
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ResultsScreen)
        [message] = [str(n.message) for n in app._notifications if n.title == "Not saved"]
        assert message.startswith("This attempt was NOT saved: the practice database")
        assert f"{db} is damaged (no such table: cards)" in message
        assert "keep the file" in message and "Your text is still on the screen" in message
        await pilot.press("escape")
        await wait_for_screen(pilot, ReciteScreen)
        assert recite.query_one(TextArea).text == ATTEMPT  # to copy, or to submit again once the disk is fixed
    store.close()
    with closing(sqlite3.connect(db)) as check:
        assert check.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0  # rolled back whole


def test_a_database_that_fails_a_screen_ends_the_app_with_its_message_not_a_crash_report(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    logs = tmp_path / "logs"
    monkeypatch.setenv("TRAINER_LOG_DIR", str(logs))
    db = tmp_path / "p.sqlite3"
    store = PracticeStore(db)
    app: TrainerApp = make_app(log=None, store=store, rep="ann")

    async def break_it(pilot: Pilot) -> None:
        await wait_for_screen(pilot, HomeScreen)
        drop_table(db, "attempts")
        await pilot.app.push_screen(ProgressScreen())  # reads the rep's attempts

    app.run(headless=True, size=SIZE, auto_pilot=break_it)
    store.close()

    assert app.return_code == 1
    err = capsys.readouterr().err
    assert f"Error: the practice database {db} is damaged" in err.replace("\n", "")
    assert "Traceback" not in err and "unexpected error" not in err
    assert not logs.exists() or not list(logs.glob("crash-*.log"))  # a user error, not a bug to report
