"""The practisable items of a library, as the scheduler sees them: one card per cut, objection, drill."""

from __future__ import annotations

from ..library.catalog import Library
from ..library.hashing import cut_hash
from ..library.item_ref import ItemRef
from .database import ScheduledItem


def scheduled_items(library: Library) -> list[ScheduledItem]:
    """Cards for the current (newest published) version of every pitch, and every objection and drill."""
    items: list[ScheduledItem] = []
    for pid in sorted(library.products):
        product = library.products[pid]
        for pitch_id in sorted(product.pitches):
            version = product.pitches[pitch_id].current
            if version is None:
                continue  # drafts are not practised
            for cut in version.cuts.names():
                items.append(ScheduledItem(ItemRef("pitch", pid, pitch_id, cut), cut_hash(version, cut)))
        for objection in product.objections.objections if product.objections else []:
            items.append(ScheduledItem(ItemRef("objection", pid, objection.id)))
        for drill in product.drills.drills if product.drills else []:
            items.append(ScheduledItem(ItemRef("drill", pid, drill.id)))
    return items
