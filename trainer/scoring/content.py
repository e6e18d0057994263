"""Content words for meaning-level matching (objection answers, question targets).

Why: in their own words a rep says "the warranty covers five years" for "five-year warranty".  Dropping
stop words, stemming (Snowball: "costs"→"cost", "savings"/"saving"/"save"→"save") and matching in any order
inside a small window captures that, while "the/of/a" can never carry a match.  Chinese is compared
character by character with a few particles dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from rapidfuzz import fuzz
from snowballstemmer import stemmer  # type: ignore[import-untyped]

from .normalize import word_set
from .tokens import scan
from .variants import simplified

STOP_EN = word_set(
    """a an the of to in on at for from by with about as and or but if then so than that this these
    those it its itself is are was were be been being am do does did doing have has had having will
    would shall should can could may might must i me my mine myself we us our ours ourselves you
    your yours yourself yourselves he him his himself she her hers herself they them their theirs
    themselves what which who whom whose when where why how there here just also very really too
    quite some any each every both either neither only even still yet again into onto over under up
    out off through per via let get got going gone go goes such own same other another whether while
    because since until unless though although like well okay ok oh yeah"""
)
STOP_ZH = word_set(
    "的 了 吗 呢 吧 啊 呀 嗯 呃 哦 着 地 得 和 与 及 而 就 都 也 很 在 是 这 那 个 我 你 您 他 她 它 们 么"
)
FUZZY_TOKEN_MIN = 80.0
_ENGLISH = stemmer("english")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem; both sides use it, so "costs"/"costing"/"cost" meet.

    Why a maintained stemmer rather than hand rules: one alternative wording written by an author must cover its
    inflections ("keeps working", "kept working"), and hand-written suffix rules miss or mangle irregular cases.
    Non-ASCII words (Chinese is compared by character) and words with digits pass through unchanged.
    """
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    return str(_ENGLISH.stemWord(word))


def content_tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """Stemmed content words (CJK: characters, in simplified form) with their spans in ``text``."""
    norms, starts, ends = scan(simplified(text))
    out: tuple[list[str], list[int], list[int]] = ([], [], [])
    for norm, start, end in zip(norms, starts, ends, strict=True):
        if norm in STOP_EN or norm in STOP_ZH:
            continue
        out[0].append(stem(norm))
        out[1].append(start)
        out[2].append(end)
    return out


def token_similarity(a: str, b: str) -> float:
    """100 for the same stem, fuzzy 80–99 for close longer words ("warranty"/"waranty"), else 0."""
    if a == b:
        return 100.0
    if len(a) >= 4 and len(b) >= 4 and a.isascii() and b.isascii() and a.isalpha() and b.isalpha():
        return fuzz.ratio(a, b, score_cutoff=FUZZY_TOKEN_MIN)
    return 0.0


def coverage(point: Sequence[str], tokens: Sequence[str], slack: int) -> tuple[float, int, int]:
    """How much of ``point`` appears, in any order, within ``len(point) + slack`` consecutive ``tokens``.

    Returns ``(similarity 0–100, first token, end token)`` of the best window (-1, -1 when nothing).
    """
    best = (0.0, -1, -1)
    for window in windows(point, tokens, slack):
        if window[0] > best[0]:
            best = window
    return best


def windows(point: Sequence[str], tokens: Sequence[str], slack: int) -> Iterator[tuple[float, int, int]]:
    """Every candidate window of :func:`coverage`, in the order of its first token.

    Why all of them: an answer may say a point twice, once wrongly ("…stop working… no, they keep working"); the
    objection scorer looks for a window that *agrees* with the point, not just the one with the most words.
    """
    if not point or not tokens:
        return
    cache: dict[tuple[str, str], float] = {}
    hits: list[list[tuple[int, float]]] = []
    for p in point:
        row = []
        for j, t in enumerate(tokens):
            key = (p, t)
            if key not in cache:
                cache[key] = token_similarity(p, t)
            if cache[key]:
                row.append((j, cache[key]))
        hits.append(row)
    width = len(point) + slack
    for start in sorted({j for row in hits for j, _ in row}):
        total, first, last = 0.0, len(tokens), -1
        used: set[int] = set()
        for row in hits:
            # a word the point repeats ("line by line") takes another token if the window has one
            inside = [(s, j) for j, s in row if start <= j < start + width and j not in used] or [
                (s, j) for j, s in row if start <= j < start + width
            ]
            if inside:
                s, j = max(inside, key=lambda hit: (hit[0], -hit[1]))  # best, then earliest
                total += s
                used.add(j)
                first, last = min(first, j), max(last, j)
        yield total / len(point), first, last + 1


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Order-free similarity of two content-word lists (``token_set_ratio``), 0 when either is empty."""
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(" ".join(a), " ".join(b)))
