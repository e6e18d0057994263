"""Helpers for Pilot tests: wait for a screen, read what a screen shows as plain text."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static, Tree


async def wait_for(pilot: Pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Pause until ``condition()`` is true (e.g. a worker finished), failing after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)
        await asyncio.sleep(0)


async def wait_for_screen(pilot: Pilot, screen_type: type[Screen], timeout: float = 10.0) -> Screen:
    """Wait until a ``screen_type`` screen is on top, mounted and has processed its first messages."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type) and pilot.app.screen.is_mounted, timeout)
    await pilot.pause()
    return pilot.app.screen


def screen_text(screen: Screen) -> str:
    """Everything the displayed Statics, option lists and trees say, in document order (hidden widgets left out)."""
    parts: list[str] = []
    for widget in screen.query("*"):
        if not widget.is_mounted or not all(getattr(node, "display", True) for node in widget.ancestors_with_self):
            continue
        if isinstance(widget, Static):
            parts.append(str(widget.content))
        elif isinstance(widget, OptionList):
            parts.extend(str(option.prompt) for option in widget.options)
        elif isinstance(widget, Tree):
            parts.extend(str(line.node.label) for line in widget._tree_lines)
    return "\n".join(parts)


def static_text(screen: Screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


class FrozenClock:
    """A clock that only moves when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
