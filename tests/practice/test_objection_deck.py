"""Objection decks: filter by product and category, in order or shuffled, and keep the rep's place."""

from __future__ import annotations

from pathlib import Path

from trainer.library import load_library
from trainer.practice.cards import Deck, all_cards, categories

MORE = """\
product: acme
version: 1
objections:
  - {id: a, category: price, objection: Too dear., answer: It pays back., key_points: [pays back]}
  - {id: b, category: timing, objection: Not now., answer: Later costs more., key_points: [later costs more]}
  - {id: c, category: price, objection: Cheaper elsewhere., answer: Not over time., key_points: [over time]}
  - {id: d, category: trust, objection: Never heard of you., answer: Ask Northway., key_points: [reference]}
"""


def deck_of(make_library, **options) -> Deck:  # type: ignore[no-untyped-def]
    library = load_library(make_library({"content/acme/objections.yaml": MORE}))
    return Deck(all_cards(library), **options)


def ids(deck: Deck) -> list[str]:
    return [card.objection.id for card in deck.order]


def test_cards_come_in_file_order(make_library) -> None:  # type: ignore[no-untyped-def]
    deck = deck_of(make_library)
    assert ids(deck) == ["a", "b", "c", "d"]
    assert categories(deck.cards) == ["price", "timing", "trust"]


def test_a_category_filter_keeps_only_those_cards(make_library) -> None:  # type: ignore[no-untyped-def]
    deck = deck_of(make_library, category="price")
    assert ids(deck) == ["a", "c"]


def test_an_unknown_product_gives_an_empty_deck(make_library) -> None:  # type: ignore[no-untyped-def]
    deck = deck_of(make_library, product="nope")
    assert len(deck) == 0 and deck.current is None and deck.next() is None


def test_shuffling_with_a_seed_is_repeatable_and_keeps_every_card(make_library) -> None:  # type: ignore[no-untyped-def]
    first, second = deck_of(make_library, shuffled=True, seed=3), deck_of(make_library, shuffled=True, seed=3)
    assert ids(first) == ids(second)
    assert sorted(ids(first)) == ["a", "b", "c", "d"]


def test_next_and_previous_wrap_round(make_library) -> None:  # type: ignore[no-untyped-def]
    deck = deck_of(make_library)
    assert deck.previous().objection.id == "d"  # type: ignore[union-attr]
    assert deck.next().objection.id == "a"  # type: ignore[union-attr]


def test_narrowing_the_filter_keeps_the_current_card_when_it_still_matches(make_library) -> None:  # type: ignore[no-untyped-def]
    deck = deck_of(make_library)
    deck.go_to("acme", "c")
    deck.set_filter(None, "price")
    assert deck.current.objection.id == "c"  # type: ignore[union-attr]
    deck.set_filter(None, "timing")
    assert deck.current.objection.id == "b"  # type: ignore[union-attr]


def test_go_to_a_missing_card_says_so(make_library: object, tmp_path: Path) -> None:
    deck = deck_of(make_library)
    assert not deck.go_to("acme", "zzz")
