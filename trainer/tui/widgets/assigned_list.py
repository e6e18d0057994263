"""The home screen's "Assigned to you": what the rep's manager asked for, soonest due first, overdue flagged.

Its own widget so the home screen only places it: the rules (done on the current version, overdue after the
due day) are :mod:`trainer.team.assignments`; picking an entry (enter, or a click) starts that practice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...library.item_ref import ItemRef
from ...scoring.results import score_text
from ...team.assignments import AssignmentProgress
from ..plain import plain


def due_text(progress: AssignmentProgress, today: dt.date) -> tuple[str, str]:
    """How the due date reads, and its style: "overdue since Fri 27 Nov", "due today", "due Fri 27 Nov"."""
    due = progress.assignment.due
    shown = f"{due:%a} {due.day} {due:%b}" + ("" if due.year == today.year else f" {due.year}")
    if progress.status == "overdue":
        return f"⚠ overdue since {shown}", "bold $text-error"
    if due == today:
        return "due today", "bold $text-warning"
    return f"due {shown}", "$text-muted"


class AssignedList(Vertical):
    """A title and one option per open or overdue assignment; hidden when the rep has none."""

    DEFAULT_CSS = """
    AssignedList { height: auto; }
    AssignedList > OptionList { height: auto; max-height: 8; border: none; margin: 0 1 1 1; background: $surface; }
    AssignedList > OptionList:focus { border: none; }  /* like "Practise next": the highlight shows focus */
    AssignedList > Static { margin: 0 1; }
    """

    class Picked(Message):
        """The rep picked an assignment: start practising ``ref``."""

        def __init__(self, ref: ItemRef) -> None:
            super().__init__()
            self.ref = ref

    def compose(self) -> ComposeResult:
        yield Static("Assigned to you", id="assigned-title", classes="panel-title")
        yield OptionList(id="assigned")

    def show(self, found: Sequence[AssignmentProgress], today: dt.date) -> None:
        """List what is still to do (overdue first, then by due date); done assignments are left out."""
        waiting = [p for p in found if p.status != "done"]
        self._refs = {p.assignment.item.key: p.assignment.item for p in waiting}
        options = self.query_one(OptionList)
        options.clear_options()
        self.display = bool(waiting)
        overdue = sum(1 for p in waiting if p.status == "overdue")
        title = Content.assemble(("Assigned to you", "bold"), f" · {len(waiting)}")
        if overdue:
            title = Content.assemble(title, (f" · {overdue} overdue", "bold $text-error"))
        self.query_one("#assigned-title", Static).update(title)
        for progress in waiting:
            when, style = due_text(progress, today)
            best = "" if progress.best is None else f" · best {score_text(progress.best)}"
            options.add_option(Option(
                Content.assemble(
                    plain(progress.title, "bold"), "\n", (when, style),
                    plain(f" · reach {score_text(progress.assignment.min_score)}{best}", "$text-muted"),
                ),
                id=progress.assignment.item.key,
            ))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ref = getattr(self, "_refs", {}).get(event.option.id or "")
        if ref is not None:
            self.post_message(self.Picked(ref))

    def focus_list(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if options.highlighted is None and options.option_count:
            options.highlighted = 0
