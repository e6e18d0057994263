"""An objection answer's result as terminal text: the verdict, what to fix, then the evidence per key point.

Why per key point: a rep (or a manager reading over a shoulder) must see *why* a point counted — the words of the
answer that made it and the alternative wording they matched — or what contradicted it, beside the approved
words.  Every piece of text comes from a rep or a content file, so it passes through :func:`visible` and is
added as plain :class:`~rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ..safe_text import visible

LABELS = {"contradicted": "contradicted", "wrong-figure": "wrong figure", "missing": "missing"}


def key_point_evidence(point: Any) -> Text:
    """Two or three lines for one key point: mark and point, then the rep's words (and the approved ones)."""
    if point.covered:
        line = Text.assemble(("✓ ", "green"), visible(point.point))
        if point.excerpt:
            line.append("\n    said: ", style="dim")
            line.append(f"“{visible(point.excerpt)}”", style="italic")
        if point.wording and point.wording not in (point.point, point.excerpt):  # said word for word: shown once
            line.append("\n    as:   ", style="dim")
            line.append(f"“{visible(point.wording)}”", style="dim")
        return line
    line = Text.assemble(("✗ ", "red"), (visible(point.point), "bold"), (f"  {LABELS.get(point.verdict, 'missing')}",
                                                                         "dim"))
    if point.verdict in ("contradicted", "wrong-figure") and point.said and point.expected:
        line.append("\n    you said: ", style="dim")
        line.append(f"“{visible(point.said)}”", style="bold red")
        line.append("\n    approved: ", style="dim")
        line.append(f"“{visible(point.expected)}”", style="bold green")
    elif point.expected:
        line.append("\n    said: ", style="dim")
        line.append(f"“{visible(point.excerpt or '')}”", style="italic")
        line.append(" — without the figure ", style="dim")
        line.append(f"“{visible(point.expected)}”", style="bold")
    elif point.excerpt:
        line.append("\n    closest: ", style="dim")
        line.append(f"“{visible(point.excerpt)}”", style="italic")
    return line


def render_answer(result: Any, approved: str, title: str = "") -> RenderableType:
    verdict = ("passed", "bold green") if result.passed else ("not yet", "bold red")
    covered = sum(1 for p in result.key_points if p.covered)
    headline = Text.assemble((f"{result.score:g}/100", "bold"), "  ", verdict,
                             (f"  {covered} of {len(result.key_points)} key points", "dim"))
    if title:
        headline.append(f"  {visible(title)}", style="dim")
    parts: list[RenderableType] = [headline]
    if result.fixes:
        parts += [Text(""), Text("Fix first", style="bold")]
        parts += [Text(f"  • {visible(fix)}") for fix in result.fixes]
    parts += [Text(""), Text("Key points", style="bold")]
    parts += [key_point_evidence(p) for p in result.key_points]
    parts += [Text(""), Text("Approved answer", style="bold"), Text(visible(" ".join(approved.split())))]
    return Group(*parts)
