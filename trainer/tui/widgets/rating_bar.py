"""Again / Hard / Good / Easy: how the rep rates their own answer (keys 1–4 or a click)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static

from ...practice.log import RATINGS, Rating

VARIANTS = {"again": "error", "hard": "warning", "good": "success", "easy": "primary"}


class RatingBar(Horizontal):
    """Posts :class:`RatingBar.Rated` when a rating is chosen."""

    DEFAULT_CSS = """
    RatingBar { height: auto; padding: 0 1; margin: 1 0 0 0; }
    RatingBar Static { width: auto; margin-right: 2; color: $text-muted; }
    RatingBar Button { margin-right: 1; width: auto; min-width: 10; }
    """

    class Rated(Message):
        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating

    def compose(self) -> ComposeResult:
        yield Static("How did it go?")
        for number, rating in enumerate(RATINGS, 1):
            yield Button(f"{number} {rating.capitalize()}", id=f"rate-{rating}", variant=VARIANTS[rating],  # type: ignore[arg-type]
                         compact=True)

    def focus_first(self) -> None:
        """Focus "Good", the usual answer, so enter accepts it."""
        self.query_one("#rate-good", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        rating = (event.button.id or "").removeprefix("rate-")
        if rating in RATINGS:
            self.post_message(self.Rated(rating))
