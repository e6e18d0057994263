"""Speak instead of typing: a button (and key) that records from the microphone, with a level meter and the
recorded time, then keeps the recording and transcribes it — all in thread workers, never on the UI thread.

Why a widget of its own: the recite screen only places it and turns what was heard into a result; recording,
the level meter, keeping the WAV and the "Transcribing…" state live here. Every failure (no ``voice`` extra, no
PortAudio, no microphone, no model, a microphone that stops) is one notification, and typing carries on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Static

from .practice_clock import clock_text

METER_CELLS = 10
REFRESH_EVERY = 0.1  # seconds between meter refreshes while recording
SPEAK_LABEL = "Speak  ctrl+t"
STOP_LABEL = "Stop  ctrl+t"


def meter(level: float, cells: int = METER_CELLS) -> Content:
    """A bar for a peak level (0..1); square-rooted so quiet speech still moves it."""
    filled = min(cells, round((max(0.0, level) ** 0.5) * cells))
    style = "$text-error" if level >= 0.98 else "$text-success"
    return Content.assemble(("▮" * filled, style), ("▯" * (cells - filled), "$text-muted"))


@dataclass(frozen=True)
class SpeechKit:
    """Where the app gets a microphone and a recognizer: real ones by default, fakes of the hardware in tests."""

    recorder_factory: Any = None  # () -> trainer.speech.recorder.Recorder
    transcriber: Any = None  # trainer.speech.Transcriber
    playback_backend: Any = None  # the sounddevice-shaped module playback uses (None: the real one)

    def new_recorder(self) -> Any:
        if self.recorder_factory is not None:
            return self.recorder_factory()
        from ...speech.recorder import MicrophoneRecorder

        return MicrophoneRecorder()


class SpeakPanel(Horizontal):
    """Idle → recording (meter, time) → transcribing → idle; posts :class:`Heard` with the words and the WAV."""

    DEFAULT_CSS = """
    SpeakPanel { width: auto; height: 1; }
    SpeakPanel #speak-meter { width: auto; margin-left: 2; }
    SpeakPanel #speak-time { width: auto; margin-left: 1; }
    SpeakPanel #speak-status { width: auto; margin-left: 1; color: $text-warning; }
    """

    class Heard(Message):
        """A recording was kept and transcribed; ``transcript`` is a :class:`~trainer.speech.Transcript`."""

        def __init__(self, transcript: Any, audio_path: Path) -> None:
            super().__init__()
            self.transcript, self.audio_path = transcript, audio_path

    def __init__(self, *, language: str, recordings_db: Path, kit: SpeechKit, served: bool = False,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.language, self.recordings_db, self.kit, self.served = language, recordings_db, kit, served
        self.state = "idle"  # idle | starting | recording | stopping | transcribing
        self._recorder: Any = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Button(SPEAK_LABEL, id="speak", compact=True)
        yield Static(id="speak-meter")
        yield Static(id="speak-time")
        yield Static(id="speak-status")

    def on_mount(self) -> None:
        self._show()

    def on_unmount(self) -> None:
        """Leaving the screen while recording closes the microphone; nothing half-recorded is kept."""
        recorder, self._recorder = self._recorder, None
        if recorder is not None:
            with contextlib.suppress(Exception):
                recorder.stop()

    def _show(self, level: float = 0.0, seconds: float = 0.0) -> None:
        recording = self.state == "recording"
        button = self.query_one("#speak", Button)
        button.label = STOP_LABEL if recording else SPEAK_LABEL
        button.variant = "error" if recording else "default"
        button.disabled = self.state in ("starting", "stopping", "transcribing")
        self.query_one("#speak-meter", Static).update(meter(level) if recording else "")
        self.query_one("#speak-time", Static).update(
            Content.assemble(("● ", "bold $text-error"), clock_text(seconds)) if recording else ""
        )
        status = {"starting": "Starting…", "stopping": "Saving…", "transcribing": "Transcribing…"}.get(self.state, "")
        self.query_one("#speak-status", Static).update(status)

    def unavailable(self) -> str | None:
        """Why speaking cannot even start here, before touching any device."""
        from ...speech.languages import unsupported_language

        if self.served:
            return "spoken practice needs the app on your own computer: a served session has no microphone"
        return unsupported_language(self.language)

    def toggle(self) -> None:
        if self.state == "idle":
            reason = self.unavailable()
            if reason:
                self._fail(reason)
                return
            self.state = "starting"
            self._show()
            self._start()
        elif self.state == "recording":
            self.stop()

    def stop(self) -> None:
        if self.state != "recording":
            return
        if self._timer is not None:
            self._timer.stop()
        self.state = "stopping"
        self._show()
        self._finish(self._recorder)

    def done(self) -> None:
        """The screen has what it needs (results shown, or scoring failed): ready to record again."""
        self.state = "idle"
        self._show()

    def _fail(self, message: str) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.state = "idle"
        if self.is_attached:
            self._show()
            typing = "" if "type the" in message else ". You can still type the pitch"
            self.app.notify(f"{message}{typing}.", title="Cannot use speech", severity="warning", timeout=8)

    @work(thread=True, exclusive=True, group="speak-start")
    def _start(self) -> None:
        """Open the device (it can take a moment) and warm the model up while the rep speaks."""
        from ...speech import SpeechError

        try:
            recorder = self.kit.new_recorder()
            recorder.start()
        except SpeechError as exc:
            self.app.call_from_thread(self._fail, str(exc))
            return
        self.app.call_from_thread(self._recording, recorder)
        self._warm_up()

    def _warm_up(self) -> None:
        load = getattr(self.kit.transcriber, "load", None)
        if load is None:
            return
        from ...speech import SpeechError

        try:
            load()
        except SpeechError as exc:  # no model: stop now rather than after the rep spoke for five minutes
            self.app.call_from_thread(self._model_missing, str(exc))

    def _model_missing(self, message: str) -> None:
        recorder, self._recorder = self._recorder, None
        if recorder is not None:
            self._discard(recorder)
        self._fail(message)

    @work(thread=True, group="speak-discard")
    def _discard(self, recorder: Any) -> None:
        with contextlib.suppress(Exception):  # nothing to keep anyway
            recorder.stop()

    def _recording(self, recorder: Any) -> None:
        if self.state != "starting":  # the model check failed first, or the screen moved on
            self._discard(recorder)
            return
        self._recorder = recorder
        self.state = "recording"
        self._show()
        self._timer = self.set_interval(REFRESH_EVERY, self._tick)

    def _tick(self) -> None:
        recorder = self._recorder
        if recorder is None or self.state != "recording":
            return
        if recorder.failure:
            self._recorder = None
            self._discard(recorder)
            self._fail(recorder.failure)
            return
        self._show(recorder.level, recorder.seconds)
        if recorder.seconds >= getattr(recorder, "max_seconds", float("inf")):  # the recorder keeps no more
            self.app.notify("Recording stopped at its time limit.", timeout=5)
            self.stop()

    @work(thread=True, exclusive=True, group="speak-finish")
    def _finish(self, recorder: Any) -> None:
        """Stop, keep the WAV beside the practice database, then transcribe it (never given the script)."""
        from ...speech import SpeechError
        from ...speech.recorder import write_wav
        from ...store.recordings import keep_recording

        self._recorder = None
        try:
            audio = recorder.stop()
            with tempfile.TemporaryDirectory(prefix="trainer-rec-") as folder:
                temp = write_wav(audio, Path(folder) / "take.wav")
                kept = keep_recording(temp, self.recordings_db, "take", dt.datetime.now(dt.UTC))
        except SpeechError as exc:
            self.app.call_from_thread(self._fail, str(exc))
            return
        except OSError as exc:
            self.app.call_from_thread(self._fail, f"cannot keep the recording: {exc.strerror or exc}")
            return
        self.app.call_from_thread(self._transcribing)
        try:
            transcript = self.kit.transcriber.transcribe(audio)
        except SpeechError as exc:
            self.app.call_from_thread(self._fail, f"{exc} (the recording is kept in {kept})")
            return
        if not transcript.words:
            self.app.call_from_thread(self._fail, f"no words were heard (the recording is kept in {kept})")
            return
        self.app.call_from_thread(self.post_message, self.Heard(transcript, kept))

    def _transcribing(self) -> None:
        self.state = "transcribing"
        self._show()

    @on(Button.Pressed, "#speak")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.toggle()
