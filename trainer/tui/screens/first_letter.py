"""First-letter recall: type only the first letter of each word; the word appears when the letter is right.

A wrong letter marks the word (red) and never blocks: type on, and after a few wrong keys the word is shown and
the run moves on. Fast on a phone-sized window and a strong recall test. The run is practice, not the cut's
score: it is kept labelled ``first_letter`` and teaches the mistake memory the words it covered (see
:mod:`trainer.practice.recall_modes`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from ...library.catalog import Pitch
from ...library.item_ref import ItemRef
from ...practice.recall_modes import FirstLetterRun, LetterWord
from ...safe_text import visible
from ...scoring.results import score_text
from ..mistake_history import keep_drill
from ..widgets.title_bar import TitleBar
from .base import CutScreen

HIDDEN = "·"
MISSED_SHOWN = 8  # missed words named in the result line; the rest are counted


def section_content(text: str, words: list[tuple[int, LetterWord]], run: FirstLetterRun, *,
                    finished: bool = False) -> Content:
    """One section as the rep sees it: words passed shown (marked when missed), the next word a cursor, the rest
    hidden as dots (the punctuation between words stays: it is structure, not the words)."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    for index, word in words:
        parts.append(visible(text[position:word.start]))
        position = word.end
        shown = visible(word.text)
        if index < run.at:
            status = run.status(index)
            style = {"matched": "", "near": "underline $text-warning", "missed": "bold $text-error"}[status]
            parts.append((shown, style) if style else shown)
        elif index == run.at and not finished:
            mark = "bold reverse $text-error" if run.wrong[index] else "bold reverse $text-accent"
            parts.append((HIDDEN * min(len(word.text), 12), mark))
        else:
            parts.append((HIDDEN * min(len(word.text), 12), "$text-muted"))
    if run.at > (words[-1][0] if words else -1):
        parts.append(visible(text[position:]))
    return Content.assemble(*parts)


class FirstLetterScreen(CutScreen):
    CSS_PATH = "first_letter.tcss"
    HELP = (
        "Type only the first letter of each word of the cut, in order (spaces and punctuation are ignored; "
        "Chinese: the first letter of each character's pinyin). A right letter shows the word; a wrong one marks "
        "it red: type on. ctrl+s finishes early. The run is practice: it teaches your mistake map, it never "
        "counts as the cut's score."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "Finish"),
        Binding("ctrl+r", "again", "Start over"),
    ]

    def __init__(self, pitch: Pitch, version: int, cut: str) -> None:
        super().__init__(pitch, version, cut)
        self.run = FirstLetterRun.of(self.cut)
        self.finished = False

    @property
    def ref(self) -> ItemRef:
        return ItemRef("pitch", self.pitch.product, self.pitch.id, self.cut_name)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="fl-head")
        with VerticalScroll(id="fl-script"):
            for number, section in enumerate(self.cut.sections):
                yield Static(Content.styled(visible(section.name), "bold $text-accent"), classes="fl-name")
                yield Static(id=f"fl-section-{number}", classes="fl-section")
        yield Static(id="fl-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"First letters · {self.version.title} · {self.cut_name}"
        self._show()

    def on_key(self, event: events.Key) -> None:
        """Every printable key goes to the run first; keys it ignores (escape, ?, f1…) reach the bindings."""
        if self.finished or not event.character or not event.is_printable:
            return
        if self.run.press(event.character) is None:
            return
        event.stop()
        event.prevent_default()
        if self.run.done:
            self.action_finish()
        else:
            self._show()

    def _show(self) -> None:
        by_section: dict[int, list[tuple[int, LetterWord]]] = {}
        for index, word in enumerate(self.run.words):
            by_section.setdefault(word.section_index, []).append((index, word))
        for number, section in enumerate(self.cut.sections):
            self.query_one(f"#fl-section-{number}", Static).update(
                section_content(section.text, by_section.get(number, []), self.run, finished=self.finished))
        marked = sum(1 for i in range(min(self.run.at + 1, len(self.run.words))) if self.run.wrong[i])
        self.query_one("#fl-head", Static).update(Content.assemble(
            ("First letters", "bold"), f" · {self.run.at}/{len(self.run.words)} words",
            (f" · {marked} marked" if marked else "", "bold $text-error"),
            ("" if self.finished else " · type each word's first letter", "$text-muted"),
        ))
        if not self.finished and self.run.at < len(self.run.words):
            self.query_one(f"#fl-section-{self.run.words[self.run.at].section_index}").scroll_visible()

    def action_finish(self) -> None:
        """Keep the run (the words reached) as practice and show the result with the words to review."""
        if self.finished:
            return
        if not self.run.at:
            self.notify("Type at least one first letter first.", timeout=2)
            return
        self.finished = True
        breakdown = self.run.breakdown()
        keep_drill(self.trainer, self.ref, score=self.run.score, breakdown=breakdown, text=self.run.typed_text(),
                   version=self.version_number)
        self._show()
        missed = self.run.missed_words()
        right = breakdown["right_first_time"]
        named = ", ".join(f"“{visible(w.text)}”" for w in missed[:MISSED_SHOWN])
        more = f" and {len(missed) - MISSED_SHOWN} more" if len(missed) > MISSED_SHOWN else ""
        self.query_one("#fl-result", Static).update(Content.assemble(
            ("Result · first letters ", "bold"), (score_text(self.run.score), "bold $text-accent"),
            f" · {right} of {self.run.at} words right first time",
            (" · practice: not your score for the cut", "$text-muted"),
            "\n",
            ("To review: ", "bold") if missed else ("Every word right first time.", "bold $text-success"),
            named, more,
            ("\nctrl+r: again · escape: back to study", "$text-muted"),
        ))

    def action_again(self) -> None:
        self.run = FirstLetterRun.of(self.cut)
        self.finished = False
        self.query_one("#fl-result", Static).update("")
        self._show()
