"""What exists on disk but did not load, so that referring to it is not reported as a second problem.

A file that fails is reported once, where it is broken. Without this record every scenario step that uses
anything from it would then be reported too ("no objection 'x'"), burying the one real mistake under
follow-on errors and making the library look worse than it is. The checks ask this record before calling a
reference broken: a reference to something that exists but failed is the failed file's problem, not the
scenario's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_VERSION_FILE = re.compile(r"^v(\d+)$")


@dataclass
class FailedContent:
    """Ids of things whose file failed to load (wholly or in part), by kind.

    ``None`` for a product's objections or drills means the whole file failed before its ids could be read:
    then every reference to that product's objections (or drills) is a follow-on.
    """

    products: set[str] = field(default_factory=set)
    pitches: dict[str, set[int]] = field(default_factory=dict)
    objections: dict[str, set[str] | None] = field(default_factory=dict)
    drills: dict[str, set[str] | None] = field(default_factory=dict)

    def note_file(self, rel: tuple[str, ...], stem: str, kind: str | None, data: Any) -> None:
        """Remember a content file (``rel``: its path parts under content/) that failed to load.

        Ids come from the parsed data where it has them, else from where the file lives (the folder and
        file names must match the ids anyway).
        """
        if len(rel) < 2:
            return
        folder = rel[0]
        self.products.add(folder)
        mapping = data if isinstance(data, dict) else {}
        if kind == "pitch" or (len(rel) == 4 and rel[1] == "pitches"):
            version = mapping.get("version")
            match = _VERSION_FILE.match(stem)
            numbers = {n for n in (version, int(match.group(1)) if match else None) if isinstance(n, int)}
            names = {n for n in (mapping.get("pitch"), rel[2] if len(rel) == 4 else None) if isinstance(n, str)}
            for name in names:
                self.pitches.setdefault(name, set()).update(numbers)
        elif kind in ("objections", "drills"):
            self._note_list(kind, folder, mapping.get(kind) if mapping else None, whole=True)

    def note_entries(self, kind: str, product: str, entries: list[Any]) -> None:
        """Remember the entries of an objections or drills file that were left out for their errors."""
        self._note_list(kind, product, entries, whole=False)

    def _note_list(self, kind: str, product: str, entries: Any, whole: bool) -> None:
        table = self.objections if kind == "objections" else self.drills
        if whole and not isinstance(entries, list):
            table[product] = None
            return
        ids = {e["id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)}
        if whole and len(ids) < len(entries or []):
            table[product] = None  # some entry has no readable id: any reference may be to it
            return
        known = table.setdefault(product, set())
        if known is not None:
            known.update(ids)

    def has_product(self, product: str) -> bool:
        return product in self.products

    def has_pitch(self, pitch: str, version: int | None = None) -> bool:
        return pitch in self.pitches and (version is None or version in self.pitches[pitch])

    def failed_versions(self, pitch: str) -> set[int]:
        return self.pitches.get(pitch, set())

    def has_entry(self, kind: str, product: str, entry_id: str) -> bool:
        table = self.objections if kind == "objection" else self.drills
        if product not in table:
            return False
        ids = table[product]
        return ids is None or entry_id in ids

    def entry_ids(self, kind: str, product: str) -> list[str]:
        """Ids that failed, for "did you mean" on a reference that truly points nowhere."""
        table = self.objections if kind == "objection" else self.drills
        return sorted(table.get(product) or ())


def content_parts(path: Path, cdir: Path) -> tuple[str, ...] | None:
    """The path's parts under the content folder, or None when it lies elsewhere."""
    return path.relative_to(cdir).parts if path.is_relative_to(cdir) else None
