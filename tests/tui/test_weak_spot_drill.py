"""The weak-spot drill: the shakiest sentences first, a partial score kept as a drill, then the whole cut."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_mistake_map import NOW, REF, RIGHT, SMALL, make, open_study, practised
from textual.widgets import TextArea
from tui_support import static_text, wait_for_screen

from trainer.practice.mistakes import build_mistake_map
from trainer.store.database import PracticeStore
from trainer.tui.mistake_history import mistake_history
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.weak_spots import WeakSpotScreen


def worst_weight(app: Any) -> float:
    cut = app.library.pitch("acme-core").version(2).cuts.get("30s")
    return next(w.weight for w in build_mistake_map(cut, mistake_history(app, REF), NOW).words if w.text == "worst")


async def test_k_drills_the_shakiest_sentence_keeps_the_score_as_a_drill_then_recites_the_whole_cut(
    make_app: Any,
) -> None:
    app = make(make_app)
    practised(app, (2, RIGHT.replace(" worst", "")), (1, RIGHT.replace(" worst", "")))
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pilot.press("k")
        drill = await wait_for_screen(pilot, WeakSpotScreen)
        cues = static_text(drill, "#weak-cues")
        assert "1. Ask" in cues and "starts “Can …”" in cues and "worst" not in cues  # recall, not reading
        before = worst_weight(app)
        drill.query_one(TextArea).text = "Can we run a two-week trial on your worst line?"
        await pilot.press("ctrl+s")
        # The drill rolls into the whole cut by itself, its score shown as a drill's, not the cut's.
        recite = await wait_for_screen(pilot, ReciteScreen)
        lead = static_text(recite, "#recite-lead")
        assert "Drill score 100" in lead and "not your score for the cut" in lead and "now the whole cut" in lead
        assert recite.query_one("#attempt", TextArea).text == ""  # the whole cut is recited afresh
        assert len(app.practice_log.attempts(REF)) == 2  # not an attempt at the cut
        assert worst_weight(app) < before  # but the mistake memory learnt from it


async def test_ctrl_n_skips_the_drill_to_the_whole_cut(make_app: Any) -> None:
    app = make(make_app)
    practised(app, (1, RIGHT.replace(" worst", "")))
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pilot.press("k")
        await wait_for_screen(pilot, WeakSpotScreen)
        await pilot.press("ctrl+n")
        recite = await wait_for_screen(pilot, ReciteScreen)
        assert not recite.query("#recite-lead")  # no drill was scored: nothing to report


async def test_a_drill_is_stored_apart_from_the_cuts_attempts(make_app: Any, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    app = make_app(store=store, log=None, now=lambda: NOW)
    practised(app, (1, RIGHT.replace(" worst", "")))
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pilot.press("k")
        drill = await wait_for_screen(pilot, WeakSpotScreen)
        drill.query_one(TextArea).text = "Can we run a two-week trial on your line?"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [(_, mode, score, breakdown)] = store.partial_attempts("ann", REF)
    assert mode == "weak-spot" and score < 100 and ["Ask", 9, "worst", "missed"] in breakdown["marks"]
    [full] = store.attempts("ann", key=REF)
    assert store.best_score("ann", REF) == full.score > score  # the drill is not the cut's score


async def test_with_no_mistakes_the_drill_sends_the_rep_to_the_whole_cut(make_app: Any) -> None:
    async with make(make_app).run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pilot.press("k")
        drill = await wait_for_screen(pilot, WeakSpotScreen)
        assert "No weak spots yet" in static_text(drill, "#weak-head")
