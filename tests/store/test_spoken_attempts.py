"""Spoken attempts in the store: how each attempt was given, what was heard, and where its recording is kept;
an older database is upgraded with every attempt marked typed; spaced repetition treats both alike."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sqlite3
from pathlib import Path

import pytest

from trainer.library.item_ref import ItemRef
from trainer.store import NewAttempt, PracticeStore
from trainer.store.export import to_csv
from trainer.store.migrations import MIGRATIONS
from trainer.store.recordings import keep_recording, recordings_dir

WHEN = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def attempt(**changes) -> NewAttempt:
    fields = dict(
        rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s", score=80.0, tier="Silver",
        attempt_text="our valves warn you", started_at=WHEN,
    )
    return NewAttempt(**{**fields, **changes})


def test_a_spoken_attempt_keeps_its_medium_transcript_and_recording(tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    store.record(attempt(medium="spoken", transcript="our valves warn you", audio_path="/data/r.wav"))
    store.record(attempt(started_at=WHEN + dt.timedelta(days=1)))
    spoken, typed = store.attempts("ann")
    assert (spoken.medium, spoken.transcript, spoken.audio_path) == ("spoken", "our valves warn you", "/data/r.wav")
    assert (typed.medium, typed.transcript, typed.audio_path) == ("typed", None, None)
    rows = list(csv.DictReader(io.StringIO(to_csv(store.attempts()))))
    assert [row["medium"] for row in rows] == ["spoken", "typed"]
    assert rows[0]["audio_path"] == "/data/r.wav"


def test_spaced_repetition_treats_spoken_and_typed_alike(tmp_path: Path) -> None:
    spoken_store = PracticeStore(tmp_path / "spoken.sqlite3")
    typed_store = PracticeStore(tmp_path / "typed.sqlite3")
    spoken_store.record(attempt(medium="spoken", transcript="x"))
    typed_store.record(attempt())
    assert spoken_store.cards("ann") == typed_store.cards("ann")
    assert spoken_store.best_score("ann", ItemRef("pitch", "acme", "acme-core", "30s")) == 80.0


def test_an_older_database_is_upgraded_with_every_attempt_typed(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    raw = sqlite3.connect(db, isolation_level=None)
    for step in MIGRATIONS[:4]:
        assert isinstance(step, str)
        raw.executescript(step)
    raw.execute(
        "INSERT INTO attempts (rep, kind, item_id, product, cut, started_at, score, tier, breakdown, attempt_text, "
        "item_key) VALUES ('ann', 'pitch', 'acme-core', 'acme', '30s', ?, 70, 'Bronze', '{}', 'typed long ago', "
        "'pitch:acme:acme-core:30s')",
        (WHEN.isoformat(),),
    )
    raw.execute("PRAGMA user_version = 4")
    raw.close()
    (old,) = PracticeStore(db).attempts()
    assert (old.attempt_text, old.medium, old.transcript, old.audio_path) == ("typed long ago", "typed", None, None)


def test_a_recording_is_copied_whole_under_a_new_name_beside_the_database(tmp_path: Path) -> None:
    source = tmp_path / "take.wav"
    source.write_bytes(os.urandom(300_000))
    database = tmp_path / "data" / "practice.sqlite3"
    first = keep_recording(source, database, "ann/acme-core 30s", WHEN)
    second = keep_recording(source, database, "ann/acme-core 30s", WHEN)
    assert first != second and first.parent == second.parent == recordings_dir(database).resolve()
    assert first.read_bytes() == source.read_bytes() == second.read_bytes()
    assert first.name.startswith("20260302T093000Z-ann-acme-core-30s-") and first.suffix == ".wav"
    assert sorted(p.name for p in first.parent.iterdir()) == sorted([first.name, second.name])  # no temp left


def test_a_recording_that_cannot_be_read_leaves_nothing_behind(tmp_path: Path) -> None:
    database = tmp_path / "practice.sqlite3"
    with pytest.raises(OSError):
        keep_recording(tmp_path / "missing.wav", database, "ann", WHEN)
    assert list(recordings_dir(database).iterdir()) == []
