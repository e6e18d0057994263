"""The script as the rep said it: every word marked matched, near, substituted or missed, extras in place.

Marks differ in more than colour (a substituted word shows what was said after an arrow, extra words carry a
``+``), so they stay readable on any theme and in a monochrome terminal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...safe_text import visible
from ...scoring.marking import marked_spans
from ...scoring.results import score_text

STYLES = {
    "matched": "",
    "near": "underline $text-warning",
    "substituted": "bold $text-error",
    "missed": "bold $text-error on $error 20%",
    "moved": "italic $text-primary",
}
SAID = "italic $text-muted"
EXTRA = "italic $text-secondary"
FILLER = "italic $text-muted"
KEY_MATCHED = "underline"


def legend() -> Content:
    """One line naming each mark, drawn in its own style."""
    return Content.assemble(
        ("matched", STYLES["matched"]), "  ",
        ("near (typo)", STYLES["near"]), "  ",
        ("substituted", STYLES["substituted"]), ("→said", SAID), "  ",
        ("missed", STYLES["missed"]), "  ",
        ("+extra", EXTRA), "  ",
        ("+filler", FILLER), "  ",
        ("out of order", STYLES["moved"]),
    )


def word_style(word: Any) -> str:
    if word.status == "matched":
        if getattr(word, "moved", False):
            return STYLES["moved"]
        return KEY_MATCHED if word.key_phrase else ""
    return STYLES.get(word.status, "")


def section_contents(
    section_texts: Sequence[str], words: Sequence[Any], extras: Sequence[Any], pauses: Sequence[Any] = ()
) -> list[Content]:
    """One :class:`Content` per section, rebuilt from the section text so punctuation and spacing stay.

    ``pauses`` (spoken attempts: :class:`~trainer.speech.Pause`) are marked before the word they came before.
    """
    from .speech_summary import pause_mark

    pauses_before: dict[int, list[Any]] = defaultdict(list)
    for pause in pauses:
        pauses_before[pause.before_word].append(pause)
    extras_before: dict[int, list[Any]] = defaultdict(list)
    for extra in extras:
        extras_before[extra.before_word].append(extra)
    parts: list[list[str | tuple[str, str]]] = [[] for _ in section_texts]
    positions = [0] * len(section_texts)

    def add_extras(index: int, section: int) -> None:
        for pause in pauses_before.get(index, ()):
            parts[section].append(pause_mark(pause))
            parts[section].append(" ")
        for extra in extras_before.get(index, ()):
            parts[section].append((f"+{extra.text}", FILLER if extra.filler else EXTRA))
            parts[section].append(" ")

    for index, word in marked_spans(words):
        section = word.section
        text = section_texts[section]
        parts[section].append(text[positions[section] : word.start])
        add_extras(index, section)
        style = word_style(word)
        parts[section].append((text[word.start : word.end], style) if style else text[word.start : word.end])
        if word.status == "substituted" and word.said:
            parts[section].append((f"→{word.said}", SAID))
        positions[section] = word.end
    for section, text in enumerate(section_texts):
        parts[section].append(text[positions[section] :])
    if (extras_before.get(len(words)) or pauses_before.get(len(words))) and section_texts:
        tail = words[-1].section if words else len(section_texts) - 1
        parts[tail].append(" ")
        add_extras(len(words), tail)
    return [Content.assemble(*section_parts) for section_parts in parts]


class MarkedScript(VerticalScroll, can_focus=True):
    """Section headings and marked text for a recitation result, drawn as one piece of content.

    The text is added just after the screen's first frame, so the score and the fixes (what the rep reads
    first) appear at once even for a long script; :attr:`ready` says when the text is in.
    """

    DEFAULT_CSS = """
    MarkedScript { padding: 0 1; }
    MarkedScript #marked-text { width: 1fr; }
    """

    def __init__(
        self, names: Sequence[str], texts: Sequence[str], result: Any, *, pauses: Sequence[Any] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.names, self.texts, self.result, self.pauses = list(names), list(texts), result, tuple(pauses)

    def compose(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.call_after_refresh(self._fill)

    async def _fill(self) -> None:
        await self.mount(Static(self.content(), id="marked-text"))

    @property
    def ready(self) -> bool:
        return bool(self.query("#marked-text"))

    def content(self) -> Content:
        scores = {i: s.score for i, s in enumerate(getattr(self.result, "sections", ()))}
        parts: list[Content] = [legend()]
        if self.pauses:
            parts[0] = Content.assemble(parts[0], "  ", ("‖pause", "bold $text-warning"))
        bodies = section_contents(self.texts, self.result.words, self.result.extras, self.pauses)
        for index, body in enumerate(bodies):
            title = Content.styled(visible(self.names[index]), "bold $text-accent")
            if index in scores:
                title = Content.assemble(title, (f"  {score_text(scores[index])}", "$text-muted"))
            parts += [Content(""), title, body]
        return Content("\n").join(parts)

    def words_marked(self, status: str) -> list[str]:
        """The reference words with ``status`` (for tests and screen readers of the future)."""
        return [w.text for w in self.result.words if w.status == status]
