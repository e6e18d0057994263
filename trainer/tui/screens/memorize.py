"""Memorize a cut section by section, hiding more words at each step until the rep can say it blank."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from ...library.catalog import Pitch
from ...library.item_ref import ItemRef
from ...library.speaking import unit_name
from ...practice.memorize import MemorizeSession
from ...safe_text import visible
from ..widgets.masked_section import MaskedSection
from ..widgets.title_bar import TitleBar
from .base import CutScreen


class MemorizeScreen(CutScreen):
    CSS_PATH = "memorize.tcss"
    HELP = (
        "Say the section out loud, then press → to hide more words: 25%, 50%, 75%, first letters only, blank. "
        "Key-phrase words are hidden last. Stuck? Space reveals the next hidden word, a reveals them all. "
        "The same step always hides the same words."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Harder", key_display="→", priority=True),
        Binding("left", "step(-1)", "Easier", key_display="←", priority=True, show=False),
        Binding("space", "reveal_word", "Reveal"),
        Binding("a", "reveal_all", "Reveal all", show=False),
        Binding("n", "section(1)", "Next section"),
        Binding("p", "section(-1)", "Previous section", show=False),
        Binding("r", "recite", "Recite"),
    ]

    def __init__(self, pitch: Pitch, version: int, cut: str) -> None:
        super().__init__(pitch, version, cut)
        self.session = MemorizeSession.for_sections([(s.name, s.text, s.key_phrases) for s in self.cut.sections])

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="memo-head")
        with VerticalScroll(id="memo-scroll"):
            yield Static(id="memo-cue")
            yield MaskedSection(id="memo-text")
        yield Static(id="memo-status")
        with Horizontal(classes="actions", id="memo-actions"):
            yield Button("← Easier", id="easier", compact=True)
            yield Button("Harder →", id="harder", compact=True, variant="primary")
            yield Button("Reveal word", id="reveal-word", compact=True)
            yield Button("Reveal all", id="reveal-all", compact=True)
            yield Button("Next section", id="next-section", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Memorize · {self.version.title} · {self.cut_name}"
        self.query_one("#memo-scroll").can_focus = False
        self._redraw()
        ref = ItemRef("pitch", self.pitch.product, self.pitch.id, self.cut_name)
        self.trainer.record(ref, version=self.version_number)

    def _redraw(self) -> None:
        session = self.session
        section = session.current
        step = session.current_step
        pips = Content.assemble(*(
            ("●" if i <= session.step else "○", "$text-accent" if i <= session.step else "$text-muted")
            for i in range(session.step_count)
        ))
        self.query_one("#memo-head", Static).update(Content.assemble(
            (visible(section.name), "bold $text-accent"),
            (f"  section {session.section + 1} of {len(session.sections)}", "$text-muted"),
            "    ", pips, "  ",
            (f"step {session.step + 1} of {session.step_count}: {step.label}", "bold"),
        ))
        cue = self.cut.sections[session.section].cue
        cue_widget = self.query_one("#memo-cue", Static)
        cue_widget.display = bool(cue)
        if cue:
            cue_widget.update(Content.assemble(("Do: ", "bold"), cue))
        self.query_one(MaskedSection).show(section.text, session.view())
        hidden = session.hidden_count()
        total = sum(1 for token in section.tokens if token.hideable)
        if step.kind == "full":
            status = "Read it aloud twice, then press → to start hiding words."
        elif hidden == 0:
            status = "Everything is showing. Say it once more, then press → for the next step."
        else:
            unit = unit_name(self.trainer.library.product(self.pitch.product).language)
            status = f"{hidden} of {total} {unit} hidden. Say the section aloud; space reveals the next one."
        self.query_one("#memo-status", Static).update(status)

    def action_step(self, delta: int) -> None:
        moved = self.session.next_step() if delta > 0 else self.session.previous_step()
        if not moved and delta > 0:
            more = self.session.section + 1 < len(self.session.sections)
            self.notify(
                "That was the last step. "
                + ("Press n for the next section." if more else "Press r to recite the cut."),
                timeout=3,
            )
        self._redraw()

    def action_section(self, delta: int) -> None:
        moved = self.session.next_section() if delta > 0 else self.session.previous_section()
        if not moved and delta > 0:
            self.notify("That was the last section. Press r to recite the whole cut from memory.", timeout=4)
        self._redraw()

    def action_reveal_word(self) -> None:
        if self.session.reveal_word() is None:
            self.notify("Nothing is hidden at this step.", timeout=2)
        self._redraw()

    def action_reveal_all(self) -> None:
        self.session.reveal_all()
        self._redraw()

    def action_recite(self) -> None:
        from .recite import ReciteScreen

        self.app.push_screen(ReciteScreen(self.pitch, self.version_number, self.cut_name))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {
            "easier": lambda: self.action_step(-1),
            "harder": lambda: self.action_step(1),
            "reveal-word": self.action_reveal_word,
            "reveal-all": self.action_reveal_all,
            "next-section": lambda: self.action_section(1),
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()
