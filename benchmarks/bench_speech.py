"""How fast speech is transcribed and scored, and how much memory it takes: prints JSON.

For a 30-second and a 5-minute clip (the sample library's Ledgerly cuts, synthesized by flite and converted to
16 kHz mono by sox), each in a fresh process so its peak memory is its own:

- ``load_seconds``: loading the model (the packaged Whisper tiny.en, hash-checked first).
- ``transcribe_seconds`` and ``real_time_factor`` (transcription time / audio length). Goal: RTF ≤ 0.1.
- ``first_result_seconds``: load + transcribe + score, what a rep waits after a recording stops when the model
  is not loaded yet. Goal for the 30-second clip: ≤ 3 s.
- ``peak_rss_mb``: the process's peak resident memory. Goal: ≤ 600 MB.
- ``in_app_30s``: the app itself, headless, speaking the 30-second cut: ctrl+t starts recording from a sound card
  that plays the clip (the fake PortAudio device of the tests, standing in for the hardware only), the bench waits
  as long as the clip lasts — the model warms up meanwhile, as it does while a rep speaks — then ctrl+t stops it.
  ``stop_to_result_seconds`` is the time from that key to the results screen on top (saving the WAV,
  transcribing, scoring, storing the attempt, drawing). Goal: ≤ 3 s.

Measured with voice activity detection off (the default) and on. The baseline is the clip's own length
(real time). On a shared, loaded machine the times are upper bounds: ``load_average`` is reported with them.

Run: ``python benchmarks/bench_speech.py`` (needs the voice extra, flite and sox).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RTF_GOAL, MEMORY_GOAL_MB, FIRST_RESULT_GOAL = 0.1, 600, 3.0


def synthesize(text: str, path: Path, minimum_seconds: float = 0.0) -> Path:
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(raw)], check=True)
    parts = [str(raw)]
    seconds = float(subprocess.run(["soxi", "-D", str(raw)], capture_output=True, text=True, check=True).stdout)
    while seconds * len(parts) < minimum_seconds:
        parts.append(str(raw))
    trim = ["trim", "0", str(minimum_seconds)] if minimum_seconds else []
    subprocess.run(["sox", *parts, "-r", "16000", "-c", "1", "-b", "16", str(path), *trim], check=True)
    return path


def child(wav: str, cut: str, vad: bool) -> None:
    """Runs in its own process: load, transcribe, score; print the timings and the peak memory."""
    from trainer.library import find_library, load_library
    from trainer.library.speaking import speaking_target
    from trainer.scoring import ReferenceSection
    from trainer.speech import read_wav, score_speech
    from trainer.speech.whisper import WhisperTranscriber

    selected = load_library(find_library(None)).pitch("ledgerly-core").practice_version.cuts.get(cut)
    assert selected is not None
    sections = [ReferenceSection(s.name, s.text, tuple(s.key_phrases)) for s in selected.sections]
    started = time.perf_counter()
    transcriber = WhisperTranscriber(vad=vad)
    transcriber._load()
    loaded = time.perf_counter()
    audio = read_wav(wav)
    transcript = transcriber.transcribe(audio)
    transcribed = time.perf_counter()
    result = score_speech(sections, transcript, target_seconds=speaking_target(cut, selected.target_seconds, ""))
    scored = time.perf_counter()
    print(json.dumps({
        "audio_seconds": round(audio.seconds, 1),
        "load_seconds": round(loaded - started, 2),
        "transcribe_seconds": round(transcribed - loaded, 2),
        "real_time_factor": round((transcribed - loaded) / audio.seconds, 3),
        "first_result_seconds": round(scored - started, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "score": result.score,
        "words_heard": len(transcript.words),
    }))


def app_child(wav: str) -> None:
    """Runs in its own process: the app headless on the bundled library, a 30-second take spoken into it."""
    import asyncio
    import importlib.util

    from trainer.library import find_library, load_library
    from trainer.library.item_ref import ItemRef
    from trainer.speech.recorder import MicrophoneRecorder
    from trainer.speech.whisper import WhisperTranscriber
    from trainer.store import PracticeStore
    from trainer.tui.app import TrainerApp
    from trainer.tui.screens.recite import ReciteScreen
    from trainer.tui.screens.results import ResultsScreen
    from trainer.tui.widgets.speak_panel import SpeakPanel, SpeechKit

    spec = importlib.util.spec_from_file_location(
        "fake_audio_device", Path(__file__).resolve().parent.parent / "tests" / "speech" / "fake_audio_device.py"
    )
    assert spec and spec.loader
    fake = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fake)
    device = fake.FakeAudioDevice(Path(wav))
    seconds = len(device.samples) / 2 / device.rate
    spans: list[float] = []

    class Timed(WhisperTranscriber):
        """The real recognizer; the bench notes how long its transcription took, to split the wait."""

        def transcribe(self, audio):
            began = time.perf_counter()
            try:
                return super().transcribe(audio)
            finally:
                spans.append(time.perf_counter() - began)

    kit = SpeechKit(recorder_factory=lambda: MicrophoneRecorder(device), transcriber=Timed())

    async def run() -> dict[str, object]:
        with tempfile.TemporaryDirectory() as folder:
            store = PracticeStore(Path(folder) / "practice.sqlite3")
            app = TrainerApp(load_library(find_library(None)), store=store, rep="bench", speech=kit)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause(0.5)
                app.open_item(ItemRef("pitch", "ledgerly", "ledgerly-core", "30s"), "recite")
                await _until(pilot, lambda: isinstance(app.screen, ReciteScreen) and app.screen.is_mounted)
                await pilot.press("ctrl+t")
                started = time.perf_counter()
                await _until(pilot, lambda: app.screen.query_one(SpeakPanel).state == "recording")
                await asyncio.sleep(max(0.0, seconds - (time.perf_counter() - started)))  # as long as speaking
                await _until(pilot, device.fed.is_set)
                stopped = time.perf_counter()
                await pilot.press("ctrl+t")
                await _until(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.is_mounted, 60)
                await pilot.pause()  # its first messages handled: the result is drawn
                shown = time.perf_counter()
                summary = str(app.screen.query_one("#summary").render())
            store.close()
        return {
            "audio_seconds": round(seconds, 1),
            "stop_to_result_seconds": round(shown - stopped, 2),
            "of_which_transcribing_seconds": round(sum(spans), 2),
            "load_average": round(os.getloadavg()[0], 1),
            "from_speech": "from speech" in summary,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }

    print(json.dumps(asyncio.run(run())))


async def _until(pilot: object, condition: object, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {condition}")
        await pilot.pause(0.01)  # type: ignore[attr-defined]


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--app-child":
        app_child(sys.argv[2])
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4] == "vad")
        return
    if not (shutil.which("flite") and shutil.which("sox")):
        sys.exit("bench_speech needs flite and sox (apt-get install flite sox)")
    from trainer.library import find_library, load_library

    cuts = load_library(find_library(None)).pitch("ledgerly-core").practice_version.cuts
    short, long = cuts.get("30s"), cuts.get("5min")
    assert short is not None and long is not None
    report: dict[str, object] = {"cpu_count": os.cpu_count(), "load_average_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as folder:
        clips = {
            "30s": synthesize(short.text, Path(folder) / "30s.wav", minimum_seconds=30),  # the cut, then again to 30 s
            "5min": synthesize(long.text, Path(folder) / "5min.wav", minimum_seconds=300),
        }
        for vad in ("no-vad", "vad"):
            for cut, wav in clips.items():
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(wav), cut, vad], capture_output=True, text=True
                )
                if done.returncode:
                    sys.exit(done.stderr.strip().splitlines()[-1])
                report[f"{cut}_{vad}"] = json.loads(done.stdout)
        app_run = [sys.executable, __file__, "--app-child", str(clips["30s"])]
        done = subprocess.run(app_run, capture_output=True, text=True)
        if done.returncode:
            sys.exit((done.stderr.strip().splitlines() or ["the in-app run failed"])[-1])
        report["in_app_30s"] = json.loads(done.stdout.strip().splitlines()[-1])
    report["load_average_after"] = os.getloadavg()[0]
    report["goals"] = {
        "real_time_factor": RTF_GOAL, "peak_rss_mb": MEMORY_GOAL_MB, "first_result_seconds_30s": FIRST_RESULT_GOAL,
        "in_app_stop_to_result_seconds": FIRST_RESULT_GOAL,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
