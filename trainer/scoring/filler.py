"""Filler words: reported apart from other extra words and charged less.

Why only extras: "like" or "actually" in the script are real words; a filler is a word the rep added.
Two-word fillers ("you know", 那个) count when both words are extra and adjacent, and count once: a rep who
said "you know" said one filler, not two.
"""

from __future__ import annotations

from collections.abc import Sequence

from .normalize import word_set

FILLERS = word_set(
    "um umm uh uhh erm er ah hmm mm like basically actually literally anyway okay ok well 嗯 啊 呃 额 哦"
)
FILLER_PAIRS = frozenset(
    {
        ("you", "know"),
        ("i", "mean"),
        ("sort", "of"),
        ("kind", "of"),
        ("you", "see"),
        ("那", "个"),
        ("这", "个"),
        ("就", "是"),
        ("然", "后"),
    }
)
_SENTENCE_END = ".!?。！？;；:："


def filler_flags(
    extra_positions: Sequence[int], norms: Sequence[str], starts: Sequence[int], text: str
) -> list[bool]:
    """For each extra attempt position (ascending), whether it is a filler word."""
    extra = set(extra_positions)
    flags = []
    for j in extra_positions:
        norm = norms[j]
        is_filler = norm in FILLERS
        if not is_filler:
            nxt = (norm, norms[j + 1]) if j + 1 < len(norms) and j + 1 in extra else None
            prv = (norms[j - 1], norm) if j > 0 and j - 1 in extra else None
            is_filler = nxt in FILLER_PAIRS or prv in FILLER_PAIRS
        if not is_filler and norm == "so":
            before = text[: starts[j]].rstrip()
            is_filler = not before or before[-1] in _SENTENCE_END
        flags.append(is_filler)
    return flags


def second_of_pair(extra_positions: Sequence[int], norms: Sequence[str], flags: Sequence[bool]) -> list[bool]:
    """For each extra position, whether it ends a two-word filler begun by the extra word just before it.

    Counting fillers skips these words, so "you know" is one filler however it is split into tokens.
    """
    filler_at = {j for j, flag in zip(extra_positions, flags, strict=True) if flag}
    return [
        j in filler_at and j - 1 in filler_at and (norms[j - 1], norms[j]) in FILLER_PAIRS for j in extra_positions
    ]


def is_filler_word(norm: str) -> bool:
    """Single words that are never worth pairing as a substitution for a script word."""
    return norm in FILLERS
