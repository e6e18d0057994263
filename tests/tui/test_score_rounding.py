"""One rounding rule for a whole-number score: 70.5 reads 71 in the app, in `trainer history` and in reports."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import DataTable
from tui_support import static_text, wait_for_screen

from trainer.cli import main
from trainer.scoring import score_text, whole_score
from trainer.store import PracticeStore
from trainer.store.attempts import NewAttempt
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.progress import ProgressScreen


def test_half_rounds_up_everywhere() -> None:
    assert [whole_score(s) for s in (70.5, 71.5, 70.4, 99.5, 0.0, 100.0)] == [71, 72, 70, 100, 0, 100]
    assert score_text(70.5) == "71" and score_text(None) == "—"


def _store_one(db: Path, score: float) -> None:
    store = PracticeStore(db)
    store.record(NewAttempt(rep="ann", kind="pitch", item_id="acme-core", product="acme", score=score,
                            tier="Bronze", attempt_text="…", cut="30s", version=2))
    store.close()


def test_history_prints_half_up(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    _store_one(db, 70.5)
    result = CliRunner().invoke(main, ["history", "--rep", "ann", "--db", str(db)], catch_exceptions=False)
    row = next(line for line in result.stdout.splitlines() if "acme-core" in line)
    assert " 71 " in f"{row} " and " 70 " not in f"{row} ", row


async def test_the_progress_screen_shows_the_same_number(make_app, tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    _store_one(db, 70.5)
    app = make_app(log=None, store=PracticeStore(db), rep="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("p")
        progress = await wait_for_screen(pilot, ProgressScreen)
        table = progress.query_one(DataTable)
        row = dict(zip((str(c.label) for c in table.ordered_columns), table.get_row_at(0), strict=True))
        assert (row["last"], row["best"]) == ("71", "71"), row
        assert "best 71" in static_text(progress, "#progress-item")
