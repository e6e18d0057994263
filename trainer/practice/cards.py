"""Objection flash cards and drill cards: which cards, in which order, and where the rep is in the deck.

Shuffling takes a seed so a test (or a team session that wants everyone on the same order) can repeat it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..library.catalog import Library
from ..library.item_ref import ItemRef
from ..library.models import Drill, Objection


@dataclass(frozen=True)
class Card:
    """One objection with the product it belongs to."""

    product: str
    objection: Objection

    @property
    def ref(self) -> ItemRef:
        return ItemRef("objection", self.product, self.objection.id)


def all_cards(library: Library) -> list[Card]:
    """Every objection in the library, product by product, in file order."""
    return [
        Card(pid, objection)
        for pid, content in sorted(library.products.items())
        for objection in (content.objections.objections if content.objections else [])
    ]


def categories(cards: Iterable[Card]) -> list[str]:
    """The categories present, in first-seen order."""
    return list(dict.fromkeys(card.objection.category for card in cards))


@dataclass
class Deck:
    """The cards matching a filter, in order or shuffled, and a position in them.

    ``product``/``category`` of None mean "all". Changing the filter keeps the current card when it still
    matches, so narrowing a filter never throws the rep off the card they are on. ``first`` holds the item keys
    of the cards due for review, most overdue first: they lead the deck (shuffled or not), so a rep opening the
    deck meets what spaced repetition says is due before what they already know.
    """

    cards: list[Card]
    product: str | None = None
    category: str | None = None
    shuffled: bool = False
    seed: int | None = None
    position: int = 0
    first: tuple[str, ...] = ()
    _order: list[Card] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._rebuild(keep=None)

    def _rebuild(self, keep: Card | None) -> None:
        chosen = [
            card for card in self.cards
            if (self.product is None or card.product == self.product)
            and (self.category is None or card.objection.category == self.category)
        ]
        if self.shuffled:
            random.Random(self.seed).shuffle(chosen)
        if self.first:
            rank = {key: number for number, key in enumerate(self.first)}
            chosen.sort(key=lambda card: rank.get(card.ref.key, len(rank)))  # stable: the rest keep their order
        self._order = chosen
        self.position = chosen.index(keep) if keep in chosen else 0

    def set_filter(self, product: str | None, category: str | None) -> None:
        self.product, self.category = product, category
        self._rebuild(keep=self.current)

    def set_shuffled(self, shuffled: bool, seed: int | None = None) -> None:
        self.shuffled = shuffled
        if seed is not None:
            self.seed = seed
        self._rebuild(keep=self.current)

    def go_to(self, product: str, objection_id: str) -> bool:
        """Jump to a given card (e.g. from the command palette); False when it is not in the deck."""
        for index, card in enumerate(self._order):
            if card.product == product and card.objection.id == objection_id:
                self.position = index
                return True
        return False

    @property
    def order(self) -> list[Card]:
        return list(self._order)

    @property
    def current(self) -> Card | None:
        return self._order[self.position] if self._order else None

    def __len__(self) -> int:
        return len(self._order)

    def next(self) -> Card | None:
        """The next card, wrapping round to the first."""
        if self._order:
            self.position = (self.position + 1) % len(self._order)
        return self.current

    def previous(self) -> Card | None:
        if self._order:
            self.position = (self.position - 1) % len(self._order)
        return self.current


@dataclass(frozen=True)
class DrillCard:
    """One closed-question drill with the product it belongs to."""

    product: str
    drill: Drill

    @property
    def ref(self) -> ItemRef:
        return ItemRef("drill", self.product, self.drill.id)


def drill_cards(library: Library, product: str | None) -> list[DrillCard]:
    """Every drill (of one product, or all), product by product, in file order."""
    return [
        DrillCard(pid, drill)
        for pid, content in sorted(library.products.items())
        if product is None or pid == product
        for drill in (content.drills.drills if content.drills else [])
    ]
