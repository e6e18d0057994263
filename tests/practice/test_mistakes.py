"""Mistake memory from a scripted week of attempts: real scores, stored as the store keeps them, dates injected."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trainer.library.models import Cut
from trainer.practice.mistakes import HALF_LIFE_DAYS, build_mistake_map, fixed_by
from trainer.practice.scenario import cut_reference
from trainer.scoring import score_recitation
from trainer.store.breakdown import compact_breakdown

DAY0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

V1 = Cut.model_validate({
    "target_seconds": 30,
    "sections": [
        {"name": "Hook", "text": "Broken widgets stop your line for hours. Acme widgets warn you before they fail.",
         "key_phrases": ["warn you before they fail"]},
        {"name": "Ask", "text": "Can we run a trial on your worst line?", "key_phrases": ["run a trial"]},
    ],
})
V2 = Cut.model_validate({
    "target_seconds": 30,
    "sections": [
        {"name": "Hook",
         "text": "Broken widgets stop your line for hours. Acme widgets warn you days before they fail.",
         "key_phrases": ["warn you days before they fail"]},
        {"name": "Ask", "text": "Can we run a pilot on your worst line?", "key_phrases": ["run a pilot"]},
    ],
})
V2_RIGHT = "Broken widgets stop your line for hours. Acme widgets warn you days before they fail. " \
    "Can we run a pilot on your worst line?"


def stored(cut: Cut, attempt: str) -> dict[str, Any]:
    """What the store keeps of a real score of ``attempt``."""
    return compact_breakdown(score_recitation(cut_reference(cut), attempt).to_dict())


def days(n: float) -> dt.datetime:
    return DAY0 + dt.timedelta(days=n)


def weight(mistakes: Any, word: str) -> float:
    return next(w.weight for w in mistakes.words if w.text == word)


def test_a_mistake_fades_with_time_and_with_each_later_success() -> None:
    without_worst = V2_RIGHT.replace(" worst", "")
    without_both = without_worst.replace("Broken ", "")
    attempts = [(days(0), stored(V2, without_both)), (days(7), stored(V2, without_worst))]
    mistakes = build_mistake_map(V2, attempts, now=days(14))
    # "worst": missed on day 0 (1, halved by day 7) and again on day 7 (+1), then a week: (0.5 + 1) / 2.
    assert weight(mistakes, "worst") == pytest.approx(0.75)
    # "Broken": missed on day 0, halved by the week, halved by the right recitation on day 7, halved again.
    assert weight(mistakes, "Broken") == pytest.approx(0.125)
    worst = mistakes.worst_words()[0]
    assert (worst.text, worst.section, worst.position, worst.missed) == ("worst", "Ask", 7, 2)
    assert weight(mistakes, "pilot") == 0.0
    assert HALF_LIFE_DAYS == 7


def test_substitutions_and_near_misses_are_counted_apart_a_near_miss_weighing_half() -> None:
    attempt = V2_RIGHT.replace("pilot", "demo").replace("widgets stop", "widgetz stop")
    mistakes = build_mistake_map(V2, [(days(0), stored(V2, attempt))], now=days(0))
    pilot = next(w for w in mistakes.words if w.text == "pilot")
    assert (pilot.substituted, pilot.weight, pilot.key_phrase) == (1, 1.0, True)
    first_widgets = next(w for w in mistakes.words if w.text == "widgets")
    assert (first_widgets.mistyped, first_widgets.weight) == (1, 0.5)
    phrase = mistakes.worst_phrases()[0]
    assert (phrase.phrase, phrase.section, phrase.missed, phrase.weight) == ("run a pilot", "Ask", 1, 1.0)


def test_the_same_word_twice_in_a_cut_is_told_apart_by_its_position() -> None:
    attempt = V2_RIGHT.replace("Acme widgets", "Acme")
    mistakes = build_mistake_map(V2, [(days(0), stored(V2, attempt))], now=days(0))
    widgets = [(w.position, w.weight) for w in mistakes.words if w.text == "widgets"]
    assert widgets == [(1, 0.0), (8, 1.0)]


def test_a_mistake_made_on_an_older_version_follows_its_word_and_is_dropped_when_the_word_is_gone() -> None:
    v1_attempt = "Broken widgets stop your line for hours. Acme widgets warn you before they. " \
        "Can we run a on your line?"
    mistakes = build_mistake_map(V2, [(days(0), stored(V1, v1_attempt))], now=days(0))
    fail = next(w for w in mistakes.words if w.text == "fail")
    assert (fail.position, fail.weight) == (14, 1.0)  # position 13 in v1: "days" was added before it
    assert weight(mistakes, "worst") == 1.0
    # v1's "trial" is not in v2 ("pilot" took its place): nothing to drill there.
    assert [w.text for w in mistakes.worst_words()] == ["fail", "worst"]


def test_attempts_stored_before_positions_were_kept_count_only_words_found_once_in_the_cut() -> None:
    legacy = {"score": 60, "missed_words": ["worst", "widgets"], "substituted": [["pilot", "demo"]]}
    mistakes = build_mistake_map(V2, [(days(0), legacy)], now=days(0))
    assert [(w.text, w.weight) for w in mistakes.worst_words()] == [("pilot", 1.0), ("worst", 1.0)]


def test_a_partial_attempt_touches_only_the_words_it_covered() -> None:
    full = stored(V2, V2_RIGHT.replace("Broken ", "").replace(" worst", ""))
    drill = stored(V2, V2_RIGHT.replace(" worst", ""))
    drill["covered"] = [["Ask", 0, 9]]
    mistakes = build_mistake_map(V2, [(days(0), full), (days(0), drill)], now=days(0))
    assert weight(mistakes, "Broken") == 1.0  # outside the drill: neither fixed nor missed again
    assert weight(mistakes, "worst") == 2.0


def test_fixed_lists_old_mistakes_the_latest_attempt_got_right() -> None:
    before = build_mistake_map(V2, [(days(0), stored(V2, V2_RIGHT.replace(" worst", "").replace("pilot", "x")))],
                               now=days(1))
    latest = stored(V2, V2_RIGHT.replace("pilot", "x"))
    fixed = fixed_by(before, V2, latest)
    assert [w.text for w in fixed.words] == ["worst"]
    assert not fixed.phrases
    assert [w.text for w in fixed_by(before, V2, stored(V2, V2_RIGHT.replace(" worst", ""))).words] == ["pilot"]


def test_the_map_as_json_lists_words_and_phrases_worst_first_with_section_and_position() -> None:
    mistakes = build_mistake_map(V2, [(days(0), stored(V2, V2_RIGHT.replace("pilot", "x").replace(" worst", "")))],
                                 now=days(0))
    data = mistakes.to_dict()
    assert [w["word"] for w in data["words"]] == ["pilot", "worst"]
    assert data["words"][0] == {"section": "Ask", "position": 4, "word": "pilot", "weight": 1.0, "missed": 0,
                                "substituted": 1, "mistyped": 0, "key_phrase": True,
                                "last_wrong": DAY0.isoformat()}
    assert data["phrases"][0]["phrase"] == "run a pilot"
