"""The progress screen shows whether the schedule has been honest for this rep, and their drills as drills."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tui_support import static_text, wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.store import NewAttempt, PracticeStore
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.progress import ProgressScreen

REF = ItemRef("pitch", "acme", "acme-core", "30s")
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def recited(store: PracticeStore, score: float, days: float, item: str = "acme-core") -> None:
    store.record(NewAttempt(rep="ann", kind="pitch", item_id=item, product="acme", cut="30s", score=score,
                            tier="-", attempt_text="...", version=1, content_hash="h",
                            started_at=T0 + dt.timedelta(days=days)))


async def test_progress_shows_predicted_against_actual_recall_and_partial_drills(make_app: Any, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    recited(store, 80, 0)  # Good
    recited(store, 80, 1)  # a day later, predicted 95% (see tests/practice/test_schedule_fit.py): recalled
    recited(store, 80, 0, item="other")
    recited(store, 20, 30, item="other")  # thirty days later, predicted 67%: forgotten (Again)
    store.record_partial("ann", REF, mode="weak-spot", score=96, breakdown={"mode": "weak-spot"},
                         attempt_text="Can we run a two-week trial?", version=1, started_at=T0 + dt.timedelta(days=2))
    app = make_app(log=None, store=store, rep="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("p")
        progress = await wait_for_screen(pilot, ProgressScreen)
        panel = static_text(progress, "#progress-schedule")
        assert "Schedule check · FSRS defaults" in panel
        assert "60–70%           1       67%        0%" in panel and "90–100%          1       95%      100%" in panel
        assert "log-loss 0.578" in panel
        progress.query_one("#progress-table").move_cursor(row=1)  # acme-core, the older item
        await pilot.pause()
        item = static_text(progress, "#progress-item")
        assert "partial drills: 96 (weak spots only, not the cut's score)" in item
        assert "best 80" in item  # the drill's 96 is not the cut's best
