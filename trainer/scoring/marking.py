"""What a screen marks: one mark per span of the script, even where one written word is several spoken ones.

"we're" is scored as "we are" and "30%" as "thirty percent": several scored words share one span of the
script. A screen must draw that span once, with the worst of their marks (a half-said "thirty percent" is
not matched).
"""

from __future__ import annotations

from collections.abc import Sequence

from .results import WordResult

_SEVERITY = {"matched": 0, "near": 1, "substituted": 2, "missed": 3}


def marked_spans(words: Sequence[WordResult]) -> list[tuple[int, WordResult]]:
    """(index of the first word, the word to draw) per distinct span, in script order.

    The word drawn is the one with the worst status among those sharing the span, so a caller can mark
    ``text[word.start:word.end]`` with ``word.status`` and place extras said before ``index``.
    """
    spans: list[tuple[int, WordResult]] = []
    for index, word in enumerate(words):
        if spans:
            first, drawn = spans[-1]
            if drawn.section == word.section and word.start < drawn.end:
                if _SEVERITY.get(word.status, 0) > _SEVERITY.get(drawn.status, 0):
                    spans[-1] = (first, word._replace(start=drawn.start, end=max(drawn.end, word.end)))
                continue
        spans.append((index, word))
    return spans
