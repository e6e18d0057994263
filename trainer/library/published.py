"""What reps practise, item by item, and what changed in it between two loads of a library.

``trainer sync`` prints it after pulling new content, and the app names it when it picks up a changed library
("Library updated: FlowGuard pitch v3"). Only published words count: a new draft changes nothing a rep sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Library
from .diff import diff_versions
from .hashing import content_hash
from .models import PitchVersion


@dataclass(frozen=True)
class PublishedItem:
    """One thing with a published version: a pitch, or a product's objections or drills file."""

    key: str  # "pitch:ID", "objections:PRODUCT", "drills:PRODUCT"
    title: str
    version: int
    seal: str  # a pitch's content hash; the file's version for objections and drills
    pitch: PitchVersion | None = None


@dataclass(frozen=True)
class VersionChange:
    """An item whose published version is new, changed, added or gone."""

    key: str
    title: str
    old: int | None
    new: int | None
    cuts: list[str] = field(default_factory=list)  # a pitch's cuts whose words or target changed

    def describe(self) -> str:
        """One line: "FlowGuard core pitch v3 (was v2; 30s, 5min changed)"."""
        if self.new is None:
            return f"{self.title}: no longer published (was v{self.old})"
        if self.old is None:
            return f"{self.title} v{self.new} (new)"
        detail = f"was v{self.old}" if self.old != self.new else "same version number, new words"
        if self.cuts:
            detail += f"; {', '.join(self.cuts)} changed"
        return f"{self.title} v{self.new} ({detail})"

    def to_dict(self) -> dict[str, object]:
        return {"item": self.key, "title": self.title, "old_version": self.old, "new_version": self.new,
                "cuts": list(self.cuts)}


def published_items(library: Library) -> dict[str, PublishedItem]:
    """Every item's current published version, keyed by item."""
    found: dict[str, PublishedItem] = {}
    for pid in sorted(library.products):
        product = library.products[pid]
        for pitch_id in sorted(product.pitches):
            current = product.pitches[pitch_id].current
            if current is not None:
                found[f"pitch:{pitch_id}"] = PublishedItem(
                    f"pitch:{pitch_id}", current.title, current.version, content_hash(current), current
                )
        if product.objections is not None:
            version = product.objections.version
            found[f"objections:{pid}"] = PublishedItem(f"objections:{pid}", f"{product.name} objections", version,
                                                       str(version))
        if product.drills is not None:
            version = product.drills.version
            found[f"drills:{pid}"] = PublishedItem(f"drills:{pid}", f"{product.name} drills", version, str(version))
    return found


def published_changes(old: Library, new: Library) -> list[VersionChange]:
    """Items whose published version differs between ``old`` and ``new``, in the library's order."""
    before, after = published_items(old), published_items(new)
    changes: list[VersionChange] = []
    for key, item in after.items():
        was = before.get(key)
        if was is None:
            changes.append(VersionChange(key, item.title, None, item.version))
        elif (was.version, was.seal) != (item.version, item.seal):
            cuts: list[str] = []
            if was.pitch is not None and item.pitch is not None:
                cuts = [d.cut for d in diff_versions(was.pitch, item.pitch) if d.changed]
            changes.append(VersionChange(key, item.title, was.version, item.version, cuts))
    changes.extend(VersionChange(key, was.title, was.version, None) for key, was in before.items() if key not in after)
    return changes
