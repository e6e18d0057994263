"""Command palette (ctrl+p): jump to any product, pitch cut, objection, drill or scenario by fuzzy name.

Each pitch cut also gets "memorize" and "recite" entries, so a rep can type "rec 30s flow" and be reciting.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from ..library.item_ref import ItemRef
from ..practice.items import PracticeItem, practice_items
from ..safe_text import visible
from .plain import plain

if TYPE_CHECKING:
    from .app import TrainerApp

VERBS = {"pitch": "Study", "objection": "Objection", "drill": "Drill", "scenario": "Scenario"}


def _help(text: str) -> str:
    """A hit's help line holds titles from content; the palette reads it as markup, so it is escaped."""
    return escape(visible(text))


class LibraryCommands(Provider):
    """Hits for everything in the library, plus the screens that list many items."""

    @property
    def trainer(self) -> TrainerApp:
        return cast("TrainerApp", self.app)

    def _entries(self) -> list[tuple[str, str, ItemRef | str, str]]:
        """(text to match, help, target, mode): target is an ItemRef or the name of a screen action."""
        entries: list[tuple[str, str, ItemRef | str, str]] = []
        items: list[PracticeItem] = practice_items(self.trainer.library)
        for pid, product in sorted(self.trainer.library.products.items()):
            entries.append((f"Product: {product.name}", f"Show {pid} in the library", f"product:{pid}", ""))
        for item in items:
            entries.append((f"{VERBS[item.ref.kind]}: {item.title}", item.detail, item.ref, "study"))
            if item.ref.kind == "pitch":
                entries.append((f"Memorize: {item.title}", item.detail, item.ref, "memorize"))
                entries.append((f"Recite: {item.title}", item.detail, item.ref, "recite"))
        entries += [
            ("Objection cards (all products)", "Answer objections, scored on key points", "objections", ""),
            ("Closed-question drills (all products)", "Practise discovery questions", "drills", ""),
            ("Library problems", "Files that did not load, with file:line:col", "problems", ""),
        ]
        return entries

    async def discover(self) -> Hits:
        for text, help_text, target, mode in self._entries():
            if not text.startswith(("Memorize:", "Recite:")):
                yield DiscoveryHit(plain(text), partial(self._go, target, mode), help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, target, mode in self._entries():
            haystack = f"{text} {target.removeprefix('product:')}" if isinstance(target, str) else f"{text} {target.id}"
            score = matcher.match(haystack)
            if score > 0:
                shown = matcher.highlight(escape(visible(text)))  # it reads its argument as markup
                yield Hit(score, shown, partial(self._go, target, mode), text=text, help=_help(help_text))

    def _go(self, target: ItemRef | str, mode: str) -> None:
        if isinstance(target, ItemRef):
            self.trainer.open_item(target, mode)
            return
        if target.startswith("product:"):
            self.trainer.show_product(target.removeprefix("product:"))
            return
        screen = self.trainer.screen
        from .screens.drills import DrillsScreen
        from .screens.objections import ObjectionsScreen
        from .screens.problems import ProblemsScreen

        factory = {"objections": ObjectionsScreen, "drills": DrillsScreen, "problems": ProblemsScreen}[target]
        if not isinstance(screen, factory):
            self.trainer.push_screen(factory())
