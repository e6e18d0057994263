"""What every practice screen shares: the app's state by name, escape to go back, a help text."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen

if TYPE_CHECKING:
    from ...library.catalog import Pitch
    from ..app import TrainerApp


ResultT = TypeVar("ResultT")  # what the screen hands back when it is dismissed (None for most)


class TrainerScreen(Screen[ResultT]):
    """A screen of the practice app. ``HELP`` is a short paragraph the help screen shows above the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]
    HELP: ClassVar[str] = ""

    _trainer: TrainerApp | None = None

    @property
    def trainer(self) -> TrainerApp:
        """The app. Cached on first use (always on the UI thread, in compose or mount) so a worker thread can
        still reach it after the screen was closed, when ``self.app`` can no longer be looked up."""
        if self._trainer is None:
            self._trainer = cast("TrainerApp", self.app)
        return self._trainer

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()


class CutScreen(TrainerScreen[ResultT]):
    """A screen about one cut of one version of a pitch (memorize, recite, results)."""

    def __init__(self, pitch: Pitch, version: int, cut: str) -> None:
        super().__init__()
        self.pitch, self.version_number, self.cut_name = pitch, version, cut
        self.version = pitch.version(version)
        selected = self.version.cuts.get(cut)
        assert selected is not None, f"no {cut} cut"
        self.cut = selected


def version_label(pitch: Pitch, number: int) -> Content:
    """"v2", or a warning when the rep is not on the version reps are meant to practise.

    Drafts (shown only with ``trainer --drafts``) and superseded versions stay practisable, for authors and
    for comparison, but never without the rep noticing.
    """
    version = pitch.versions[number]
    current = pitch.current
    if version.status == "draft":
        return Content.styled(f"v{number} draft — not published yet", "bold $text-warning")
    if current is not None and pitch.is_superseded(number):
        return Content.styled(f"v{number} — older version; v{current.version} is current", "bold $text-warning")
    return Content.styled(f"v{number}", "$text-muted")
