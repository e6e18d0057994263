"""Number words → digits, so "twenty-five", "25" and "二十五" all compare as ``25``.

Why digits are the canonical form: a digit string is one token whatever its spelling, while spelled
numbers take one to five words.  English covers 0–999,999,999 ("one hundred and five", "a thousand",
"5 thousand"); Chinese covers the simple forms 一…九/两/零 with 十, 百, 千, 万, 亿 and 百分之N (= N percent).
A phrase that does not parse as a number is left alone.
"""

from __future__ import annotations

from .normalize import word_list

UNITS = {w: i for i, w in enumerate(word_list("zero one two three four five six seven eight nine"))}
TEENS = {
    w: i + 10
    for i, w in enumerate(
        word_list("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
    )
}
TENS = {
    w: (i + 2) * 10 for i, w in enumerate(word_list("twenty thirty forty fifty sixty seventy eighty ninety"))
}
SCALES = {"thousand": 1000, "million": 1_000_000}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TEENS) | frozenset(TENS) | {"hundred"} | frozenset(SCALES)

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERALS = frozenset(CN_DIGITS) | frozenset(CN_SMALL_UNITS) | frozenset(CN_BIG_UNITS)


def parse_english(words: list[str], first_is_a: bool = False) -> tuple[int, int] | None:
    """Longest number at the start of ``words``: ``(value, words used)`` or None.

    ``first_is_a`` lets "a hundred"/"a thousand"/"a million" start with the article.  Validity rules keep two
    adjacent numbers apart ("five six" is 5 then 6, not 11).
    """
    total = group = 0
    last: str | None = None  # kind of the previous word
    last_scale = 0
    best: tuple[int, int] | None = None
    for j, w in enumerate(words):
        if j == 0 and first_is_a:
            if w != "a" or len(words) < 2 or words[1] not in ("hundred", "thousand", "million"):
                return None
            group, last = 1, "unit"
            continue
        if w in UNITS:
            if w == "zero" and last is not None:
                break
            if last not in (None, "hundred", "scale", "and", "tens"):
                break
            group += UNITS[w]
            last = "unit"
        elif w in TEENS or w in TENS:
            if last not in (None, "hundred", "scale", "and"):
                break
            group += TEENS.get(w) or TENS[w]
            last = "teen" if w in TEENS else "tens"
        elif w == "hundred":
            if last not in ("unit", "teen", "tens") or not 0 < group < 100:
                break
            group *= 100
            last = "hundred"
        elif w in SCALES:
            scale = SCALES[w]
            if (
                last not in ("unit", "teen", "tens", "hundred")
                or group == 0
                or (last_scale and scale >= last_scale)
            ):
                break
            total += group * scale
            group, last, last_scale = 0, "scale", scale
        elif w == "and":
            nxt = words[j + 1] if j + 1 < len(words) else ""
            if last not in ("hundred", "scale") or not (nxt in UNITS or nxt in TEENS or nxt in TENS):
                break
            last = "and"
            continue
        else:
            break
        best = (total + group, j + 1)
    return best


def parse_chinese(run: str) -> int | None:
    """Value of a run of Chinese numerals (二十五 → 25, 三万 → 30000, 二零二四 → 2024), or None."""
    if not run or (run[0] not in CN_DIGITS and run[0] != "十"):
        return None
    if all(c in CN_DIGITS for c in run):
        return int("".join(str(CN_DIGITS[c]) for c in run))
    total = section = number = 0
    for c in run:
        if c in CN_DIGITS:
            number = CN_DIGITS[c]
        elif c in CN_SMALL_UNITS:
            section += (number or (1 if c == "十" else 0)) * CN_SMALL_UNITS[c]
            number = 0
        else:
            total = (total + section + number) * CN_BIG_UNITS[c]
            section = number = 0
    return total + section + number
