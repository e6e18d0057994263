"""Per-word normalisation: the comparison form of one raw token.

Why: the rep's spoken form and the script's written form differ in ways nobody hears — case, curly
quotes, full-width characters, ``we're`` vs ``we are``, ``30%`` vs ``thirty percent``.  Both sides go
through the same function, so any choice made here (e.g. ``'d`` → ``would``) is consistent and cannot
cost the rep points.  Multi-word numbers ("twenty five") are merged later, in :mod:`.numbers`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal


def word_set(text: str) -> frozenset[str]:
    """A frozenset from a whitespace-separated word list (keeps long vocabularies readable)."""
    return frozenset(text.split())


def word_list(text: str) -> list[str]:
    return text.split()


_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)

#: CJK characters are compared one by one (Chinese/Japanese have no spaces between words).
CJK_CLASS = "\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
CJK_RE = re.compile(f"[{CJK_CLASS}]")

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
    "y'all": ("you", "all"),
    "gonna": ("going", "to"),
    "wanna": ("want", "to"),
    "gotta": ("got", "to"),
}
_SUFFIXES = {"re": "are", "ll": "will", "ve": "have", "m": "am", "d": "would"}
# ``'s`` is "is" only after words that cannot own something; otherwise it is a possessive and stays.
_S_IS = word_set(
    "it that there here what who where when how he she this everyone everybody nothing something "
    "everything someone somebody nobody"
)
_CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yuan", "₹": "rupees"}
#: Comparison forms of currency words, as a currency sign becomes them: "$1.5 million" is 1500000 dollars.
CURRENCY_WORDS = frozenset(_CURRENCY.values())
#: Sales shorthand after a figure: "$5k", "1.5M", "2bn", "2.5x" (= 2.5 times).
_SHORTHAND = {"k": 1000, "m": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}
_NUMBER_RE = re.compile(r"([$€£¥₹]?)(\d+(?:,\d{3})*)(\.\d+)?(k|m|bn|b|x)?(%?)")


def fold(text: str) -> str:
    """NFKC + straight quotes/dashes + casefold: the form in which two spellings are 'the same'."""
    return unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).casefold()


def canonical_number(integer: str, fraction: str = "") -> str:
    """``"1,000"`` → ``"1000"``, ``"05"`` → ``"5"``, ``"2.50"`` → ``"2.5"``: one spelling per value."""
    whole = str(int(integer.replace(",", "")))
    fraction = fraction.rstrip("0")
    return whole + fraction if len(fraction) > 1 else whole


def scaled(number: str, factor: int | Decimal) -> str:
    """``number`` × ``factor`` in canonical spelling, exactly: ``scaled("2.3", 1000)`` is ``"2300"``, not 2299.99…"""
    value = Decimal(number) * factor
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def expand_word(word: str) -> tuple[str, ...]:
    """Contractions → full words (``don't`` → ``do not``): either form in the script matches either said."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if "'" not in word:
        return (word,)
    if word.endswith("n't") and len(word) > 3:
        return (word[:-3], "not")
    base, _, suffix = word.rpartition("'")
    if suffix in _SUFFIXES and base:
        return (base, _SUFFIXES[suffix])
    if suffix == "s" and base in _S_IS:
        return (base, "is")
    return (word,)


def normalize_raw(raw: str) -> tuple[str, ...]:
    """All comparison tokens for one raw regex token (usually one; ``30%`` gives ``30``, ``percent``)."""
    word = fold(raw)
    if word == "%":  # "62 %": the sign written apart from its figure
        return ("percent",)
    match = _NUMBER_RE.fullmatch(word)
    if match:
        currency, integer, fraction, suffix, percent = match.groups()
        out = [canonical_number(integer, fraction or "")]
        if suffix == "x":
            out.append("times")
        elif suffix:
            out[0] = scaled(out[0], _SHORTHAND[suffix])
        if percent:
            out.append("percent")
        if currency:
            out.append(_CURRENCY[currency])
        return tuple(out)
    return expand_word(word)
