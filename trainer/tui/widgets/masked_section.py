"""A section at one memorize step: shown words plain, hidden words as blanks, revealed words highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from ...practice.memorize import TokenView

STYLES = {
    "shown": "",
    "hidden": "$text-muted",
    "initial": "$text-muted",
    "revealed": "bold $text-warning",
    "blank": "",
}
KEY_SHOWN = "underline $text-accent"


def masked_content(text: str, views: Sequence[TokenView]) -> Content:
    """Rebuild ``text`` token by token, keeping the original spacing and line breaks between tokens."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    trailing_blank = False
    for view in views:
        gap = text[position : view.token.start]
        position = view.token.end
        if view.state == "blank":
            trailing_blank = True
            continue
        if trailing_blank:
            break  # in the blank step only the revealed opening is drawn
        parts.append(gap)
        style = KEY_SHOWN if view.state == "shown" and view.token.key else STYLES[view.state]
        parts.append((view.display, style) if style else view.display)
    if trailing_blank:
        parts.append((" …" if parts else "…", "$text-muted"))
    return Content.assemble(*parts)


class MaskedSection(Static):
    """Displays one section at one step; the screen calls :meth:`show` after every change."""

    def show(self, text: str, views: Sequence[TokenView]) -> None:
        self.update(masked_content(text, views))
