"""Untrusted text for the app's widgets: shown as text, never read as markup, never a terminal command.

Why: Textual reads a plain ``str`` given to ``Static``, ``Label``, ``OptionList`` options, ``DataTable`` cells,
``Tree`` labels, ``Checkbox`` labels and ``notify()`` as markup, so a rep named ``[/x]`` crashes the screen and
``[bold]`` restyles it; and Textual writes the characters of the text as they are, so an escape sequence in a
pitch title would retitle the terminal or rewrite the clipboard. Textual markup cannot be escaped reliably (it
reads a lone ``[`` and a trailing backslash differently from Rich), so untrusted text goes in as a
:class:`~textual.content.Content` or :class:`~rich.text.Text`, which are never parsed, made
:func:`~trainer.safe_text.visible` first. :class:`UnsafeTextFilter` is the net under every screen: whatever a
future screen forgets to escape, no control character reaches the terminal.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter

from ..safe_text import strip_unsafe, visible


def plain(text: str, style: str = "", *, multiline: bool = False) -> Content:
    """Untrusted ``text`` as Textual content: visible, literal, optionally styled (``"bold $text-accent"``)."""
    shown = visible(text, multiline=multiline)
    return Content.styled(shown, style) if style else Content(shown)


def plain_text(text: str, style: str = "") -> Text:
    """Untrusted ``text`` as a Rich :class:`Text`, for ``Tree`` labels and ``DataTable`` cells (a table sizes its
    columns to Rich text, not to :class:`Content`)."""
    return Text(visible(text), style=style)


class UnsafeTextFilter(LineFilter):
    """Drops any control or reordering character from the text of every line the app draws.

    Dropped rather than shown: the line is already laid out, and such a character takes no cell, so dropping
    it keeps every column in place. Screens show untrusted text with :func:`plain` first; this only catches
    what one forgot.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment if segment.control else Segment(strip_unsafe(segment.text), segment.style)
            for segment in segments
        ]
