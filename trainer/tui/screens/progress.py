"""A rep's progress: score history per item, best, tier, streaks, weakest key phrases, time this week."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Sparkline, Static

from ...library.item_ref import ItemRef
from ...library.speaking import format_duration
from ...practice.items import one_line, practice_items
from ...scoring import score_text, tier_for
from ...store.progress import ItemProgress, RepProgress, rep_progress
from ..plain import plain, plain_text
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen

ITEM_WIDTH = 30  # the item column is cut here so the score columns stay in view beside the detail panel


def missed_in(attempts: list[Any], key: str, limit: int = 6) -> list[tuple[str, int]]:
    """Key phrases and points the rep missed in the attempts at one item, most often first."""
    missed: Counter[str] = Counter()
    for attempt in attempts:
        if attempt.key != key:
            continue
        breakdown = attempt.breakdown or {}
        missed.update(k["phrase"] for k in breakdown.get("key_phrases", []) if not k.get("found"))
        missed.update(k["point"] for k in breakdown.get("key_points", []) if not k.get("covered"))
    return missed.most_common(limit)


def item_name(item: ItemProgress, titles: dict[ItemRef, str] | None = None) -> str:
    """The item's title as the library shows it (its id when the library no longer has it)."""
    ref = item.ref
    fallback = ref.short_name
    return (titles or {}).get(ref, fallback)


class ProgressScreen(TrainerScreen):
    CSS_PATH = "progress.tcss"
    HELP = (
        "Every item you have practised, most recent first, with your scores over time. A streak counts your "
        "latest attempts in a row at Silver (75) or better. Enter opens the item to practise it again."
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "back", "Back", show=False)]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="progress-summary")
        with Horizontal(id="progress-body"):
            yield DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="progress-side"):
                yield Static(id="progress-item")
                yield Sparkline([], id="progress-spark")
                yield Static(id="progress-item-missed")
        yield Static(id="progress-weak")
        yield Static(id="progress-schedule")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.titles: dict[ItemRef, str] = {}
        self.sub_title = f"Progress · {self.trainer.rep}"
        self.query_one("#progress-side").border_title = "Selected item"
        store = self.trainer.store
        self.progress = (
            rep_progress(store, self.trainer.rep, self.trainer.now()) if store else RepProgress(self.trainer.rep)
        )
        self.attempts = store.attempts(self.trainer.rep) if store else []
        self._fill()
        self._fill_schedule()

    def _fill_schedule(self) -> None:
        """Predicted against actual recall: the rep sees whether "due today" has meant anything for them."""
        from ...practice.schedule_fit import calibrate, calibration_lines, predictions
        from ...store.scheduling import scheduler_for

        store = self.trainer.store
        panel = self.query_one("#progress-schedule", Static)
        if store is None:
            panel.display = False
            return
        fitted = store.schedule_parameters(self.trainer.rep)
        which = "fitted to your reviews" if fitted else "FSRS defaults; `trainer schedule fit` fits it to you"
        calibration = calibrate(predictions(store.review_log(self.trainer.rep),
                                            scheduler_for(fitted[0] if fitted else None)))
        lines = [Content.assemble(("Schedule check", "bold $text-accent"), (f" · {which}", "$text-muted"))]
        lines += [Content(line) for line in calibration_lines(calibration)]
        panel.update(Content("\n").join(lines))

    def _fill(self) -> None:
        progress = self.progress
        summary = self.query_one("#progress-summary", Static)
        if not progress.items:
            summary.update(
                Content.assemble(
                    ("No attempts yet", "bold"),
                    f" for {progress.rep}. Recite a pitch, answer an objection or run a drill: every scored attempt "
                    "shows up here.",
                )
            )
        else:
            summary.update(
                Content.assemble(
                    ("This week ", "bold"),
                    f"{progress.week_attempts} attempt{'s' if progress.week_attempts != 1 else ''}",
                    f" · {format_duration(progress.week_seconds)} practising" if progress.week_seconds else "",
                    ("   Day streak ", "bold"),
                    f"{progress.day_streak}",
                    ("   Items practised ", "bold"),
                    f"{len(progress.items)}",
                )
            )
        table = self.query_one(DataTable)
        self.titles = {entry.ref: entry.title for entry in practice_items(self.trainer.library)}
        # Scores first: on a narrow table the columns that may be cut off are the least useful ones.
        table.add_columns("item", "last", "best", "tier", "streak", "tries", "kind")
        for item in progress.items:
            table.add_row(
                plain_text(one_line(item_name(item, self.titles), ITEM_WIDTH)),
                score_text(item.scores[-1]),
                score_text(item.best),
                plain_text(tier_for(item.best)),
                str(item.streak) if item.streak else "",
                str(len(item.scores)),
                plain_text(item.ref.kind),
                key=item.key,
            )
        weak = [Content.styled("Weakest key phrases and points, across everything", "bold $text-accent")]
        weak += [plain(f"• {phrase} — missed {count}×") for phrase, count in progress.weakest_phrases] or [
            Content.styled("none yet", "$text-muted")
        ]
        if progress.weakest_objections:
            weak += [Content(""), Content.styled("Weakest objections", "bold $text-accent")]
            weak += [
                plain(f"• {self.titles.get(ref, ref.id)} ({self._product_name(ref)}) — average {score_text(avg)}")
                for ref, avg in progress.weakest_objections
            ]
        self.query_one("#progress-weak", Static).update(Content("\n").join(weak))
        if progress.items:
            self._show(progress.items[0])
        table.focus()

    def _show(self, item: ItemProgress) -> None:
        scores = ", ".join(score_text(s) for s in item.scores[-12:])
        self.query_one("#progress-item", Static).update(
            Content.assemble(
                (item_name(item, self.titles), "bold"),
                f"\nbest {score_text(item.best)} ({tier_for(item.best)}) · ",
                f"last {item.last_at.astimezone():%a %d %b %H:%M}\n",
                ("scores: ", "$text-muted"),
                scores,
                self._spoken_line(item.key),
                self._drill_line(item.ref),
            )
        )
        self.query_one(Sparkline).data = list(item.scores)
        missed = missed_in(self.attempts, item.key)
        lines = [Content.styled("Missed in this item", "bold $text-accent")]
        lines += [Content(f"• {phrase} — {count}×") for phrase, count in missed] or [
            Content.styled("nothing missed", "$text-muted")
        ]
        self.query_one("#progress-item-missed", Static).update(Content("\n").join(lines))

    def _spoken_line(self, key: str) -> Content:
        """How many of the item's attempts were spoken rather than typed (empty when none were)."""
        mine = [a for a in self.attempts if a.key == key]
        spoken = sum(1 for a in mine if a.medium == "spoken")
        return Content.styled(f"\nspoken {spoken} of {len(mine)}", "$text-muted") if spoken else Content("")

    def _drill_line(self, ref: ItemRef) -> Content:
        """The item's weak-spot drill scores, labelled as partial drills (they never set its best or tier)."""
        store = self.trainer.store
        drills = store.partial_attempts(self.trainer.rep, ref) if store and ref.kind == "pitch" else []
        if not drills:
            return Content("")
        scores = ", ".join(score_text(score) for _, _, score, _ in drills[-8:])
        return Content.assemble(("\npartial drills: ", "$text-muted"), scores,
                                (" (weak spots only, not the cut's score)", "$text-muted"))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        item = next((i for i in self.progress.items if i.key == event.row_key.value), None)
        if item is not None:
            self._show(item)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        item = next((i for i in self.progress.items if i.key == event.row_key.value), None)
        if item is not None:
            self.trainer.open_item(item.ref)

    def _product_name(self, ref: ItemRef) -> str:
        product = self.trainer.library.products.get(ref.product)
        return product.name if product else ref.product
