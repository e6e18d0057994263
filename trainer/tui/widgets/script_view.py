"""A pitch cut to read: section by section, key phrases highlighted, demo cues set apart, changes marked.

"What changed" marks the words that differ from the previous published version *in place*: new words are
highlighted, removed words shown struck through where they used to be, so the rep re-learns only the delta.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...library.diff import Change, SectionDiff
from ...library.models import Cut
from ...practice.memorize import phrase_spans
from ...practice.mistakes import MistakeMap
from ...safe_text import visible
from .heat_map import heat_content

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KEY_PHRASE = "bold underline $text-accent"
ADDED = "on $success 25%"
REMOVED = "strike $text-error"


def section_content(text: str, key_phrases: Sequence[str], changes: Sequence[Change] | None = None) -> Content:
    """``text`` with key phrases highlighted and, when ``changes`` are given, the edits marked in place."""
    content = Content(text)
    for start, end in phrase_spans(text, key_phrases):
        content = content.stylize(KEY_PHRASE, start, end)
    if not changes:
        return content
    removed_at: list[tuple[int, str]] = []
    for change in changes:
        if change.op in ("insert", "replace") and change.new_end > change.new_start:
            content = content.stylize(ADDED, change.new_start, change.new_end)
        if change.op in ("delete", "replace") and change.old:
            removed_at.append((change.new_start, change.old))
    if not removed_at:
        return content
    offsets = [offset for offset, _ in removed_at]
    pieces = content.divide(offsets)
    parts: list[Content | tuple[str, str] | str] = [pieces[0]]
    previous = pieces[0].plain
    for (_, old), piece in zip(removed_at, pieces[1:], strict=True):
        spaced = not _CJK.search(old)
        before = " " if spaced and previous and not previous[-1].isspace() else ""
        after = " " if spaced and piece.plain and not piece.plain[0].isspace() else ""
        parts += [before, (old, REMOVED), after, piece]
        previous = piece.plain or previous
    return Content.assemble(*parts)


class ScriptView(VerticalScroll, can_focus=True):
    """Scrollable cut. Call :meth:`show` to change what it displays."""

    DEFAULT_CSS = """
    ScriptView { padding: 0 1; }
    ScriptView .section-title { margin-top: 1; }
    ScriptView .section-title.-added { color: $text-success; }
    ScriptView .section-title.-removed { color: $text-error; }
    ScriptView .cue {
        color: $text-secondary;
        text-style: italic;
        border-left: outer $secondary;
        padding-left: 1;
        margin: 0 0 0 1;
    }
    ScriptView .section-text { padding-left: 2; max-width: 104; }
    ScriptView .key-phrases { color: $text-muted; padding-left: 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pending: list[Static] = []

    def compose(self) -> ComposeResult:
        yield from self._pending

    def show(
        self,
        cut: Cut,
        diffs: dict[str, SectionDiff] | None = None,
        removed: Sequence[SectionDiff] = (),
        *,
        mistakes: MistakeMap | None = None,
    ) -> None:
        """Display ``cut``; with ``diffs`` (by section name), mark what changed and list removed sections;
        with ``mistakes``, shade the words the rep keeps getting wrong (the heat map)."""
        widgets: list[Static] = []
        for number, section in enumerate(cut.sections):
            diff = diffs.get(section.name) if diffs is not None else None
            title = Content(visible(section.name))
            classes = "section-title"
            if diff is not None and diff.status == "added":
                title = Content.assemble(visible(section.name), ("  new section", "italic"))
                classes += " -added"
            elif diff is not None and diff.status == "changed":
                title = Content.assemble(visible(section.name), ("  changed", "italic $text-warning"))
            widgets.append(Static(title, classes=classes))
            if section.cue:
                widgets.append(Static(Content.assemble(("Do: ", "bold"), visible(section.cue)), classes="cue"))
            changes = diff.changes if diff is not None and diff.status == "changed" else None
            if mistakes is not None:
                words = [w for w in mistakes.words if w.section_index == number]
                text = heat_content(section.text, section.key_phrases, words)
            else:
                text = section_content(section.text, section.key_phrases, changes)
            widgets.append(Static(text, classes="section-text"))
        for gone in removed:
            title = Content.assemble(visible(gone.name), ("  removed", "italic"))
            widgets.append(Static(title, classes="section-title -removed"))
            widgets.append(Static(Content.styled(gone.old_text, REMOVED), classes="section-text"))
        if self.is_mounted:
            self.remove_children()
            self.mount_all(widgets)
            self.scroll_home(animate=False)
        else:
            self._pending = widgets
