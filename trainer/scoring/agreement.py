"""Does a passage of an answer *agree* with a key point, or only share its words?

Why: word overlap alone credits "the valves stop working if you stop paying" for "valves keep working if you
stop", and "89.5 percent" for "98.5 percent".  Three small, explainable rules decide agreement, each on the
covering words of the answer plus a short reach before them (and, for figures, after them) that never crosses a
clause break (``, . ; : ! ?`` and their Chinese forms, or "but"):

* **Negation parity** — the passage must hold as many negations as the wording, counted modulo 2 (not, no, never,
  nothing, without, n't…; 不 没 无 非 未 别…, except in words such as 不过/非常/未来 that negate nothing).
* **Opposites** — a word of the wording that the passage lacks, while it holds that word's opposite more often
  than the wording does, is contradicted: "stop working" for "keep working", "less" for "more", "on" for
  "off by default".  Opposites are a short list of general pairs, not words from any one product.
* **Figures by value** — every figure of the wording must be said with the same value ("5,000" = "five thousand"
  = "5k"; a figure 1 is also said by "a"/"an"/"single"); a different figure where it is missing is a wrong figure.

Built on :func:`~.tokens.scan` (which already turns "five thousand" into ``5000``); the shorthand "5k", "1.5m",
"five grand" and fractions ("a third", "two thirds") are read here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .content import STOP_EN, STOP_ZH, stem

_NEGATION_WORDS = (
    """not no never nothing none nobody nowhere neither nor without cannot dont doesnt didnt wont cant isnt
    arent wasnt werent havent hasnt hadnt shouldnt wouldnt couldnt mustnt"""
)
NEGATORS_EN = frozenset(_NEGATION_WORDS.split())
NEGATORS_ZH = frozenset("不没无非未别勿")
# Two-character words holding a negator character that negate nothing (however, very, future, difference, …).
_NOT_NEGATION_WORDS_ZH = (
    "不过 不仅 不但 不断 不少 不错 不久 不管 无论 非常 未来 别人 别的 没错 "
    "不同 差别 区别 分别 特别 个别 级别 类别 告别 识别 鉴别 辨别 性别 除非 是非 差不 要不"
)
NOT_NEGATIONS_ZH = frozenset(_NOT_NEGATION_WORDS_ZH.split())
_OPPOSITE_GROUPS: tuple[tuple[str, str], ...] = (
    ("keep continue still", "stop cease quit"),
    ("start begin", "stop end"),
    ("more over above exceed", "less under below fewer"),
    ("higher high", "lower low"),
    ("increase raise rise grow", "decrease reduce cut lower fall drop"),
    ("on", "off"),
    ("before", "after"),
    ("inside within", "outside"),
    ("include included", "exclude excluded"),
    ("optional", "mandatory required compulsory"),
    ("same", "different"),
    ("earlier early", "later late"),
    ("faster fast quick quicker", "slower slow"),
    ("shorter short", "longer long"),
    ("better best", "worse worst"),
    ("easier easy", "harder hard"),
    ("gain win", "lose"),
    ("save", "waste"),
    ("allow", "block forbid"),
    ("多", "少"),
    ("高", "低"),
    ("增 加 涨 升", "减 降 跌"),
    ("快", "慢"),
    ("开", "关"),
    ("早", "晚"),
    ("内", "外"),
    ("长", "短"),
)


def _opposites() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for left, right in _OPPOSITE_GROUPS:
        a, b = {stem(w) for w in left.split()}, {stem(w) for w in right.split()}
        for word in a:
            table.setdefault(word, set()).update(b)
        for word in b:
            table.setdefault(word, set()).update(a)
    return {word: frozenset(others - {word}) for word, others in table.items()}


OPPOSITES = _opposites()
CLAUSE_BREAK = re.compile(r"[,.;:!?，。；：！？、—–]|\bbut\b|但是|可是")
ONE_WORDS = frozenset({"a", "an", "single", "one"})
_SHORTHAND = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn)$")
_SHORTHAND_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}


def is_negator(norm: str, following: str = "", preceding: str = "") -> bool:
    """A word (or Chinese character, given its neighbours) that negates what follows."""
    if norm in NEGATORS_EN:
        return True
    return (
        norm in NEGATORS_ZH
        and norm + following not in NOT_NEGATIONS_ZH
        and preceding + norm not in NOT_NEGATIONS_ZH
    )


def number_value(norm: str) -> float | None:
    """The value of one scanned token: ``5000``, ``89.5``, ``5k``, ``1.5m``; None for a word."""
    try:
        return float(norm)
    except ValueError:
        pass
    shorthand = _SHORTHAND.match(norm)
    if shorthand:
        return float(shorthand.group(1)) * _SHORTHAND_SCALE[shorthand.group(2)]
    return None


@dataclass(frozen=True)
class Figure:
    """A figure said in a text: its value, its tokens ``first..last`` and how it reads with its unit."""

    value: float
    first: int
    last: int
    quote: str


@dataclass(frozen=True)
class Analysed:
    """A text split for agreement checks: comparison forms, spans, stems, negations, figures, clause breaks."""

    text: str
    norms: list[str]
    starts: list[int]
    ends: list[int]
    stems: list[str]
    negator: list[bool]
    figures: list[Figure]
    in_figure: list[bool]
    break_before: list[bool]

    def span(self, first: int, last: int) -> str:
        return self.text[self.starts[first] : self.ends[last]]


def analyse(text: str, norms: list[str], starts: list[int], ends: list[int]) -> Analysed:
    """Negations, figures and clause breaks of a scanned text."""
    n = len(norms)
    negator = [
        is_negator(norms[i], norms[i + 1] if i + 1 < n else "", norms[i - 1] if i else "") for i in range(n)
    ]
    figures: list[Figure] = []
    in_figure = [False] * n
    i = 0
    while i < n:
        value = number_value(norms[i])
        first = last = i
        if value is None and norms[i] in _FRACTIONS:
            value = 1.0  # "a third", "half"
        if value is None:
            i += 1
            continue
        if norms[i] in _FRACTIONS:
            value = 1.0 / _FRACTIONS[norms[i]]
        elif (decimal := _point_decimal(norms, last)) is not None:
            value, last = decimal  # "ninety-eight point five"
        elif norms[last + 1 : last + 3] == ["and", "a"] and last + 3 < n and norms[last + 3] == "half":
            last += 3  # "one and a half"
            value += 0.5
        elif last + 2 < n and norms[last + 1] == "in" and number_value(norms[last + 2]):
            last += 2  # "one in three"
            value /= number_value(norms[last]) or 1.0
        elif last + 1 < n and norms[last + 1] in _FRACTIONS:  # "two thirds"
            last += 1
            value /= _FRACTIONS[norms[last]]
        elif last + 1 < n and norms[last + 1] == "grand":  # "five grand"
            last += 1
            value *= 1000
        unit = last + 1 if last + 1 < n and number_value(norms[last + 1]) is None else last
        quote = text[starts[first] : ends[unit]]
        figures.append(Figure(value, first, last, " ".join(quote.split())))
        for j in range(first, last + 1):
            in_figure[j] = True
        i = last + 1
    break_before = [False] * n
    for i in range(1, n):
        between = text[ends[i - 1] : starts[i]]
        break_before[i] = bool(CLAUSE_BREAK.search(between)) or norms[i] in ("but", "但")
    stems = [stem(norm) for norm in norms]
    return Analysed(text, norms, starts, ends, stems, negator, figures, in_figure, break_before)


@dataclass(frozen=True)
class Disagreement:
    """Why a passage that shares the wording's words does not make its point."""

    kind: str  # "contradicted" (negation or an opposite), "wrong-figure", "no-figure"
    said: str  # the rep's words
    expected: str  # what the approved wording says there


def reach(a: Analysed, first: int, last: int, before: int, after: int) -> tuple[int, int]:
    """``first..last`` widened by up to ``before``/``after`` tokens, never across a clause break."""
    lo = first
    while lo > 0 and first - lo < before and not a.break_before[lo]:
        lo -= 1
    hi = last
    while hi + 1 < len(a.norms) and hi - last < after and not a.break_before[hi + 1]:
        hi += 1
    return lo, hi


def _point_decimal(norms: list[str], i: int) -> tuple[float, int] | None:
    """ "ninety-eight point five" (scanned ``98 point 5``): the value and the last token, else None."""
    if i + 2 < len(norms) and norms[i].isdigit() and norms[i + 1] == "point" and norms[i + 2].isdigit():
        return float(f"{norms[i]}.{norms[i + 2]}"), i + 2
    return None


def _same(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def disagreement(wording: Analysed, said: Analysed, first: int, last: int, reach_words: int) -> Disagreement | None:
    """None when tokens ``first..last`` of ``said`` (the covering words) agree with ``wording``."""
    # The wording's own lead-in ("you don't have to …") counts too: reach back over as many words, plus the reach.
    lead = next((i for i in range(len(wording.norms)) if _is_content(wording, i)), 0)
    lo, _ = reach(said, first, last, reach_words + lead, 0)
    lo_fig, hi_fig = reach(said, first, last, reach_words, reach_words)
    # Opposites first: they name the exact words ("stop working" / "keep working").
    found = _opposite(wording, said, lo, last, same_head=True) or _opposite(wording, said, lo, last, same_head=False)
    if found:
        return found
    # The wording's own tail after its last content word, plus one word, still belongs to the covering words:
    # "you pay nothing", "减到四个".
    tail = len(wording.norms) - 1 - max((i for i in range(len(wording.norms)) if _is_content(wording, i)), default=0)
    _, neg_hi = reach(said, first, last, 0, tail + 1)
    if sum(said.negator[lo : neg_hi + 1]) % 2 != sum(wording.negator) % 2:
        return Disagreement("contradicted", said.span(lo, neg_hi), wording.text)
    near = [f for f in said.figures if f.last >= lo_fig and f.first <= hi_fig]
    for figure in wording.figures:
        if any(_same(figure.value, f.value) for f in near):
            continue
        other_figures = [f for f in near if not any(_same(f.value, w.value) for w in wording.figures)]
        if other_figures:
            return Disagreement("wrong-figure", other_figures[0].quote, figure.quote)
        if _same(figure.value, 1.0) and any(said.norms[j] in ONE_WORDS for j in range(lo_fig, hi_fig + 1)):
            continue  # "an hour", "a single page" — but "a three-year term" has a figure of its own
        return Disagreement("no-figure", said.span(first, last), figure.quote)
    return None


def _opposite(wording: Analysed, said: Analysed, lo: int, last: int, *, same_head: bool) -> Disagreement | None:
    """An opposite of a wording word in ``said[lo..last]``.

    ``same_head``: the opposite governs the same next word ("stop working" where the wording says "keep working")
    and the wording's own pair is not said there.  Otherwise: the wording's word is absent and its opposite is
    said more often than the wording uses it ("less" where it says "more").
    """
    have = Counter(said.stems[lo : last + 1])
    want = Counter(wording.stems)
    for i, word in enumerate(wording.stems):
        if word not in OPPOSITES:
            continue
        head = _next_word(wording, i)
        for j in range(lo, last + 1):
            other = said.stems[j]
            if other not in OPPOSITES[word]:
                continue
            if same_head:
                hit = head is not None and _next_word(said, j) == head and not any(
                    said.stems[k] == word and _next_word(said, k) == head for k in range(lo, last + 1)
                )
            else:
                hit = not have[word] and have[other] > want[other]
            if hit:
                return Disagreement("contradicted", _with_next(said, j), _with_next(wording, i))
    return None


def _is_content(a: Analysed, i: int) -> bool:
    return not (a.in_figure[i] or a.negator[i] or a.norms[i] in STOP_EN or a.norms[i] in STOP_ZH)


def _head(a: Analysed, i: int) -> int | None:
    """The next content word after ``i`` (skipping stop words and figures, up to three words), in its clause."""
    for j in range(i + 1, min(i + 5, len(a.norms))):
        if a.break_before[j]:
            return None
        if _is_content(a, j):
            return j
    return None


def _next_word(a: Analysed, i: int) -> str | None:
    head = _head(a, i)
    return None if head is None else a.stems[head]


def _with_next(a: Analysed, i: int) -> str:
    """The word at ``i`` through the word it governs, when in the same clause: "stop working", "more than one hour"."""
    head = _head(a, i)
    return a.span(i, i if head is None else head)
