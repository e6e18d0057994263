"""The mistake heat map: a section's text with the words a rep keeps getting wrong shaded by their weight.

Three shades rather than a gradient: a rep reads "red, orange, yellow" at a glance on any terminal, and the
legend can name them. The weights come from :mod:`trainer.practice.mistakes` (1 per recent slip, fading).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from ...practice.memorize import phrase_spans
from ...practice.mistakes import MIN_WEIGHT, MistakeMap, WordMistake
from ...safe_text import visible

HOT = "bold $text-error on $error 30%"
WARM = "$text-warning on $warning 25%"
FAINT = "underline $text-warning"
KEY_PHRASE_PLAIN = "underline"
LEVELS: tuple[tuple[float, str, str], ...] = (
    (1.2, HOT, "keeps tripping you up"),
    (0.5, WARM, "tripped you up lately"),
    (MIN_WEIGHT, FAINT, "fading"),
)


def heat_style(weight: float) -> str | None:
    """The shade of a word weighing ``weight``; None when it has faded below showing."""
    for minimum, style, _ in LEVELS:
        if weight >= minimum:
            return style
    return None


def heat_content(text: str, key_phrases: Sequence[str], words: Sequence[WordMistake]) -> Content:
    """``text`` (one section) with key phrases underlined and each word of ``words`` shaded by its weight."""
    content = Content(text)
    for start, end in phrase_spans(text, key_phrases):
        content = content.stylize(KEY_PHRASE_PLAIN, start, end)
    for word in words:
        style = heat_style(word.weight)
        if style:
            content = content.stylize(style, word.start, word.end)
    return content


def heat_legend(mistakes: MistakeMap) -> Content:
    """Two lines above the script: what the shades mean, and the worst few words."""
    worst = mistakes.worst_words()
    if not worst and not mistakes.worst_phrases():
        seen = mistakes.attempts
        why = "no recitation of this cut yet" if not seen else "nothing wrong in your recent recitations"
        return Content.assemble(("Mistake map: ", "bold"), (f"{why}.", "$text-muted"))
    legend: list[str | tuple[str, str] | Content] = [("These words tripped you up", "bold"), "  "]
    for _, style, label in LEVELS:
        legend += [(label, style), " "]
    top = ", ".join(f"“{visible(w.text)}”" for w in worst[:4])
    phrases = mistakes.worst_phrases()
    lines = [Content.assemble(*legend)]
    detail = f"Worst: {top}" if top else ""
    if phrases:
        detail += ("  ·  " if detail else "") + f"key phrase not said: “{visible(phrases[0].phrase)}”"
    lines.append(Content.assemble((detail, "$text-muted"), ("  ·  k: drill them", "bold")))
    return Content("\n").join(lines)
