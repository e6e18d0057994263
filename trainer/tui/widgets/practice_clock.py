"""A stopwatch against a target time, driven by an injectable clock so tests and snapshots can freeze it."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import Static

from ...library.speaking import format_duration


def clock_text(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


class PracticeClock(Static):
    """Shows ``elapsed / target``; starts on :meth:`start` (the first keystroke), not when the screen opens."""

    DEFAULT_CSS = """
    PracticeClock { width: auto; }
    PracticeClock.-over { color: $text-warning; }
    """

    def __init__(self, clock: Callable[[], float], target_seconds: int | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self.target = target_seconds
        self.started_at: float | None = None
        self._shown: tuple[str, int] = ("", 0)  # the text on screen and its width in cells

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.5, self.tick)

    @property
    def elapsed(self) -> float:
        return 0.0 if self.started_at is None else max(0.0, self._clock() - self.started_at)

    def start(self) -> None:
        if self.started_at is None:
            self.started_at = self._clock()
            self.tick()

    def reset(self) -> None:
        self.started_at = None
        self.tick()

    def tick(self) -> None:
        elapsed = self.elapsed
        over = self.target is not None and elapsed > self.target
        self.set_class(over, "-over")
        target = f" / {format_duration(self.target)}" if self.target else ""
        icon = "⏱ " if self.started_at is not None else "⏸ "
        content = Content.assemble(icon, (clock_text(elapsed), "bold"), (target, "$text-muted"))
        # Ticks come twice a second, and most show what is already there: redrawing (and laying out the
        # screen again, as a new width might need) only on a change keeps an idle served session near idle.
        if content.plain != self._shown[0]:
            self.update(content, layout=content.cell_length != self._shown[1])
            self._shown = (content.plain, content.cell_length)
