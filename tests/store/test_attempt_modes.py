"""Every attempt says how it was practised (recite, strict) apart from how it was given (typed, spoken); an older
database is upgraded with every attempt an ordinary recitation; history and exports show the mode."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from trainer.cli import main
from trainer.store import NewAttempt, PracticeStore
from trainer.store.export import to_csv
from trainer.store.migrations import MIGRATIONS

WHEN = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def attempt(**changes) -> NewAttempt:  # type: ignore[no-untyped-def]
    fields = dict(
        rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s", score=80.0, tier="Silver",
        attempt_text="our valves warn you", started_at=WHEN,
    )
    return NewAttempt(**{**fields, **changes})


def test_an_attempt_keeps_its_mode_apart_from_its_medium(tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    store.record(attempt(mode="strict", medium="spoken", transcript="our valves warn you"))
    store.record(attempt(started_at=WHEN + dt.timedelta(days=1)))
    strict, plain = store.attempts("ann")
    assert (strict.mode, strict.medium) == ("strict", "spoken")
    assert (plain.mode, plain.medium) == ("recite", "typed")
    rows = list(csv.DictReader(io.StringIO(to_csv(store.attempts()))))
    assert [row["mode"] for row in rows] == ["strict", "recite"]


def test_an_older_database_is_upgraded_with_every_attempt_a_plain_recitation(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    raw = sqlite3.connect(db, isolation_level=None)
    for step in MIGRATIONS[:4]:
        assert isinstance(step, str)
        raw.executescript(step)
    raw.execute(
        "INSERT INTO attempts (rep, kind, item_id, product, cut, started_at, score, tier, breakdown, attempt_text, "
        "item_key) VALUES ('ann', 'pitch', 'acme-core', 'acme', '30s', ?, 70, 'Bronze', '{}', 'long ago', "
        "'pitch:acme:acme-core:30s')",
        (WHEN.isoformat(),),
    )
    raw.execute("PRAGMA user_version = 4")
    raw.close()
    (old,) = PracticeStore(db).attempts()
    assert (old.attempt_text, old.mode, old.medium) == ("long ago", "recite", "typed")


def test_trainer_history_shows_each_attempts_mode(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    store = PracticeStore(db)
    store.record(attempt(mode="strict"))
    store.record(attempt(medium="spoken", started_at=WHEN + dt.timedelta(days=1)))
    store.close()
    result = CliRunner().invoke(main, ["history", "--rep", "ann", "--db", str(db)], catch_exceptions=False,
                                env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    header, *rows = [line for line in result.output.splitlines() if line.strip()]
    assert "mode" in header.split()
    assert "recite · spoken" in rows[0] and "strict" in rows[1]  # newest first


def test_copying_a_history_keeps_each_attempts_mode(tmp_path: Path) -> None:
    from trainer.store.copying import copy_history

    source, target = PracticeStore(tmp_path / "a.sqlite3"), PracticeStore(tmp_path / "b.sqlite3")
    source.record(attempt(mode="strict"))
    source.record(attempt(started_at=WHEN + dt.timedelta(days=1)))
    copy_history(source, target)
    assert [a.mode for a in target.attempts("ann")] == ["strict", "recite"]
