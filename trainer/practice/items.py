"""The flat list of what a rep can practise, as menus search it, and the names people read for each item.

Items are named by :class:`~trainer.library.item_ref.ItemRef` (product, kind, id, cut); screens, reports and
the team view show :func:`describe` instead of ids, with the product, because ids repeat across products.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..library.catalog import Library
from ..library.item_ref import ItemRef


@dataclass(frozen=True)
class PracticeItem:
    """One entry of the library as a menu shows it: what it is, a title, and a one-line description."""

    ref: ItemRef
    title: str
    detail: str

    @property
    def search_text(self) -> str:
        """What fuzzy search matches against: the kind, the title and the id."""
        return f"{self.ref.kind} {self.title} {self.ref.id}" + (f" {self.ref.cut}" if self.ref.cut else "")


def one_line(text: str, limit: int = 70) -> str:
    """``text`` on one line, cut with "…" to at most ``limit`` characters (titles in lists and tables)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def practice_items(library: Library) -> list[PracticeItem]:
    """Every pitch cut, objection, drill and scenario, in the order the home screen lists them."""
    items: list[PracticeItem] = []
    for pid in sorted(library.products):
        product = library.products[pid]
        for pitch_id in sorted(product.pitches):
            pitch = product.pitches[pitch_id]
            version = pitch.practice_version
            for cut_name, cut in version.cuts.items():
                items.append(PracticeItem(
                    ItemRef("pitch", pid, pitch_id, cut_name),
                    f"{version.title} — {cut_name}",
                    f"{product.name} · v{version.version} {version.status} · {len(cut.sections)} sections",
                ))
        for objection in product.objections.objections if product.objections else []:
            items.append(PracticeItem(
                ItemRef("objection", pid, objection.id), one_line(objection.objection),
                f"{product.name} · objection · {objection.category}",
            ))
        for drill in product.drills.drills if product.drills else []:
            items.append(PracticeItem(
                ItemRef("drill", pid, drill.id), one_line(drill.goal), f"{product.name} · drill · {drill.topic}",
            ))
    for sid in sorted(library.scenarios):
        scenario = library.scenarios[sid]
        items.append(PracticeItem(
            ItemRef("scenario", scenario.product, sid), scenario.title,
            f"scenario · {scenario.stage} · {len(scenario.steps)} steps",
        ))
    return items


def item_titles(library: Library) -> dict[ItemRef, str]:
    """Every item's title, built once for a screen or report that names many items."""
    return {item.ref: item.title for item in practice_items(library)}


def describe(library: Library, ref: ItemRef, *, with_product: bool = False,
             titles: dict[ItemRef, str] | None = None) -> str:
    """A human title for ``ref`` (``with_product``: followed by its product's name, as in "… · FlowGuard").

    An item the library no longer has is named by its id (and cut), so old history still reads.
    """
    found = (titles if titles is not None else item_titles(library)).get(ref)
    if found is None:
        found = ref.short_name
    if with_product:
        product = library.products.get(ref.product)
        found += f" · {product.name if product else ref.product}"
    return found
