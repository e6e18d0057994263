"""A checkbox whose box is empty when unticked.

Textual's checkbox draws an "X" in both states and tells them apart by colour alone; in a compact form on a
dark theme an unticked box reads as ticked. Here only a ticked box shows its mark.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

TICK = "X"


class TickBox(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = TICK if self.value else " "  # read by Checkbox._button when it draws the box
        return super()._button
