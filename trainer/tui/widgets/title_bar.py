"""A one-line title bar: "Pitch Trainer — <what this screen is>".

Used instead of Textual's Header: it is a single widget (the results screen must appear within 100 ms, and
every widget costs time), and it has no deferred update that could fire after a quickly closed screen is gone.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...safe_text import visible


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", self._show, init=True)

    def _show(self) -> None:
        """Screens put rep names and titles in ``sub_title``: shown as text, made visible, here for all of them."""
        sub_title = self.screen.sub_title
        self.update(Content.assemble(
            self.app.title, (f" — {visible(sub_title)}" if sub_title else "", "not bold $text-muted"),
        ))
