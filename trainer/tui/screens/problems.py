"""Every problem found while loading the library, as ``file:line:col`` so an author can jump to it.

The rest of the library still works: a broken file is simply left out of the home screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...library.problems import Problem
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen


def problem_content(problem: Problem) -> Content:
    """Two lines: severity and place (what an editor needs), then the message, which may wrap."""
    severity = ("error  ", "bold $text-error") if problem.severity == "error" else ("warning", "bold $text-warning")
    return Content.assemble(
        severity, "  ", (f"{problem.path}:{problem.line}:{problem.col}", "bold"), "\n", problem.message
    )


class ProblemsScreen(TrainerScreen):
    CSS_PATH = "problems.tcss"
    HELP = "Problems found in the library files. Fix them in your editor, run `trainer check`, then reopen the app."
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "back", "Back", show=False)]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="problems-summary")
        yield OptionList(id="problems-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        library = self.trainer.library
        self.sub_title = "Library problems"
        errors = len(library.errors)
        warnings = len(library.problems) - errors
        summary = self.query_one("#problems-summary", Static)
        if not library.problems:
            summary.update("No problems: every file in the library loaded cleanly.")
        else:
            summary.update(Content.assemble(
                (f"{errors} error{'s' if errors != 1 else ''}", "bold $text-error" if errors else "bold"),
                f", {warnings} warning{'s' if warnings != 1 else ''}. ",
                ("Files with errors were left out; everything else works.", "$text-muted"),
            ))
        options = self.query_one(OptionList)
        items: list[Option | None] = []
        for problem in library.problems:
            items += [Option(problem_content(problem)), None]  # None draws a separator line
        options.add_options(items[:-1])
        options.focus()

    @property
    def shown(self) -> list[str]:
        """The problems as listed, one plain string each (what tests and screen readers read)."""
        options = self.query_one(OptionList)
        return [str(option.prompt) for option in options.options]
