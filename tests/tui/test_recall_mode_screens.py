"""Recall modes in the app: picked from the study screen (key or mouse); first letters, cue and strict recitation.

First-letter and cue runs are practice: kept apart from the cut's attempts, labelled, and read by the mistake
memory. A strict recitation counts like any recitation, labelled strict, and never lets the rep peek.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_mistake_map import NOW, REF, RIGHT, SMALL, make, open_study, practised
from textual.widgets import Button, DataTable, OptionList, TextArea
from tui_support import static_text, wait_for, wait_for_screen

from trainer.practice.mistakes import build_mistake_map
from trainer.store import NewAttempt
from trainer.store.database import PracticeStore
from trainer.tui.mistake_history import mistake_history
from trainer.tui.screens.cue import CueScreen
from trainer.tui.screens.first_letter import FirstLetterScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.manager import RepAttemptsScreen
from trainer.tui.screens.recall_picker import RecallPicker
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.study import StudyScreen
from trainer.tui.widgets.practice_clock import PracticeClock

FIRST_LETTERS = "bwsylfhawwydbtfcwratwtoywl"  # the v2 30s cut: "Broken widgets stop … your worst line?"


def weight_of(app: Any, word: str) -> float:
    cut = app.library.pitch("acme-core").version(2).cuts.get("30s")
    found = build_mistake_map(cut, mistake_history(app, REF), NOW).words
    return next((w.weight for w in found if w.text == word), 0.0)


async def pick(pilot: Any, key: str) -> None:
    await pilot.press("t")
    await wait_for_screen(pilot, RecallPicker)
    await pilot.press(key)


async def test_t_opens_the_recall_modes_and_a_click_picks_one(make_app: Any) -> None:
    async with make(make_app).run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pilot.press("t")
        picker = await wait_for_screen(pilot, RecallPicker)
        options = picker.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert [label.split("  ")[1] for label in labels] == [
            "Recite", "Strict recite", "First letters", "Cue", "Weak-spot drill"]
        assert "counts" in labels[1] and "practice" in labels[2]
        await pilot.click(OptionList, offset=(4, 3))  # the third line: First letters
        await wait_for_screen(pilot, FirstLetterScreen)


async def test_first_letters_reveal_words_mark_a_wrong_one_and_feed_the_mistake_memory(make_app: Any) -> None:
    app = make(make_app)
    practised(app, (1, RIGHT))
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pick(pilot, "f")
        screen = await wait_for_screen(pilot, FirstLetterScreen)
        assert "Broken" not in static_text(screen, "#fl-section-0")  # nothing to read off
        await pilot.press("B", "w")
        assert static_text(screen, "#fl-section-0").startswith("Broken widgets ·")
        assert "2/26 words" in static_text(screen, "#fl-head")
        await pilot.press("x")  # wrong for "stop": marked, not blocking
        assert "1 marked" in static_text(screen, "#fl-head") and "2/26" in static_text(screen, "#fl-head")
        await pilot.press(*FIRST_LETTERS[2:24])  # … up to "your"
        await pilot.press("q", "q", "q")  # "worst" not recalled: shown after three wrong keys, the run goes on
        await pilot.press("l")
        await wait_for(pilot, lambda: screen.finished)
        result = static_text(screen, "#fl-result")
        assert "Result · first letters" in result and "24 of 26 words right first time" in result
        assert "To review: “stop”, “worst”" in result and "not your score for the cut" in result
    assert len(app.practice_log.attempts(REF)) == 1  # practice, not an attempt at the cut
    assert weight_of(app, "worst") > 0 and weight_of(app, "stop") > 0


async def test_a_first_letter_run_is_stored_labelled_apart_from_the_cuts_attempts(make_app: Any,
                                                                                    tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pick(pilot, "f")
        screen = await wait_for_screen(pilot, FirstLetterScreen)
        await pilot.press(*FIRST_LETTERS[:5])
        await pilot.press("ctrl+s")  # finish early: only the words reached are covered
        await wait_for(pilot, lambda: screen.finished)
    [(_, mode, score, breakdown)] = store.partial_attempts("ann", REF)
    assert (mode, score, breakdown["covered"]) == ("first_letter", 100.0, [["Hook", 0, 5]])
    assert store.attempts("ann", key=REF) == [] and store.best_score("ann", REF) is None


async def test_cue_shows_the_sentence_before_and_checks_the_next_as_practice(make_app: Any, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pick(pilot, "c")
        screen = await wait_for_screen(pilot, CueScreen)
        assert "start of the cut" in static_text(screen, "#cue-prompt")
        await pilot.press("ctrl+n")
        prompt = static_text(screen, "#cue-prompt")
        assert "Broken widgets stop your line for hours." in prompt and "Acme" not in prompt
        await pilot.press("ctrl+n")
        screen.query_one(TextArea).text = "Can we run a two-week trial on your line?"
        await pilot.press("ctrl+s")
        result = static_text(screen, "#cue-result")
        assert "Result · cue" in result and "“worst”" in result and "Cut done: 1 sentences" in result
    [(_, mode, _, breakdown)] = store.partial_attempts("ann", REF)
    assert mode == "cue" and ["Ask", 9, "worst", "missed"] in breakdown["marks"]
    assert breakdown["covered"] == [["Ask", 0, 11]]
    assert store.attempts("ann", key=REF) == []


async def test_strict_recite_hides_the_sections_runs_the_clock_and_counts_labelled_strict(
    make_app: Any, tmp_path: Path,
) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pick(pilot, "s")
        screen = await wait_for_screen(pilot, ReciteScreen)
        assert screen.strict and "Hook" not in static_text(screen, "#recite-sections")  # type: ignore[attr-defined]
        assert screen.query_one(PracticeClock).started_at is not None  # running before the first key
        screen.query_one(TextArea).text = RIGHT.replace(" worst", "")
        await pilot.press("ctrl+r")  # no starting over mid-attempt
        assert screen.query_one(TextArea).text
        await pilot.press("escape")  # no going back to study: a warning first …
        assert app.screen is screen
        await pilot.press("escape")  # … then leaving submits what was typed
        results = await wait_for_screen(pilot, ResultsScreen)
        assert "strict ·" in static_text(results, "#summary")
        assert not results.query(Button).filter("#edit")  # no editing after seeing the script
        await pilot.press("escape")
        await wait_for_screen(pilot, StudyScreen)
    [attempt] = store.attempts("ann", key=REF)
    assert attempt.mode == "strict" and store.best_score("ann", REF) == attempt.score


async def test_a_plain_recitation_is_labelled_recite(make_app: Any, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SMALL) as pilot:
        await open_study(pilot)
        await pick(pilot, "r")
        screen = await wait_for_screen(pilot, ReciteScreen)
        assert "Hook → Ask" in static_text(screen, "#recite-sections")
        screen.query_one(TextArea).text = RIGHT
        await pilot.press("ctrl+s")
        results = await wait_for_screen(pilot, ResultsScreen)
        assert "recite ·" in static_text(results, "#summary")
    [attempt] = store.attempts("ann", key=REF)
    assert attempt.mode == "recite"


async def test_a_managers_list_of_a_reps_attempts_says_which_were_strict(make_app: Any, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    for mode, hour in (("strict", 9), ("recite", 10)):
        store.record(NewAttempt(rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s", score=80.0,
                                tier="Silver", attempt_text=RIGHT, version=2, mode=mode,
                                started_at=NOW.replace(hour=hour)))
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.push_screen(RepAttemptsScreen("ann", None))
        screen = await wait_for_screen(pilot, RepAttemptsScreen)
        rows = screen.query_one(DataTable)
        where = sorted(str(rows.get_row_at(i)[-1]) for i in range(rows.row_count))
    assert where == ["app", "app · strict"]
