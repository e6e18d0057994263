"""What of a score to keep with an attempt: everything needed to explain it later, compactly.

The scorer's full result marks every word; storing that for every attempt would bloat the database, so
the stored breakdown keeps the summary plus the words that went wrong. ``marks`` says *where* each of those
words is — ``[section name, word position in that section, word, status]`` — so the mistake memory
(:mod:`trainer.practice.mistakes`) can tell the two "the"s of a script apart; ``missed_words`` and
``substituted`` stay for readers of older exports.
"""

from __future__ import annotations

from typing import Any


def word_marks(result: dict[str, Any]) -> list[list[Any]]:
    """``[section name, position, word, status]`` of every script word not matched (near, substituted, missed).

    The position counts the script's words within its section from 0, as the scorer tokenizes them; a section
    is named rather than numbered because names outlive reordering between versions.
    """
    names = [s.get("name", "") for s in result.get("sections") or []]
    marks: list[list[Any]] = []
    positions: dict[int, int] = {}
    for word in result.get("words") or []:
        section = int(word.get("section") or 0)
        position = positions.get(section, 0)
        positions[section] = position + 1
        status = word.get("status")
        if status and status != "matched":
            name = names[section] if section < len(names) else ""
            marks.append([name, position, word.get("text", ""), status])
    return marks


def compact_breakdown(result: dict[str, Any]) -> dict[str, Any]:
    """Summary fields as they are, plus ``marks``, ``missed_words`` and ``substituted`` instead of every word."""
    kept = {key: value for key, value in result.items() if key not in ("words", "extras")}
    words = result.get("words") or []
    kept["missed_words"] = [w["text"] for w in words if w.get("status") == "missed"]
    kept["substituted"] = [[w["text"], w.get("said")] for w in words if w.get("status") == "substituted"]
    kept["extra_words"] = [e["text"] for e in result.get("extras") or [] if not e.get("filler")]
    if words:
        kept["marks"] = word_marks(result)
    return kept
