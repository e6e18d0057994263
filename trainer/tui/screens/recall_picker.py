"""The recall-mode chooser of the study screen: one key (t) instead of one per mode keeps the footer readable at
80 columns; each mode says whether it counts as the cut's score (see :mod:`trainer.practice.recall_modes`)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...practice.modes import CUE, FIRST_LETTER, RECITE, STRICT, WEAK_SPOT

CHOICES: tuple[tuple[str, str, str, str], ...] = (
    # (mode, key, name, what it is)
    (RECITE, "r", "Recite", "the whole cut from memory · counts"),
    (STRICT, "s", "Strict recite", "no peeking, clock running · counts"),
    (FIRST_LETTER, "f", "First letters", "each word's first letter · practice"),
    (CUE, "c", "Cue", "see one sentence, say the next · practice"),
    (WEAK_SPOT, "k", "Weak-spot drill", "your shakiest sentences · practice"),
)


def choice_label(key: str, name: str, about: str) -> Content:
    return Content.assemble((f"{key}  ", "bold $text-accent"), (name, "bold"), (f"  {about}", "$text-muted"))


class RecallPicker(ModalScreen[str | None]):
    """Dismisses with the chosen mode, or None when cancelled. A mode's letter picks it at once."""

    DEFAULT_CSS = """
    RecallPicker { align: center middle; }
    RecallPicker > Vertical {
        width: 74; max-width: 98%; height: auto; max-height: 95%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    RecallPicker #recall-about { height: auto; color: $text-muted; }
    RecallPicker OptionList { height: auto; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(key, f"pick('{mode}')", name, show=False) for mode, key, name, _ in CHOICES),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble(
                ("Recall mode\n", "bold"),
                "Recitations (counts) set the cut's score; practice modes teach your mistake map only.",
            ), id="recall-about")
            yield OptionList(*(Option(choice_label(key, name, about), id=mode) for mode, key, name, about in CHOICES),
                             id="recall-modes")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, mode: str) -> None:
        self.dismiss(mode)

    def action_cancel(self) -> None:
        self.dismiss(None)
