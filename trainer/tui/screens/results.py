"""The result of a recitation: score and tier, what to fix first, key phrases, pace, the marked script."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Digits, Footer, Static

from ...library.catalog import Pitch
from ...library.item_ref import ItemRef
from ...library.speaking import format_duration, unit_name
from ...practice.mistakes import Fixed
from ...practice.modes import MODE_NAMES, STRICT
from ...safe_text import visible
from ...scoring.results import score_text, whole_score
from ..widgets.marked_script import MarkedScript
from ..widgets.now_fixed import fixed_this_time, now_fixed_lines
from ..widgets.practice_clock import clock_text
from ..widgets.speech_summary import FROM_SPEECH, speech_lines, speech_pace_suffix
from ..widgets.title_bar import TitleBar
from .base import CutScreen

TIER_STYLE = {
    "Gold": "bold $text-warning",
    "Silver": "bold $text-primary",
    "Bronze": "bold $text-secondary",
}
PACE_WORDS = {"ok": "on target", "too long": "too long", "too short": "too short", "no target": "no target"}


def pace_line(pace: Any) -> Content:
    """"about 0:24 to say · target 0:30 · on target", the verdict coloured when off."""
    how = "about" if pace.estimated else "took"
    parts: list[str | tuple[str, str]] = [f"{how} {format_duration(pace.elapsed_seconds)} to say"]
    if pace.target_seconds:
        parts.append(f" · target {format_duration(pace.target_seconds)}")
    verdict = PACE_WORDS.get(pace.verdict, pace.verdict)
    parts.append((f" · {verdict}", "$text-success" if pace.verdict == "ok" else "bold $text-warning"))
    return Content.assemble(*parts)


def counts_line(counts: Any, unit: str = "words") -> Content:
    return Content.assemble(
        (f"{counts.matched}", "bold"), " matched  ",
        (f"{counts.near}", "bold"), " near  ",
        (f"{counts.substituted}", "bold"), " substituted  ",
        (f"{counts.missed}", "bold $text-error" if counts.missed else "bold"), " missed  ",
        (f"{counts.extra}", "bold"), " extra",
        (f" ({counts.filler} filler)" if counts.filler else "", "$text-muted"),
        (f"  of {counts.reference_words} {unit}", "$text-muted"),
    )


def key_phrase_lines(phrases: Any) -> Content:
    lines: list[Content] = []
    for phrase in phrases:
        critical = (" · critical", "$text-muted") if getattr(phrase, "critical", False) else ""
        if phrase.found:
            lines.append(Content.assemble(("✔ ", "bold $text-success"), visible(phrase.phrase), critical))
        else:
            said = f"\n   you said “{visible(phrase.matched_text)}”" if phrase.matched_text else "\n   not said"
            lines.append(
                Content.assemble(
                    ("✘ ", "bold $text-error"), (visible(phrase.phrase), "bold"), critical, (said, "$text-muted")
                )
            )
    if not lines:
        lines.append(Content.styled("This cut has no key phrases.", "$text-muted"))
    return Content("\n").join(lines)


HELD_BACK_SHOWN = 2  # the side panel is narrow: the most serious reasons, then a count


def held_back_lines(reasons: Any) -> Content:
    """Why the score is held below Gold (at most Silver), most serious first."""
    shown = list(reasons[:HELD_BACK_SHOWN])
    lines = [Content.assemble(("• ", "bold $text-warning"), visible(reason)) for reason in shown]
    if len(reasons) > len(shown):
        lines.append(Content.styled(f"… and {len(reasons) - len(shown)} more", "$text-muted"))
    return Content("\n").join(lines)


def fixes_lines(fixes: Any) -> Content:
    if not fixes:
        return Content.styled("Nothing to fix. Say it again tomorrow to keep it.", "$text-success")
    return Content("\n").join(
        Content.assemble((f"{number}. ", "bold $text-accent"), visible(fix)) for number, fix in enumerate(fixes[:3], 1)
    )


class ResultsScreen(CutScreen[str | None]):
    """Dismisses with "retry" (recite again), "back" (leave reciting) or None (escape: back to the text)."""

    CSS_PATH = "results.tcss"
    HELP = (
        "Your attempt against the script. Start at the top: why the score is held below Gold (a wrong figure, a "
        "reversed \"not\", a critical phrase or a sentence left out, a different word), then the fixes. The script "
        "shows each word: "
        "plain when matched, underlined when nearly right, red when missed, with what you said after an arrow "
        "when you swapped a word, and +words you added where you said them."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry"),
        Binding("b", "leave", "Done"),
        Binding("escape", "edit", "Edit attempt"),
        Binding("p", "play", "Play recording"),
    ]

    def __init__(
        self,
        pitch: Pitch,
        version: int,
        cut_name: str,
        result: Any,
        attempt: str,
        typed_seconds: float = 0.0,
        *,
        previous_best: float | None = None,
        spoken: Any = None,
        audio_path: Path | None = None,
        mode: str = "recite",
    ) -> None:
        super().__init__(pitch, version, cut_name)
        self.mode = mode  # recite | strict: said beside the tier; a strict result cannot be edited (no peeking)
        self.spoken, self.audio_path = spoken, audio_path  # a SpeechResult and its recording, when spoken
        self.can_play = False  # set once an output device is found
        self.previous_best = previous_best
        self.result = result
        self.attempt, self.typed_seconds = attempt, typed_seconds

    def compose(self) -> ComposeResult:
        result = self.result
        yield TitleBar()
        with Horizontal(id="results-top"):
            yield Digits(score_text(result.score), id="score")
            yield Static(self._summary(), id="summary")
        with Horizontal(id="results-main"):
            with VerticalScroll(id="results-side"):
                held_back = tuple(getattr(result, "held_back", ()))
                if held_back:
                    yield Static(Content.assemble(("Held below Gold\n", "bold $text-warning"),
                                                  held_back_lines(held_back)), id="held-back")
                fixes = [fix for fix in result.fixes if fix not in held_back[:HELD_BACK_SHOWN]]
                if fixes or not held_back:
                    yield Static(Content.assemble(("Fix first\n", "bold $text-accent"), fixes_lines(fixes)),
                                 id="fixes")
                if self.spoken is not None:
                    yield Static(speech_lines(self.spoken, self.audio_path), id="heard")
                yield Static(Content.assemble(("Key phrases\n", "bold $text-accent"),
                                              key_phrase_lines(result.key_phrases)), id="key-phrases")
                fixed = self._fixed()
                if fixed:
                    yield Static(now_fixed_lines(fixed), id="now-fixed")
            yield MarkedScript(
                [s.name for s in self.cut.sections], [s.text for s in self.cut.sections], result, id="marked",
                pauses=self.spoken.pauses if self.spoken is not None else (),
            )
        with Horizontal(classes="actions", id="results-actions"):
            yield Button("Retry  r", id="retry", variant="primary", compact=True)
            if self.mode != STRICT:
                yield Button("Edit attempt  esc", id="edit", compact=True)
            yield Button("Done  b", id="leave", compact=True)
        yield Footer(compact=True)

    def _fixed(self) -> Fixed:
        """The rep's old mistakes at this cut that this attempt got right (see :mod:`..widgets.now_fixed`)."""
        ref = ItemRef("pitch", self.pitch.product, self.pitch.id, self.cut_name)
        attempts = self.trainer.practice_log.attempts(ref)
        return fixed_this_time(self.cut, attempts, self.result.to_dict(), self.attempt, self.trainer.now())

    def _summary(self) -> Content:
        """Tier and what it is for, the word counts, the pace: three lines beside the big score."""
        result = self.result
        pace = pace_line(result.pace)
        if self.spoken is not None:
            pace = Content.assemble(pace, speech_pace_suffix(self.spoken))
        elif self.typed_seconds >= 1:
            pace = Content.assemble(pace, (f" · typed in {clock_text(self.typed_seconds)}", "$text-muted"))
        return Content("\n").join([
            Content.assemble(
                (result.tier, TIER_STYLE.get(result.tier, "bold $text-error")),
                (f"   {MODE_NAMES.get(self.mode, self.mode)} · {self.version.title} · {self.cut_name} · "
                 f"v{self.version.version}", "$text-muted"),
                FROM_SPEECH if self.spoken is not None else "",
            ),
            counts_line(result.counts, unit_name(self.trainer.library.product(self.pitch.product).language)),
            pace,
            self._best_line(),
        ])

    def _best_line(self) -> Content:
        """The new score beside the previous best: progress is what keeps a rep practising."""
        best, score = self.previous_best, self.result.score
        if best is None:
            return Content.styled("First scored attempt at this cut — this is your best so far.", "$text-muted")
        if score > best:
            return Content.assemble(
                ("New best! ", "bold $text-success"), (f"previous best {score_text(best)}", "$text-muted")
            )
        change = whole_score(score) - whole_score(best)  # the difference of the two numbers shown
        return Content.styled(f"Previous best {score_text(best)} ({change:+d} this time)", "$text-muted")

    def on_mount(self) -> None:
        self.sub_title = f"Result · {self.version.title} · {self.cut_name}"
        self.query_one("#marked").border_title = "Your recitation"
        self.query_one("#results-side").can_focus = False
        self.query_one("#retry").focus()
        self.trainer.collect_garbage_soon()
        if self.audio_path is not None:
            self._find_output()

    @work(thread=True, group="play")
    def _find_output(self) -> None:
        """Loading PortAudio and asking for devices can take a moment: not on the UI thread."""
        from ...speech.recorder import has_output_device

        if has_output_device(getattr(self.trainer.speech_kit, "playback_backend", None)):
            self.trainer.call_from_thread(self._playable)

    def _playable(self) -> None:
        self.can_play = True
        if self.spoken is not None and self.is_attached:
            self.query_one("#heard", Static).update(speech_lines(self.spoken, self.audio_path, can_play=True))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "play":
            return self.can_play
        return True

    def action_play(self) -> None:
        if self.audio_path is not None and self.can_play:
            self.notify(f"Playing {self.audio_path}", timeout=3)
            self._play(self.audio_path)

    @work(thread=True, exclusive=True, group="play")
    def _play(self, path: Path) -> None:
        from ...speech import SpeechError
        from ...speech.recorder import play_wav

        try:
            play_wav(path, getattr(self.trainer.speech_kit, "playback_backend", None))
        except SpeechError as exc:
            self.trainer.call_from_thread(self.notify, str(exc), severity="error")

    def action_retry(self) -> None:
        self.dismiss("retry")

    def action_leave(self) -> None:
        self.dismiss("back")

    def action_edit(self) -> None:
        """Back to the attempt to edit it; after a strict recitation (no peeking) escape only leaves."""
        self.dismiss("back" if self.mode == STRICT else None)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        {"retry": self.action_retry, "edit": self.action_edit, "leave": self.action_leave}.get(
            event.button.id or "", lambda: None
        )()
