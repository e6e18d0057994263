"""Weak-spot drill core: the heaviest sentences first, and a partial score that feeds only the words it covered."""

from __future__ import annotations

import datetime as dt

from test_mistakes import DAY0, V2, V2_RIGHT, stored

from trainer.practice.mistakes import build_mistake_map
from trainer.practice.weak_spots import (
    WEAK_SPOT_MODE,
    drill_reference,
    partial_breakdown,
    sentences,
    weak_sentences,
)
from trainer.scoring import ReferenceSection, score_recitation


def test_a_cut_splits_into_sentences_that_know_their_words_positions() -> None:
    found = [(s.section, s.first_word, s.end_word, s.text) for s in sentences(V2)]
    assert found == [
        ("Hook", 0, 7, "Broken widgets stop your line for hours."),
        ("Hook", 7, 15, "Acme widgets warn you days before they fail."),
        ("Ask", 0, 9, "Can we run a pilot on your worst line?"),
    ]


def test_the_heaviest_sentences_come_first_and_clean_ones_are_left_out() -> None:
    history = [(DAY0, stored(V2, V2_RIGHT.replace(" worst", "").replace("pilot", "x"))),
               (DAY0, stored(V2, V2_RIGHT.replace(" worst", "").replace("Broken ", "")))]
    chosen = weak_sentences(V2, build_mistake_map(V2, history, now=DAY0))
    assert [(s.section, s.first_word) for s in chosen] == [("Ask", 0), ("Hook", 0)]
    assert chosen[0].weight > chosen[1].weight


def test_a_drill_score_is_labelled_and_feeds_the_memory_only_for_the_words_it_covered() -> None:
    before = [(DAY0, stored(V2, V2_RIGHT.replace(" worst", "").replace("Broken ", "").replace("fail", "break")))]
    mistakes = build_mistake_map(V2, before, now=DAY0)
    chosen = weak_sentences(V2, mistakes, limit=2)
    assert [(s.section, s.first_word) for s in chosen] == [("Hook", 0), ("Hook", 7)]  # equal weights: script order
    reference = [ReferenceSection(name, text) for name, text in drill_reference(chosen)]
    said = "Broken widgets stop your line for hours. Acme widgets warn you days before they break."
    kept = partial_breakdown(score_recitation(reference, said).to_dict(), chosen)
    assert kept["mode"] == WEAK_SPOT_MODE
    assert kept["covered"] == [["Hook", 0, 7], ["Hook", 7, 15]]
    assert ["Hook", 14, "fail", "substituted"] in kept["marks"]  # the cut's position, not the sentence's
    after = build_mistake_map(V2, [*before, (DAY0 + dt.timedelta(hours=1), kept)], now=DAY0 + dt.timedelta(hours=1))
    weight = {w.text: w.weight for w in after.words if w.weight}
    assert weight["Broken"] < 1.0  # said right in the drill: halved
    assert weight["fail"] > 1.0  # wrong again
    assert weight["worst"] > 0.99  # not in the drill: untouched (only a little time passed)
