"""Word-level version differences as terminal text: deletions struck in red, insertions in green."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ..library.diff import CutDiff
from ..safe_text import visible


def render_diffs(pitch_id: str, old: int, new: int, diffs: list[CutDiff]) -> RenderableType:
    parts: list[RenderableType] = [Text(f"{visible(pitch_id)}: version {old} → {new}", style="bold")]
    if not any(d.changed for d in diffs):
        parts.append(Text("No differences in the words of these cuts."))
    for cut in diffs:
        if not cut.changed:
            continue
        parts.append(Text(""))
        title = Text(f"{visible(cut.cut)} cut", style="bold")
        if cut.old_target != cut.new_target:
            title.append(f"  target {cut.old_target}s → {cut.new_target}s", style="yellow")
        parts.append(title)
        for section in cut.sections:
            if section.status == "same":
                continue
            parts.append(Text(f"{visible(section.name)} ({section.status})", style="bold cyan"))
            line = Text()
            for change in section.changes:
                if change.op == "equal":
                    line.append(visible(change.new) + " ")
                    continue
                if change.old:
                    line.append("[-" + visible(change.old) + "-]", style="red strike")
                    line.append(" ")
                if change.new:
                    line.append("{+" + visible(change.new) + "+}", style="green bold")
                    line.append(" ")
            parts.append(line)
    return Group(*parts)
