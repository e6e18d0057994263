"""The manager's view: every rep against every item — best score and what is due — and what the team misses.

Read-only: everything comes from the practice store through :mod:`trainer.team.progress`, the same table
``trainer team`` prints, so the app and the command line never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Select, Static

from ...practice.items import describe, item_titles, one_line
from ...safe_text import visible
from ...scoring.results import score_text
from ...team.progress import Cell, TeamTable, team_table, weakest_items, weakest_points
from ..plain import plain, plain_text
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen

if TYPE_CHECKING:
    from ...store.attempts import Attempt
    from ...team.certification import Certificate
    from ..app import TrainerApp

REP_COLUMN = "rep:"  # column keys of rep columns; the first three columns describe the item
STATUS_MARK = {"ok": "✓", "due": "due", "overdue": "overdue", "changed": "changed"}
STATUS_STYLE = {"ok": "$text-success", "due": "$text-warning", "overdue": "bold $text-error",
                "changed": "$text-accent"}
LEGEND = Content.assemble(
    ("✓", STATUS_STYLE["ok"]), (" practised, not due  ", "$text-muted"), ("due", STATUS_STYLE["due"]),
    ("  ", "$text-muted"), ("overdue", STATUS_STYLE["overdue"]), (" over a day late  ", "$text-muted"),
    ("changed", STATUS_STYLE["changed"]), (" words changed since  ", "$text-muted"), ("— never", "$text-muted"),
)


CERT_STYLE = {"certified": "bold $text-success", "renew": "$text-warning", "expired": "$text-error",
              "not certified": "$text-muted"}


def rep_certificates(trainer: TrainerApp, reps: list[str], product: str | None) -> list[Certificate]:
    """Every certificate of ``reps`` today, under the roster's policy (the defaults without a roster)."""
    from ...library.roster import CertificationPolicy
    from ...team.certification import certificates

    store, library = trainer.store, trainer.library
    if store is None:
        return []
    policy = library.roster.policy.certification if library.roster else CertificationPolicy()
    today = trainer.now().astimezone().date()
    return [cert for rep in reps for cert in certificates(rep, library, store.attempts(rep), today, policy, product)]


def certified_line(found: list[Certificate]) -> Content:
    """Who holds which certificate: certified, to renew, or expired; the rest is in each rep's attempts view."""
    held = [c for c in found if c.status != "not certified"]
    parts: list[Content | str | tuple[str, str]] = [("Certified  ", "bold")]
    for cert in held:
        version = f" v{cert.version}"
        note = {"certified": "", "renew": f" renew by {cert.renew_by}" if cert.renew_by else " renew",
                "expired": " expired"}[cert.status]
        parts.extend([plain(cert.rep, "bold"), " ", plain(one_line(cert.title, 30)),
                      (version + note, CERT_STYLE[cert.status]), "   "])
    if not held:
        parts.append(("nobody yet (Gold on every cut twice, on different days; a for a rep's progress)",
                      "$text-muted"))
    return Content.assemble(*parts)


def cell_content(cell: Cell) -> Content:
    """Best score and a status mark: "92 ✓", "60 due", "—" when the rep never tried the item."""
    if cell.attempts == 0:
        return Content.styled("—", "$text-muted")
    best = score_text(cell.best, missing="?")
    return Content.assemble(best, " ", (STATUS_MARK.get(cell.status, cell.status), STATUS_STYLE.get(cell.status, "")))


class ManagerScreen(TrainerScreen):
    CSS_PATH = "manager.tcss"
    AUTO_FOCUS = "#team-table"
    HELP = (
        "Each row is an item of the library, each column a rep: the rep's best score and whether the item is "
        "due again (✓ practised and not due, due, overdue, changed: the words changed since, — never tried). "
        "Filter by product; press enter on a score, click a rep's name or press a to see that rep's attempts; "
        "y opens readiness: red, amber or green per rep and team, with why and the weekly trend."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "attempts", "Rep's attempts"),
        Binding("y", "readiness", "Readiness"),
        Binding("f", "focus_filter", "Product filter"),
        Binding("r", "refresh", "Refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.table: TeamTable | None = None

    def compose(self) -> ComposeResult:
        library = self.trainer.library
        products = [(plain(library.products[p].name), p) for p in sorted(library.products)]
        yield TitleBar()
        with Horizontal(id="mgr-filters"):
            yield Select(products, prompt="All products", id="mgr-product", compact=True, allow_blank=True)
            yield Static(id="mgr-hint", classes="hint")
        yield DataTable(id="team-table", cursor_type="cell", zebra_stripes=True, fixed_columns=2)
        with Vertical(id="mgr-facts"):
            yield Static(LEGEND, id="mgr-legend")
            yield Static(id="mgr-ready")
            yield Static(id="mgr-certified")
            yield Static(id="mgr-weakest")
            yield Static(id="mgr-missed")
        yield Static(id="mgr-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Team progress"
        self.query_one("#mgr-hint", Static).update("enter on a score: that rep's attempts")
        self.action_refresh()

    @property
    def product(self) -> str | None:
        value = self.query_one("#mgr-product", Select).value
        return value if isinstance(value, str) else None

    def action_refresh(self) -> None:
        """Read the store again (a session may have run since) and redraw."""
        store = self.trainer.store
        empty = self.query_one("#mgr-empty", Static)
        if store is None:
            self._empty(Content.assemble(
                ("No practice history is open.", "bold"), "\n\n",
                "The team view reads the practice database, and this app was started without one. Start it with "
                "the database your team shares (", ("trainer --db FILE", "bold"), ", or set ", ("TRAINER_DB", "bold"),
                ") and the reps' attempts show up here.",
            ))
            return
        try:
            # Signed in, a rep sees their own column and a manager their teams' (the roster): nobody else's.
            reps = self.trainer.visible_reps(store.reps()) if self.trainer.signed_in is not None else None
            table = team_table(store, self.trainer.library, product=self.product, reps=reps, now=self.trainer.now())
        except Exception as exc:  # a locked or damaged database: say so, keep the app
            self._empty(Content.assemble(("Could not read the practice history.", "bold"), "\n\n", str(exc)))
            return
        if self.product is None and not any(cell.attempts for cell in table.cells.values()):
            self._empty(Content.assemble(
                ("Nobody has practised yet.", "bold"), "\n\n",
                "Every scored attempt lands here: reps recite pitches, answer objection cards and run drills in "
                "this app under their own name (u on the home screen switches rep), or take turns in a team "
                "session (s on the home screen). Then come back to see who is ready and what is due.",
            ))
            return
        self.set_class(False, "-empty")
        empty.display = False
        self.table = table
        self._fill(table)

    def _empty(self, message: Content) -> None:
        self.table = None
        self.set_class(True, "-empty")
        empty = self.query_one("#mgr-empty", Static)
        empty.update(message)
        empty.display = True
        self.refresh_bindings()

    def _fill(self, table: TeamTable) -> None:
        grid = self.query_one("#team-table", DataTable)
        cursor = grid.cursor_coordinate
        grid.clear(columns=True)
        grid.add_column("Kind", key="kind")
        grid.add_column("Item", key="item")
        grid.add_column("Product", key="product")
        for rep in table.reps:
            # widths are explicit: "100 changed" must fit, and auto-width does not measure styled Content
            # type ignore: DataTable's hint says str | Text, but it renders Content labels, as the snapshots show.
            grid.add_column(plain(rep, "bold"), key=REP_COLUMN + rep, width=max(len(rep), 11))  # type: ignore[arg-type]
        for item in table.items:
            grid.add_row(
                plain_text(item.kind), plain_text(one_line(table.title(item), 40)),
                plain_text(table.product_name(item)),
                *(cell_content(table.cell(rep, item)) for rep in table.reps), key=item.key,
            )
        if grid.row_count:
            grid.cursor_coordinate = grid.validate_cursor_coordinate(cursor)
            if grid.cursor_column < 3 and table.reps:
                grid.cursor_coordinate = grid.cursor_coordinate._replace(column=3)
        store = self.trainer.store
        assert store is not None
        self.query_one("#mgr-ready", Static).update(Content.assemble(
            ("Ready  ", "bold"),
            *[part for rep in table.reps for part in (plain(rep, "bold"), f" {table.readiness(rep):.0%}   ")],
            ("(practised, not due, best ≥ 75)", "$text-muted"),
        ))
        self.query_one("#mgr-certified", Static).update(certified_line(self._certificates(table.reps)))
        weakest = weakest_items(table)
        self.query_one("#mgr-weakest", Static).update(Content.assemble(
            ("Weakest items  ", "bold"),
            plain("; ".join(
                f"{one_line(table.title(i), 40)} · {table.product_name(i)} ({score_text(avg)}, {n} rep{'s' * (n != 1)})"
                for i, avg, n in weakest
            )) or ("none yet", "$text-muted"),
        ))
        points = weakest_points(store, table.reps, self.product)
        self.query_one("#mgr-missed", Static).update(Content.assemble(
            ("Most missed  ", "bold"),
            "; ".join(f"{point} ({count}×)" for point, count in points) or ("nothing missed yet", "$text-muted"),
        ))
        self.refresh_bindings()

    def _certificates(self, reps: list[str]) -> list[Certificate]:
        return rep_certificates(self.trainer, reps, self.product)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("attempts", "focus_filter"):
            return self.table is not None and bool(self.table.reps)
        return True

    # --- drill-down ------------------------------------------------------------------------------------

    def open_rep(self, rep: str) -> None:
        if self.trainer.store is not None and self.trainer.may_see(rep):
            self.app.push_screen(RepAttemptsScreen(rep, self.product))

    def action_attempts(self) -> None:
        """The rep of the column under the cursor (the first rep when the cursor is on the item columns)."""
        if self.table is None or not self.table.reps:
            return
        column = self.query_one("#team-table", DataTable).cursor_column - 3
        self.open_rep(self.table.reps[column if 0 <= column < len(self.table.reps) else 0])

    def action_readiness(self) -> None:
        """Red, amber or green per rep and team, with why and the weekly trend (for the product filtered on)."""
        from .readiness import ReadinessScreen

        self.app.push_screen(ReadinessScreen(self.product))

    def action_focus_filter(self) -> None:
        self.query_one("#mgr-product", Select).focus()

    @on(DataTable.CellSelected, "#team-table")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        key = str(event.cell_key.column_key.value or "")
        if key.startswith(REP_COLUMN):
            self.open_rep(key.removeprefix(REP_COLUMN))

    @on(DataTable.HeaderSelected, "#team-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value or "")
        if key.startswith(REP_COLUMN):
            self.open_rep(key.removeprefix(REP_COLUMN))

    @on(Select.Changed, "#mgr-product")
    def _filter(self) -> None:
        if self.is_mounted:
            self.action_refresh()


class RepAttemptsScreen(TrainerScreen):
    """One rep's attempts, newest first: when, what, which version, how well, and where (app or team)."""

    CSS_PATH = "manager.tcss"
    HELP = "Every scored attempt of this rep, newest first, with the version practised. Escape goes back."

    def __init__(self, rep: str, product: str | None = None) -> None:
        super().__init__()
        self.rep, self.product = rep, product
        self.attempts: list[Attempt] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="rep-summary")
        yield Static(id="rep-certificates")
        yield DataTable(id="rep-attempts", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Attempts · {self.rep}"
        store = self.trainer.store
        assert store is not None
        if not self.trainer.may_see(self.rep):  # the last gate: whoever pushes this screen, no one else's history
            self.query_one("#rep-attempts", DataTable).display = False
            self.query_one("#rep-summary", Static).update(Content.assemble(
                ("You can see your own attempts and your team's only.", "bold"),
            ))
            return
        attempts = store.attempts(self.rep, newest_first=True)
        if self.product is not None:
            attempts = [a for a in attempts if a.product == self.product]
        self.attempts = attempts
        scope = ""
        if self.product is not None:
            product = self.trainer.library.products.get(self.product)
            scope = visible(f" · {product.name if product else self.product} only")
        best = max((a.score for a in attempts), default=None)
        self.query_one("#rep-summary", Static).update(Content.assemble(
            plain(self.rep, "bold $text-accent"), (f"  ·  {len(attempts)} attempt{'s' if len(attempts) != 1 else ''}",
                                              "$text-muted"),
            (f"  ·  best {score_text(best)}" if best is not None else "", "$text-muted"), (scope, "$text-muted"),
        ))
        self._show_certificates()
        table = self.query_one("#rep-attempts", DataTable)
        for label, key in (("When", "when"), ("Item", "item"), ("Version", "version"), ("Score", "score"),
                           ("Tier", "tier"), ("Where", "source")):
            table.add_column(label, key=key)
        titles = item_titles(self.trainer.library)
        for attempt in attempts:
            table.add_row(
                attempt.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                plain_text(one_line(describe(self.trainer.library, attempt.ref, with_product=True, titles=titles), 56)),
                f"v{attempt.version}" if attempt.version is not None else "—",
                Content.styled(score_text(attempt.score), "bold"),
                plain_text(attempt.tier),
                plain_text(("team session" if attempt.source == "team" else attempt.source)
                           + (" · spoken" if attempt.medium == "spoken" else "")
                           + (f" · {attempt.mode}" if attempt.mode != "recite" else "")),
                key=str(attempt.id),
            )
        if not attempts:
            table.display = False
            self.query_one("#rep-summary", Static).update(Content.assemble(
                plain(self.rep, "bold $text-accent"), ("  has no scored attempts" + (scope and " for this product"),
                                                  "$text-muted"),
            ))
        table.focus()

    def _show_certificates(self) -> None:
        """Each certificate of the rep with the line that says why: what is held, what is still missing."""
        found = rep_certificates(self.trainer, [self.rep], self.product)
        lines: list[Content | str | tuple[str, str]] = []
        for cert in found:
            lines.extend([
                (f"{cert.status:<13} ", CERT_STYLE[cert.status]), plain(one_line(cert.title, 40), "bold"), "  ",
                plain(cert.why, "$text-muted"), "\n",
            ])
        widget = self.query_one("#rep-certificates", Static)
        widget.update(Content.assemble(*lines[:-1]) if lines else "")
        widget.display = bool(lines)
