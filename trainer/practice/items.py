"""Stable references to the things a rep can practise, and the flat list of them that menus search.

An :class:`ItemRef` names a pitch cut, an objection, a drill or a scenario by id, never by object, so it
can be logged, compared and (in a later issue) stored, and still resolve after the library is reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..library.catalog import Library

ItemKind = Literal["pitch", "objection", "drill", "scenario"]


@dataclass(frozen=True, order=True)
class ItemRef:
    """What was (or will be) practised. ``cut`` only for pitches; ``product`` is empty for scenarios."""

    kind: ItemKind
    product: str
    id: str
    cut: str | None = None

    @property
    def key(self) -> str:
        """A short unique string, e.g. ``pitch:flowguard-core/30s``."""
        return f"{self.kind}:{self.id}" + (f"/{self.cut}" if self.cut else "")


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


def _one_line(text: str, limit: int = 70) -> str:
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
                ItemRef("objection", pid, objection.id), _one_line(objection.objection),
                f"{product.name} · objection · {objection.category}",
            ))
        for drill in product.drills.drills if product.drills else []:
            items.append(PracticeItem(
                ItemRef("drill", pid, drill.id), _one_line(drill.goal), f"{product.name} · drill · {drill.topic}",
            ))
    for sid in sorted(library.scenarios):
        scenario = library.scenarios[sid]
        items.append(PracticeItem(
            ItemRef("scenario", scenario.product, sid), scenario.title,
            f"scenario · {scenario.stage} · {len(scenario.steps)} steps",
        ))
    return items


def describe(library: Library, ref: ItemRef) -> str:
    """A human title for ``ref``, or its key when the library no longer has it."""
    for item in practice_items(library):
        if item.ref == ref:
            return item.title
    return ref.key
