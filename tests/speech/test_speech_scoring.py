"""Scoring a spoken recitation from timed words: real pace, pauses in place, fillers, and the same word marks
as a typed attempt. The recognizer is faked (fixed words and times); the scorer is the real one."""

from __future__ import annotations

from pathlib import Path

from speech_files import FakeRecognizer, evenly, write_wav

from trainer.scoring import ReferenceSection, score_recitation
from trainer.speech import Transcriber, read_wav, score_speech

HOOK = "Most finance teams pay about eleven dollars to process one invoice."
VALUE = "Ledgerly cuts that to about three dollars."
ASK = "Could I show you the numbers on Thursday?"
SECTIONS = [
    ReferenceSection("Hook", HOOK, ("eleven dollars to process one invoice",)),
    ReferenceSection("Value", VALUE),
    ReferenceSection("Ask", ASK),
]


def spoken(tmp_path: Path, timed: list[tuple[str, float, float]], target: float | None = 30.0):
    recognizer: Transcriber = FakeRecognizer(timed)
    transcript = recognizer.transcribe(read_wav(write_wav(tmp_path / "take.wav", 0.5)))
    return score_speech(SECTIONS, transcript, target_seconds=target)


def test_a_verbatim_recitation_scores_as_the_typed_one_and_says_it_came_from_speech(tmp_path: Path) -> None:
    script = f"{HOOK} {VALUE} {ASK}"
    result = spoken(tmp_path, evenly(script))
    typed = score_recitation(SECTIONS, script)
    assert result.score == typed.score == 100
    data = result.to_dict()
    assert data["source"] == "speech"
    assert data["transcript"] == script
    assert data["counts"] == typed.to_dict()["counts"]


def test_pace_comes_from_the_word_timestamps_overall_and_per_section(tmp_path: Path) -> None:
    # Hook at 0.4 s a word (150/min), then Value and Ask twice as fast (0.2 s a word, 300/min), after 1 s of gap.
    hook = evenly(HOOK, 0.0, 0.4)
    rest = evenly(f"{VALUE} {ASK}", hook[-1][2] + 1.0, 0.2)
    result = spoken(tmp_path, hook + rest)
    pace = result.pace
    speaking = rest[-1][2] - hook[0][1]
    assert pace.speaking_seconds == speaking
    assert pace.words_per_minute == round(len(hook + rest) * 60 / speaking, 1)
    by_name = {s.name: s for s in pace.sections}
    assert by_name["Hook"].words == len(HOOK.split())
    assert 150 <= by_name["Hook"].words_per_minute <= 170  # the last word's 90% length shortens the span a little
    assert by_name["Ask"].words_per_minute > 300
    # The scorer's own pace uses the measured time, not an estimate.
    assert result.result.pace.estimated is False
    assert result.result.pace.elapsed_seconds == round(speaking, 1)
    assert result.to_dict()["pace"]["timed_from"] == "word timestamps"


def test_a_long_pause_is_reported_before_the_script_word_that_followed_it(tmp_path: Path) -> None:
    hook = evenly(f"{HOOK} {VALUE}")
    ask = evenly(ASK, hook[-1][2] + 3.5)
    result = spoken(tmp_path, hook + ask)
    assert len(result.pauses) == 1
    pause = result.pauses[0]
    assert 3.4 < pause.seconds < 3.6
    assert pause.before_text == "Could"
    assert result.result.words[pause.before_word].section == 2
    assert pause.after_heard == "dollars."


def test_short_gaps_are_not_pauses(tmp_path: Path) -> None:
    hook = evenly(HOOK)
    rest = evenly(f"{VALUE} {ASK}", hook[-1][2] + 1.9)
    assert spoken(tmp_path, hook + rest).pauses == ()


def test_filler_words_are_counted_from_the_transcript(tmp_path: Path) -> None:
    said = f"Um, {HOOK} {VALUE} uh you know {ASK}"
    result = spoken(tmp_path, evenly(said))
    assert result.result.counts.filler == 3  # "you know" is one filler
    assert [w.lower().strip(",") for w in result.fillers] == ["um", "uh", "you", "know"]
    assert result.to_dict()["fillers"]["count"] == 3


def test_changed_figures_are_substitutions_showing_what_was_said(tmp_path: Path) -> None:
    said = f"{HOOK.replace('eleven', 'fourteen')} {VALUE} {ASK}"
    result = spoken(tmp_path, evenly(said))
    eleven = next(w for w in result.result.words if w.text == "eleven")
    assert eleven.status == "substituted" and eleven.said == "fourteen"


def test_nothing_heard_scores_zero_without_dividing_by_zero(tmp_path: Path) -> None:
    result = spoken(tmp_path, [])
    assert result.score == 0
    assert result.pace.words_per_minute is None and result.pauses == ()
    assert result.result.pace.estimated is True  # no words, no timing to measure
