"""Recite a cut from memory: type it (or speak it, ctrl+t), watch the clock, submit; scoring runs in a thread,
never in the UI.

``strict=True`` is the no-peeking recitation (see :mod:`trainer.practice.recall_modes`): no section names, the
clock running from the moment the screen opens, no starting over, no going back to study mid-attempt (leaving
submits what was typed), and no editing after the result. It is scored and counted like any recitation, and
labelled ``strict``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Footer, Static, TextArea

from ...library.catalog import Pitch
from ...library.item_ref import ItemRef
from ...library.speaking import unit_name
from ...practice.modes import RECITE, STRICT
from ...scoring.results import score_text
from ...scoring.tokens import count_words
from ..widgets.practice_clock import PracticeClock
from ..widgets.speak_panel import SpeakPanel
from ..widgets.title_bar import TitleBar
from .base import CutScreen, version_label

COUNT_EVERY = 0.25  # seconds between word-count refreshes: counting a long paste on every key would lag
BUSY_AFTER = 0.15  # seconds of scoring before the screen says "Scoring…"


class ReciteScreen(CutScreen):
    CSS_PATH = "recite.tcss"
    HELP = (
        "Type the cut from memory, as you would say it. The clock starts with your first key. Press ctrl+s to "
        "score: every word is marked matched, near, substituted or missed, with what to fix first. Or press ctrl+t to "
        "speak it into the microphone and ctrl+t again to stop: the recording is transcribed offline and scored the "
        "same way, with your real pace, pauses and filler words (English pitches only)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+r", "clear", "Start over"),
        Binding("ctrl+t", "speak", "Speak/stop"),
    ]

    STRICT_HELP = (
        "Strict recitation: no peeking. No section names are shown, the clock is already running, you cannot "
        "start over, and leaving (escape, twice) submits what you typed. Press ctrl+s to score it: it counts like "
        "any recitation and is labelled strict."
    )

    def __init__(
        self, pitch: Pitch, version: int, cut: str, *, strict: bool = False, lead: Content | None = None
    ) -> None:
        """``lead``: a line above the cut, e.g. how the weak-spot drill that rolled into this recitation went."""
        super().__init__(pitch, version, cut)
        self.lead = lead
        self.strict = strict
        self.mode = STRICT if strict else RECITE
        self._leave_warned = False
        if strict:  # the help screen reads this screen's HELP: the strict rules, for this one screen
            setattr(self, "HELP", self.STRICT_HELP)  # noqa: B010 (HELP is a class variable of every screen)
        self.reference_words = sum(count_words(section.text) for section in self.cut.sections)
        self.unit = "words"  # set on mount, from the product's language
        self._dirty = False
        self._shown_count = -1  # the word count on screen (-1: none yet)
        self.scoring = False
        self._busy_timer: Timer | None = None

    @property
    def ref(self) -> ItemRef:
        return ItemRef("pitch", self.pitch.product, self.pitch.id, self.cut_name)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="recite-head"):
            yield Static(id="recite-title")
            yield Static(id="word-count")
            yield PracticeClock(self.trainer.clock, self.cut.target_seconds, id="clock")
        if self.lead is not None:
            yield Static(self.lead, id="recite-lead")
        yield Static(id="recite-sections")
        yield TextArea(id="attempt", soft_wrap=True, tab_behavior="focus",
                       placeholder="Type the pitch from memory…")
        with Horizontal(classes="actions", id="recite-actions"):
            yield Button("Submit  ctrl+s", id="submit", variant="primary", compact=True)
            yield Button("Start over", id="clear", compact=True)
            yield SpeakPanel(
                language=self.trainer.library.product(self.pitch.product).language,
                recordings_db=self.trainer.recordings_db, kit=self.trainer.speech_kit, served=self.trainer.served,
                id="speak-panel",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.unit = unit_name(self.trainer.library.product(self.pitch.product).language)
        self.sub_title = f"{'Strict recite' if self.strict else 'Recite'} · {self.version.title} · {self.cut_name}"
        self.query_one("#recite-title", Static).update(Content.assemble(
            ("STRICT ", "bold reverse $text-warning") if self.strict else "",
            (f"{self.version.title}", "bold"), (f"  {self.cut_name} cut · ", "$text-muted"),
            version_label(self.pitch, self.version_number),
        ))
        sections = self.query_one("#recite-sections", Static)
        if self.strict:  # the section names are a hint: not in strict mode
            sections.update(Content.styled(
                "No peeking: no section names, the clock is running, no starting over; escape twice submits.",
                "$text-muted"))
            self.query_one(PracticeClock).start()
            self.query_one("#clear", Button).display = False
        else:
            names = " → ".join(section.name for section in self.cut.sections)
            sections.update(Content.styled(f"Sections: {names}", "$text-muted"))
        self._update_count()
        self.set_interval(COUNT_EVERY, self._refresh_count)
        self.query_one(TextArea).focus()

    @on(TextArea.Changed, "#attempt")
    def _typed(self, event: TextArea.Changed) -> None:
        """Cheap on purpose: runs on every key. Counting waits for the next timer tick."""
        self._dirty = True
        clock = self.query_one(PracticeClock)
        if clock.started_at is None:
            document = event.text_area.document
            if document.line_count > 1 or document.get_line(0):
                clock.start()

    def _refresh_count(self) -> None:
        if self._dirty:
            self._update_count()

    def _update_count(self) -> None:
        self._dirty = False
        said = count_words(self.query_one(TextArea).text)
        if said == self._shown_count:
            return  # most keys do not finish a word: nothing to redraw
        # Only a new number of digits changes the width, and only a new width needs the screen laid out again.
        layout = len(str(said)) != len(str(self._shown_count))
        self._shown_count = said
        self.query_one("#word-count", Static).update(Content.assemble(
            (str(said), "bold"), (f" / {self.reference_words} {self.unit}", "$text-muted"),
        ), layout=layout)

    def action_submit(self) -> None:
        if self.scoring:
            return
        attempt = self.query_one(TextArea).text
        if not attempt.strip():
            self.notify("Type the pitch first, then press ctrl+s.", severity="warning", timeout=3)
            return
        self.scoring = True
        # Scoring usually takes milliseconds: only show "Scoring…" (and freeze the text) when it is slow, so a
        # quick result is not delayed by redrawing a long text box.
        self._busy_timer = self.set_timer(BUSY_AFTER, self._show_busy)
        self._score(attempt, self.query_one(PracticeClock).elapsed)

    def _show_busy(self) -> None:
        if self.scoring:
            button = self.query_one("#submit", Button)
            button.label, button.disabled = "Scoring…", True
            self.query_one(TextArea).read_only = True

    def action_speak(self) -> None:
        self.query_one(SpeakPanel).toggle()

    @on(SpeakPanel.Heard)
    def _heard(self, event: SpeakPanel.Heard) -> None:
        if self.scoring:
            self.query_one(SpeakPanel).done()
            return
        self.scoring = True
        self._score_speech(event.transcript, event.audio_path)

    @work(thread=True, exclusive=True, group="score")
    def _score_speech(self, transcript: Any, audio_path: Any) -> None:
        """Score what was heard like a typed attempt, timed by the heard words."""
        try:
            from ...library.speaking import speaking_target
            from ...practice.scenario import cut_reference
            from ...speech.scoring import score_speech

            target = speaking_target(self.cut_name, self.cut.target_seconds, self.cut.text)
            spoken = score_speech(cut_reference(self.cut), transcript, target_seconds=target)
        except Exception as exc:  # any scorer failure must reach the rep as a message
            self.trainer.call_from_thread(self._scoring_failed, exc)
            return
        self.trainer.call_from_thread(
            self._show_results, transcript.text, spoken.result, spoken.pace.speaking_seconds, spoken, audio_path
        )

    @work(thread=True, exclusive=True, group="score")
    def _score(self, attempt: str, typed_seconds: float) -> None:
        """Score off the UI thread; errors become a toast, never a traceback."""
        try:
            from ...library.speaking import speaking_target
            from ...practice.scenario import cut_reference
            from ...scoring import score_recitation

            # Typing is slower than speaking, so pace is estimated from the words, not the typing time.
            target = speaking_target(self.cut_name, self.cut.target_seconds, self.cut.text)
            result = score_recitation(cut_reference(self.cut), attempt, target_seconds=target)
        except Exception as exc:  # any scorer failure must reach the rep as a message
            self.trainer.call_from_thread(self._scoring_failed, exc)
            return
        self.trainer.call_from_thread(self._show_results, attempt, result, typed_seconds)

    def _scoring_failed(self, exc: Exception) -> None:
        if not self.is_attached:
            return
        self._reset_button()
        self.query_one(SpeakPanel).done()
        self.notify(f"Could not score this attempt: {exc}", title="Scoring failed", severity="error")

    def _reset_button(self) -> None:
        self.scoring = False
        if self._busy_timer is not None:
            self._busy_timer.stop()
        button = self.query_one("#submit", Button)
        if button.disabled:
            button.label, button.disabled = "Submit  ctrl+s", False
            self.query_one(TextArea).read_only = False

    def _show_results(
        self, attempt: str, result: Any, typed_seconds: float, spoken: Any = None, audio_path: Any = None
    ) -> None:
        from .results import ResultsScreen

        attempt_id = self.trainer.record(
            self.ref, score=float(result.score), version=self.version_number, text=attempt,
            detail=result, seconds=typed_seconds or None,
            medium="typed" if spoken is None else "spoken", transcript=None if spoken is None else attempt,
            audio_path=None if audio_path is None else str(audio_path), mode=self.mode,
        )
        previous_best = self.trainer.practice_log.best(self.ref, before=attempt_id) if attempt_id else None
        if not self.is_attached:  # the rep left while it was scoring: keep the attempt, say the score
            self.trainer.notify(f"Scored {score_text(result.score)} ({result.tier}).", title=self.version.title)
            return
        self._reset_button()
        self.query_one(SpeakPanel).done()
        if self.app.screen is not self:  # the rep left (or opened help) while scoring: do not jump screens
            self.notify(f"Scored {score_text(result.score)} ({result.tier}).", title=self.version.title)
            return
        # While the results cover this screen, the text box is hidden: Textual lays out the screen underneath
        # again when the results appear, and wrapping a long attempt there would delay them.
        self.query_one(TextArea).display = False
        self.app.push_screen(
            ResultsScreen(
                self.pitch, self.version_number, self.cut_name, result, attempt,
                typed_seconds if spoken is None else 0.0, previous_best=previous_best, spoken=spoken,
                audio_path=audio_path, mode=self.mode,
            ),
            callback=self._after_results,
        )

    def _after_results(self, choice: str | None) -> None:
        area = self.query_one(TextArea)
        area.display = True
        area.focus()
        if self.strict:  # the result showed the script: editing the attempt now would be peeking
            self._start_afresh()
            if choice == "back":
                self.app.pop_screen()
            return
        if choice == "retry":
            self.action_clear()
        elif choice == "back":
            self.action_back()

    def action_clear(self) -> None:
        clock = self.query_one(PracticeClock)
        if self.strict and clock.started_at is not None:
            self.notify("Strict: no starting over mid-attempt. Submit with ctrl+s.", severity="warning", timeout=3)
            return
        self._start_afresh()

    def _start_afresh(self) -> None:
        area = self.query_one(TextArea)
        area.clear()
        area.focus()
        clock = self.query_one(PracticeClock)
        clock.reset()
        if self.strict:
            clock.start()
        self._leave_warned = False
        self._update_count()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Strict: no "Start over" key (the footer does not offer what the mode refuses)."""
        return not (self.strict and action == "clear")

    def action_back(self) -> None:
        """Strict: leaving mid-attempt (anything typed) submits it, after one warning — no going back to study."""
        if not self.strict or self.scoring or not self.query_one(TextArea).text.strip():
            super().action_back()
            return
        if not self._leave_warned:
            self._leave_warned = True
            self.notify("Strict: press escape again to submit what you typed; no going back to study mid-attempt.",
                        severity="warning", timeout=4)
            return
        self.action_submit()

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#clear")
    def _clear_pressed(self) -> None:
        self.action_clear()
