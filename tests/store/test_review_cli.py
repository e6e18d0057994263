"""``trainer review``: the day's queue from real saved attempts, the daily limit and the holiday pause."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main
from trainer.store.attempts import NewAttempt
from trainer.store.database import PracticeStore


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def practised(db: Path, kind: str, item_id: str, days_ago: float, cut: str | None = None) -> None:
    with PracticeStore(db) as store:
        store.record(NewAttempt(rep="dana", kind=kind, item_id=item_id, product="acme", score=20, tier="x",  # type: ignore[arg-type]
                                attempt_text="", cut=cut,
                                started_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)))


def test_review_lists_what_is_due_most_overdue_first_within_the_limit_and_pauses(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    library, db = str(make_library()), tmp_path / "p.sqlite3"
    practised(db, "objection", "too-expensive", 10)
    practised(db, "pitch", "acme-core", 5, cut="30s")
    common = ("--rep", "dana", "--library", library, "--db", str(db))
    code, out, _ = run("review", *common, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [i["item_id"] for i in data["items"]] == ["too-expensive", "acme-core"]
    code, out, _ = run("review", *common, "--limit", "1")
    assert code == 0 and "1 due for review, 1 more after today's limit of 1" in out
    assert "too-expensive" in out and "acme-core" not in out
    code, out, _ = run("review", *common, "--pause-until", "2999-01-01")
    assert "paused until 2999-01-01" in out and "too-expensive" not in out
    code, out, _ = run("review", *common, "--resume")
    assert "paused" not in out and "too-expensive" in out


def test_review_hands_out_assignments_first_and_never_more_than_the_librarys_daily_cap(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    from fixture_library import ROSTER

    from trainer.library.item_ref import ItemRef
    from trainer.store.assignments import StoredAssignment

    roster = ROSTER + "policy:\n  workload:\n    daily_items: 2\n"
    library, db = str(make_library({"roster.yaml": roster})), tmp_path / "p.sqlite3"
    practised(db, "objection", "too-expensive", 10)
    practised(db, "pitch", "acme-core", 5, cut="30s")
    with PracticeStore(db) as store:
        store.assign([StoredAssignment(rep="dana", item=ItemRef("objection", "acme", "have-supplier", None),
                                       due=dt.date.today() + dt.timedelta(days=3), min_score=90,
                                       assigned_at=dt.datetime.now(dt.UTC))])
    common = ("--rep", "dana", "--library", library, "--db", str(db))
    code, out, _ = run("review", *common)
    assert code == 0
    assert "3 due: 2 today (1 assigned, 1 review(s)), the rest spread over 1 day, most overdue first." in out
    lines = [line.split()[1] for line in out.splitlines() if line.startswith("  ")]
    assert lines == ["have-supplier", "too-expensive"]  # the assignment, then the most overdue card; acme-core waits
    data = json.loads(run("review", *common, "--format", "json")[1])
    assert [i["item_id"] for i in data["items"]] == ["too-expensive"]
    assert data["workload"]["cap"] == 2 and [d["items"][0]["item_key"] for d in data["workload"]["later"]] == [
        "pitch:acme:acme-core:30s"]


def test_due_hands_out_at_most_the_daily_cap_most_overdue_first_and_all_on_request(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    from fixture_library import ROSTER

    roster = ROSTER + "policy:\n  workload:\n    daily_items: 1\n"
    library, db = str(make_library({"roster.yaml": roster})), tmp_path / "p.sqlite3"
    practised(db, "pitch", "acme-core", 5, cut="30s")
    practised(db, "objection", "too-expensive", 10)
    common = ("--rep", "dana", "--library", library, "--db", str(db), "--no-new")
    listed = json.loads(run("due", *common, "--format", "json")[1])
    assert [i["item_id"] for i in listed] == ["too-expensive"]  # the most overdue; acme-core waits for tomorrow
    everything = json.loads(run("due", *common, "--all", "--format", "json")[1])
    assert sorted(i["item_id"] for i in everything) == ["acme-core", "too-expensive"]
    code, out, _ = run("due", *common)
    assert code == 0
    assert ("Today's work (at most 1 a day): 2 due: 1 today (1 review(s)), the rest spread over 1 day, most "
            "overdue first.") in " ".join(out.split())
