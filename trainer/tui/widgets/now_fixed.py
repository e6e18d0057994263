""""Now fixed" on the results screen: the old mistakes this recitation got right.

Kept apart from the results screen so the screen only places it. A rep who finally says "worst" after
missing it three times should hear so: progress on exactly the words they drilled is what keeps them drilling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from textual.content import Content

from ...library.models import Cut
from ...practice.log import Attempt
from ...practice.mistakes import Fixed, build_mistake_map, fixed_by
from ...safe_text import visible

SHOWN = 6


def fixed_this_time(
    cut: Cut, attempts: Sequence[Attempt], latest: Mapping[str, Any], latest_text: str, now: dt.datetime
) -> Fixed:
    """What ``latest`` (the scorer's result, as data) fixed among the mistakes of the earlier ``attempts``.

    The log already holds the latest attempt when the results show (unless it could not be kept): it is left
    out when it is the newest one and its text is the one just scored.
    """
    earlier = [a for a in attempts if a.score is not None]
    if earlier and earlier[-1].text == latest_text:
        earlier = earlier[:-1]
    before = build_mistake_map(cut, [(a.at, a.detail) for a in earlier], now)
    return fixed_by(before, cut, latest)


def now_fixed_lines(fixed: Fixed) -> Content:
    """"Now fixed" and the words and key phrases, heaviest first."""
    names = [f"“{visible(w.text)}”" for w in fixed.words] + [f"“{visible(p.phrase)}”" for p in fixed.phrases]
    shown = ", ".join(names[:SHOWN]) + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")
    return Content.assemble(("Now fixed\n", "bold $text-success"), ("✔ ", "$text-success"), shown,
                            ("\nused to trip you up", "$text-muted"))
