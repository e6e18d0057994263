"""Set up a team practice session: who plays, on what, for how many rounds, with how long per turn.

The form only collects choices; :class:`SessionConfig` and :class:`TeamSession` decide what is valid, and
their messages are shown under the form as they are, so the rules live in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from ..plain import plain
from ..widgets.tick_box import TickBox
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen

if TYPE_CHECKING:  # the session modules import the scorer: loaded when a session starts, not with home
    from ...team.session import TeamSession
    from .team_session import TeamSessionScreen

ALL_PRODUCTS = "*all*"
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    ("pitch", "Pitch cuts (30s)"),
    ("objection", "Objections"),
    ("drill", "Drills"),
    ("scenario", "Scenario steps"),
)


def parse_roster(text: str) -> list[str]:
    """Comma-separated names, trimmed, blanks dropped, in the order typed (duplicates are kept so the session
    can say that a rep is on the roster twice)."""
    return [name.strip() for name in text.split(",") if name.strip()]


class RosterSuggester(Suggester):
    """Completes the name being typed after the last comma from the reps the store knows."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # case is matched below, keeping what was typed
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        head, _, partial = value.rpartition(",")
        typed = partial.lstrip()
        if not typed:
            return None
        already = {name.casefold() for name in parse_roster(head)}
        for name in self.names:
            if name.casefold().startswith(typed.casefold()) and name.casefold() not in already:
                return value + name[len(typed):]
        return None


class TeamSetupScreen(TrainerScreen):
    """The facilitator's form; Start replaces nothing: escape from the session comes back here."""

    CSS_PATH = "team_setup.tcss"
    HELP = (
        "Run a practice meeting: list the reps who take turns (comma-separated, or tick the names the app "
        "already knows), pick the product and the kinds of items to deal, the number of rounds and the seconds "
        "per turn. A seed deals the same session again. Every answer is scored and stored under the rep's name."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start session"),
    ]

    def compose(self) -> ComposeResult:
        trainer = self.trainer
        library = trainer.library
        store = trainer.store
        known = store.reps() if store is not None else []
        # Signed in, a session's turns are stored under each rep's name: only the people this person may see
        # (their own name; a manager their teams') can take turns, or a rep could write as a colleague.
        self.known_reps = trainer.visible_reps(known) if trainer.signed_in is not None else known
        today = trainer.now().astimezone().date().isoformat()
        products = [(plain(library.products[p].name), p) for p in sorted(library.products)]
        yield TitleBar()
        with VerticalScroll(id="setup-form"):
            with Horizontal(classes="field"):
                yield Label("Session", classes="field-label")
                yield Input(f"Team practice {today}", id="session-name", compact=True)
            with Horizontal(classes="field"):
                yield Label("Reps", classes="field-label")
                yield Input(id="roster", placeholder="ann, bob, cy", compact=True,
                            suggester=RosterSuggester(self.known_reps))
            if self.known_reps:
                with Horizontal(classes="field", id="known-reps"):
                    yield Label("Known", classes="field-label")
                    for index, name in enumerate(self.known_reps):
                        yield TickBox(plain(name), id=f"known-{index}", compact=True, classes="known-rep")
            with Horizontal(classes="field"):
                yield Label("Product", classes="field-label")
                yield Select([("All products", ALL_PRODUCTS), *products], value=ALL_PRODUCTS, allow_blank=False,
                             id="product", compact=True)
            with Horizontal(classes="field", id="kinds"):
                yield Label("Deal", classes="field-label")
                for kind, label in KIND_CHOICES:
                    yield TickBox(label, True, id=f"kind-{kind}", compact=True, classes="kind")
            with Horizontal(classes="field"):
                yield Label("Rounds", classes="field-label")
                yield Input("2", id="rounds", type="integer", compact=True, classes="number")
                yield Label("Seconds per turn", classes="field-label -inline")
                yield Input("90", id="seconds", type="integer", compact=True, classes="number")
                yield Label("Seed", classes="field-label -inline")
                yield Input(id="seed", type="integer", placeholder="random", compact=True, classes="number")
            yield Static(id="setup-error")
            yield Static(id="setup-hint", classes="hint")
            with Horizontal(classes="actions"):
                yield Button("Start  ctrl+s", id="start", variant="primary", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Team session setup"
        hint = "Tick the reps the app knows, or type names separated by commas (→ accepts a suggestion)."
        if not self.known_reps:
            hint = "Type the reps' names separated by commas; their answers are stored under these names."
        self.query_one("#setup-hint", Static).update(hint)
        self.query_one("#setup-error", Static).display = False
        self.query_one("#roster", Input).focus()

    # --- the roster and the known reps stay in step ------------------------------------------------------

    @on(Checkbox.Changed, ".known-rep")
    def _toggle_known(self, event: Checkbox.Changed) -> None:
        roster_input = self.query_one("#roster", Input)
        names = parse_roster(roster_input.value)
        name = self._known_name(event.checkbox)
        present = [n for n in names if n.casefold() == name.casefold()]
        if event.value and not present:
            names.append(name)
        elif not event.value and present:
            names = [n for n in names if n.casefold() != name.casefold()]
        else:
            return
        with roster_input.prevent(Input.Changed):
            roster_input.value = ", ".join(names)

    def _known_name(self, box: Checkbox) -> str:
        """The rep's name itself (the box shows it escaped): known reps' boxes are numbered in order."""
        return self.known_reps[int((box.id or "known-0").removeprefix("known-"))]

    @on(Input.Changed, "#roster")
    def _typed_roster(self, event: Input.Changed) -> None:
        typed = {name.casefold() for name in parse_roster(event.value)}
        for box in self.query(".known-rep").results(Checkbox):
            checked = self._known_name(box).casefold() in typed
            if box.value != checked:
                with box.prevent(Checkbox.Changed):
                    box.value = checked

    # --- starting ------------------------------------------------------------------------------------

    def _error(self, message: str) -> None:
        error = self.query_one("#setup-error", Static)
        error.update(Content.assemble(("✘ ", "bold"), plain(message)))
        error.display = True

    def _number(self, selector: str, what: str, *, optional: bool = False) -> int | None:
        text = self.query_one(selector, Input).value.strip()
        if not text and optional:
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{what} must be a whole number") from None

    def build_session(self) -> TeamSession:
        """The session the form describes; ValueError with a message for the facilitator if it cannot be."""
        from ...team.peer_review import session_rubric
        from ...team.pool import build_pool
        from ...team.session import SessionConfig, TeamSession

        library = self.trainer.library
        roster = parse_roster(self.query_one("#roster", Input).value)
        strangers = [name for name in roster if not self.trainer.may_see(name)]
        if strangers:
            raise ValueError(f"signed in as {self.trainer.signed_in}, you can run a session only with yourself "
                             f"and the teams you manage, not {', '.join(strangers)}")
        kinds = tuple(kind for kind, _ in KIND_CHOICES if self.query_one(f"#kind-{kind}", Checkbox).value)
        if not kinds:
            raise ValueError("pick at least one kind of item to deal")
        product = self.query_one("#product", Select).value
        config = SessionConfig(
            name=self.query_one("#session-name", Input).value.strip() or "Team practice",
            roster=tuple(roster),
            product=product if isinstance(product, str) and product != ALL_PRODUCTS else None,
            kinds=kinds,
            rounds=self._number("#rounds", "rounds") or 0,
            seconds_per_turn=self._number("#seconds", "seconds per turn") or 0,
            seed=self._number("#seed", "the seed", optional=True),
            rubric=session_rubric(library.policy.rubric),
        )
        pool = build_pool(library, config.product, config.kinds, config.cuts)
        return TeamSession(config, pool, store=self.trainer.store, started_at=self.trainer.now())

    def action_start(self) -> None:
        try:
            session = self.build_session()
        except ValueError as exc:
            message = str(exc)
            self._error(message[:1].upper() + message[1:] + ".")
            return
        except Exception as exc:  # e.g. the practice database is locked or read-only
            self._error(f"Could not start the session: {exc}")
            return
        from .team_session import TeamSessionScreen

        self.query_one("#setup-error", Static).display = False
        screen = TeamSessionScreen(session)
        self.app.push_screen(screen, callback=lambda _: self._session_closed(screen))

    def _session_closed(self, screen: TeamSessionScreen) -> None:
        """Done on the summary goes home; leaving a session any other way comes back to this form."""
        if screen.go_home:
            self.dismiss()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_back()
