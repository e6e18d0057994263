"""Recall modes core: the first letter expected of each word, checking keys, and a run the mistake memory reads."""

from __future__ import annotations

from test_mistakes import DAY0, V2, V2_RIGHT, stored

from trainer.library.models import Cut
from trainer.practice.mistakes import build_mistake_map
from trainer.practice.recall_modes import (
    MAX_TRIES,
    FirstLetterRun,
    accepted_keys,
    counts_for_the_cut,
    cue_pairs,
    letter_words,
)


def cut_of(*texts: str) -> Cut:
    return Cut.model_validate({"target_seconds": 30, "sections": [
        {"name": f"S{i}", "text": text} for i, text in enumerate(texts)
    ]})


def type_first_letters(run: FirstLetterRun, text: str) -> None:
    for key in text:
        run.press(key)


def test_a_word_expects_its_first_letter_whatever_its_case_or_accent() -> None:
    assert accepted_keys("Élan") == {"e"}
    assert accepted_keys("widgets") == {"w"}
    run = FirstLetterRun.of(cut_of("Élan Vital"))
    assert run.press("E") is True and run.press("v") is True and run.done


def test_a_figure_expects_its_first_character_as_written_and_a_currency_figure_its_digit_too() -> None:
    assert [sorted(w.keys) for w in letter_words(cut_of("Save 30% or $5k, 2.5x faster"))] == [
        ["s"], ["3"], ["o"], ["$", "5"], ["2"], ["f"],
    ]


def test_chinese_expects_the_first_letter_of_each_characters_pinyin_any_reading() -> None:
    words = letter_words(cut_of("我们银行"))
    assert [w.text for w in words] == ["我", "们", "银", "行"]
    assert words[0].keys == {"w"} and words[2].keys == {"y"} and {"h", "x"} <= words[3].keys


def test_a_contraction_is_one_word_with_one_key_but_covers_both_scorer_positions() -> None:
    words = letter_words(cut_of("We're ready"))
    assert [(w.text, w.positions) for w in words] == [("We're", (0, 1)), ("ready", (2,))]


def test_spaces_and_punctuation_are_ignored_so_a_rep_can_type_naturally() -> None:
    run = FirstLetterRun.of(cut_of("Stop your line."))
    assert run.press(" ") is None and run.press(".") is None
    type_first_letters(run, "s y, l.")
    assert run.done and run.score == 100.0 and run.missed_words() == []


def test_a_wrong_key_marks_the_word_but_never_blocks_the_run() -> None:
    run = FirstLetterRun.of(cut_of("Stop your line now"))
    assert run.press("x") is False and run.at == 0  # wrong: "Stop" is marked, and still the word to recall
    assert run.press("s") is True  # right at the second key: a slip ("near")
    for _ in range(MAX_TRIES):
        run.press("q")  # "your" never recalled: revealed after MAX_TRIES wrong keys, the run moves on
    assert run.at == 2
    type_first_letters(run, "ln")
    assert run.done
    assert [run.status(i) for i in range(4)] == ["near", "missed", "matched", "matched"]
    assert [w.text for w in run.missed_words()] == ["Stop", "your"]
    assert run.score == 50.0


def test_a_finished_run_is_a_labelled_breakdown_the_mistake_memory_reads() -> None:
    run = FirstLetterRun.of(V2)
    letters = [w.keys for w in run.words]
    for i, keys in enumerate(letters):
        if run.words[i].text == "worst":
            for _ in range(MAX_TRIES):
                run.press("z")
        else:
            run.press(sorted(keys)[0])
    breakdown = run.breakdown()
    assert breakdown["mode"] == "first_letter" and ["Ask", 7, "worst", "missed"] in breakdown["marks"]
    assert breakdown["covered"] == [["Hook", 0, 15], ["Ask", 0, 9]]
    mistakes = build_mistake_map(V2, [(DAY0, breakdown)], now=DAY0)
    assert [w.text for w in mistakes.worst_words()] == ["worst"]


def test_a_run_stopped_half_way_teaches_the_memory_nothing_about_the_words_not_reached() -> None:
    earlier = stored(V2, V2_RIGHT.replace(" worst", ""))  # "worst" was missed in a full recitation
    run = FirstLetterRun.of(V2)
    for word in run.words[:3]:
        run.press(sorted(word.keys)[0])
    assert run.breakdown()["covered"] == [["Hook", 0, 3]]
    before = build_mistake_map(V2, [(DAY0, earlier)], now=DAY0).worst_words()
    after = build_mistake_map(V2, [(DAY0, earlier), (DAY0, run.breakdown())], now=DAY0).worst_words()
    assert [(w.text, w.weight) for w in after] == [(w.text, w.weight) for w in before]


def test_cue_mode_pairs_each_sentence_with_the_one_before_it() -> None:
    pairs = cue_pairs(V2)
    assert [p.sentence.text for p in pairs] == [
        "Broken widgets stop your line for hours.",
        "Acme widgets warn you days before they fail.",
        "Can we run a pilot on your worst line?",
    ]
    assert pairs[0].cue == "(start of the cut: Hook)"
    assert pairs[1].cue == pairs[0].sentence.text and pairs[2].cue == pairs[1].sentence.text


def test_only_full_cut_recitations_count_for_the_cut() -> None:
    assert counts_for_the_cut("recite") and counts_for_the_cut("strict")
    assert not any(counts_for_the_cut(m) for m in ("first_letter", "cue", "weak-spot"))
