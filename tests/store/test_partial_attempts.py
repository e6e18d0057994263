"""A weak-spot drill's partial score is kept apart: it feeds the mistake memory, never the cut's score or card."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main
from trainer.library.item_ref import ItemRef
from trainer.store.database import PracticeStore

REF = ItemRef("pitch", "acme", "acme-core", "30s")


def test_a_partial_attempt_never_counts_as_the_cuts_score_or_review_but_feeds_trainer_mistakes(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    db = tmp_path / "p.sqlite3"
    with PracticeStore(db) as store:
        store.record_partial("dana", REF, mode="weak-spot", score=40,
                             breakdown={"mode": "weak-spot", "covered": [["Ask", 0, 10]],
                                        "marks": [["Ask", 9, "worst", "missed"]]},
                             attempt_text="Can we run a two-week trial on your line?",
                             started_at=dt.datetime.now(dt.UTC))
        assert store.attempts("dana") == [] and store.best_score("dana", REF) is None
        assert store.cards("dana") == {}
        [(_, mode, score, _)] = store.partial_attempts("dana", REF)
        assert (mode, score) == ("weak-spot", 40)
    result = CliRunner().invoke(main, ["mistakes", "--rep", "dana", "--pitch", "acme-core", "--format", "json",
                                       "--library", str(make_library()), "--db", str(db)])
    data = json.loads(result.stdout)
    assert [(w["word"], w["missed"]) for w in data["words"]] == [("worst", 1)]


def test_trainer_history_lists_a_drill_as_a_partial_drill_never_with_a_tier(tmp_path: Path) -> None:
    from trainer.store import NewAttempt

    db = tmp_path / "p.sqlite3"
    now = dt.datetime.now(dt.UTC)
    with PracticeStore(db) as store:
        store.record(NewAttempt(rep="dana", kind="pitch", item_id="acme-core", product="acme", cut="30s", score=62,
                                tier="Bronze", attempt_text="...", version=1, started_at=now - dt.timedelta(hours=1)))
        store.record_partial("dana", REF, mode="weak-spot", score=96, breakdown={"mode": "weak-spot"},
                             attempt_text="Can we run a two-week trial?", version=1, started_at=now)
    runner = CliRunner()
    text = runner.invoke(main, ["history", "--rep", "dana", "--db", str(db)]).output
    drill_line, cut_line = [line for line in text.splitlines() if "acme-core 30s" in line]
    assert "96" in drill_line and "partial drill" in drill_line and "Gold" not in drill_line
    assert "62" in cut_line and "Bronze" in cut_line
    records = json.loads(runner.invoke(main, ["history", "--rep", "dana", "--db", str(db), "--format", "json"]).output)
    assert [(r["record"], r["score"], r["tier"]) for r in records] == [("partial drill", 96, None),
                                                                     ("attempt", 62, "Bronze")]
    assert records[0]["mode"] == "weak-spot" and records[0]["cut"] == "30s"
