"""Content words for meaning-level matching (objection answers, question targets).

Why: in their own words a rep says "the warranty covers five years" for "five-year warranty".  Dropping
stop words, stemming lightly ("costs"→"cost", "savings"/"saving"/"save"→"sav") and matching in any order
inside a small window captures that, while "the/of/a" can never carry a match.  Chinese is compared
character by character with a few particles dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from .normalize import word_set
from .tokens import scan

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


def stem(word: str) -> str:
    """Light English suffix stripping; both sides use it, so over-stemming is harmless."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "zes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, minimum in (("ing", 6), ("ed", 5), ("ly", 6), ("al", 7)):
        if word.endswith(suffix) and len(word) >= minimum:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """Stemmed content words (CJK: characters) with their spans in ``text``."""
    norms, starts, ends = scan(text)
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
    if not point or not tokens:
        return 0.0, -1, -1
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
    best = (0.0, -1, -1)
    for start in sorted({j for row in hits for j, _ in row}):
        total, first, last = 0.0, len(tokens), -1
        for row in hits:
            inside = [(s, j) for j, s in row if start <= j < start + width]
            if inside:
                s, j = max(inside, key=lambda hit: (hit[0], -hit[1]))  # best, then earliest
                total += s
                first, last = min(first, j), max(last, j)
        similarity = total / len(point)
        if similarity > best[0]:
            best = (similarity, first, last + 1)
    return best


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Order-free similarity of two content-word lists (``token_set_ratio``), 0 when either is empty."""
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(" ".join(a), " ".join(b)))
