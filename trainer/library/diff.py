"""Word-level differences between two versions of a pitch, section by section.

Chinese has no spaces, so CJK characters are compared one by one, like the scorer does; every token keeps
its span in the new text so a screen can mark the change in place.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from .models import Cut, PitchVersion

_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)

Op = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class Change:
    op: Op
    old: str  # the old words ("" for an insert)
    new: str  # the new words ("" for a delete)
    new_start: int  # span of ``new`` in the new section text (an empty span at the place for a delete)
    new_end: int


@dataclass
class SectionDiff:
    name: str
    status: Literal["same", "changed", "added", "removed"]
    changes: list[Change] = field(default_factory=list)
    old_text: str = ""
    new_text: str = ""

    @property
    def edits(self) -> list[Change]:
        return [c for c in self.changes if c.op != "equal"]


@dataclass
class CutDiff:
    cut: str
    old_target: int | None
    new_target: int | None
    sections: list[SectionDiff]

    @property
    def changed(self) -> bool:
        return self.old_target != self.new_target or any(s.status != "same" for s in self.sections)


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def diff_text(old: str, new: str) -> list[Change]:
    """Word-level changes turning ``old`` into ``new`` (spans refer to ``new``)."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(
        a=[t.group() for t in old_tokens], b=[t.group() for t in new_tokens], autojunk=False
    )
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_words = old[old_tokens[i1].start() : old_tokens[i2 - 1].end()] if i2 > i1 else ""
        if j2 > j1:
            start, end = new_tokens[j1].start(), new_tokens[j2 - 1].end()
        else:
            start = end = new_tokens[j1].start() if j1 < len(new_tokens) else len(new)
        changes.append(Change(op, old_words, new[start:end], start, end))
    return changes


def diff_cut(old: Cut | None, new: Cut | None, cut: str) -> CutDiff:
    """Sections are paired by name; a renamed section shows as removed plus added."""
    old_sections = {s.name: s for s in old.sections} if old else {}
    new_sections = {s.name: s for s in new.sections} if new else {}
    result: list[SectionDiff] = []
    for section in new.sections if new else []:
        before = old_sections.get(section.name)
        if before is None:
            result.append(
                SectionDiff(
                    section.name, "added", [Change("insert", "", section.text, 0, len(section.text))], "", section.text
                )
            )
            continue
        changes = diff_text(before.text, section.text)
        status: Literal["same", "changed"] = "same" if all(c.op == "equal" for c in changes) else "changed"
        result.append(SectionDiff(section.name, status, changes, before.text, section.text))
    for name, section in old_sections.items():
        if name not in new_sections:
            result.append(SectionDiff(name, "removed", [Change("delete", section.text, "", 0, 0)], section.text, ""))
    return CutDiff(cut, old.target_seconds if old else None, new.target_seconds if new else None, result)


def diff_versions(old: PitchVersion, new: PitchVersion, cuts: list[str] | None = None) -> list[CutDiff]:
    names = cuts or [n for n in ("30s", "5min", "demo") if old.cuts.get(n) or new.cuts.get(n)]
    return [diff_cut(old.cuts.get(n), new.cuts.get(n), n) for n in names]
