"""Which screen shows an item: one place, so the home tree, "practise next" and the palette agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from ..library.item_ref import ItemRef
from ..library.problems import ContentError

if TYPE_CHECKING:
    from .app import TrainerApp

MODES = ("study", "memorize", "recite")


def screen_for(app: TrainerApp, ref: ItemRef, mode: str = "study") -> Screen | None:
    """A new screen for ``ref``; None (after telling the rep why) when the library no longer has it."""
    try:
        if ref.kind == "pitch":
            pitch = app.library.pitch(ref.id)
            cut = ref.cut or pitch.practice_version.cuts.names()[0]
            if mode == "memorize":
                from .screens.memorize import MemorizeScreen

                return MemorizeScreen(pitch, pitch.practice_version.version, cut)
            if mode == "recite":
                from .screens.recite import ReciteScreen

                return ReciteScreen(pitch, pitch.practice_version.version, cut)
            from .screens.study import StudyScreen

            return StudyScreen(pitch, cut=cut)
        if ref.kind == "objection":
            from .screens.objections import ObjectionsScreen

            app.library.product(ref.product).objection(ref.id)
            return ObjectionsScreen(product=ref.product, start=ref.id)
        if ref.kind == "drill":
            from .screens.drills import DrillsScreen

            app.library.product(ref.product).drill(ref.id)
            return DrillsScreen(product=ref.product, start=ref.id)
        from .screens.scenario import ScenarioScreen

        return ScenarioScreen(app.library.scenario(ref.id))
    except ContentError as exc:
        app.notify(str(exc), title="Not in the library", severity="error")
        return None
