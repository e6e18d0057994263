"""What of a score to keep with an attempt: everything needed to explain it later, compactly.

The scorer's full result marks every word; storing that for every attempt would bloat the database, so
the stored breakdown keeps the summary plus the words that went wrong.
"""

from __future__ import annotations

from typing import Any


def compact_breakdown(result: dict[str, Any]) -> dict[str, Any]:
    """Summary fields as they are, plus ``missed_words`` and ``substituted`` instead of every word."""
    kept = {key: value for key, value in result.items() if key not in ("words", "extras")}
    words = result.get("words") or []
    kept["missed_words"] = [w["text"] for w in words if w.get("status") == "missed"]
    kept["substituted"] = [[w["text"], w.get("said")] for w in words if w.get("status") == "substituted"]
    kept["extra_words"] = [e["text"] for e in result.get("extras") or [] if not e.get("filler")]
    return kept
