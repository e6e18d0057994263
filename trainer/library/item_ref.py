"""One identity for every practisable item: a pitch cut, an objection, a drill or a scenario.

Ids are unique only within their product (every sample product has a ``too-expensive`` objection), so an
item is named by its product, its kind, its id and, for a pitch, its cut. The same :class:`ItemRef` keys the
practice store, the home screen's widgets, the team view, exports and reports; :attr:`ItemRef.key` is its one
string form and :meth:`ItemRef.parse` reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .ids import ID_PATTERN
from .models import CUT_NAMES

ItemKind = Literal["pitch", "objection", "drill", "scenario"]
ITEM_KINDS: tuple[ItemKind, ...] = ("pitch", "objection", "drill", "scenario")
_ID = re.compile(ID_PATTERN)


class BadItemKey(ValueError):
    """A string that is not the key of a practice item."""


@dataclass(frozen=True, order=True)
class ItemRef:
    """What was (or will be) practised: never an object, so it can be stored and still resolve after a reload.

    ``cut`` is set for pitches only. ``product`` is the scenario's product for a scenario.
    """

    kind: ItemKind
    product: str
    id: str
    cut: str | None = None

    @property
    def key(self) -> str:
        """The one string form, e.g. ``pitch:flowguard:flowguard-core:30s`` (ids never hold a colon)."""
        return f"{self.kind}:{self.product}:{self.id}" + (f":{self.cut}" if self.cut else "")

    @property
    def short_name(self) -> str:
        """The id (and cut): what names an item whose title the library no longer has."""
        return f"{self.id} {self.cut}" if self.cut else self.id

    @classmethod
    def parse(cls, key: str) -> ItemRef:
        """Read a :attr:`key` back; raises :class:`BadItemKey` for anything else."""
        parts = key.split(":")
        if len(parts) not in (3, 4):
            raise BadItemKey(f"not an item key: {key!r} (expected kind:product:id[:cut])")
        kind, product, item_id, *rest = parts
        cut = rest[0] if rest else None
        if kind not in ITEM_KINDS:
            raise BadItemKey(f"not an item key: {key!r} (kind must be one of {', '.join(ITEM_KINDS)})")
        if not _ID.match(product) or not _ID.match(item_id):
            raise BadItemKey(f"not an item key: {key!r} (product and id are a-z, 0-9 and dashes)")
        if (kind == "pitch") != (cut is not None) or (cut is not None and cut not in CUT_NAMES):
            raise BadItemKey(f"not an item key: {key!r} (a pitch names one cut of {', '.join(CUT_NAMES)})")
        return cls(kind, product, item_id, cut)  # "kind not in ITEM_KINDS" narrowed it
