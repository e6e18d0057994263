"""Cue recall: the previous sentence is shown, the rep recites the next one; sentence by sentence through the cut.

Each checked sentence is practice, not the cut's score: it is kept labelled ``cue`` with its marks in the cut's
word positions, so the mistake memory learns from the words of that sentence only (see
:mod:`trainer.practice.recall_modes`). The sentence is shown after it is checked, never before.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Static, TextArea

from ...library.catalog import Pitch
from ...library.item_ref import ItemRef
from ...practice.modes import CUE
from ...practice.recall_modes import CuePair, cue_pairs
from ...practice.weak_spots import partial_breakdown
from ...safe_text import visible
from ...scoring.results import score_text
from ..mistake_history import keep_drill
from ..widgets.title_bar import TitleBar
from .base import CutScreen


class CueScreen(CutScreen):
    CSS_PATH = "cue.tcss"
    HELP = (
        "The sentence before is shown: type the sentence that comes next, from memory, and press ctrl+s to check "
        "it; ctrl+n goes on to the next sentence. Cue runs are practice: they teach your mistake map, they never "
        "count as the cut's score."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "check", "Check"),
        Binding("ctrl+n", "next", "Next sentence"),
    ]

    def __init__(self, pitch: Pitch, version: int, cut: str) -> None:
        super().__init__(pitch, version, cut)
        self.pairs: list[CuePair] = cue_pairs(self.cut)
        self.at = 0
        self.checked: dict[int, float] = {}  # pair index → score of the checked sentence

    @property
    def ref(self) -> ItemRef:
        return ItemRef("pitch", self.pitch.product, self.pitch.id, self.cut_name)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="cue-head")
        yield Static(id="cue-prompt")
        yield TextArea(id="cue-attempt", soft_wrap=True, tab_behavior="focus",
                       placeholder="Type the next sentence from memory…")
        yield Static(id="cue-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Cue · {self.version.title} · {self.cut_name}"
        self._show()

    def _show(self) -> None:
        if not self.pairs:  # a cut with no words to say (only stage cues): nothing to cue
            self.query_one("#cue-head", Static).update(Content.styled("This cut has no sentences to recite.", "bold"))
            self.query_one(TextArea).display = False
            return
        pair = self.pairs[self.at]
        done = len(self.checked)
        self.query_one("#cue-head", Static).update(Content.assemble(
            ("Cue", "bold"), f" · sentence {self.at + 1} of {len(self.pairs)}",
            (f" · {done} checked" if done else "", "$text-muted"),
            (" · practice: not your score for the cut", "$text-muted"),
        ))
        self.query_one("#cue-prompt", Static).update(Content.assemble(
            ("Before: ", "bold"), (visible(pair.cue), "italic"),
            ("\nNow say what comes next", "$text-muted"),
            (f" ({visible(pair.sentence.section)})", "$text-muted"),
        ))
        area = self.query_one(TextArea)
        area.clear()
        area.read_only = False
        area.focus()
        self.query_one("#cue-result", Static).update("")

    def action_check(self) -> None:
        """Score the typed sentence against the script's, keep it as a cue practice, then show the sentence."""
        from ...scoring import ReferenceSection, score_recitation

        if not self.pairs:
            return
        if self.at in self.checked:
            self.action_next()
            return
        area = self.query_one(TextArea)
        if not area.text.strip():
            self.notify("Type the next sentence first.", timeout=2)
            return
        sentence = self.pairs[self.at].sentence
        result = score_recitation([ReferenceSection(sentence.section, sentence.text)], area.text)
        breakdown = partial_breakdown(result.to_dict(), [sentence])
        breakdown["mode"] = CUE
        keep_drill(self.trainer, self.ref, score=result.score, breakdown=breakdown, text=area.text,
                   version=self.version_number)
        self.checked[self.at] = result.score
        area.read_only = True
        wrong = [w.text for w in result.words if w.status != "matched"]
        said = ("all words right", "$text-success") if not wrong else (
            "to fix: " + ", ".join(f"“{visible(w)}”" for w in wrong[:8]), "")
        last = self.at + 1 >= len(self.pairs)
        self.query_one("#cue-result", Static).update(Content.assemble(
            ("Result · cue ", "bold"), (score_text(result.score), "bold $text-accent"), " · ", said,
            ("\nThe sentence: ", "bold"), visible(sentence.text),
            ("\n" + (self._summary() if last else "ctrl+n (or ctrl+s): next sentence"), "$text-muted"),
        ))

    def _summary(self) -> str:
        scores = list(self.checked.values())
        average = sum(scores) / len(scores)
        return f"Cut done: {len(scores)} sentences checked, average {score_text(average)} · escape: back to study"

    def action_next(self) -> None:
        if self.at + 1 >= len(self.pairs):
            self.notify("That was the last sentence.", timeout=2)
            return
        self.at += 1
        self._show()
