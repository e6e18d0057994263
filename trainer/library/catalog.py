"""The loaded library: what a rep can practise, with the problems found while loading it.

Lookups raise :class:`ContentError` with a "did you mean" so that the CLI and the app can show the message
as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from .item_ref import ItemRef
from .models import Drill, DrillSet, Objection, ObjectionFAQ, PitchVersion, Product, Scenario
from .problems import ContentError, Problem
from .roster import Policy, Roster
from .validation import did_you_mean


@dataclass
class Pitch:
    """Every version of one pitch, by version number."""

    id: str
    product: str
    versions: dict[int, PitchVersion] = field(default_factory=dict)
    files: dict[int, Path] = field(default_factory=dict)

    @property
    def newest(self) -> PitchVersion:
        return self.versions[max(self.versions)]

    @property
    def current(self) -> PitchVersion | None:
        """The newest published version: the one reps practise."""
        published = [n for n, v in self.versions.items() if v.status == "published"]
        return self.versions[max(published)] if published else None

    @property
    def practice_version(self) -> PitchVersion:
        """What to show by default: the newest published version, else the newest draft."""
        return self.current or self.newest

    @property
    def title(self) -> str:
        return self.practice_version.title

    def version(self, number: int | None = None) -> PitchVersion:
        if number is None:
            return self.practice_version
        if number not in self.versions:
            have = ", ".join(str(n) for n in sorted(self.versions))
            raise ContentError(f"pitch {self.id!r} has no version {number} (it has {have})")
        return self.versions[number]

    def is_superseded(self, number: int) -> bool:
        """True for a published or retired version older than the current one: reps should know they are on it."""
        current = self.current
        return current is not None and number < current.version and self.versions[number].status != "draft"

    def without_drafts(self) -> Pitch | None:
        """This pitch as reps see it: its published and retired versions; None when it has none yet."""
        kept = {n: v for n, v in self.versions.items() if v.status != "draft"}
        if not kept:
            return None
        return Pitch(self.id, self.product, kept, {n: self.files[n] for n in kept if n in self.files})

    def previous_published(self, number: int) -> PitchVersion | None:
        """The newest published or retired version before ``number``: what "what changed" compares with."""
        older = [n for n, v in self.versions.items() if n < number and v.status != "draft"]
        return self.versions[max(older)] if older else None


@dataclass
class ProductContent:
    id: str
    product: Product | None = None
    objections: ObjectionFAQ | None = None
    drills: DrillSet | None = None
    pitches: dict[str, Pitch] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.product.name if self.product else self.id

    @property
    def language(self) -> str:
        return self.product.language if self.product else "en"

    def objection(self, objection_id: str) -> Objection:
        items = self.objections.objections if self.objections else []
        return _find(items, objection_id, f"objection in product {self.id!r}")

    def drill(self, drill_id: str) -> Drill:
        items = self.drills.drills if self.drills else []
        return _find(items, drill_id, f"drill in product {self.id!r}")


_Item = TypeVar("_Item", Objection, Drill)


def _find(items: list[_Item], item_id: str, what: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise ContentError(f"no {what} with id {item_id!r}{did_you_mean(item_id, [i.id for i in items])}")


@dataclass
class Library:
    """Everything that loaded, plus every problem found. A broken file (or a broken objection or drill entry)
    is in ``problems``, not here; so is a product whose product.yaml is missing or broken, with its content."""

    root: Path
    products: dict[str, ProductContent] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    roster: Roster | None = None  # roster.yaml at the root: teams, managers, the practice policy
    roster_file: Path | None = None

    def require_roster(self) -> Roster:
        """The roster, or a :class:`ContentError` saying why team commands cannot work without it."""
        if self.roster is not None:
            return self.roster
        if self.roster_file is None:
            raise ContentError(
                f"no roster: teams are defined in {self.root / 'roster.yaml'} (see docs/content-format.md)"
            )
        raise ContentError("the roster did not load; run `trainer check` to see why")

    @property
    def policy(self) -> Policy:
        """The roster's practice policy, or the defaults when there is no roster (or it did not load): a solo
        rep still gets a sensible rubric and daily cap."""
        return self.roster.policy if self.roster is not None else Policy()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def pitches(self) -> dict[str, Pitch]:
        return {pid: pitch for prod in self.products.values() for pid, pitch in prod.pitches.items()}

    def for_practice(self) -> Library:
        """The library as reps see it: drafts are for their authors until published.

        A pitch with only a draft is left out; a pitch with a draft and published versions keeps the published
        ones. Problems are kept, so the problems screen still tells the whole story.
        """
        products: dict[str, ProductContent] = {}
        for pid, content in self.products.items():
            pitches = {name: kept for name, pitch in content.pitches.items() if (kept := pitch.without_drafts())}
            products[pid] = replace(content, pitches=pitches)
        return replace(self, products=products)

    def content_version(self, ref: ItemRef) -> int | None:
        """The version of the file an objection or drill comes from (a pitch's attempt names its own version),
        so every attempt records which wording was practised."""
        content = self.products.get(ref.product)
        if content is None:
            return None
        if ref.kind == "objection" and content.objections is not None:
            return content.objections.version
        if ref.kind == "drill" and content.drills is not None:
            return content.drills.version
        return None

    def product(self, product_id: str) -> ProductContent:
        if product_id not in self.products:
            raise ContentError(f"no product {product_id!r}{did_you_mean(product_id, list(self.products))}")
        return self.products[product_id]

    def pitch(self, pitch_id: str) -> Pitch:
        pitches = self.pitches
        if pitch_id not in pitches:
            hint = did_you_mean(pitch_id, list(pitches))
            if not hint and pitches:
                hint = f" (pitches: {', '.join(sorted(pitches))})"
            raise ContentError(f"no pitch {pitch_id!r}{hint}")
        return pitches[pitch_id]

    def scenario(self, scenario_id: str) -> Scenario:
        if scenario_id not in self.scenarios:
            raise ContentError(f"no scenario {scenario_id!r}{did_you_mean(scenario_id, list(self.scenarios))}")
        return self.scenarios[scenario_id]
