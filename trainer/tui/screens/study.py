"""Study a pitch cut: read it with key phrases highlighted, switch cut or version, see what changed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Static, Tab, Tabs

from ...library.catalog import Pitch
from ...library.diff import diff_cut
from ...library.item_ref import ItemRef
from ...library.models import CUT_NAMES, Cut, PitchVersion
from ...library.speaking import estimate_seconds, format_duration
from ...practice.mistakes import MistakeMap, build_mistake_map
from ...safe_text import visible
from ..mistake_history import mistake_history
from ..widgets.heat_map import heat_legend
from ..widgets.script_view import ADDED, KEY_PHRASE, REMOVED, ScriptView
from ..widgets.title_bar import TitleBar
from .base import TrainerScreen, version_label

STATUS_STYLE = {"published": "$text-success", "draft": "$text-warning", "retired": "$text-muted"}


def pace_note(estimate: float, target: int) -> Content:
    """"about 0:34 to say" against the target, coloured when it is more than 15% off."""
    ratio = estimate / target if target else 1.0
    text = f"about {format_duration(estimate)} to say · target {format_duration(target)}"
    if ratio > 1.15:
        return Content.assemble(text, (f" · {format_duration(estimate - target)} too long", "bold $text-warning"))
    if ratio < 0.6:
        return Content.assemble(text, (" · well under target", "$text-muted"))
    return Content(text)


class StudyScreen(TrainerScreen):
    CSS_PATH = "study.tcss"
    HELP = (
        "Read the cut until it feels familiar. Key phrases are underlined: they must be said word for word. "
        "Lines starting with 'Do:' are stage cues for demos, not words to say. Press w to see what changed "
        "since the previous published version, and h for your mistake map: the words your recitations of this "
        "cut got wrong, shaded darker the more often and the more recently; k drills the shakiest sentences. "
        "t picks a recall mode: strict recite (no peeking), first letters only, or cue (recite the next sentence)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "next_cut", "Cut", show=False),  # the cut tabs are one click away, like the version tabs
        Binding("v", "next_version", "Version", show=False),  # the version tabs are one click away
        Binding("w", "toggle_changes", "What changed"),
        Binding("h", "toggle_mistakes", "Mistakes"),
        Binding("k", "weak_spots", "Weak-spot drill", show=False),  # the mistake map names it
        Binding("m", "memorize", "Memorize"),
        # r recites at once; the footer shows t instead: the recall modes, recite first (80 columns fit one of them)
        Binding("r", "recite", "Recite", show=False),
        Binding("t", "recall_modes", "Recite…"),
    ]

    cut: reactive[str] = reactive("", init=False)
    version: reactive[int] = reactive(0, init=False)
    show_changes: reactive[bool] = reactive(False, init=False)
    show_mistakes: reactive[bool] = reactive(False, init=False)

    def __init__(self, pitch: Pitch, *, cut: str | None = None, version: int | None = None) -> None:
        super().__init__()
        self.pitch = pitch
        chosen = pitch.version(version) if version in pitch.versions else pitch.practice_version
        self.set_reactive(StudyScreen.version, chosen.version)
        names = chosen.cuts.names()
        self.set_reactive(StudyScreen.cut, cut if cut in names else names[0])

    @property
    def current(self) -> PitchVersion:
        return self.pitch.versions[self.version]

    @property
    def current_cut(self) -> Cut:
        cut = self.current.cuts.get(self.cut)
        assert cut is not None
        return cut

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="study-bar"):
            yield Tabs(*(Tab(f"{name} cut", id=f"cut-{name}") for name in self._all_cuts()),
                       active=f"cut-{self.cut}", id="cut-tabs")
            yield Tabs(*self._version_tabs(), active=f"version-{self.version}", id="version-tabs")
        yield Static(id="study-meta")
        yield Static(id="study-changes")
        yield Static(id="study-mistakes")
        yield ScriptView(id="script")
        yield Footer(compact=True)

    def _all_cuts(self) -> list[str]:
        """Every cut any version has, in the canonical order; tabs for cuts a version lacks are hidden."""
        have = {name for version in self.pitch.versions.values() for name in version.cuts.names()}
        return [name for name in CUT_NAMES if name in have]

    def _version_tabs(self) -> list[Tab]:
        tabs = []
        for number, version in sorted(self.pitch.versions.items()):
            label = Content.assemble(f"v{number} ", (version.status, STATUS_STYLE[version.status]))
            tabs.append(Tab(label, id=f"version-{number}"))
        return tabs

    def on_mount(self) -> None:
        self.sub_title = self.pitch.title
        self._show_cut_tabs()
        self._render_cut()
        self.query_one(ScriptView).focus()

    def _render_cut(self) -> None:
        version, cut = self.current, self.current_cut
        previous = self.pitch.previous_published(version.version)
        label = version_label(self.pitch, version.version)  # warns on a draft or an older version
        if label.plain == f"v{version.version}":
            label = Content.styled(f"v{version.version} {version.status}", STATUS_STYLE[version.status])
        meta: list[str | Content | tuple[str, str]] = [
            Content.styled(visible(version.title), "bold"),
            "  ",
            label,
            " · ",
            pace_note(estimate_seconds(cut.text), cut.target_seconds),
        ]
        changes = self.query_one("#study-changes", Static)
        script = self.query_one(ScriptView)
        heat = self.query_one("#study-mistakes", Static)
        heat.display = self.show_mistakes
        if self.show_mistakes:
            mistakes = self._mistakes()
            script.show(cut, mistakes=mistakes)
            heat.update(heat_legend(mistakes))
            changes.display = False
        elif self.show_changes and previous is not None:
            diff = diff_cut(previous.cuts.get(self.cut), cut, self.cut)
            by_name = {s.name: s for s in diff.sections if s.status != "removed"}
            removed = [s for s in diff.sections if s.status == "removed"]
            script.show(cut, by_name, removed)
            edits = sum(len(s.edits) for s in diff.sections)
            note = " ".join(version.changes.split()) if version.changes else "No change note."
            changes.update(Content.assemble(
                (f"Changes since v{previous.version}: ", "bold"), note, "\n",
                (f"{edits} edit{'s' if edits != 1 else ''} in this cut", "$text-muted"),
                ("  ·  legend: ", "$text-muted"), ("new words", ADDED), " ", ("removed words", REMOVED),
                " ", ("key phrase", KEY_PHRASE),
            ))
            changes.display = True
        else:
            script.show(cut)
            changes.display = False
        self.query_one("#study-meta", Static).update(Content.assemble(*meta))

    def watch_cut(self) -> None:
        self.query_one("#cut-tabs", Tabs).active = f"cut-{self.cut}"
        self._render_cut()

    def _show_cut_tabs(self) -> None:
        cut_tabs = self.query_one("#cut-tabs", Tabs)
        names = self.current.cuts.names()
        for name in self._all_cuts():
            (cut_tabs.show if name in names else cut_tabs.hide)(f"cut-{name}")
        cut_tabs.active = f"cut-{self.cut}"

    def watch_version(self) -> None:
        names = self.current.cuts.names()
        if self.cut not in names:
            self.notify(f"v{self.version} has no {self.cut} cut; showing {names[0]}.", timeout=3)
            self.set_reactive(StudyScreen.cut, names[0])
        self._show_cut_tabs()
        self.query_one("#version-tabs", Tabs).active = f"version-{self.version}"
        self._render_cut()

    def watch_show_changes(self) -> None:
        self._render_cut()

    def watch_show_mistakes(self) -> None:
        self._render_cut()

    def _mistakes(self) -> MistakeMap:
        """The rep's mistake map of the cut shown, from every attempt at this cut (any version)."""
        ref = ItemRef("pitch", self.pitch.product, self.pitch.id, self.cut)
        return build_mistake_map(self.current_cut, mistake_history(self.trainer, ref), self.trainer.now())

    @on(Tabs.TabActivated, "#cut-tabs")
    def _cut_tab(self, event: Tabs.TabActivated) -> None:
        name = (event.tab.id or "").removeprefix("cut-")
        if name and name != self.cut and self.current.cuts.get(name) is not None:
            self.cut = name

    @on(Tabs.TabActivated, "#version-tabs")
    def _version_tab(self, event: Tabs.TabActivated) -> None:
        number = int((event.tab.id or "version-0").removeprefix("version-"))
        if number in self.pitch.versions and number != self.version:
            self.version = number

    def action_next_cut(self) -> None:
        names: tuple[str, ...] = tuple(self.current.cuts.names())  # index() takes any str, not only a CutName
        self.cut = names[(names.index(self.cut) + 1) % len(names)]

    def action_next_version(self) -> None:
        numbers = sorted(self.pitch.versions)
        self.version = numbers[(numbers.index(self.version) + 1) % len(numbers)]

    def action_toggle_changes(self) -> None:
        previous = self.pitch.previous_published(self.version)
        if previous is None:
            self.notify(f"v{self.version} is the first version: nothing to compare with.", timeout=3)
            return
        self.show_mistakes = False
        self.show_changes = not self.show_changes
        if self.show_changes:
            self.notify(f"Marking changes since v{previous.version}.", timeout=2)

    def action_toggle_mistakes(self) -> None:
        """Show or hide the mistake heat map (it replaces the "what changed" marks while shown)."""
        self.show_changes = False
        self.show_mistakes = not self.show_mistakes

    def action_weak_spots(self) -> None:
        from .weak_spots import WeakSpotScreen

        self.app.push_screen(WeakSpotScreen(self.pitch, self.version, self.cut))

    def action_memorize(self) -> None:
        from .memorize import MemorizeScreen

        self.app.push_screen(MemorizeScreen(self.pitch, self.version, self.cut))

    def action_recite(self) -> None:
        from .recite import ReciteScreen

        self.app.push_screen(ReciteScreen(self.pitch, self.version, self.cut))

    def action_recall_modes(self) -> None:
        from .recall_picker import RecallPicker

        self.app.push_screen(RecallPicker(), callback=self._recall_mode_chosen)

    def _recall_mode_chosen(self, mode: str | None) -> None:
        """Open the screen of the chosen recall mode (see :mod:`trainer.practice.recall_modes`)."""
        from ...practice.modes import CUE, FIRST_LETTER, RECITE, STRICT, WEAK_SPOT

        if mode == RECITE:
            self.action_recite()
        elif mode == STRICT:
            from .recite import ReciteScreen

            self.app.push_screen(ReciteScreen(self.pitch, self.version, self.cut, strict=True))
        elif mode == FIRST_LETTER:
            from .first_letter import FirstLetterScreen

            self.app.push_screen(FirstLetterScreen(self.pitch, self.version, self.cut))
        elif mode == CUE:
            from .cue import CueScreen

            self.app.push_screen(CueScreen(self.pitch, self.version, self.cut))
        elif mode == WEAK_SPOT:
            self.action_weak_spots()
