"""Tokenizer with character spans: words for spaced scripts, one token per character for CJK.

Why spans: every verdict is drawn back onto the rep's own text, so each token keeps ``start``/``end``
in the original string.  A contraction expands to several tokens sharing the original span
(``we're`` → ``we`` + ``are``); a spelled number merges several words into one token whose span
covers them all ("twenty five" → ``25``).

Speed: a rep re-scores on every keystroke, so :func:`scan` avoids per-token regex work.  One
``re.split`` finds all tokens and their offsets in C; a dict maps every raw word already seen to its
comparison form; only contractions, numbers and unseen words take the slow path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import is_

from .normalize import CJK_CLASS, CURRENCY_WORDS, canonical_number, fold, normalize_raw, scaled
from .numbers import CN_DIGITS, CN_NUMERALS, NUMBER_WORDS, SCALES, UNITS, parse_chinese, parse_english

_WORD = f"[^\\W{CJK_CLASS}]"
# Why this shape (same tokens as the plain alternation, ~30% faster on English): the lookahead fails fast between
# tokens, a word starting with a letter is tried first (it can never be a figure), and the possessive repeats
# (Python 3.11) never backtrack where nothing after them could fail.  tests/scoring/test_tokens.py checks the
# tokens against the plain pattern on random text.
_TOKEN_RE = re.compile(
    "(?=[\\w$€£¥₹＄￥%％])"  # only where a token can start
    f"([{CJK_CLASS}]"  # one CJK character
    f"|[^\\W\\d{CJK_CLASS}]{_WORD}*+(?:['\u2019]{_WORD}++)*+"  # a word starting with a letter
    f"|[$€£¥₹＄￥]?\\d+(?:,\\d{{3}})*(?:\\.\\d+)?(?:[kKmMxX]|[bB][nN]?)?[%％]?(?!{_WORD})"  # 1,000 $5k 30% 2.5x
    f"|{_WORD}++(?:['\u2019]{_WORD}++)*+"  # words starting with a digit: "3rd", "24x7"
    "|[%％])"  # a percent sign written apart from its figure
)
# Same tokens for pure-ASCII text (the common case), ~35% faster: no Unicode classes to test.
_ASCII_TOKEN_RE = re.compile(
    r"(?=[\w$%])"
    r"([A-Za-z_]\w*+(?:'\w++)*+"
    r"|\$?\d+(?:,\d{3})*(?:\.\d+)?(?:[kKmMxX]|[bB][nN]?)?%?(?!\w)"
    r"|\w++(?:'\w++)*+"
    r"|%)",
    re.ASCII,
)
_MULTIPLIERS = {"hundred": 100, **SCALES, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_FAST: dict[str, str] = {}  # raw token → its single comparison form (plain words only)
_FAST_LIMIT = 200_000


@dataclass(frozen=True)
class Token:
    """One comparison unit: ``text`` is the original characters ``source[start:end]``."""

    text: str
    norm: str
    start: int
    end: int


@lru_cache(maxsize=65_536)
def _info(raw: str) -> tuple[str, tuple[str, ...]]:
    """Classify a raw token once: plain word, expansion, English number word or Chinese numeral."""
    if raw in CN_NUMERALS:
        return "cn", (raw,)
    norms = normalize_raw(raw)
    if norms in (("grand",), ("cent",)):  # "five grand", "per cent": they depend on the word before them
        return norms[0], norms
    if len(norms) == 1 and norms[0] in NUMBER_WORDS:
        return "en", norms
    if len(norms) == 1:
        if len(_FAST) > _FAST_LIMIT:
            _FAST.clear()
        _FAST[raw] = norms[0]
        return "plain", norms
    return "expand", norms


def _is_number(norm: str) -> bool:
    return norm.replace(".", "", 1).isdigit()


def _times(number: str, factor: int) -> str:
    return scaled(number, factor)


class _Builder:
    """Output lists for the slow path; ``emit`` appends one comparison token."""

    __slots__ = ("ends", "norms", "starts")

    def __init__(self) -> None:
        self.norms: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def emit(self, norm: str, start: int, end: int) -> None:
        self.norms.append(norm)
        self.starts.append(start)
        self.ends.append(end)

    def pop(self) -> int:
        """Remove the last token (it merges into the next one); returns its start."""
        self.norms.pop()
        self.ends.pop()
        return self.starts.pop()


def _english_number(i: int, raws: list[str], starts: list[int], ends: list[int], out: _Builder) -> int:
    """Merge a run of number words starting at ``i``; returns the index after the run."""
    words = []
    for raw in raws[i : i + 12]:
        kind, norms = _info(raw)
        if kind != "en" and norms != ("and",):
            break
        words.append(norms[0])
    first = words[0]
    prev = out.norms[-1] if out.norms else ""
    if first in _MULTIPLIERS and prev == "a":
        parsed = parse_english(["a", *words], first_is_a=True)
        if parsed:
            value, used = parsed
            start = out.pop()
            number = str(value)
            if out.norms and out.norms[-1] == "half":  # "half a million"
                start, number = out.pop(), scaled(number, Decimal("0.5"))
            out.emit(number, start, ends[i + used - 2])
            return i + used - 1
    if first in _MULTIPLIERS and prev and _is_number(prev):
        out.emit(_times(prev, _MULTIPLIERS[first]), out.pop(), ends[i])
        return i + 1
    # "$1.5 million": the sign and the figure were one written token, now "1.5", "dollars"
    if first in _MULTIPLIERS and prev in CURRENCY_WORDS and len(out.norms) > 1 and out.ends[-2] == out.ends[-1]:
        number = out.norms[-2]
        if _is_number(number):
            out.pop()
            start = out.pop()
            out.emit(_times(number, _MULTIPLIERS[first]), start, ends[i])
            out.emit(prev, start, ends[i])
            return i + 1
    if first in ("hundred", "thousand") and not (prev and _is_number(prev)):
        parsed = parse_english(["a", *words], first_is_a=True)  # "the hundred and twenty valves"
        if parsed:
            value, used = parsed
            return _decimals(str(value), i, i + used - 1, raws, starts, ends, out)
    parsed = parse_english(words)
    if parsed is None:
        out.emit(first, starts[i], ends[i])
        return i + 1
    value, used = parsed
    return _decimals(str(value), i, i + used, raws, starts, ends, out)


def _decimals(whole: str, i: int, end: int, raws: list[str], starts: list[int], ends: list[int], out: _Builder) -> int:
    """Emit the number ``raws[i:end]`` = ``whole``, with "point eight" / "point five zero" after it as decimals."""
    digits = ""
    k = end
    if k + 1 < len(raws) and raws[k].lower() == "point":
        k += 1
        while k < len(raws) and (digit := UNITS.get(_info(raws[k])[1][0])) is not None:
            digits += str(digit)
            k += 1
    if digits:
        out.emit(canonical_number(whole, "." + digits), starts[i], ends[k - 1])
        return k
    out.emit(whole, starts[i], ends[end - 1])
    return end


def _chinese_number(i: int, raws: list[str], starts: list[int], ends: list[int], out: _Builder) -> int:
    """Merge adjacent Chinese numerals (and 百分之N → N percent); returns the index after them."""
    n = len(raws)
    if raws[i : i + 3] == ["百", "分", "之"] and i + 3 < n and ends[i + 2] == starts[i + 3]:
        j = _cn_run_end(i + 3, raws, starts, ends)
        value = parse_chinese("".join(raws[i + 3 : j])) if j > i + 3 else None
        if value is not None:
            out.emit(str(value), starts[i], ends[j - 1])
            out.emit("percent", starts[i], ends[j - 1])
            return j
        if j == i + 3 and _is_number(_info(raws[i + 3])[1][0]):
            out.emit(_info(raws[i + 3])[1][0], starts[i], ends[i + 3])
            out.emit("percent", starts[i], ends[i + 3])
            return i + 4
    raw = raws[i]
    if raw not in CN_DIGITS and raw != "十":
        prev = out.norms[-1] if out.norms else ""
        if prev and _is_number(prev) and out.ends[-1] == starts[i]:
            out.emit(_times(prev, _MULTIPLIERS[raw]), out.pop(), ends[i])
        else:
            out.emit(raw, starts[i], ends[i])
        return i + 1
    j = _cn_run_end(i, raws, starts, ends)
    value = parse_chinese("".join(raws[i:j]))
    out.emit(str(value) if value is not None else raw, starts[i], ends[j - 1])
    return j if value is not None else i + 1


def _shorthand_word(word: str, start: int, end: int, out: _Builder) -> None:
    """Shorthand that leans on the word before it: "five grand" is 5000 dollars, "per cent" is "percent"."""
    prev = out.norms[-1] if out.norms else ""
    if word == "grand" and prev and _is_number(prev):
        first = out.pop()
        out.emit(_times(prev, 1000), first, end)
        out.emit("dollars", first, end)
    elif word == "cent" and prev == "per":
        out.emit("percent", out.pop(), end)
    else:
        out.emit(word, start, end)


def _cn_run_end(i: int, raws: list[str], starts: list[int], ends: list[int]) -> int:
    j = i
    while j < len(raws) and raws[j] in CN_NUMERALS and (j == i or ends[j - 1] == starts[j]) and j - i < 20:
        j += 1
    return j


def count_words(text: str) -> int:
    """How many words (CJK: characters) the scorer compares in ``text``.

    The recite screen counts with this while the rep types, so its "N / M words" agrees with the result's
    "of M words": "two-week" is two words, "twenty five" one number, "we're" two words.
    """
    return len(scan(text)[0])


def scan(text: str) -> tuple[list[str], list[int], list[int]]:
    """Comparison forms and spans of all tokens in ``text``: ``(norms, starts, ends)``."""
    parts = (_ASCII_TOKEN_RE if text.isascii() else _TOKEN_RE).split(text)
    raws = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=0))
    n = len(raws)
    starts = offsets[1::2][:n]
    ends = offsets[2::2]
    norms = list(map(_FAST.get, raws))
    if None not in norms:
        return norms, starts, ends  # type: ignore[return-value]
    out = _Builder()
    pos = 0
    for i in compress(range(n), map(is_, norms, repeat(None))):  # tokens needing the slow path
        if i < pos:
            continue
        out.norms += norms[pos:i]  # type: ignore[arg-type]
        out.starts += starts[pos:i]
        out.ends += ends[pos:i]
        kind, expanded = _info(raws[i])
        if kind in ("grand", "cent"):
            _shorthand_word(kind, starts[i], ends[i], out)
            pos = i + 1
        elif kind == "en":
            pos = _english_number(i, raws, starts, ends, out)
        elif kind == "cn":
            pos = _chinese_number(i, raws, starts, ends, out)
        else:
            if kind == "plain":
                _FAST[raws[i]] = expanded[0]
            for norm in expanded:
                out.emit(norm, starts[i], ends[i])
            pos = i + 1
    out.norms += norms[pos:]  # type: ignore[arg-type]
    out.starts += starts[pos:]
    out.ends += ends[pos:]
    return out.norms, out.starts, out.ends


def tokenize(text: str) -> list[Token]:
    """Public tokenizer: :class:`Token` objects with original text, comparison form and span."""
    norms, starts, ends = scan(text)
    return [Token(text[s:e], n, s, e) for n, s, e in zip(norms, starts, ends, strict=True)]


def normalize_text(text: str) -> str:
    """The whole text in comparison form, space separated (handy for phrase search and tests)."""
    return " ".join(scan(text)[0])


def clear_caches() -> None:
    """Forget memoised words (used by the benchmark to time a cold start)."""
    _FAST.clear()
    _info.cache_clear()


__all__ = ["Token", "clear_caches", "fold", "normalize_text", "scan", "tokenize"]
