"""Harmless spelling variants: the attempt is reconciled to the script's spelling before alignment.

Why: a rep who types "dont", "followup", "colour" or 設備 said the script's "don't", "follow-up", "color" or
设备 — nobody hears a difference, so it must cost nothing.  Each such attempt word is rewritten to the script's
comparison tokens, and then it is simply *the same word* (matched, full credit, no fix).

What is forgiven, and why it stays honest — every rule is *reference-driven*: an attempt word is only rewritten
into words the script actually contains, and only when the attempt word itself is not a script word.

* **Apostrophes**: "dont" becomes "do not" only where the script wrote the contraction "don't" ("well" never
  becomes "we will" unless the script says "we'll"); "it's" becomes "its" only where the script says "its" and
  never says "it is"; "customers" / "customer's" likewise.
* **Compounds**: an attempt word equal to 2–3 consecutive script words joined ("followup" for "follow-up",
  "email" for "e-mail") is split into them; 2–3 attempt words separated only by a space or hyphen whose
  concatenation is one script word ("check-in", "follow up" for "checkin"/"followup") are merged, unless the
  script itself has those words side by side.
* **British/American spelling**: both sides map to the American spelling of the public list shipped in the
  ``breame`` package, so "colour"/"color", "organise"/"organize" are one word.
* **Traditional/simplified Chinese**: both sides map to simplified through OpenCC (``t2s``), one character at
  a time, so every span stays one character.

A different word, a dropped "not"/不, or a different figure is never rewritten: no rule invents or removes a
word the script does not have, and numbers are never touched.

Speed: the script's variant index is built once per prepared script; an attempt whose words are all script
words and that has no apostrophe or hyphen is returned untouched, after one C-level pass.  Per-word results are
memoised, and OpenCC and breame are imported only when a word needs them (OpenCC only for CJK text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import compress, pairwise
from operator import ne, not_
from typing import Any, Protocol

from .normalize import CJK_RE, fold
from .tokens import scan

_MAX_PARTS = 3  # compounds of at most three words ("e-mail", "follow-up", "set-up-fee" is rare enough)
_MIN_JOINED = 4  # "a"+"n" is not a compound: a joined word needs a few letters to be recognisable
_MARKS_RE = re.compile("['\u2019-]")
_SEPARATORS = frozenset({"", "-"})  # after stripping spaces: what may stand between two halves of a compound


class Reference(Protocol):
    """What :func:`reconcile` needs from a prepared script (``recitation.Prepared`` has it)."""

    @property
    def norms(self) -> Sequence[str]: ...
    @property
    def starts(self) -> Sequence[int]: ...
    @property
    def texts(self) -> Sequence[str]: ...
    @property
    def vocab(self) -> Mapping[str, int]: ...


class _Index:
    """The script's own variants: which attempt spellings stand for which script tokens."""

    __slots__ = ("canon", "pairs", "prefixes", "single", "splits", "vocab")

    def __init__(self, ref: Reference) -> None:
        norms, starts, texts = ref.norms, ref.starts, ref.texts
        self.vocab = ref.vocab
        self.pairs = set(pairwise(norms))  # words the script has side by side
        self.splits: dict[str, tuple[str, ...]] = {}
        self.canon: dict[str, str] | None = None
        self.single: dict[str, tuple[str, ...] | None] = {}  # memo of _word_variant
        # beginnings of the script's words: an attempt word that is none of them cannot start a merge
        self.prefixes = {w[:k] for w in self.vocab if w.isalpha() for k in range(1, len(w))}
        n = len(norms)
        vocab, splits = self.vocab, self.splits
        alpha = list(map(str.isalpha, norms))
        new_word = [True, *map(ne, starts[1:], starts[:-1])]  # False: same written word as the token before
        for i in compress(range(n - 1), alpha):  # compounds first, so a script contraction wins over a chance join
            if not (alpha[i + 1] and new_word[i + 1]):
                continue
            joined = norms[i] + norms[i + 1]
            if len(joined) >= _MIN_JOINED and joined not in vocab:
                splits.setdefault(joined, (norms[i], norms[i + 1]))
            if i + 2 < n and alpha[i + 2] and new_word[i + 2] and joined + norms[i + 2] not in vocab:
                splits.setdefault(joined + norms[i + 2], (norms[i], norms[i + 1], norms[i + 2]))
        for word in vocab:  # a possessive written without its apostrophe: "customers" for "customer's"
            if "'" in word and word.replace("'", "") not in vocab:
                splits[word.replace("'", "")] = (word,)
        for i in compress(range(1, n), map(not_, new_word[1:])):  # "don't" → do + not: tokens sharing a span
            if new_word[i - 1]:
                raw = fold(texts[i - 1])
                bare = raw.replace("'", "")
                if bare != raw and bare not in vocab:
                    j = i + 1
                    while j < n and not new_word[j]:
                        j += 1
                    splits[bare] = tuple(norms[i - 1 : j])

    def canonical_map(self) -> dict[str, str]:
        """Canonical spelling → the script's spelling (built on first need: it may load OpenCC)."""
        if self.canon is None:
            self.canon = {}
            for norm in self.vocab:
                for form in spellings(norm):
                    self.canon.setdefault(form, norm)
        return self.canon


_INDEXES: dict[int, tuple[Reference, _Index]] = {}
_INDEX_LIMIT = 32


def _index(ref: Reference) -> _Index:
    hit = _INDEXES.get(id(ref))
    if hit is not None and hit[0] is ref:
        return hit[1]
    if len(_INDEXES) >= _INDEX_LIMIT:
        _INDEXES.clear()
    index = _Index(ref)
    _INDEXES[id(ref)] = (ref, index)
    return index


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc  # ~30 ms: only once a Chinese character needs it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _spelling_pairs() -> tuple[Any, Any]:
    from breame.spelling import get_american_spelling, get_british_spelling  # type: ignore[import-untyped]

    return get_american_spelling, get_british_spelling


@lru_cache(maxsize=65_536)
def canonical(norm: str) -> str:
    """Simplified form of one CJK character (OpenCC ``t2s``; the character itself when that is not one)."""
    if len(norm) == 1 and CJK_RE.match(norm):
        converted: str = _t2s().convert(norm)
        return converted if len(converted) == 1 else norm
    return norm


def simplified(text: str) -> str:
    """``text`` with every traditional Chinese character written in simplified, one character for one.

    For text judged by meaning rather than against a script (objection answers): there is no script vocabulary to
    decide by, and a simplified character always means what its traditional form means.  Spans stay valid.
    """
    if CJK_RE.search(text) is None:
        return text
    table = {ord(c): canonical(c) for c in set(CJK_RE.findall(text))}
    return text.translate(table)


@lru_cache(maxsize=65_536)
def spellings(norm: str) -> tuple[str, ...]:
    """Every spelling that is the same word: the simplified character, or the American and British spellings.

    Both directions, because breame's two lists are not exact inverses ("draughts" has no American entry, while
    "drafts" has the British "draughts").
    """
    if not norm.isascii():
        return (canonical(norm),)
    if not norm.isalpha():
        return (norm,)
    american, british = _spelling_pairs()
    return tuple(dict.fromkeys((norm, american(norm), british(norm))))


def reconcile(ref: Reference, attempt: str) -> tuple[list[str], list[int], list[int]]:
    """The attempt's tokens (as :func:`scan` gives them) with harmless variants rewritten to the script's tokens
    (see the module docstring)."""
    vocab = ref.vocab
    norms, starts, ends = scan(attempt)
    known = list(map(vocab.__contains__, norms))
    marks = _MARKS_RE.search(attempt) is not None
    if all(known) and not marks:
        return norms, starts, ends
    if not attempt.isascii():
        norms, starts, ends, known = _simplified(vocab, attempt, norms, starts, ends, known)
    candidates = set(compress(range(len(known)), map(not_, known)))
    apostrophes: set[int] = set()  # tokens of written words with an apostrophe ("it's" for the script's "its")
    if marks:
        for m in _MARKS_RE.finditer(attempt):
            j = bisect_right(starts, m.start()) - 1
            if m.group() == "-":
                candidates.update((j, j + 1))  # "check-in": perhaps one script word
            else:
                apostrophes.add(j)
        candidates |= apostrophes
    index = _index(ref)
    out_n: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    pos = 0
    n = len(norms)
    prefixes = index.prefixes
    for i in sorted(c for c in candidates if 0 <= c < n):
        while i > 0 and starts[i - 1] == starts[i]:  # start at the first token of a written word ("it's")
            i -= 1
        if i < pos:
            continue
        edit = _apostrophe(index, attempt, norms, starts, ends, known, i) if apostrophes else None
        if edit is None and not known[i] and (i + 1 == n or starts[i + 1] != starts[i]):
            variant = _word_variant(index, norms[i])
            edit = (i, i + 1, variant) if variant is not None else None
        for first in range(max(pos, i - _MAX_PARTS + 1), i + 1):
            if edit is not None:
                break
            if norms[first] in prefixes:  # the usual case, one set lookup: no script word starts like this
                edit = _merge(index, attempt, norms, starts, ends, known, first, i)
        if edit is None:
            continue
        i0, i1, new = edit
        out_n += norms[pos:i0]
        out_s += starts[pos:i0]
        out_e += ends[pos:i0]
        span = (starts[i0], ends[i1 - 1])
        out_n += new
        out_s += [span[0]] * len(new)
        out_e += [span[1]] * len(new)
        pos = i1
    if pos == 0:
        return norms, starts, ends
    out_n += norms[pos:]
    out_s += starts[pos:]
    out_e += ends[pos:]
    return out_n, out_s, out_e


def _simplified(
    vocab: Mapping[str, int],
    attempt: str,
    norms: list[str],
    starts: list[int],
    ends: list[int],
    known: list[bool],
) -> tuple[list[str], list[int], list[int], list[bool]]:
    """Rescan the attempt with its traditional characters that the script lacks written in simplified.

    Why a rescan rather than a token rewrite: a traditional numeral (兩, 萬) must become a figure the way the
    simplified one does.  OpenCC's character conversion keeps the length, so every span stays where it was.
    """
    table = {}
    for norm, k in zip(norms, known, strict=True):
        if not k and len(norm) == 1 and CJK_RE.match(norm):
            simple = canonical(norm)
            if simple != norm:
                table[ord(norm)] = simple
    if not table:
        return norms, starts, ends, known
    n2, s2, e2 = scan(attempt.translate(table))
    return n2, s2, e2, list(map(vocab.__contains__, n2))


def _apostrophe(
    index: _Index,
    attempt: str,
    norms: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    known: Sequence[bool],
    i: int,
) -> tuple[int, int, tuple[str, ...]] | None:
    """A written word with an apostrophe ("it's", "customer's") at token ``i`` that is a script word without it
    and is not itself written so in the script (the script's "valve's" stays "valve's" beside its "valves")."""
    raw = attempt[starts[i] : ends[i]]
    if "'" not in raw and "\u2019" not in raw:
        return None
    j = i + 1
    while j < len(norms) and starts[j] == starts[i]:
        j += 1
    if j == i + 1 and known[i]:
        return None
    bare = fold(raw).replace("'", "")
    if bare in index.vocab and bare != norms[i] and (j == i + 1 or tuple(norms[i:j]) not in index.pairs):
        return i, j, (bare,)
    return None


def _word_variant(index: _Index, word: str) -> tuple[str, ...] | None:
    """The script tokens one unknown attempt word stands for (a split compound, a contraction without its
    apostrophe, another spelling), memoised per script."""
    if word in index.single:
        return index.single[word]
    found = index.splits.get(word)
    if found is None and word.isalpha():
        canon = index.canonical_map()
        for form in spellings(word):
            script = canon.get(form)
            if script is not None and script != word:
                found = (script,)
                break
    index.single[word] = found
    return found


def _merge(
    index: _Index,
    attempt: str,
    norms: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    known: Sequence[bool],
    i: int,
    must_cover: int,
) -> tuple[int, int, tuple[str, ...]] | None:
    """Attempt words ``i..`` (through ``must_cover`` at least) joined by spaces or hyphens that spell one script
    word ("e-mail" for "email"): merged when one of them is not a script word or a hyphen joins them."""
    joined = norms[i]
    for end in range(i + 2, min(i + _MAX_PARTS, len(norms)) + 1):
        joined += norms[end - 1]
        if end <= must_cover:
            continue
        if joined in index.vocab:
            break
        if joined not in index.prefixes:
            return None
    else:
        return None
    parts = range(i, end)
    if not all(norms[t].isalpha() for t in parts) or any(starts[t] == starts[t - 1] for t in parts[1:]):
        return None  # only plain words, none of them part of a contraction
    if any(attempt[ends[t - 1] : starts[t]].strip() not in _SEPARATORS for t in parts[1:]):
        return None
    if all(known[i:end]) and "-" not in attempt[ends[i] : starts[end - 1]]:
        return None  # "follow up" where both are script words: only a hyphen shows it was meant as one word
    if end - i == 2 and (norms[i], norms[i + 1]) in index.pairs:
        return None  # the script itself has these two words side by side
    return i, end, (joined,)
