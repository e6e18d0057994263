"""Spaced repetition: what is due, and when, follows how well the rep did."""

from __future__ import annotations

import datetime as dt

import pytest
from postgres_server import StoreFactory

from trainer.library.item_ref import ItemRef
from trainer.store import NewAttempt
from trainer.store.database import ScheduledItem
from trainer.store.interface import Store
from trainer.store.scheduling import AGAIN, EASY, GOOD, HARD, rating_for_score

MONDAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
ITEMS = [
    ScheduledItem(ItemRef("pitch", "acme", "acme-core", "30s"), "sha256:v1-30s"),
    ScheduledItem(ItemRef("pitch", "acme", "acme-core", "5min"), "sha256:v1-5min"),
    ScheduledItem(ItemRef("objection", "acme", "too-expensive")),
]


def attempt(score: float, when: dt.datetime, **extra: object) -> NewAttempt:
    fields: dict[str, object] = dict(
        rep="ann",
        kind="pitch",
        item_id="acme-core",
        product="acme",
        cut="30s",
        score=score,
        tier="-",
        attempt_text="...",
        started_at=when,
        content_hash="sha256:v1-30s",
    )
    fields.update(extra)
    return NewAttempt(**fields)  # type: ignore[arg-type]


@pytest.fixture
def store(new_store: StoreFactory) -> Store:
    """A new store, on each database (``new_store`` runs every test on SQLite and on PostgreSQL)."""
    return new_store()


@pytest.mark.parametrize(
    ("score", "rating"), [(100, EASY), (90, EASY), (89.9, GOOD), (75, GOOD), (60, HARD), (10, AGAIN)]
)
def test_score_maps_to_rating_by_tier(score: float, rating: int) -> None:
    assert rating_for_score(score) == rating


def test_a_perfect_recitation_is_due_later_than_a_failed_one(new_store: StoreFactory) -> None:
    perfect, failed = new_store("a"), new_store("b")
    for store, score in ((perfect, 98), (failed, 20)):
        store.record(attempt(score, MONDAY))
        store.record(attempt(score, MONDAY + dt.timedelta(hours=1)))
    key = ITEMS[0].key
    assert perfect.cards("ann")[key][0] > failed.cards("ann")[key][0] + dt.timedelta(days=1)


def test_never_practised_items_are_new_and_come_after_due_ones(store: Store) -> None:
    store.record(attempt(40, MONDAY))
    due = store.due("ann", ITEMS, MONDAY + dt.timedelta(days=2))
    assert [(d.ref.key, d.reason) for d in due] == [
        (ITEMS[0].key, "overdue"),
        (ITEMS[1].key, "new"),
        (ITEMS[2].key, "new"),
    ]
    assert due[0].last_score == 40


def test_on_wednesday_mondays_good_work_is_not_due_yet(store: Store) -> None:
    store.record(attempt(95, MONDAY))
    store.record(attempt(96, MONDAY + dt.timedelta(minutes=15)))
    wednesday = MONDAY + dt.timedelta(days=2)
    assert ITEMS[0].key not in {d.ref.key for d in store.due("ann", ITEMS, wednesday)}
    assert [a.score for a in store.attempts("ann")] == [95, 96]  # Monday's attempts are all there


def test_a_changed_cut_comes_due_again(store: Store) -> None:
    store.record(attempt(99, MONDAY))
    store.record(attempt(99, MONDAY + dt.timedelta(minutes=15)))
    changed = [ScheduledItem(ItemRef("pitch", "acme", "acme-core", "30s"), "sha256:v2-30s"), *ITEMS[1:]]
    due = store.due("ann", changed, MONDAY + dt.timedelta(hours=2))
    assert (due[0].ref.key, due[0].reason) == (ITEMS[0].key, "changed")
    # Practising the new words starts the card afresh under the new hash.
    store.record(attempt(99, MONDAY + dt.timedelta(hours=3), content_hash="sha256:v2-30s"))
    assert ITEMS[0].key not in {d.ref.key for d in store.due("ann", changed, MONDAY + dt.timedelta(hours=3))}


def test_objection_self_rating_drives_its_schedule(store: Store) -> None:
    stored = store.record(
        attempt(80, MONDAY, kind="objection", item_id="too-expensive", cut=None, content_hash=None, rating=AGAIN)
    )
    again_due = store.cards("ann")[ITEMS[2].key][0]
    store.rate(stored.id, EASY)
    assert store.attempts("ann")[0].rating == EASY
    assert store.cards("ann")[ITEMS[2].key][0] > again_due


def test_previous_best_excludes_the_new_attempt(store: Store) -> None:
    store.record(attempt(70, MONDAY))
    store.record(attempt(85, MONDAY + dt.timedelta(hours=1)))
    latest = store.record(attempt(60, MONDAY + dt.timedelta(hours=2)))
    assert store.best_score("ann", ITEMS[0].ref, before_id=latest.id) == 85
