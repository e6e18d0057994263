"""Home: the library on the left, details and "practise next" on the right, problems flagged at the bottom."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, Static, Tree
from textual.widgets.option_list import Option

from ...library.item_ref import ItemRef
from ...practice.items import describe, item_titles
from ..plain import plain
from ..review_run import ReviewRun, run_items, todays_work, work_summary
from ..widgets.assigned_list import AssignedList
from ..widgets.item_details import ItemDetails
from ..widgets.library_tree import Group, LibraryTree, NodeData
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen


class HomeScreen(TrainerScreen):
    """Where every session starts."""

    CSS_PATH = "home.tcss"
    HELP = (
        "Pick a pitch cut, an objection, a drill or a scenario in the library tree and press enter. "
        "Press ctrl+p to jump to anything by name."
    )
    # The footer shows what fits 80 columns; every key is in F1 help, and the palette reaches every screen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to the library", show=False),
        Binding("m", "open('memorize')", "Memorize"),
        Binding("r", "open('recite')", "Recite"),
        Binding("o", "objections", "Objections"),
        Binding("d", "drills", "Drills"),
        Binding("n", "focus_next_up", "Practise next", show=False),
        Binding("a", "focus_assigned", "Assigned to you", show=False),
        Binding("e", "review_all", "Review all due", show=False),  # the entry above "Practise next" shows it
        Binding("p", "app.progress", "Progress"),
        Binding("u", "app.switch_rep", "Switch rep", show=False),
        Binding("s", "app.team_session", "Team session", show=False),
        Binding("v", "app.team_view", "Team view", show=False),
        Binding("P", "problems", "Problems", key_display="P", show=False),  # the problems notice names it
        Binding("t", "app.change_theme", "Theme", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        library = self.trainer.library
        yield TitleBar()
        with Horizontal(id="home-body"):
            yield LibraryTree(library, id="library")
            with Vertical(id="home-side"):
                yield AssignedList(id="assigned-box")
                with VerticalScroll(id="details-box"):
                    yield ItemDetails(id="details")
                yield Button("Review all due  e", id="review-all", compact=True)
                yield Static("Practise next", id="next-title", classes="panel-title")
                yield OptionList(id="next-up")
        yield Static(id="problems-notice")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        library = self.trainer.library
        self.sub_title = f"library: {library.root.resolve().name} · {self.trainer.rep_label}"
        self.query_one("#library").border_title = "Library"
        self.query_one("#details-box").border_title = "Details"
        self.query_one("#details-box").can_focus = False
        self._show_problems_notice()
        self._refresh_assigned()
        self._refresh_next_up()
        self.query_one(LibraryTree).focus()
        if library.errors:
            self.notify(
                f"{len(library.errors)} problem(s) in the library; the rest loaded. Press P to see them.",
                title="Library problems", severity="warning", timeout=6,
            )
        elif self.trainer.hidden_pitches and not self.trainer.served:
            names = ", ".join(self.trainer.hidden_pitches)
            self.notify(
                f"Not shown, because reps practise published versions only: {names} (draft only). "
                "Authors: `trainer --drafts` shows drafts; `trainer publish PITCH` publishes one.",
                title="Draft pitches hidden", timeout=10,
            )
        elif not library.products and not library.scenarios:
            self.notify(f"No content found in {library.root}.", title="Empty library", severity="warning")

    def on_screen_resume(self) -> None:
        """Back from practice (or from switching rep): the suggestions and the rep may have changed."""
        self.sub_title = f"library: {self.trainer.library.root.resolve().name} · {self.trainer.rep_label}"
        self._refresh_assigned()
        if not self._continue_review():
            self._refresh_next_up()

    def library_changed(self) -> None:
        """The app adopted a reloaded library: show it, keeping the tree's cursor where it was."""
        tree = self.query_one(LibraryTree)
        line = tree.cursor_line
        tree.library = self.trainer.library
        tree.populate()
        tree.cursor_line = min(line, max(tree.last_line, 0))
        self.query_one("#problems-notice", Static).remove_class("-errors")
        self._show_problems_notice()
        self._refresh_assigned()
        self._refresh_next_up()

    # -- "Review all due": the day's queue, one item after another (see trainer.tui.review_run) -------------

    _review: ReviewRun | None = None

    def _refresh_review_entry(self) -> None:
        """The entry counts today's work: open assignments and due reviews, within the library's daily cap."""
        plan, work = todays_work(self.trainer)
        items = run_items(plan, work)
        entry = self.query_one("#review-all", Button)
        entry.label = f"Review all due · {len(items)}  e" if items else "Review all due  e"
        entry.tooltip = work_summary(plan, work)

    def action_review_all(self) -> None:
        plan, work = todays_work(self.trainer)
        items = run_items(plan, work)
        if not items:
            self.notify(work_summary(plan, work), title="Review", timeout=4)
            return
        if work is not None and work.later:
            self.notify(work.summary(), title="Today's work", timeout=6)  # a backlog: say how it is spread
        self._review = ReviewRun(self.trainer, items)
        if not self._review.open_next():
            self._review = None

    @on(Button.Pressed, "#review-all")
    def _review_pressed(self) -> None:
        self.action_review_all()

    def _continue_review(self) -> bool:
        """Back home during a review: open the next item if the rep practised this one, else stop the run."""
        run = self._review
        if run is None:
            return False
        if not run.practised_current():
            self._review = None
            left = run.left
            self.notify(f"Review stopped: {left} left today. Press e to go on.", title="Review", timeout=5)
            return False
        if run.open_next():
            return True
        self._review = None
        self.notify("Review done: nothing else is due today.", title="Review", timeout=5)
        return False

    def _refresh_assigned(self) -> None:
        """The rep's assignments, judged on today's date; a store that cannot be read says so and hides them."""
        trainer, widget = self.trainer, self.query_one(AssignedList)
        today = trainer.now().astimezone().date()
        if trainer.store is None:
            widget.show([], today)
            return
        from ...store.errors import StoreError
        from ...team.assignments import assignment_progress

        try:
            found = assignment_progress(trainer.store, trainer.library, today, [trainer.rep])
        except StoreError as exc:
            self.notify(str(exc), title="Assignments not shown", severity="error", timeout=10)
            found = []
        widget.show(found, today)

    @on(AssignedList.Picked)
    def _open_assigned(self, event: AssignedList.Picked) -> None:
        """A pitch cut starts reciting at once (the assignment asks for a score); other items open as usual."""
        self.trainer.open_item(event.ref, "recite" if event.ref.kind == "pitch" else "study")

    def action_focus_assigned(self) -> None:
        self.query_one(AssignedList).focus_list()

    def _show_problems_notice(self) -> None:
        library = self.trainer.library
        notice = self.query_one("#problems-notice", Static)
        errors, warnings = len(library.errors), len(library.problems) - len(library.errors)
        notice.display = bool(library.problems)
        if errors:
            notice.add_class("-errors")
            notice.update(Content.assemble(
                ("⚠ ", "bold"), f"{errors} error{'s' if errors != 1 else ''}",
                f" and {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "",
                " in the library — some files did not load. Press ", ("P", "bold"), " to see them.",
            ))
        elif warnings:
            notice.update(Content.assemble(
                f"{warnings} warning{'s' if warnings != 1 else ''} in the library. Press ", ("P", "bold"),
                " to see them.",
            ))

    def _refresh_next_up(self) -> None:
        self._refresh_review_entry()
        options = self.query_one("#next-up", OptionList)
        options.clear_options()
        library = self.trainer.library
        suggestions = self.trainer.practice_log.practise_next()
        self.query_one("#next-title", Static).update(Content.assemble("Practise next · ", plain(self.trainer.rep)))
        if not suggestions:
            options.add_option(Option(Content.styled(
                "Nothing is due. Start with a 30s cut: open it, read it, then press r to recite.", "$text-muted"
            ), disabled=True))
            return
        titles = item_titles(library)
        for item in suggestions:
            title = describe(library, item.ref, titles=titles)
            product = library.products.get(item.ref.product)
            options.add_option(Option(
                Content.assemble(
                    plain(title, "bold"), "\n", plain(product.name if product else item.ref.product, "$text-accent"),
                    plain(" · " + item.reason, "$text-muted"),
                ),
                id=item.ref.key,  # the one item identity: unique even when two products share an id
            ))
        self._next_refs = {item.ref.key: item.ref for item in suggestions}

    @property
    def _highlighted(self) -> NodeData | None:
        node = self.query_one(LibraryTree).cursor_node
        return node.data if node is not None else None

    @on(Tree.NodeHighlighted)
    def _show_details(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self.query_one(ItemDetails).show(self.trainer.library, event.node.data)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Memorize and recite only make sense on a pitch: grey them out elsewhere."""
        if action == "open" and parameters and parameters[0] in ("memorize", "recite"):
            data = self._highlighted if self.is_mounted else None
            is_pitch = (isinstance(data, ItemRef) and data.kind == "pitch") or (
                isinstance(data, Group) and data.kind == "pitch"
            )
            return True if is_pitch else None
        return True

    @on(Tree.NodeSelected)
    def _open_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, ItemRef) or (isinstance(data, Group) and data.kind in ("objections", "drills")):
            self._open(data, "study")

    @on(OptionList.OptionSelected, "#next-up")
    def _open_next_up(self, event: OptionList.OptionSelected) -> None:
        ref = getattr(self, "_next_refs", {}).get(event.option.id or "")
        if ref is not None:
            self.trainer.open_item(ref)

    def _open(self, data: NodeData | None, mode: str) -> None:
        if isinstance(data, ItemRef):
            self.trainer.open_item(data, mode if data.kind == "pitch" else "study")
        elif isinstance(data, Group):
            if data.kind == "pitch":
                pitch = self.trainer.library.pitch(data.id)
                cut = pitch.practice_version.cuts.names()[0]
                self.trainer.open_item(ItemRef("pitch", data.product, data.id, cut), mode)
            elif data.kind == "objections":
                self.action_objections(data.product)
            elif data.kind == "drills":
                self.action_drills(data.product)

    def action_open(self, mode: str = "study") -> None:
        self._open(self._highlighted, mode)

    def action_objections(self, product: str | None = None) -> None:
        from .objections import ObjectionsScreen

        if product is None and isinstance(self._highlighted, ItemRef | Group):
            product = self._highlighted.product or None
        self.app.push_screen(ObjectionsScreen(product=product))

    def action_drills(self, product: str | None = None) -> None:
        from .drills import DrillsScreen

        if product is None and isinstance(self._highlighted, ItemRef | Group):
            product = self._highlighted.product or None
        self.app.push_screen(DrillsScreen(product=product))

    def show_product(self, product: str) -> None:
        """Put the tree's cursor on ``product`` (expanded) and focus the tree."""
        tree = self.query_one(LibraryTree)
        node = next((n for n in tree.root.children if n.data == Group("product", product)), None)
        if node is not None:
            node.expand()
            tree.move_cursor(node)
            tree.scroll_to_node(node)
        tree.focus()

    def action_focus_next_up(self) -> None:
        options = self.query_one("#next-up", OptionList)
        options.focus()
        if options.highlighted is None and options.option_count:
            options.highlighted = 0

    def action_problems(self) -> None:
        from .problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen())

    def action_back(self) -> None:
        """Home is the bottom of the stack: escape returns focus to the tree instead of leaving."""
        self.query_one(LibraryTree).focus()
