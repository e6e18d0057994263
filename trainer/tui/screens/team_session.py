"""Run a team session on one screen: whose turn, the dealt item, a countdown, the answer, a live scoreboard.

The :class:`TeamSession` owns the rules (dealing, scoring, storing, undo); this screen only shows it and
turns keys into calls. Scoring runs in a worker thread and the result is recorded back on the UI thread,
because the session is not thread-safe. Every turn is stored by the session as soon as it is recorded, so
leaving early loses nothing that was answered.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Static, TextArea

from ...practice.scenario import TurnResult
from ...safe_text import visible
from ...scoring.results import score_text
from ...team.report import most_missed
from ...team.session import TeamSession, TeamTurn, standings
from ..widgets.countdown import Countdown
from ..widgets.peer_board import PeerBoard
from ..widgets.scoreboard import Scoreboard
from ..widgets.team_turn import item_content, result_content
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen

PLACEHOLDER = {
    "pitch": "The pitch, word for word, as the rep says it…",
    "objection": "The rep's answer, in their own words…",
    "drill": "The rep's closed question…",
}
LEAVE_CONFIRM_SECONDS = 3.0


class TeamSessionScreen(TrainerScreen):
    CSS_PATH = "team_session.tcss"
    HELP = (
        "The rep named at the top answers the dealt item before the countdown ends (time's up still lets you "
        "submit). Type the answer, or let the rep type it, and press ctrl+s: it is scored and stored under the "
        "rep's name, and the scoreboard updates. ctrl+n (or enter) deals the next turn, ctrl+t pauses, ctrl+l "
        "skips and ctrl+b takes back the last turn; they work while typing. Outside the answer box the letters "
        "n, p (or space), k and u do the same. Once a turn is answered, r (or ctrl+r) opens the peer scorecard: "
        "each teammate rates it 1-5 on the library's rubric, and the averages join the scoreboard and the report. "
        "At the end, save the report as Markdown or HTML."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Leave"),
        Binding("ctrl+s", "submit", "Submit"),
        # The answer box usually has focus, so the keys that matter during a turn are ctrl keys it ignores.
        Binding("ctrl+n", "next_turn", "Next"),
        Binding("ctrl+t", "pause", "Pause"),
        Binding("ctrl+l", "skip", "Skip"),
        Binding("ctrl+b", "undo", "Undo"),
        Binding("ctrl+r", "rate", "Rate"),
        Binding("m", "save('md')", "Save .md"),
        Binding("h", "save('html')", "Save .html"),
        Binding("d", "done", "Done"),
        # Letters for when the focus is outside the answer box (a button, the scoreboard).
        Binding("n", "next_turn", "Next turn", show=False),
        Binding("enter", "next_turn", "Next turn", show=False),
        Binding("p", "pause", "Pause or resume", show=False),
        Binding("space", "pause", "Pause or resume", show=False),
        Binding("k", "skip", "Skip", show=False),
        Binding("u", "undo", "Undo the last turn", show=False),
        Binding("r", "rate", "Rate the turn (peer scorecard)", show=False),
    ]

    def __init__(self, session: TeamSession) -> None:
        super().__init__()
        self.session = session
        self.turn: TeamTurn | None = None  # the turn on screen; the session deals the next one only on "next"
        self.scoring = False
        self.go_home = False  # set by Done: the setup form underneath closes too
        self.report_paths: list[Path] = []
        self._leave_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="ts-head"):
            yield Static(id="ts-rep")
            yield Static(id="ts-round")
            yield Countdown(self.trainer.clock, id="ts-countdown")
        with Horizontal(id="ts-body"):
            with Vertical(id="ts-play"):
                yield Static(id="ts-item")
                yield TextArea(id="ts-answer", soft_wrap=True, tab_behavior="focus")
                yield Static(id="ts-result")
            with Vertical(id="ts-side"):
                with Vertical(id="ts-board-box"):
                    yield Static("Scoreboard", classes="panel-title", id="ts-board-title")
                    yield Scoreboard(id="scoreboard")
                with Vertical(id="ts-peer-box"):
                    yield Static("Peer scorecards (avg 1–5)", classes="panel-title", id="ts-peer-title")
                    yield PeerBoard(self.session.config.rubric, id="peerboard")
        with Horizontal(classes="actions", id="ts-actions"):
            yield Button("Submit  ctrl+s", id="submit", variant="primary", compact=True)
            yield Button("Next  ctrl+n", id="next", variant="success", compact=True)
            yield Button("Pause  ctrl+t", id="pause", compact=True)
            yield Button("Skip  ctrl+l", id="skip", compact=True)
            yield Button("Undo  ctrl+b", id="undo", compact=True)
            yield Button("Rate  ctrl+r", id="rate", compact=True)
        with VerticalScroll(id="ts-summary"):
            yield Static(id="sum-head")
            yield Static("Final ranking", classes="section-title")
            yield Scoreboard(id="final-ranking")
            yield Static("Peer scorecards (average of teammates' ratings, 1–5)", classes="section-title",
                         id="sum-peer-title")
            yield PeerBoard(self.session.config.rubric, id="final-peers")
            yield Static("Key points the team missed most", classes="section-title", id="sum-missed-title")
            yield Static(id="sum-missed")
            with Horizontal(id="sum-folder-row") as row:
                row.display = not getattr(self.app, "served", False)  # served sessions write no files
                yield Static("Save reports in the folder ", classes="hint")
                yield Input(".", id="sum-folder", compact=True, placeholder="folder (. is where the app started)",
                            tooltip="The folder the report files are written to; change it before saving.")
            with Horizontal(classes="actions"):
                yield Button("Save Markdown  m", id="save-md", variant="primary", compact=True)
                yield Button("Save HTML  h", id="save-html", compact=True)
                yield Button("Done  d", id="done", variant="success", compact=True)
            yield Static(id="sum-saved", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Team session · {self.session.config.name}"
        for board in self.query(Scoreboard):
            board.can_focus = False
        self._show_peers()
        self._show_turn()

    # --- showing ---------------------------------------------------------------------------------------

    @property
    def answered(self) -> bool:
        return self.turn is not None and self.turn.done

    def _show_turn(self) -> None:
        """Deal (or re-show after an undo) the current turn; the summary once every turn is done."""
        session = self.session
        turn = session.current
        self.turn = turn
        if turn is None:
            self._show_summary()
            return
        self.set_class(False, "-finished")
        if session.paused:
            session.toggle_pause()
        self.set_class(False, "-paused")
        self.set_class(False, "-answered")
        config = session.config
        self.query_one("#ts-rep", Static).update(Content.styled(visible(turn.rep.upper()), "bold"))
        self.query_one("#ts-round", Static).update(Content.assemble(
            ("Round ", "$text-muted"), (f"{turn.round}", "bold"), (f" of {config.rounds}", "$text-muted"),
            (f"   ·   turn {turn.number} of {session.total_turns}", "$text-muted"),
        ))
        self.query_one("#ts-item", Static).update(item_content(turn.item, self.trainer.library))
        area = self.query_one("#ts-answer", TextArea)
        area.clear()
        area.read_only = False
        area.placeholder = PLACEHOLDER[turn.item.kind]
        self.query_one("#ts-result", Static).display = False
        self.query_one("#pause", Button).label = "Pause  ctrl+t"
        self.query_one(Countdown).restart(config.seconds_per_turn)
        self.query_one("#scoreboard", Scoreboard).show(session.scoreboard(), turn.rep)
        self._update_buttons()
        area.focus()

    def _show_answer(self, turn: TeamTurn) -> None:
        """The turn is in: its result and the updated scoreboard; focus on Next so enter moves on."""
        assert turn.result is not None
        self.query_one(Countdown).stop()
        self.set_class(True, "-answered")
        self.query_one("#ts-answer", TextArea).read_only = True
        next_rep = None
        if not self.session.finished:
            roster = self.session.config.roster
            next_rep = roster[turn.number % len(roster)]
        result = self.query_one("#ts-result", Static)
        result.update(result_content(turn, turn.result, next_rep, can_rate=bool(self.session.reviewers(turn))))
        result.display = True
        self.query_one("#scoreboard", Scoreboard).show(self.session.scoreboard(), turn.rep)
        self._update_buttons()
        self.query_one("#next", Button).focus()

    def _show_summary(self) -> None:
        session = self.session
        self.query_one(Countdown).stop()
        self.set_class(True, "-finished")
        record = session.to_record()
        ranking = standings(session.config.roster, record["turns"])
        scored = sum(1 for turn in record["turns"] if not turn["skipped"])
        head = [Content.assemble(("Session over", "bold $text-accent"), ("  ·  ", "$text-muted"),
                                 (visible(session.config.name), "bold")),
                Content.styled(f"{len(record['turns'])} turns ({scored} answered) · {len(session.config.roster)} "
                               f"reps · {session.config.rounds} round(s)", "$text-muted")]
        if ranking and ranking[0].scored:
            winners = [s.rep for s in ranking if s.rank == 1]
            head.append(Content.assemble(("Top of the board: ", "bold"), ", ".join(winners),
                                         (f" with {score_text(ranking[0].total)} points", "$text-muted")))
        self.query_one("#sum-head", Static).update(Content("\n").join(head))
        self.query_one("#final-ranking", Scoreboard).show(ranking)
        self._show_peers()
        missed = most_missed(record)
        lines = [Content.assemble("• ", point, (f"  ({count}×)", "$text-muted")) for point, count in missed]
        self.query_one("#sum-missed", Static).update(
            Content("\n").join(lines) if lines else Content.styled("None — well done.", "$text-success")
        )
        self._update_buttons()
        self.query_one("#save-md", Button).focus()

    def _show_peers(self) -> None:
        """The peer-scorecard boards, shown once somebody has rated a turn."""
        session = self.session
        rated = bool(session.ratings)
        for box in ("#ts-peer-box", "#sum-peer-title", "#final-peers"):
            self.query_one(box).display = rated
        if rated:
            for board in self.query(PeerBoard):
                board.show(session.config.roster, session.ratings)

    def _can_rate(self) -> bool:
        turn = self.turn
        return turn is not None and turn.result is not None and not self.scoring and bool(self.session.reviewers(turn))

    def _update_buttons(self) -> None:
        pending = self.turn is not None and not self.turn.done
        self.query_one("#submit", Button).disabled = not pending or self.scoring
        self.query_one("#next", Button).disabled = not self.answered
        self.query_one("#pause", Button).disabled = not pending or self.scoring
        self.query_one("#skip", Button).disabled = not pending or self.scoring
        self.query_one("#undo", Button).disabled = self.scoring or not self._can_undo()
        self.query_one("#rate", Button).disabled = not self._can_rate()
        self.refresh_bindings()

    def _can_undo(self) -> bool:
        return any(turn.done for turn in self.session.turns)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Summary keys only on the summary, turn keys only during turns; unavailable ones are greyed out."""
        finished = self.has_class("-finished")
        if action in ("save", "done"):
            return finished
        if action in ("submit", "next_turn", "pause", "skip"):
            if finished:
                return False
            pending = self.turn is not None and not self.turn.done and not self.scoring
            if action == "next_turn":
                return True if self.answered else None
            if action == "submit":
                return True if pending and not self.session.paused else None
            return True if pending else None
        if action == "undo":
            return True if self._can_undo() and not self.scoring else None
        if action == "rate":
            return False if finished else (True if self._can_rate() else None)
        return True

    # --- answering -------------------------------------------------------------------------------------

    def action_submit(self) -> None:
        turn = self.turn
        if turn is None or turn.done or self.scoring:
            return
        if self.session.paused:
            self.notify("The session is paused: press p to resume first.", severity="warning", timeout=3)
            return
        answer = self.query_one("#ts-answer", TextArea).text
        if not answer.strip():
            self.notify("Type the answer first, then press ctrl+s (or k to skip the turn).", severity="warning",
                        timeout=3)
            return
        self.scoring = True
        self.query_one("#ts-answer", TextArea).read_only = True  # keys typed while scoring would be lost
        countdown = self.query_one(Countdown)
        countdown.pause()
        self._update_buttons()
        self._score(turn, answer, countdown.elapsed)

    @work(thread=True, exclusive=True, group="score")
    def _score(self, turn: TeamTurn, answer: str, elapsed: float) -> None:
        """Score off the UI thread; errors become a toast, never a traceback.

        Pace is judged from the words, not the time taken: typing an answer is slower than saying it.
        """
        try:
            result = self.session.score(answer)
        except Exception as exc:  # any scorer failure must reach the facilitator as a message
            self.trainer.call_from_thread(self._scoring_failed, exc)
            return
        self.trainer.call_from_thread(self._scored, turn, result, elapsed)

    def _scoring_failed(self, exc: Exception) -> None:
        self.scoring = False
        if not self.is_attached:
            return
        self.query_one("#ts-answer", TextArea).read_only = False
        self.query_one(Countdown).resume()
        self._update_buttons()
        self.notify(f"Could not score this answer: {exc}", title="Scoring failed", severity="error")

    def _scored(self, turn: TeamTurn, result: TurnResult, elapsed: float) -> None:
        self.scoring = False
        if turn.done or not self.session.turns or self.session.turns[-1] is not turn:
            return  # the turn was taken back meanwhile
        try:
            self.session.record(result, elapsed)
        except Exception as exc:  # the database may be locked or full: the meeting goes on
            self.trainer.notify(f"The score was not saved: {exc}", title="Saving failed", severity="error")
            if not turn.done:
                if self.is_attached:
                    self.query_one("#ts-answer", TextArea).read_only = False
                    self._update_buttons()
                return
        if not self.is_attached:
            self.trainer.notify(f"{turn.rep} scored {score_text(result.score)}.", title=self.session.config.name)
            return
        self._show_answer(turn)

    # --- peer scorecards -------------------------------------------------------------------------------

    def action_rate(self) -> None:
        """Open the rating step for the turn just answered; the boards update when it closes."""
        turn = self.turn
        if turn is None or not self._can_rate():
            return
        from .peer_scorecard import PeerScorecardScreen

        library = self.trainer.library
        descriptions = {c.id: c.description for c in library.policy.rubric if c.description}

        def rated(saved: int | None) -> None:
            self._show_peers()
            if self.is_attached:
                self.query_one("#next", Button).focus()

        self.app.push_screen(PeerScorecardScreen(self.session, turn, descriptions), rated)

    # --- moving on ---------------------------------------------------------------------------------------

    def action_next_turn(self) -> None:
        if self.answered and not self.scoring:
            self._show_turn()

    def action_skip(self) -> None:
        turn = self.turn
        if turn is None or turn.done or self.scoring:
            return
        self.session.skip()
        self.notify(f"{turn.rep} passed on this one.", timeout=2)
        self._show_turn()

    def action_undo(self) -> None:
        if self.scoring:
            return
        if not self._can_undo():
            self.notify("Nothing to undo yet.", timeout=2)
            return
        try:
            again = self.session.undo()
        except Exception as exc:  # deleting the stored attempt failed
            self.notify(f"Could not undo: {exc}", title="Undo failed", severity="error")
            return
        if again is not None:
            self.notify(f"Took back {again.rep}'s turn (round {again.round}): {again.rep} answers it again.",
                        title="Undone", timeout=4)
        self._show_peers()
        self._show_turn()

    def action_pause(self) -> None:
        turn = self.turn
        if turn is None or turn.done or self.scoring:
            return
        paused = self.session.toggle_pause()
        countdown = self.query_one(Countdown)
        area = self.query_one("#ts-answer", TextArea)
        self.set_class(paused, "-paused")
        area.read_only = paused
        button = self.query_one("#pause", Button)
        if paused:
            countdown.pause()
            button.label = "Resume  ctrl+t"
            button.focus()
        else:
            countdown.resume()
            button.label = "Pause  ctrl+t"
            area.focus()
        self._update_buttons()

    @on(Countdown.Expired)
    def _time_up(self) -> None:
        if self.turn is not None and not self.turn.done:
            self.notify(f"Time's up for {self.turn.rep}: submit what there is, or skip.", timeout=3)

    # --- the end ---------------------------------------------------------------------------------------

    def action_save(self, extension: str) -> None:
        """Write the report into the folder the facilitator chose (the one the app was started in, unless
        changed), replacing a previous save of this session there."""
        from ...library.files import write_atomic
        from ...team.report import RENDERERS

        if getattr(self.app, "served", False):
            # A browser session writes nothing on the server; the report is in the shared store.
            self.notify(
                f"Served sessions don't write files. On the server: trainer report {self.session.id} "
                f"--format {extension}",
                title="Report kept in the practice history", timeout=8,
            )
            return
        folder = Path(self.query_one("#sum-folder", Input).value.strip() or ".").expanduser()
        if not folder.is_dir():
            self.notify(f"There is no folder {folder}: type an existing folder, then save again.",
                        title="Not saved", severity="error")
            self.query_one("#sum-folder", Input).focus()
            return
        path = folder.resolve() / f"session-{self.session.id}.{extension}"
        try:
            write_atomic(path, RENDERERS[extension](self.session.to_record()))
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror or exc}", title="Not saved", severity="error")
            return
        if path not in self.report_paths:
            self.report_paths.append(path)
        saved = ", ".join(p.name for p in self.report_paths)
        self.query_one("#sum-saved", Static).update(Content("Saved: " + visible(saved)))
        self.notify(f"Saved the report to {path}", title="Report saved", timeout=5)

    def action_done(self) -> None:
        self.go_home = True
        self.dismiss()

    def action_back(self) -> None:
        """Leaving mid-session needs a second escape: one stray key must not end a meeting."""
        in_progress = not self.session.finished and self._can_undo()
        if in_progress and self._leave_timer is None:
            done = sum(1 for turn in self.session.turns if turn.done)
            self.notify(f"Press escape again to leave the session. The {done} turn(s) so far are saved.",
                        timeout=LEAVE_CONFIRM_SECONDS)
            self._leave_timer = self.set_timer(LEAVE_CONFIRM_SECONDS, self._disarm_leave)
            return
        self.dismiss()

    def _disarm_leave(self) -> None:
        self._leave_timer = None

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {
            "submit": self.action_submit, "next": self.action_next_turn, "pause": self.action_pause,
            "skip": self.action_skip, "undo": self.action_undo, "rate": self.action_rate,
            "save-md": lambda: self.action_save("md"), "save-html": lambda: self.action_save("html"),
            "done": self.action_done,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            event.stop()
            action()
