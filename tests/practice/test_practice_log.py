"""The in-memory practice log: what the home screen suggests next, most recent first."""

from __future__ import annotations

import datetime as dt

from trainer.library import load_library
from trainer.library.item_ref import ItemRef
from trainer.practice.items import practice_items
from trainer.practice.log import Attempt, PracticeLog, SessionLog

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
PITCH = ItemRef("pitch", "acme", "acme-core", "30s")
OBJECTION = ItemRef("objection", "acme", "too-expensive")


def test_a_session_log_is_a_practice_log() -> None:
    log: PracticeLog = SessionLog()
    assert log.practise_next() == []


def test_practise_next_lists_each_item_once_latest_first_with_its_last_score() -> None:
    log = SessionLog(now=lambda: T0 + dt.timedelta(minutes=5))
    log.record(Attempt(PITCH, T0, score=40))
    log.record(Attempt(OBJECTION, T0, score=90))
    log.record(Attempt(PITCH, T0 + dt.timedelta(minutes=1), score=72))
    suggestions = log.practise_next()
    assert [s.ref for s in suggestions] == [PITCH, OBJECTION]
    assert suggestions[0].last_score == 72
    assert "4 min ago" in suggestions[0].reason and "last score 72" in suggestions[0].reason


def test_a_rating_is_kept_with_the_attempt() -> None:
    log = SessionLog(now=lambda: T0)
    log.record(Attempt(OBJECTION, T0, score=80))
    log.record(Attempt(OBJECTION, T0, rating="hard"))
    assert [a.rating for a in log.attempts(OBJECTION)] == [None, "hard"]
    assert "rated hard" in log.practise_next()[0].reason


def test_practice_items_cover_cuts_objections_drills_and_scenarios(make_library) -> None:  # type: ignore[no-untyped-def]
    items = practice_items(load_library(make_library()))
    keys = [item.ref.key for item in items]
    assert keys == [
        "pitch:acme:acme-core:30s", "pitch:acme:acme-core:demo", "objection:acme:too-expensive",
        "objection:acme:have-supplier", "drill:acme:who-signs", "scenario:acme:cold-call",
    ]
    assert "Acme core pitch" in items[0].search_text
    assert [ItemRef.parse(key) for key in keys] == [item.ref for item in items]  # the key reads back
