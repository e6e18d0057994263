"""The rating step after a team-session turn: each teammate scores it 1-5 per rubric criterion.

A modal over the session, opened with ``r`` once a turn is answered. The facilitator (or the teammate) picks
the reviewer, gives a score per criterion and saves; the next teammate who has not rated yet comes up, and the
step closes itself once everybody has. Escape skips whatever is left: rating is never required.

Keys: up/down move between the reviewer line and the criteria, left/right change the reviewer or the score,
digits 1-5 score the current criterion and move down, enter saves the card. Every choice is also a button.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...library.roster import RATING_SCALE
from ...safe_text import visible
from ...team.session import TeamSession, TeamTurn
from ..plain import plain
from ..widgets.team_turn import KIND_LABEL


class Choice(Button, can_focus=False):
    """A button that never takes the focus: keys belong to the step's bindings (enter saves the card, it does
    not press whichever button was focused), clicks still work."""


class PeerScorecardScreen(ModalScreen[int]):
    """Dismissed with the number of scorecards saved."""

    AUTO_FOCUS = None
    CSS_PATH = "peer_scorecard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Done / skip"),
        Binding("enter", "save", "Save card"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("left", "change(-1)", "Less", show=False),
        Binding("right", "change(1)", "More", show=False),
        *(Binding(str(n), f"score({n})", f"Score {n}", show=False) for n in RATING_SCALE),
    ]

    def __init__(self, session: TeamSession, turn: TeamTurn, descriptions: dict[str, str] | None = None) -> None:
        super().__init__()
        self.session, self.turn = session, turn
        self.descriptions = descriptions or {}  # what a 5 looks like, per criterion id (from the library's rubric)
        self.rubric = session.config.rubric
        self.reviewers = session.reviewers(turn)
        waiting = [name for name in self.reviewers if name not in session.rated_by(turn)]
        self.reviewer = (waiting or self.reviewers or [""])[0]
        self.scores: dict[str, int] = {}
        self.row = 1  # 0 is the reviewer line, 1.. the criteria
        self.saved = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="ps-box"):
            yield Static(id="ps-title")
            with Horizontal(id="ps-reviewers", classes="ps-row"):
                yield Static("Reviewer", classes="ps-label", id="ps-label-0")
                for index, name in enumerate(self.reviewers):
                    yield Choice(plain(name), id=f"ps-reviewer-{index}", compact=True, classes="ps-choice")
            for row, criterion in enumerate(self.rubric, start=1):
                with Horizontal(classes="ps-row"):
                    yield Static(plain(criterion.label), classes="ps-label", id=f"ps-label-{row}")
                    for score in RATING_SCALE:
                        yield Choice(str(score), id=f"ps-score-{row}-{score}", compact=True, classes="ps-choice")
            yield Static(id="ps-hint")
            with Horizontal(id="ps-actions"):
                yield Choice("Save card  enter", id="ps-save", variant="primary", compact=True)
                yield Choice("Done  esc", id="ps-done", compact=True)

    def on_mount(self) -> None:
        self._refresh()

    # --- showing ---------------------------------------------------------------------------------------

    def _refresh(self) -> None:
        turn = self.turn
        rated = self.session.rated_by(turn)
        self.query_one("#ps-title", Static).update(Content.assemble(
            ("Peer scorecard", "bold $text-accent"), ("  ·  ", "$text-muted"),
            (visible(turn.rep), "bold"), (f"'s turn {turn.number}", "bold"),
            (f"  ·  {KIND_LABEL.get(turn.item.kind, turn.item.kind)}", "$text-muted"),
        ))
        for index, name in enumerate(self.reviewers):
            button = self.query_one(f"#ps-reviewer-{index}", Button)
            button.label = plain(name + (" ✔" if name in rated else ""))
            button.variant = "primary" if name == self.reviewer else "default"
        for row, criterion in enumerate(self.rubric, start=1):
            for score in RATING_SCALE:
                chosen = self.scores.get(criterion.id) == score
                self.query_one(f"#ps-score-{row}-{score}", Button).variant = "primary" if chosen else "default"
        for row in range(len(self.rubric) + 1):
            label = self.query_one(f"#ps-label-{row}", Static)
            label.set_class(row == self.row, "-cursor")
        self.query_one("#ps-hint", Static).update(self._hint(rated))

    def _hint(self, rated: list[str]) -> Content:
        lines = []
        if 1 <= self.row <= len(self.rubric):
            described = self.descriptions.get(self.rubric[self.row - 1].id)
            if described:
                lines.append(Content.styled(visible(described), "italic"))
        lines.append(Content.styled(
            "↑↓ line · ←→ or 1–5 score · enter saves the card · esc done (unsaved scores are skipped)",
            "$text-muted",
        ))
        lines.append(Content.styled(f"Rated by {len(rated)} of {len(self.reviewers)} teammate(s) · 1 poor, 5 "
                                    "excellent", "$text-muted"))
        return Content("\n").join(lines)

    # --- keys and clicks -------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.row = max(0, min(len(self.rubric), self.row + step))
        self._refresh()

    def action_change(self, step: int) -> None:
        if self.row == 0:
            self._pick_reviewer(self.reviewers.index(self.reviewer) + step)
            return
        criterion = self.rubric[self.row - 1].id
        current = self.scores.get(criterion)
        score = 3 if current is None else current + step
        self.scores[criterion] = max(RATING_SCALE[0], min(RATING_SCALE[-1], score))
        self._refresh()

    def action_score(self, score: int) -> None:
        if self.row == 0:
            self.row = 1
        self.scores[self.rubric[self.row - 1].id] = score
        self.row = min(self.row + 1, len(self.rubric))
        self._refresh()

    def _pick_reviewer(self, index: int) -> None:
        if not self.reviewers:
            return
        name = self.reviewers[index % len(self.reviewers)]
        if name != self.reviewer:
            self.reviewer, self.scores = name, self._earlier_card(name)
        self._refresh()

    def _earlier_card(self, reviewer: str) -> dict[str, int]:
        """A reviewer picked again sees the card they saved, to change it."""
        return {r["criterion"]: r["score"] for r in self.session.ratings
                if r["turn"] == self.turn.number and r["reviewer"] == reviewer}

    def action_save(self) -> None:
        if not self.scores:
            self.notify("Give at least one score (1–5) first, or press escape to skip.", severity="warning",
                        timeout=3)
            return
        try:
            self.session.rate(self.turn, self.reviewer, dict(self.scores))
        except Exception as exc:  # a full or locked database: the meeting goes on, the card is not lost silently
            self.notify(visible(f"The scorecard was not saved: {exc}"), title="Saving failed", severity="error",
                        markup=False)
            return
        self.saved += 1
        self.notify(visible(f"Saved {self.reviewer}'s scorecard for {self.turn.rep}."), timeout=2, markup=False)
        rated = self.session.rated_by(self.turn)
        waiting = [name for name in self.reviewers if name not in rated]
        if not waiting:
            self.dismiss(self.saved)
            return
        self.reviewer, self.scores, self.row = waiting[0], {}, 1
        self._refresh()

    def action_close(self) -> None:
        self.dismiss(self.saved)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        ident = event.button.id or ""
        if ident == "ps-save":
            self.action_save()
        elif ident == "ps-done":
            self.action_close()
        elif ident.startswith("ps-reviewer-"):
            self.row = 0
            self._pick_reviewer(int(ident.rsplit("-", 1)[1]))
        elif ident.startswith("ps-score-"):
            _, _, row, score = ident.split("-")
            self.row = int(row)
            self.scores[self.rubric[self.row - 1].id] = int(score)
            self._refresh()
