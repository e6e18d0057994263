"""Objection cards: the customer's line, the rep's answer, the key points found, the approved answer, a rating."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Select, Static, TextArea

from ...practice.cards import Card, Deck, all_cards, categories
from ...practice.log import RATINGS, Rating
from ...safe_text import visible
from ...scoring.results import score_text
from ..plain import plain
from ..review_run import due_first
from ..widgets.rating_bar import RatingBar
from ..widgets.tick_box import TickBox
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen

ALL = "all"


VERDICT_LABELS = {"contradicted": "contradicted", "wrong-figure": "wrong figure", "missing": "missing"}


def key_point_lines(result: Any) -> Content:
    """✔/✘ per key point, with the evidence: the words of the answer that covered it, contradicted it, or came closest.

    A contradiction or a wrong figure names both sides ("You said … — approved: …"); a point covered through an
    alternative wording says which one, so the rep sees why other words counted.
    """
    lines: list[Content] = []
    for point in result.key_points:
        verdict = getattr(point, "verdict", "covered" if point.covered else "missing")
        if point.covered:
            line = Content.assemble(("✔ ", "bold $text-success"), visible(point.point))
            if point.excerpt:
                line = Content.assemble(line, "\n   ", (f"“{visible(point.excerpt)}”", "italic $text-muted"))
            wording = getattr(point, "wording", None)
            if wording and wording not in (point.point, point.excerpt):  # said word for word: shown once
                line = Content.assemble(line, (f"  via “{visible(wording)}”", "$text-muted"))
            lines.append(line)
            continue
        label = VERDICT_LABELS.get(verdict, verdict)
        line = Content.assemble(
            ("✘ ", "bold $text-error"), (visible(point.point), "bold"), (f"  {label}", "$text-muted")
        )
        said, expected = getattr(point, "said", None), getattr(point, "expected", None)
        if verdict in ("contradicted", "wrong-figure") and said and expected:
            line = Content.assemble(
                line, ("\n   you said ", "$text-muted"), (f"“{visible(said)}”", "bold $text-error"),
                ("  approved: ", "$text-muted"), (f"“{visible(expected)}”", "bold $text-success"),
            )
        elif expected:  # the words were there, the figure was not
            line = Content.assemble(
                line, ("\n   “", "$text-muted"), (visible(point.excerpt or ""), "italic"),
                ("” — say the figure: ", "$text-muted"), (f"“{visible(expected)}”", "bold"),
            )
        elif point.excerpt:
            line = Content.assemble(line, ("\n   closest: ", "$text-muted"), (f"“{visible(point.excerpt)}”", "italic"))
        lines.append(line)
    return Content("\n").join(lines)


class ObjectionsScreen(TrainerScreen):
    CSS_PATH = "objections.tcss"
    HELP = (
        "Read the customer's objection, answer it in your own words and press ctrl+s. You are scored on the "
        "key points (in any order, in any words), then see the approved answer beside yours. Rate how it went "
        "with 1–4 (again, hard, good, easy) to move on."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Check answer"),
        Binding("ctrl+n", "next_card", "Next card"),
        Binding("ctrl+b", "previous_card", "Prev card", show=False),  # the footer must fit 80 columns; F1 lists it
        Binding("ctrl+o", "toggle_shuffle", "Shuffle"),
        # After checking, focus is on the rating buttons, which ignore these keys: they scroll the feedback, so
        # the approved answer can be read on a small terminal without a mouse.
        Binding("down", "scroll_feedback('down')", "Scroll down", show=False),
        Binding("up", "scroll_feedback('up')", "Scroll up", show=False),
        Binding("pagedown", "scroll_feedback('page_down')", "Page down", show=False),
        Binding("pageup", "scroll_feedback('page_up')", "Page up", show=False),
        Binding("end", "scroll_feedback('end')", "To the approved answer", show=False),
        Binding("home", "scroll_feedback('home')", "To the score", show=False),
        *(
            Binding(str(number), f"rate('{rating}')", rating.capitalize(), show=False)
            for number, rating in enumerate(RATINGS, 1)
        ),
    ]

    def __init__(self, product: str | None = None, start: str | None = None) -> None:
        super().__init__()
        self.start_product, self.start_id = product, start
        self.answered: Any = None
        self.attempt_id: int | None = None  # the stored answer, which the self-rating attaches to
        self.scoring = False

    def compose(self) -> ComposeResult:
        # The library as the deck was dealt: a reload (trainer sync) while a card is open must not change the
        # version an answer is recorded against, nor drop the product a card names.
        library = self.library = self.trainer.library
        self.deck = Deck(all_cards(library), product=self.start_product, seed=self.trainer.seed,
                         first=due_first(self.trainer, "objection"))
        if self.start_product and self.start_id:
            self.deck.go_to(self.start_product, self.start_id)
        products = [(plain(library.products[p].name), p)
                    for p in sorted(library.products) if library.products[p].objections]
        yield TitleBar()
        with Horizontal(id="card-filters"):
            yield Select(products, prompt="All products", value=self.start_product or Select.NULL,
                         id="product-filter", compact=True, allow_blank=True)
            yield Select([(plain(c), c) for c in categories(self.deck.cards)], prompt="All categories",
                         id="category-filter", compact=True)
            yield TickBox("Shuffle", id="shuffle", compact=True)
            yield Static(id="card-position")
        yield Static(id="card-objection")
        with Vertical(id="card-answering"):
            yield TextArea(id="answer", soft_wrap=True, tab_behavior="focus",
                           placeholder="Answer the objection in your own words…")
            with Horizontal(classes="actions"):
                yield Button("Check answer  ctrl+s", id="check", variant="primary", compact=True)
                yield Button("Skip  ctrl+n", id="skip", compact=True)
        with VerticalScroll(id="card-feedback"):
            yield Static(id="card-score")
            yield Static(id="card-points")
            with Horizontal(id="card-compare"):
                yield Static(id="card-yours")
                yield Static(id="card-approved")
            yield Static(id="card-follow-up")
        yield RatingBar(id="rating")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Objection cards"
        self.query_one("#card-feedback").can_focus = True  # tab reaches it too
        self.query_one("#card-yours").border_title = "Your answer"
        self.query_one("#card-approved").border_title = "Approved answer"
        self._show_card()

    def action_scroll_feedback(self, how: str) -> None:
        if self.answered is not None:
            getattr(self.query_one("#card-feedback", VerticalScroll), f"scroll_{how}")()

    # --- showing ---------------------------------------------------------------------------------

    def _show_card(self) -> None:
        card = self.deck.current
        self.answered = None
        self.set_class(False, "-answered")
        position = self.query_one("#card-position", Static)
        objection_view = self.query_one("#card-objection", Static)
        answer = self.query_one("#answer", TextArea)
        answer.clear()
        if card is None:
            position.update("0 cards")
            objection_view.update(Content.styled("No objections match these filters.", "$text-muted"))
            self.refresh_bindings()
            return
        position.update(Content.assemble((f"{self.deck.position + 1}", "bold"), f" / {len(self.deck)}"))
        product = self.library.products[card.product].name
        objection_view.update(Content.assemble(
            (f"{product} · {card.objection.category}", "$text-muted"), "\n",
            (visible("“" + " ".join(card.objection.objection.split()) + "”"), "bold"),
        ))
        answer.focus()
        self.refresh_bindings()

    def _show_feedback(self, card: Card, attempt: str, result: Any) -> None:
        self.answered = result
        self.set_class(True, "-answered")
        verdict = ("Passed", "bold $text-success") if result.passed else ("Not yet", "bold $text-error")
        covered = sum(1 for point in result.key_points if point.covered)
        fixes = Content("\n").join(Content.assemble(("→ ", "$text-accent"), fix) for fix in result.fixes[:3])
        self.query_one("#card-score", Static).update(Content.assemble(
            (score_text(result.score), "bold"), "  ", verdict,
            (f"  ·  {covered} of {len(result.key_points)} key points", "$text-muted"),
            "\n" if result.fixes else "", fixes,
        ))
        self.query_one("#card-points", Static).update(key_point_lines(result))
        self.query_one("#card-yours", Static).update(plain(attempt.strip(), multiline=True))
        self.query_one("#card-approved", Static).update(plain(" ".join(card.objection.answer.split())))
        follow_up = self.query_one("#card-follow-up", Static)
        follow_up.display = bool(card.objection.follow_up)
        if card.objection.follow_up:
            follow_up.update(Content.assemble(("Then ask: ", "bold"), visible(card.objection.follow_up)))
        self.attempt_id = self.trainer.record(card.ref, score=float(result.score), text=attempt, detail=result,
                                              version=self.library.content_version(card.ref))
        self.query_one(RatingBar).focus_first()
        self.refresh_bindings()

    # --- actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rate":
            return self.answered is not None
        if action == "submit":
            return self.answered is None and self.deck.current is not None
        return True

    def action_submit(self) -> None:
        card = self.deck.current
        if card is None or self.scoring or self.answered is not None:
            return
        attempt = self.query_one("#answer", TextArea).text
        if not attempt.strip():
            self.notify("Type your answer first.", severity="warning", timeout=3)
            return
        self.scoring = True
        self._score(card, attempt)

    @work(thread=True, exclusive=True, group="score")
    def _score(self, card: Card, attempt: str) -> None:
        try:
            from ...scoring import score_answer

            item = card.objection
            result = score_answer(item.answer, item.key_points, attempt, objection=item.objection)
        except Exception as exc:  # a scorer failure is a message, not a crash
            self.trainer.call_from_thread(self._failed, exc)
            return
        self.trainer.call_from_thread(self._scored, card, attempt, result)

    def _scored(self, card: Card, attempt: str, result: Any) -> None:
        self.scoring = False
        if self.is_attached and card == self.deck.current:
            self._show_feedback(card, attempt, result)

    def _failed(self, exc: Exception) -> None:
        self.scoring = False
        self.notify(f"Could not score this answer: {exc}", title="Scoring failed", severity="error")

    def action_rate(self, rating: Rating) -> None:
        card = self.deck.current
        if card is None or self.answered is None:
            return
        self.trainer.rate(self.attempt_id, rating)
        self.notify(f"Rated {rating}.", timeout=1.5)
        self.action_next_card()

    def action_next_card(self) -> None:
        self.deck.next()
        self._show_card()

    def action_previous_card(self) -> None:
        self.deck.previous()
        self._show_card()

    def action_toggle_shuffle(self) -> None:
        box = self.query_one("#shuffle", Checkbox)
        box.value = not box.value

    @on(RatingBar.Rated)
    def _rated(self, event: RatingBar.Rated) -> None:
        self.action_rate(event.rating)

    @on(Button.Pressed, "#check")
    def _check(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#skip")
    def _skip(self) -> None:
        self.action_next_card()

    @on(Select.Changed)
    def _filter(self) -> None:
        if not self.is_mounted:
            return
        product = self.query_one("#product-filter", Select).value
        category = self.query_one("#category-filter", Select).value
        self.deck.set_filter(
            product if isinstance(product, str) else None, category if isinstance(category, str) else None
        )
        self._show_card()

    @on(Checkbox.Changed, "#shuffle")
    def _shuffle(self, event: Checkbox.Changed) -> None:
        self.deck.set_shuffled(event.value)
        if event.value:
            self.deck.position = 0
        self._show_card()
        self.notify("Shuffled." if event.value else "In file order.", timeout=1.5)
