"""Pictures of speaking: the recite screen while recording, and a result scored from speech. Regenerate with
``pytest --snapshot-update`` and look at the SVGs before committing them."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_speak_mode import HEARD, FakeAudioDevice, HeldRecognizer, kit, open_recite, speech_files
from textual.pilot import Pilot
from tui_support import wait_for, wait_for_screen

from trainer.library.speaking import speaking_target
from trainer.practice.scenario import cut_reference
from trainer.speech import HeardWord, Transcript, score_speech
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.widgets.marked_script import MarkedScript
from trainer.tui.widgets.speak_panel import SpeakPanel

SMALL = (80, 24)
MEDIUM = (100, 30)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_DB", str(tmp_path / "data" / "practice.sqlite3"))


def test_recording(snap_compare, make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = speech_files.write_wav(tmp_path / "tone.wav", 2.0)
    device = FakeAudioDevice(fake)

    async def run_before(pilot: Pilot) -> None:
        screen = await open_recite(pilot)
        await pilot.press("ctrl+t")
        panel = screen.query_one(SpeakPanel)
        await wait_for(pilot, lambda: panel.state == "recording" and device.fed.is_set())
        await pilot.pause(0.3)  # the meter refreshes every 0.1 s

    assert snap_compare(make_app(speech=kit(device, HeldRecognizer())), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["small", "medium"])
def test_results_from_speech(snap_compare, make_app, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        screen = await open_recite(pilot)
        cut = screen.cut
        target = speaking_target(screen.cut_name, cut.target_seconds, cut.text)
        spoken = score_speech(cut_reference(cut), Transcript(tuple(HeardWord(*w) for w in HEARD), 11.0),
                              target_seconds=target)
        pilot.app.push_screen(ResultsScreen(
            screen.pitch, screen.version_number, screen.cut_name, spoken.result, spoken.transcript.text,
            spoken=spoken, audio_path=Path("/home/ann/.local/share/pitch-trainer/recordings/take.wav"),
        ))
        results = await wait_for_screen(pilot, ResultsScreen)
        await wait_for(pilot, lambda: results.query_one(MarkedScript).ready)
        await pilot.pause()

    no_speaker = kit(FakeAudioDevice(speaker=False))  # the same picture on a machine with a sound card
    assert snap_compare(make_app(speech=no_speaker), terminal_size=size, run_before=run_before)
