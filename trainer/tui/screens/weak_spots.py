"""Weak-spot drill: recite only the sentences that trip the rep up most, heaviest first, then the whole cut.

The sentences are not shown (it is a recall drill): only where they are and how they start. The partial score
is kept as a drill (see :mod:`trainer.practice.weak_spots`): it teaches the mistake memory and never counts
as the cut's score.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Static, TextArea

from ...library.catalog import Pitch
from ...library.item_ref import ItemRef
from ...practice.mistakes import build_mistake_map
from ...practice.weak_spots import Sentence, drill_reference, partial_breakdown, weak_sentences
from ...safe_text import visible
from ...scoring.results import score_text
from ..mistake_history import keep_drill, mistake_history
from ..widgets.title_bar import TitleBar
from .base import CutScreen


def cue_lines(chosen: list[Sentence]) -> Content:
    """Where each sentence is and its first word: enough to start, not enough to read off."""
    lines = [
        Content.assemble((f"{number}. ", "bold $text-accent"), visible(s.section),
                         (f" · words {s.first_word + 1}–{s.end_word} · starts “{visible(s.text.split()[0])} …”",
                          "$text-muted"))
        for number, s in enumerate(chosen, 1)
    ]
    return Content("\n").join(lines)


class WeakSpotScreen(CutScreen):
    CSS_PATH = "weak_spots.tcss"
    HELP = (
        "Type the sentences listed, in that order, from memory: they are the ones your recitations got wrong "
        "most. ctrl+s scores them and goes straight on to the whole cut (ctrl+n skips to it). A drill never counts "
        "as the cut's score."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Score"),
        Binding("ctrl+n", "whole_cut", "Whole cut"),
    ]

    def __init__(self, pitch: Pitch, version: int, cut: str) -> None:
        super().__init__(pitch, version, cut)
        self.chosen: list[Sentence] = []
        self.scored: float | None = None

    @property
    def ref(self) -> ItemRef:
        return ItemRef("pitch", self.pitch.product, self.pitch.id, self.cut_name)

    def compose(self) -> ComposeResult:
        mistakes = build_mistake_map(self.cut, mistake_history(self.trainer, self.ref), self.trainer.now())
        self.chosen = weak_sentences(self.cut, mistakes)
        yield TitleBar()
        yield Static(id="weak-head")
        yield Static(cue_lines(self.chosen), id="weak-cues")
        yield TextArea(id="weak-attempt", soft_wrap=True, tab_behavior="focus",
                       placeholder="Type these sentences from memory…")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Weak-spot drill · {self.version.title} · {self.cut_name}"
        head = self.query_one("#weak-head", Static)
        if not self.chosen:
            head.update(Content.styled("No weak spots yet: recite the whole cut first (ctrl+n).", "$text-muted"))
            self.query_one("#weak-attempt").display = False
            return
        count = len(self.chosen)
        head.update(Content.assemble(("Weak-spot drill", "bold"),
                                     f" · your {count} shakiest sentence{'s' if count != 1 else ''}, worst first",
                                     (" · then the whole cut", "$text-muted")))
        self.query_one(TextArea).focus()

    def action_submit(self) -> None:
        if not self.chosen:
            return
        from ...scoring import ReferenceSection, score_recitation

        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("Type the sentences first.", timeout=2)
            return
        reference = [ReferenceSection(name, sentence) for name, sentence in drill_reference(self.chosen)]
        result = score_recitation(reference, text)
        breakdown = partial_breakdown(result.to_dict(), self.chosen)
        keep_drill(self.trainer, self.ref, score=result.score, breakdown=breakdown, text=text,
                   version=self.version_number)
        self.scored = result.score
        wrong = [w.text for w in result.words if w.status != "matched"]
        said = "all words right" if not wrong else "to fix: " + ", ".join(f"“{visible(w)}”" for w in wrong[:8])
        # The drill is the first half of one exercise ("the sentences with the most weight first, then the whole
        # cut"): it rolls straight into the whole cut, carrying its result along as the recitation's first line.
        self.action_whole_cut(Content.assemble(
            ("Drill score ", "bold"), (score_text(result.score), "bold $text-accent"),
            (" (a drill: not your score for the cut) · ", "$text-muted"), said,
            (" · now the whole cut", "bold"),
        ))

    def action_whole_cut(self, lead: Content | None = None) -> None:
        from .recite import ReciteScreen

        self.app.switch_screen(ReciteScreen(self.pitch, self.version_number, self.cut_name, lead=lead))
