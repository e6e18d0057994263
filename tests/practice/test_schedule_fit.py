"""Scheduling from the rep's own history: the calibration table on a hand-checked series, and the fit."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from trainer.cli import main
from trainer.practice.schedule_fit import MIN_REVIEWS, calibrate, fit, predictions
from trainer.store import NewAttempt, PracticeStore
from trainer.store.scheduling import AGAIN, GOOD, new_card, review

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def test_calibration_of_a_hand_checked_series() -> None:
    """With FSRS-6's defaults, a first Good gives stability w[2] = 2.3065 days; retrievability after t days is
    (1 + F·t/S)^D with D = −w[20] = −0.1542 and F = 0.9^(1/D) − 1 = 0.98035. So a review a day later was
    predicted at (1 + 0.98035/2.3065)^−0.1542 = 0.9468, one 30 days later at (1 + 30·0.98035/2.3065)^−0.1542
    = 0.6675. Same-day repeats and reviews of changed words are not predictions."""
    log = {
        "a": [(GOOD, day(0), "h"), (GOOD, day(1), "h")],  # recalled at 0.9468
        "b": [(GOOD, day(0), "h"), (AGAIN, day(30), "h")],  # forgotten at 0.6675
        "c": [(GOOD, day(0), "h"), (GOOD, day(0.1), "h")],  # the same day: not counted
        "d": [(GOOD, day(0), "h"), (GOOD, day(5), "new words")],  # a fresh card: nothing to predict
    }
    found = predictions(log)
    assert [(p.key, round(p.predicted, 4), p.recalled) for p in found] == [("a", 0.9468, True), ("b", 0.6675, False)]
    table = calibrate(found)
    assert [(b.label, b.count, round(b.predicted, 4), b.actual) for b in table.buckets] == [
        ("60–70%", 1, 0.6675, 0.0),
        ("90–100%", 1, 0.9468, 1.0),
    ]
    assert table.reviews == 2
    assert table.log_loss == pytest.approx((-math.log(0.94685) - math.log(1 - 0.66753)) / 2, abs=1e-4)  # 0.5779
    assert table.rmse == pytest.approx(math.sqrt(((0.94685 - 1) ** 2 + 0.66753**2) / 2), abs=1e-4)  # 0.4735


def forgetful_rep(items: int = 40, per_item: int = 6, seed: int = 7) -> dict[str, list[tuple[int, dt.datetime, str]]]:
    """A scripted rep who forgets faster than FSRS's defaults expect: most gaps over three days end in Again.
    Each review is taken when the default schedule says it is due."""
    rng = random.Random(seed)
    log: dict[str, list[tuple[int, dt.datetime, str]]] = {}
    for item in range(items):
        card, when, reviews = new_card(), T0 + dt.timedelta(hours=item), []
        for number in range(per_item):
            rating = GOOD
            if number:
                gap = max((card.due - when).days, 1)
                when += dt.timedelta(days=gap)
                rating = AGAIN if gap > 3 and rng.random() < 0.7 else GOOD
            reviews.append((rating, when, "h"))
            card = review(card, rating, when)
        log[f"pitch:acme:p{item}:30s"] = reviews
    return log


def test_below_the_threshold_the_fit_says_how_many_more_reviews_are_needed() -> None:
    log = dict(list(forgetful_rep().items())[:3])  # 3 items × 5 counted reviews
    result = fit(log)
    assert (result.reviews, result.parameters, result.needed) == (15, None, MIN_REVIEWS - 15)


def test_a_fit_to_a_forgetful_rep_predicts_their_reviews_better_than_the_defaults() -> None:
    pytest.importorskip("fsrs_rs_python", reason="the [optimizer] extra (fsrs-rs-python) is not installed")
    result = fit(forgetful_rep())
    assert result.reviews == 200 and result.parameters is not None and result.after is not None
    assert result.improved
    assert result.before.log_loss is not None and result.after.log_loss is not None
    assert result.after.log_loss < result.before.log_loss


def record_log(db: Path, log: dict[str, list[tuple[int, dt.datetime, str]]], rep: str = "ann") -> None:
    """Store a scripted review log as the rep's attempts (each item a pitch cut of its own)."""
    with PracticeStore(db) as store:
        for key, reviews in log.items():
            for rating, when, digest in reviews:
                store.record(NewAttempt(rep=rep, kind="pitch", item_id=key.split(":")[2], product="acme", cut="30s",
                                        score=80, tier="-", attempt_text="...", started_at=when,
                                        content_hash=digest, rating=rating))


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, ["schedule", *args])
    assert result.exit_code == 0, result.output
    return result


def test_schedule_fit_below_the_threshold_says_how_many_more_reviews_are_needed(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    record_log(db, dict(list(forgetful_rep().items())[:3]))
    result = run("fit", "--rep", "ann", "--db", str(db))
    assert f"15 reviews on a later day than the item's previous one; a fit needs {MIN_REVIEWS}: " \
           f"{MIN_REVIEWS - 15} more" in result.output
    with PracticeStore(db) as store:
        assert store.schedule_parameters("ann") is None


def test_schedule_check_shows_predicted_against_actual_recall_of_the_stored_reviews(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    record_log(db, {"pitch:acme:a:30s": [(GOOD, day(0), "h"), (GOOD, day(1), "h")],
                    "pitch:acme:b:30s": [(GOOD, day(0), "h"), (AGAIN, day(30), "h")]})
    data = json.loads(run("check", "--rep", "ann", "--db", str(db), "--format", "json").output)
    assert (data["fitted"], data["reviews"], data["log_loss"]) == (False, 2, 0.5779)
    assert [(b["bucket"], b["reviews"], b["predicted"], b["actual"]) for b in data["buckets"]] == [
        ("60–70%", 1, 0.6675, 0.0), ("90–100%", 1, 0.9468, 1.0)]
    text = run("check", "--rep", "ann", "--db", str(db)).output
    assert "ann: FSRS's default schedule, predicted against actual recall" in text
    assert "90–100%          1       95%      100%" in text


def test_a_kept_fit_reschedules_the_rep_and_check_then_uses_it(tmp_path: Path) -> None:
    pytest.importorskip("fsrs_rs_python", reason="the [optimizer] extra (fsrs-rs-python) is not installed")
    db = tmp_path / "p.sqlite3"
    record_log(db, forgetful_rep())
    record_log(db, dict(list(forgetful_rep(seed=8).items())[:2]), rep="bob")
    with PracticeStore(db) as store:
        before, bobs = store.cards("ann"), store.cards("bob")
    data = json.loads(run("fit", "--rep", "ann", "--db", str(db), "--format", "json").output)
    assert data["kept"] and data["reviews"] == 200 and data["after"]["log_loss"] < data["before"]["log_loss"]
    with PracticeStore(db) as store:
        after = store.cards("ann")
        assert store.schedule_parameters("ann") is not None and store.cards("bob") == bobs
    # This rep forgets fast: the fitted schedule brings their reviews forward (cards in a ten-minute relearning
    # step after an Again keep that step's due time).
    moved = [key for key in before if after[key][0] != before[key][0]]
    assert len(moved) >= len(before) // 2 and all(after[key][0] < before[key][0] for key in moved)
    checked = json.loads(run("check", "--rep", "ann", "--db", str(db), "--format", "json").output)
    assert checked["fitted"] is True and checked["log_loss"] == data["after"]["log_loss"]


def test_without_the_optimizer_extra_fit_says_so_in_one_line(tmp_path: Path) -> None:
    """A base install (no fsrs-rs-python) with enough reviews: one line naming the extra, no traceback."""
    import subprocess
    import sys

    db = tmp_path / "p.sqlite3"
    record_log(db, forgetful_rep())
    hide = "import sys; sys.modules['fsrs_rs_python'] = None; from trainer.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", hide, "schedule", "fit", "--rep", "ann", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "Error: fitting a schedule needs the optional optimizer: pip install 'pitch-trainer[optimizer]'"]
    with PracticeStore(db) as store:
        assert store.schedule_parameters("ann") is None
