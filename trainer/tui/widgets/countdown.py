"""A turn's countdown: seconds left, pausable, driven by the app's injectable clock.

Tests and snapshots pass a frozen clock, so the seconds shown only change when a test moves the clock.
Reaching zero only changes what the countdown says ("time's up"): the screen decides what that means.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from .practice_clock import clock_text

LOW_SECONDS = 10  # the last seconds are shown in the warning colour


class Countdown(Static):
    """Counts ``seconds`` down from :meth:`restart`; :meth:`pause`/:meth:`resume` stop and continue it.

    :attr:`elapsed` is the running time only (pauses excluded), which is what a turn's duration should be.
    """

    DEFAULT_CSS = """
    Countdown { width: auto; }
    Countdown.-low { color: $text-warning; }
    Countdown.-over { color: $text-error; text-style: bold; }
    Countdown.-paused { color: $text-muted; }
    """

    class Expired(Message):
        """Posted once per countdown, when it first reaches zero while running."""

    def __init__(self, clock: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self.seconds = 0
        self._ran = 0.0  # running seconds before the current stretch
        self._since: float | None = None  # clock reading when the current running stretch began
        self.stopped = False  # frozen for good (the turn was answered)
        self._announced = False

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.25, self.tick)

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def paused(self) -> bool:
        return self._since is None and not self.stopped

    @property
    def elapsed(self) -> float:
        current = 0.0 if self._since is None else max(0.0, self._clock() - self._since)
        return self._ran + current

    @property
    def remaining(self) -> int:
        """Whole seconds left, rounded up so "0" means the time is really over."""
        return max(0, math.ceil(self.seconds - self.elapsed - 1e-9))

    @property
    def expired(self) -> bool:
        return self.remaining == 0

    def restart(self, seconds: int) -> None:
        self.seconds, self._ran, self._since, self.stopped = seconds, 0.0, self._clock(), False
        self._announced = False
        self.tick()

    def pause(self) -> None:
        if self._since is not None:
            self._ran, self._since = self.elapsed, None
        self.tick()

    def resume(self) -> None:
        if self._since is None and not self.stopped:
            self._since = self._clock()
        self.tick()

    def stop(self) -> None:
        """Freeze the countdown where it is (the answer is in); :meth:`restart` starts the next one."""
        self.pause()
        self.stopped = True
        self.tick()

    def tick(self) -> None:
        if not self.seconds:  # not started yet
            self.update("")
            return
        remaining = self.remaining
        self.set_class(self.paused, "-paused")
        self.set_class(remaining == 0, "-over")
        self.set_class(0 < remaining <= LOW_SECONDS, "-low")
        if remaining == 0:
            if self.running and self.seconds and not self._announced:
                self._announced = True
                self.post_message(self.Expired())
            self.update(Content.assemble("⏰ ", ("time's up", "bold")))
            return
        if self.stopped:
            self.update(Content.assemble("✔ ", ("answered in ", "$text-muted"), (clock_text(self.elapsed), "bold")))
            return
        icon = "⏸ " if self.paused else "⏱ "
        suffix = "  paused" if self.paused else " left"
        self.update(Content.assemble(icon, (clock_text(remaining), "bold"), suffix))
