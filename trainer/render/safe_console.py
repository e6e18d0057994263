"""A Rich console that cannot send an untrusted control character to the terminal.

Why a subclass: Rich writes the text of each segment as it is (its :class:`~rich.text.Text` strips only a
few controls, never ESC), so a pitch title holding ``ESC ]0;…BEL`` would retitle the terminal. The segments
are made visible at the last step, after layout and before Rich adds its own style sequences, so the
console's own colours still work and nothing from the content can act as a terminal command.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from ..safe_text import visible


class SafeConsole(Console):
    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        safe = (
            segment if segment.control else Segment(visible(segment.text, multiline=True), segment.style)
            for segment in buffer
        )
        return super()._render_buffer(safe)
