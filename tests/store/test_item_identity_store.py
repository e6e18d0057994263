"""The store keys every attempt and card by one item identity, and every practised item gets a card."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from postgres_server import StoreFactory

from trainer.library import load_library
from trainer.library.item_ref import ItemRef
from trainer.practice.log import Attempt
from trainer.practice.stored_log import StoreLog
from trainer.store import NewAttempt, PracticeStore
from trainer.store.items import scheduled_items
from trainer.store.migrations import MIGRATIONS, SCHEMA_VERSION
from trainer.team.progress import team_table

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
OBJECTION = ItemRef("objection", "acme", "too-expensive")


def test_an_objection_failed_in_a_scenario_comes_due(make_library, new_store: StoreFactory) -> None:  # type: ignore[no-untyped-def]
    library = load_library(make_library())
    store = new_store()
    # The scenario screen records each objection step like this: a score, no self-rating.
    log = StoreLog(store, "ann", library, now=lambda: NOW)
    log.record(Attempt(OBJECTION, NOW, score=15, text="erm, it is cheap"))

    later = NOW + dt.timedelta(hours=1)
    due = {d.ref: d.reason for d in store.due("ann", scheduled_items(library), later)}
    assert due[OBJECTION] == "due"  # not "new": the rep just failed it
    assert team_table(store, library, now=later).cell("ann", OBJECTION).status == "due"  # not ✓


def test_a_self_rating_replaces_the_rating_the_score_earned(make_library, new_store: StoreFactory) -> None:  # type: ignore[no-untyped-def]
    library = load_library(make_library())
    store = new_store("p")
    log = StoreLog(store, "ann", library, now=lambda: NOW)
    attempt_id = log.record(Attempt(OBJECTION, NOW, score=95))
    assert attempt_id is not None
    log.rate(attempt_id, "again")  # the rep saw the approved answer and knows better
    rated_again = store.cards("ann")[OBJECTION.key][0]
    fresh = new_store("q")
    fresh.record(NewAttempt(rep="ann", kind="objection", item_id="too-expensive", product="acme", score=95,
                            tier="Gold", attempt_text="", started_at=NOW, rating=1))
    assert rated_again == fresh.cards("ann")[OBJECTION.key][0]  # as if rated Again in the first place


def test_undoing_the_only_attempt_forgets_its_card(new_store: StoreFactory) -> None:
    store = new_store()
    stored = store.record(NewAttempt(rep="ann", kind="objection", item_id="too-expensive", product="acme",
                                     score=40, tier="-", attempt_text="", started_at=NOW))
    assert OBJECTION.key in store.cards("ann")
    store.delete_attempt(stored.id)
    assert OBJECTION.key not in store.cards("ann")


def _schema_3_database(path: Path) -> None:
    raw = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:3]:
        assert isinstance(step, str)
        raw.executescript(step)
    raw.execute("PRAGMA user_version = 3")
    rows = [
        # rep, kind, item_id, product, cut, score, rating, when
        ("ann", "pitch", "acme-core", "acme", "30s", 92.0, 4, "2026-11-01T09:00:00.000000+00:00"),
        ("ann", "objection", "too-expensive", "acme", None, 20.0, None, "2026-11-02T09:00:00.000000+00:00"),
        ("ann", "objection", "too-expensive", "yun", None, 88.0, None, "2026-11-03T09:00:00.000000+00:00"),
        ("bob", "scenario", "cold-call", "acme", None, 70.0, None, "2026-11-04T09:00:00.000000+00:00"),
    ]
    for rep, kind, item_id, product, cut, score, rating, when in rows:
        raw.execute(
            "INSERT INTO attempts (rep, kind, item_id, product, cut, version, content_hash, started_at, "
            "duration_seconds, score, tier, breakdown, attempt_text, rating, source) "
            "VALUES (?,?,?,?,?,1,NULL,?,10.0,?,'-',?,?,?,'app')",
            (rep, kind, item_id, product, cut, when, score, json.dumps({"k": item_id}), f"{rep} {item_id}", rating),
        )
    # the pitch had its card; the scenario objections (the defect) had none
    raw.execute("INSERT INTO cards VALUES ('ann', 'pitch:acme:acme-core:30s', '{}', NULL, ?, ?)",
                ("2026-11-05T09:00:00.000000+00:00", "2026-11-01T09:00:00.000000+00:00"))
    raw.close()


def test_upgrading_keys_every_attempt_and_schedules_the_forgotten_objections(tmp_path: Path) -> None:
    db = tmp_path / "practice.sqlite3"
    _schema_3_database(db)
    store = PracticeStore(db)
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    attempts = store.attempts()
    assert [(a.rep, a.key, a.score, a.attempt_text) for a in attempts] == [
        ("ann", "pitch:acme:acme-core:30s", 92.0, "ann acme-core"),
        ("ann", "objection:acme:too-expensive", 20.0, "ann too-expensive"),
        ("ann", "objection:yun:too-expensive", 88.0, "ann too-expensive"),
        ("bob", "scenario:acme:cold-call", 70.0, "bob cold-call"),
    ]
    assert [a.breakdown for a in attempts][1] == {"k": "too-expensive"}
    stored_keys = [row[0] for row in store._db.execute("SELECT item_key FROM attempts ORDER BY id")]
    assert stored_keys == [a.key for a in attempts]  # the identity is stored with each attempt
    cards = store.cards("ann")
    assert set(cards) == {"pitch:acme:acme-core:30s", "objection:acme:too-expensive", "objection:yun:too-expensive"}
    assert cards["pitch:acme:acme-core:30s"][0] == dt.datetime(2026, 11, 5, 9, 0, tzinfo=dt.UTC)  # untouched
    assert cards["objection:acme:too-expensive"][0] < cards["objection:yun:too-expensive"][0]  # failed: sooner
    assert store.cards("bob") == {}  # a whole scenario has no card
    assert len(store.attempts("ann", key=ItemRef("objection", "yun", "too-expensive"))) == 1
