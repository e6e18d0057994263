"""Closed-question drills: the discovery goal, the rep's question, the verdict and why, then good examples."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, Static

from ...practice.cards import DrillCard, drill_cards
from ...safe_text import visible
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen


def verdict_content(result: Any) -> Content:
    """Two checks, each with a tick or a cross, then the scorer's reason in words."""
    closed = (
        ("✔ Closed", "bold $text-success") if result.closed else ("✘ Open", "bold $text-error")
    )
    target = (
        ("✔ On target", "bold $text-success") if result.on_target else ("✘ Off target", "bold $text-error")
    )
    terms = f" (uses {', '.join(result.matched_terms)})" if result.matched_terms else ""
    kind = f" — {result.kind}" if result.closed else ""
    lines = [
        Content.assemble(closed, (kind, "$text-muted"), "    ", target, (terms, "$text-muted")),
        Content(visible(result.reason)),
    ]
    verdict = Content.styled(f"{result.verdict}", "bold $text-success" if result.passed else "bold $text-warning")
    return Content("\n").join([verdict, *lines])


class DrillsScreen(TrainerScreen):
    CSS_PATH = "drills.tcss"
    HELP = (
        "Discovery runs on closed questions: yes/no, either/or, or one specific fact. Read the goal, write "
        "the question you would ask and press enter. You see whether it is closed and on target, and why, then "
        "examples of good questions and the open question to avoid."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_drill", "Next drill"),
        Binding("ctrl+b", "previous_drill", "Prev drill"),
        Binding("ctrl+r", "again", "Try again"),
    ]

    def __init__(self, product: str | None = None, start: str | None = None) -> None:
        super().__init__()
        self.product, self.start = product, start
        self.position = 0
        self.checked: Any = None

    def compose(self) -> ComposeResult:
        # The library as the cards were dealt: a reload (trainer sync) must not change what an answer counts for.
        self.library = self.trainer.library
        self.cards = drill_cards(self.library, self.product)
        for index, card in enumerate(self.cards):
            if card.drill.id == self.start:
                self.position = index
        yield TitleBar()
        yield Static(id="drill-head")
        yield Static(id="drill-goal")
        yield Input(placeholder="Ask a closed question and press enter…", id="question")
        with Horizontal(classes="actions"):
            yield Button("Check  enter", id="check", variant="primary", compact=True)
            yield Button("Next drill  ctrl+n", id="next", compact=True)
        with VerticalScroll(id="drill-feedback"):
            yield Static(id="drill-verdict")
            yield Static(id="drill-examples")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Closed-question drills"
        self.query_one("#drill-feedback").can_focus = False
        self._show()

    @property
    def card(self) -> DrillCard | None:
        return self.cards[self.position] if self.cards else None

    def _show(self) -> None:
        card = self.card
        self.checked = None
        self.set_class(False, "-checked")
        question = self.query_one("#question", Input)
        question.value = ""
        if card is None:
            self.query_one("#drill-head", Static).update("No drills in this library.")
            self.query_one("#drill-goal", Static).update("")
            return
        product = self.library.products[card.product].name
        self.query_one("#drill-head", Static).update(Content.assemble(
            (f"Drill {self.position + 1} of {len(self.cards)}", "bold"),
            (f"  ·  {product} · {card.drill.topic}", "$text-muted"),
        ))
        self.query_one("#drill-goal", Static).update(Content.assemble(
            ("Goal  ", "bold $text-accent"), visible(" ".join(card.drill.goal.split())),
        ))
        question.focus()

    @on(Input.Submitted, "#question")
    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        card = self.card
        question = self.query_one("#question", Input).value
        if card is None:
            return
        if not question.strip():
            self.notify("Write your question first.", severity="warning", timeout=3)
            return
        self._score(card, question)

    @work(thread=True, exclusive=True, group="score")
    def _score(self, card: DrillCard, question: str) -> None:
        try:
            from ...scoring import score_question

            drill = card.drill
            result = score_question(
                question, goal=drill.goal, key_terms=tuple(drill.key_terms), examples=tuple(drill.examples),
                avoid=drill.avoid,
            )
        except Exception as exc:  # a scorer failure is a message, not a crash
            self.trainer.call_from_thread(self.notify, f"Could not check this question: {exc}", severity="error")
            return
        self.trainer.call_from_thread(self._checked, card, result)

    def _checked(self, card: DrillCard, result: Any) -> None:
        if not self.is_attached or card != self.card:
            return
        from ...practice.scenario import question_score

        self.checked = result
        self.set_class(True, "-checked")
        self.query_one("#drill-verdict", Static).update(verdict_content(result))
        examples = [Content.styled("Good closed questions", "bold $text-accent")]
        examples += [Content.assemble(("• ", "$text-success"), visible(example)) for example in card.drill.examples]
        examples += [Content(""), Content.assemble(("Don't ask  ", "bold $text-error"),
                                                   (visible(card.drill.avoid), "strike"),
                                                   ("  (open: it lets the customer wander)", "$text-muted"))]
        self.query_one("#drill-examples", Static).update(Content("\n").join(examples))
        question = self.query_one("#question", Input).value
        self.trainer.record(card.ref, score=question_score(result), text=question, detail=result,
                            version=self.library.content_version(card.ref))

    def action_next_drill(self) -> None:
        if self.cards:
            self.position = (self.position + 1) % len(self.cards)
        self._show()

    def action_previous_drill(self) -> None:
        if self.cards:
            self.position = (self.position - 1) % len(self.cards)
        self._show()

    def action_again(self) -> None:
        """Keep the drill, clear the question and the verdict."""
        self._show()

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.action_next_drill()
