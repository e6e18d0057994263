"""Word alignment: which script word each said word belongs to.

How: every comparison form is mapped to an integer id and rapidfuzz's Levenshtein opcodes align the
two id lists in C (bit-parallel, banded by a distance hint — fast even for 20,000 words).  Runs of
non-equal opcodes form *gaps*; inside a gap, words said exactly right are matched first (an order-keeping
longest common subsequence of the gap), so a filler or an inserted word never turns the right words that follow
it into misses or typos of themselves.  In what is left, a small order-keeping DP pairs near-misses first (typos,
"cost"/"costs", "yuo"/"you", 的/得: see :func:`near_score`) and then, in gaps of at most 3 words a side, pairs
the rest slot for slot as substitutions (a word said instead of another); in longer gaps they are missed + extra.
Fillers are never paired as substitutes.  Numbers and negators cannot be near-misses; a CJK character is near
only when it sounds the same (same toneless pinyin), the slip a pinyin input method makes.

Moved blocks: the alignment is monotonic, so a sentence said in the wrong place first shows up as
missed script words plus extra said words.  Afterwards, runs of ≥ 3 identical words between a missed
run and an extra run are re-matched as *moved*: the rep did say them, and the order component (and a
small credit cut) charges the misplacement instead of a full miss.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel, Levenshtein

from .filler import is_filler_word
from .fixes import NEGATORS
from .lexicon import is_english_word, same_pinyin
from .normalize import CJK_RE

MATCHED, NEAR, SUBSTITUTED, MISSED = 0, 1, 2, 3
STATUS_NAMES = ("matched", "near", "substituted", "missed")
NEAR_THRESHOLD = 75.0
MIN_MOVED_RUN = 3
_DP_LIMIT = 900  # cells; in larger gaps (a wholly different text) only slot-for-slot near-misses pair
SUBSTITUTION_MAX_GAP = 3  # a word said *instead of* another is a local slip; in longer gaps it is just missed
SHORT_WORD = 3  # words up to this length are near only as a typo that is no real word (see near_score)
SHORT_TYPO_SCORE = 75.0  # similarity given to a one-edit typo of a 2–3-letter word ("yuo" for "you")
SAME_SOUND_SCORE = 80.0  # similarity given to a same-pinyin character (的 for 得)
#: A negation said wrong flips the sentence: it is right or wrong, never 'nearly right'.
NEVER_NEAR = NEGATORS | frozenset({"非", "无", "未", "别", "没", "不"})


def near_eligible(norm: str) -> bool:
    """Words of 2+ letters and CJK characters can be 'nearly right'; numbers and negators are right or wrong."""
    if not norm or norm in NEVER_NEAR or norm[0].isdigit():
        return False
    return len(norm) >= 2 or CJK_RE.match(norm) is not None


@lru_cache(maxsize=65_536)
def near_score(ref: str, att: str) -> float:
    """How nearly ``att`` is ``ref`` (0 when it is not a near-miss); both are :func:`near_eligible`.

    Words of 4+ letters: ``fuzz.ratio`` ≥ 75 ("cost"/"costs").  Short words (2–3 letters): one edit or one
    transposition ("yuo", "teh", "fo", "adn"), and only when the typed word is no real English word — a short
    word changed into another real one usually changes the meaning, so "now" for "not", "on" for "in", "he" for
    "we", "they" for "the" stay substitutions.  CJK: a character with the same toneless
    pinyin in any reading — the pinyin-IME slip (的/得/地, 在/再, 做/作).
    """
    if CJK_RE.match(ref):
        return SAME_SOUND_SCORE if len(att) == 1 and CJK_RE.match(att) and same_pinyin(ref, att) else 0.0
    if CJK_RE.match(att):
        return 0.0
    if len(ref) > SHORT_WORD:
        return fuzz.ratio(ref, att, score_cutoff=NEAR_THRESHOLD) if len(att) >= 3 else 0.0
    if att.isalpha() and OSA.distance(ref, att, score_cutoff=1) == 1 and not is_english_word(att):
        return SHORT_TYPO_SCORE
    return 0.0


class Alignment:
    """Result of :func:`align`: per reference token its status and attempt position, plus extras."""

    __slots__ = ("codes", "extras", "moved", "paired", "ref_att")

    def __init__(
        self,
        codes: list[int],
        ref_att: list[int],
        extras: list[tuple[int, int]],
        moved: set[int],
        paired: list[int],
    ):
        self.codes = codes  # status code per reference token
        self.ref_att = ref_att  # attempt index per reference token, -1 when missed
        self.extras = extras  # (attempt index, reference index it was said before), ascending
        self.moved = moved  # reference indices matched out of order
        self.paired = paired  # reference indices said as near-miss or substitution, ascending

    def order(self) -> tuple[int, int]:
        """(words said in the script's order, words said): longest increasing run of attempt positions."""
        if not self.moved:  # alignment is monotonic: everything said is in order
            count = self.codes.count(MATCHED) + self.codes.count(NEAR)
            return count, count
        said = [j for j, c in zip(self.ref_att, self.codes, strict=True) if c <= NEAR and j >= 0]
        tails: list[int] = []
        for j in said:
            k = bisect_left(tails, j)
            if k == len(tails):
                tails.append(j)
            else:
                tails[k] = j
        return len(tails), len(said)


class Vocabulary(dict[str, int]):
    """Comparison form → integer id for the reference; words outside it map to -1 (never equal)."""

    def __missing__(self, key: str) -> int:
        return -1


def align(
    ref_norms: Sequence[str],
    ref_ids: Sequence[int],
    ref_near: Sequence[bool],
    vocab: Vocabulary,
    att_norms: Sequence[str],
) -> Alignment:
    """Align attempt tokens to reference tokens (ids from ``vocab``; unknown attempt words get -1)."""
    n = len(ref_ids)
    att_ids = list(map(vocab.__getitem__, att_norms))
    codes = [MISSED] * n
    ref_att = [-1] * n
    extras: list[tuple[int, int]] = []
    missed_runs: list[tuple[int, int]] = []
    paired: list[int] = []
    hint = max(8, abs(n - len(att_ids)) + (n + len(att_ids)) // 16)
    gap: list[int] | None = None
    # as_list() gives plain (tag, i1, i2, j1, j2) tuples; rapidfuzz's stubs call them Opcode, whose items are int | str.
    ops = cast(
        "list[tuple[str, int, int, int, int]]",
        Levenshtein.opcodes(ref_ids, att_ids, score_hint=hint).as_list() if n or att_ids else [],
    )
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            if gap:
                _resolve_gap(gap, ref_norms, ref_near, att_norms, codes, ref_att, extras, missed_runs, paired)
                gap = None
            codes[i1:i2] = [MATCHED] * (i2 - i1)
            ref_att[i1:i2] = range(j1, j2)
        elif gap is None:
            gap = [i1, i2, j1, j2]
        else:
            gap[1], gap[3] = i2, j2
    if gap:
        _resolve_gap(gap, ref_norms, ref_near, att_norms, codes, ref_att, extras, missed_runs, paired)
    moved: set[int] = set()
    if missed_runs and len(extras) >= MIN_MOVED_RUN:
        extras = _match_moved(missed_runs, extras, ref_norms, att_norms, codes, ref_att, moved)
    return Alignment(codes, ref_att, extras, moved, paired)


def _resolve_gap(
    gap: list[int],
    ref_norms: Sequence[str],
    ref_near: Sequence[bool],
    att_norms: Sequence[str],
    codes: list[int],
    ref_att: list[int],
    extras: list[tuple[int, int]],
    missed_runs: list[tuple[int, int]],
    paired: list[int],
) -> None:
    a, b, c, d = gap
    if c == d:  # the commonest gaps, settled here without a further call: words dropped, or words added
        missed_runs.append((a, b))
        return
    if a == b:
        extras.extend((j, b) for j in range(c, d))
        return
    if b - a > 1 or d - c > 1:
        for sub in _split_on_exact(a, b, c, d, ref_norms, att_norms, codes, ref_att):
            _resolve_plain_gap(sub, ref_norms, ref_near, att_norms, codes, ref_att, extras, missed_runs, paired)
        return
    _resolve_plain_gap(gap, ref_norms, ref_near, att_norms, codes, ref_att, extras, missed_runs, paired)


def _split_on_exact(
    a: int,
    b: int,
    c: int,
    d: int,
    ref_norms: Sequence[str],
    att_norms: Sequence[str],
    codes: list[int],
    ref_att: list[int],
) -> list[list[int]]:
    """Match words said exactly right inside a gap first; return the smaller gaps left between them.

    Why: Levenshtein ties (a filler before a run, a word swapped for its neighbour) can pair a script word with
    a different said word while the identical said word sits one place away, which then reads as a typo of
    itself ('Say "warn" — you said "warn"').  An order-keeping longest common subsequence (rapidfuzz's Indel
    opcodes, in C) of the gap claims every identical word first; near-misses and substitutions are paired only
    in what is left.
    """
    ref_part, att_part = ref_norms[a:b], att_norms[c:d]
    if a == b or c == d or set(ref_part).isdisjoint(att_part):
        return [[a, b, c, d]]
    subs: list[list[int]] = []
    ops = cast("list[tuple[str, int, int, int, int]]", Indel.opcodes(ref_part, att_part).as_list())
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            codes[a + i1 : a + i2] = [MATCHED] * (i2 - i1)
            ref_att[a + i1 : a + i2] = range(c + j1, c + j2)
        elif subs and subs[-1][1] == a + i1 and subs[-1][3] == c + j1:
            subs[-1][1], subs[-1][3] = a + i2, c + j2
        else:
            subs.append([a + i1, a + i2, c + j1, c + j2])
    return subs


def _resolve_plain_gap(
    gap: list[int],
    ref_norms: Sequence[str],
    ref_near: Sequence[bool],
    att_norms: Sequence[str],
    codes: list[int],
    ref_att: list[int],
    extras: list[tuple[int, int]],
    missed_runs: list[tuple[int, int]],
    paired: list[int],
) -> None:
    """Pair a gap that holds no word said exactly right: near-misses, then local substitutions."""
    a, b, c, d = gap
    if c == d:  # the fast paths below cover most gaps: one word dropped, added or swapped
        missed_runs.append((a, b))
        return
    if a == b:
        extras.extend((j, b) for j in range(c, d))
        return
    if b - a == 1 and d - c == 1:
        gain = _gain(ref_norms[a], ref_near[a], att_norms[c])
        if gain > 0:
            paired.append(a)
            codes[a] = NEAR if gain > 1 else SUBSTITUTED
            ref_att[a] = c
        else:
            missed_runs.append((a, b))
            extras.append((c, b))
        return
    pairs = _pair(a, b, c, d, ref_norms, ref_near, att_norms) if a < b and c < d else []
    for i, j, near in pairs:
        paired.append(i)
        codes[i] = NEAR if near else SUBSTITUTED
        ref_att[i] = j
    paired_att = {j for _, j, _ in pairs}
    k = 0
    for j in range(c, d):
        if j in paired_att:
            continue
        while k < len(pairs) and pairs[k][1] < j:
            k += 1
        extras.append((j, pairs[k][0] if k < len(pairs) else b))
    run_start = None
    for i in range(a, b + 1):
        if i < b and codes[i] == MISSED:
            run_start = i if run_start is None else run_start
        elif run_start is not None:
            missed_runs.append((run_start, i))
            run_start = None


def _pair(
    a: int,
    b: int,
    c: int,
    d: int,
    ref_norms: Sequence[str],
    ref_near: Sequence[bool],
    att_norms: Sequence[str],
) -> list[tuple[int, int, bool]]:
    """Order-keeping pairs (ref index, attempt index, is-near) inside one gap."""
    k, m = b - a, d - c
    local = k <= SUBSTITUTION_MAX_GAP and m <= SUBSTITUTION_MAX_GAP
    if k * m > _DP_LIMIT:
        return [
            (a + t, c + t, True)
            for t in range(min(k, m))
            if _gain(ref_norms[a + t], ref_near[a + t], att_norms[c + t], False) > 1
        ]
    gains = [
        [_gain(ref_norms[i], ref_near[i], att_norms[j], local) for j in range(c, d)] for i in range(a, b)
    ]
    if k == 1 and m == 1:
        g = gains[0][0]
        return [(a, c, g > 1)] if g > 0 else []
    best = [[0.0] * (m + 1) for _ in range(k + 1)]
    for x in range(1, k + 1):
        row, prev, grow = best[x], best[x - 1], gains[x - 1]
        for y in range(1, m + 1):
            g = grow[y - 1]
            diag = prev[y - 1] + g if g > 0 else 0.0
            row[y] = max(prev[y], row[y - 1], diag)
    pairs = []
    x, y = k, m
    while x > 0 and y > 0:
        g = gains[x - 1][y - 1]
        if g > 0 and best[x][y] == best[x - 1][y - 1] + g:
            pairs.append((a + x - 1, c + y - 1, g > 1))
            x, y = x - 1, y - 1
        elif best[x][y] == best[x - 1][y]:
            x -= 1
        else:
            y -= 1
    pairs.reverse()
    return pairs


def _gain(ref: str, ref_near: bool, att: str, substitute: bool = True) -> float:
    """Pairing value: near-miss 1000+similarity, substitution 1 (if allowed), filler 0 (never paired)."""
    if ref_near and near_eligible(att):
        score = near_score(ref, att)
        if score:
            return 1000.0 + score
    return 1.0 if substitute and not is_filler_word(att) else 0.0


def _match_moved(
    missed_runs: list[tuple[int, int]],
    extras: list[tuple[int, int]],
    ref_norms: Sequence[str],
    att_norms: Sequence[str],
    codes: list[int],
    ref_att: list[int],
    moved: set[int],
) -> list[tuple[int, int]]:
    """Re-match identical runs (≥ MIN_MOVED_RUN words) of missed script words and extra said words."""
    free = {j for j, _ in extras}
    index: dict[tuple[str, ...], list[int]] = {}
    for j, _ in extras:
        if j + 1 in free and j + 2 in free:
            index.setdefault((att_norms[j], att_norms[j + 1], att_norms[j + 2]), []).append(j)
    if not index:
        return extras
    for start, end in missed_runs:
        i = start
        while i + MIN_MOVED_RUN <= end:
            length = 0
            for j in index.get((ref_norms[i], ref_norms[i + 1], ref_norms[i + 2]), ()):
                if j not in free:
                    continue
                length = 0
                while (
                    i + length < end and j + length in free and ref_norms[i + length] == att_norms[j + length]
                ):
                    length += 1
                if length >= MIN_MOVED_RUN:
                    for t in range(length):
                        codes[i + t] = MATCHED
                        ref_att[i + t] = j + t
                        moved.add(i + t)
                        free.discard(j + t)
                    break
            i += length if length >= MIN_MOVED_RUN else 1
    return [e for e in extras if e[0] in free]
