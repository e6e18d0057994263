"""Who is practising: pick a known rep or type a new name. Served sessions ask this first."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..plain import plain

MAX_NAME = 60


class RepPicker(ModalScreen[str | None]):
    """Dismisses with the chosen name, or None when cancelled (not allowed when ``required``)."""

    DEFAULT_CSS = """
    RepPicker { align: center middle; }
    RepPicker > Vertical {
        width: 60; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    RepPicker #rep-known { height: auto; max-height: 10; margin-top: 1; }
    RepPicker #rep-error { color: $text-error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, known: list[str], current: str, *, required: bool = False) -> None:
        super().__init__()
        self.known, self.current, self.required = known, current, required

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Who is practising?[/b]\nYour attempts and what is due are kept under this name.")
            yield Input(
                value="" if self.required else self.current,
                placeholder="Your name",
                suggester=SuggestFromList(self.known, case_sensitive=False),
                max_length=MAX_NAME,
                id="rep-name",
            )
            yield Static(id="rep-error")
            if self.known:
                yield OptionList(*[Option(plain(name), id=name) for name in self.known], id="rep-known")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.query_one("#rep-error", Static).update("Type a name, or pick one below.")
            return
        self.dismiss(name)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        if self.required:
            self.query_one("#rep-error", Static).update("Pick a name to start practising.")
            return
        self.dismiss(None)
