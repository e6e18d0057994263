"""The help screen (``?`` or F1): what the screen underneath is for, and every key that works on it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GLOBAL_KEYS: tuple[tuple[str, str], ...] = (
    ("ctrl+p", "Jump to anything by name; change the theme"),
    ("f1 / ?", "This help (? only when not typing)"),
    ("escape", "Back"),
    ("tab", "Next part of the screen (shift+tab: previous)"),
    ("ctrl+q", "Quit"),
)


TEXTUAL_DEFAULTS = frozenset({
    "help", "app.help", "command_palette", "quit", "app.quit", "app.focus_next", "app.focus_previous",
    "screen.copy_text", "help_quit",
})
"""Actions every Textual screen has; "Everywhere" below documents the ones that matter."""


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """The described bindings active on ``screen``, without duplicates.

    The screen's and the app's bindings are all listed (hidden ones too: this is where they are documented);
    a focused widget's only when it shows them in the footer, so a text box does not list forty cursor keys.
    """
    rows: list[tuple[str, str]] = []
    seen: set[object] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action in TEXTUAL_DEFAULTS:
            continue
        if active.node is not screen and active.node is not screen.app and not binding.show:
            continue
        label = binding.key_display or screen.app.get_key_display(binding)
        if (label, binding.description) in seen or key in seen:
            continue
        seen.update({key, (label, binding.description)})
        rows.append((label, binding.description + ("" if active.enabled else " (not available here)")))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal over the current screen, closed with escape, ``?``, F1 or q."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel") as panel:
            panel.border_title = "Help"
            panel.border_subtitle = "escape to close"
            about = getattr(self.under, "HELP", "")
            if about:
                yield Static(about, id="help-about")
            yield Static(self._keys_table("On this screen", key_rows(self.under)), classes="help-keys")
            yield Static(self._keys_table("Everywhere", list(GLOBAL_KEYS)), classes="help-keys")

    @staticmethod
    def _keys_table(title: str, rows: list[tuple[str, str]]) -> Content:
        width = max((len(key) for key, _ in rows), default=0) + 2
        lines = [Content.styled(title, "bold $text-accent")]
        lines += [Content.assemble((key.ljust(width), "bold $text-primary"), what) for key, what in rows]
        if not rows:
            lines.append(Content.styled("(no keys of its own)", "$text-muted"))
        return Content("\n").join(lines)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
