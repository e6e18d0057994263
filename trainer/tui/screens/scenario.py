"""Role-play a scenario: the customer speaks, the rep responds, each response scored by the right scorer."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Static, TextArea

from ...library.item_ref import ItemRef
from ...library.models import Scenario
from ...practice.items import one_line
from ...practice.scenario import ScenarioRun, Turn, TurnResult
from ...safe_text import visible
from ...scoring.results import score_text
from ..plain import plain_text
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen

KIND_LABEL = {"pitch": "Pitch", "objection": "Objection", "drill": "Closed question"}
PLACEHOLDER = {
    "pitch": "Give the pitch, word for word…",
    "objection": "Answer the customer in your own words…",
    "drill": "Ask one closed question…",
}


def customer_name(persona: str) -> str:
    """"Dana, maintenance manager…" → "Dana": the first words before a comma, if short enough to be a name."""
    head = persona.split(",", 1)[0].strip()
    return head if 0 < len(head) <= 24 else "Customer"


class ScenarioScreen(TrainerScreen):
    CSS_PATH = "scenario.tcss"
    HELP = (
        "A conversation with one customer. Each step asks for a pitch (recited word for word), an answer to an "
        "objection (scored on key points) or a closed question. Type your response and press ctrl+s; the "
        "summary at the end shows every step's score."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Respond"),
        Binding("ctrl+l", "skip", "Skip step"),
        Binding("ctrl+r", "restart", "Restart"),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.scoring = False

    def compose(self) -> ComposeResult:
        self.play = ScenarioRun.start(self.scenario, self.trainer.library)
        yield TitleBar()
        yield Static(id="scn-head")
        yield VerticalScroll(id="transcript")
        with Vertical(id="scn-turn"):
            yield Static(id="scn-prompt")
            yield TextArea(id="response", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="actions"):
                yield Button("Respond  ctrl+s", id="respond", variant="primary", compact=True)
                yield Button("Skip  ctrl+l", id="skip", compact=True)
        with Vertical(id="scn-summary"):
            yield Static(id="scn-overall")
            yield DataTable(id="scn-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="actions"):
                yield Button("Play again  ctrl+r", id="restart", variant="primary", compact=True)
                yield Button("Done  esc", id="done", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Scenario · {self.scenario.title}"
        self.query_one("#transcript").can_focus = False
        self._head()
        self._next_turn()

    def _head(self) -> None:
        total = len(self.play.turns)
        step = min(self.play.position + 1, total)
        progress = "finished" if self.play.finished else f"step {step} of {total}"
        self.query_one("#scn-head", Static).update(Content.assemble(
            (visible(self.scenario.title), "bold"),
            (visible(f"  ·  {self.scenario.stage}  ·  {progress}"), "$text-muted"), "\n",
            ("Customer: ", "bold"), visible(" ".join(self.scenario.persona.split())),
        ))

    def _say(self, content: Content, classes: str) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.mount(Static(content, classes=classes))
        transcript.scroll_end(animate=False)

    def _next_turn(self) -> None:
        self._head()
        turn = self.play.current
        if turn is None:
            self._finish()
            return
        if turn.customer:
            speaker = visible(f"{customer_name(self.scenario.persona)}: ")
            self._say(Content.assemble((speaker, "bold"), visible(turn.customer, multiline=True)),
                      "line customer")
        prompt = [Content.assemble((f"{KIND_LABEL[turn.kind]}  ", "bold $text-accent"), turn.prompt)]
        if turn.note:
            prompt.append(Content.styled(visible(f"Coach: {turn.note}", multiline=True), "italic $text-secondary"))
        if turn.problem:
            prompt.append(Content.styled(f"Cannot play this step: {turn.problem}. Press ctrl+l to skip it.",
                                         "$text-error"))
        self.query_one("#scn-prompt", Static).update(Content("\n").join(prompt))
        area = self.query_one("#response", TextArea)
        area.clear()
        area.placeholder = PLACEHOLDER[turn.kind]
        self.set_class(turn.kind == "pitch", "-long")
        area.focus()

    def action_submit(self) -> None:
        turn = self.play.current
        if turn is None or self.scoring:
            return
        response = self.query_one("#response", TextArea).text
        if not response.strip():
            self.notify("Type your response first.", severity="warning", timeout=3)
            return
        self.scoring = True
        self.query_one("#response", TextArea).read_only = True  # keys typed while scoring would be lost
        self._score(turn, response)

    @work(thread=True, exclusive=True, group="score")
    def _score(self, turn: Turn, response: str) -> None:
        try:
            result = self.play.score(response)
        except Exception as exc:  # a scorer failure is a message, not a crash
            self.trainer.call_from_thread(self._failed, exc)
            return
        self.trainer.call_from_thread(self._scored, turn, result)

    def _failed(self, exc: Exception) -> None:
        self.scoring = False
        if not self.is_attached:
            return
        self.query_one("#response", TextArea).read_only = False
        self.notify(f"Could not score this response: {exc}", title="Scoring failed", severity="error")

    def _scored(self, turn: Turn, result: TurnResult) -> None:
        self.scoring = False
        if not self.is_attached:
            return
        self.query_one("#response", TextArea).read_only = False
        if turn != self.play.current:
            return
        self.play.record(result)
        self._show_result(result)
        self._next_turn()

    def _show_result(self, result: TurnResult) -> None:
        if result.response:
            self._say(Content.assemble(("You: ", "bold"), result.response.strip()), "line rep")
        mark = ("✔ ", "bold $text-success") if result.passed else ("✘ ", "bold $text-error")
        fix = f" — {result.fixes[0]}" if result.fixes else ""
        self._say(Content.assemble(mark, (result.headline, "bold"), (fix, "$text-muted")), "line feedback")
        if not result.skipped:
            ref = result.turn.ref
            self.trainer.record(
                ref, score=result.score, version=result.turn.version, text=result.response, detail=result.detail
            )

    def action_skip(self) -> None:
        if self.play.current is None or self.scoring:
            return
        self._show_result(self.play.skip())
        self._next_turn()

    def _finish(self) -> None:
        summary = self.play.summary()
        self.set_class(True, "-finished")
        product = self.trainer.library.products.get(self.scenario.product)
        self.query_one("#scn-overall", Static).update(Content.assemble(
            ("Overall ", "bold"), (score_text(summary.overall), "bold $text-accent"),
            (f"   {summary.passed} of {len(summary.results)} steps passed", "$text-muted"),
            (f"   {self.scenario.title} · {product.name if product else self.scenario.product}", "$text-muted"),
        ))
        table = self.query_one("#scn-table", DataTable)
        table.clear(columns=True)
        table.add_column("#", width=2)
        table.add_column("Step")
        table.add_column("Score", width=5)
        table.add_column("Result", width=8)
        for result in summary.results:
            mark = Content.styled("passed", "$text-success") if result.passed else Content.styled(
                "skipped" if result.skipped else "not yet", "$text-error"
            )
            step = plain_text(KIND_LABEL[result.turn.kind] + ": " + _short(result.turn))
            table.add_row(str(result.turn.index + 1), step,
                          score_text(result.score), mark)
        self.trainer.record(ItemRef("scenario", self.scenario.product, self.scenario.id), score=summary.overall)
        self.query_one("#restart", Button).focus()

    def action_restart(self) -> None:
        self.play = ScenarioRun.start(self.scenario, self.trainer.library)
        self.set_class(False, "-finished")
        self.query_one("#transcript", VerticalScroll).remove_children()
        self._next_turn()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        {
            "respond": self.action_submit, "skip": self.action_skip, "restart": self.action_restart,
            "done": self.action_back,
        }.get(event.button.id or "", lambda: None)()


def _short(turn: Turn) -> str:
    """The step's title (not its id), cut to fit the summary table."""
    return one_line(turn.label, 60)
