"""Score a word-for-word recitation of a pitch against its script.

Score formula (0–100, one decimal):

* **Word credit** per script word: matched 1.0, near-miss (typo, "cost"/"costs") 0.85, moved (part of a
  run of ≥ 3 words said in another place) 0.8, substituted (a different word in its slot, within a
  short slip of ≤ 3 words; longer stretches of other words count as missed + extra) 0.3, missed 0.
  Words inside a key phrase weigh ×3.
  ``word_accuracy = (Σ weight·credit − 0.25·extra words − 0.1·fillers) / Σ weight``, floored at 0.
  Extra words cost a quarter of a word; fillers ("um", "you know", 嗯) a tenth.
* **Key phrases**: the mean, over key phrases, of the phrase words' credit (best occurrence in the
  script).  A phrase not in the script counts its similarity (≥ 0.85) when found in the attempt.
  Without key phrases this component equals ``word_accuracy``.
* **Order**: script words said in the script's order, divided by all script words — so it rewards only
  what was said, and a swapped sentence costs its share.  ``order`` in the result is the plainer
  "share of said words that are in order" (longest increasing run of aligned positions).
* ``score = 100 · (0.75·word_accuracy + 0.15·key_phrases + 0.10·order)``, clamped to 0–100.
* **Gold means the customer heard the script.**  Whatever the formula gives, the score is capped at 89.0 (so
  the tier is at most Silver) when a figure of the script was said wrong or left out, a negation ("not", 不, 没 …)
  was replaced or dropped from a clause that was otherwise said, a critical key phrase was not said, a whole
  sentence was left out, or a different content word was said in a script word's place.  The reasons are
  ``held_back`` in the result, most serious first, and the first is the first fix (:mod:`.held_back`).

Section scores use the same formula on their own words (extras belong to the section of the word they
were said before; order there is "said words not moved").  Pace is reported and can produce a fix but
never changes the score: delivery speed is a separate skill, and a typed attempt has no real timing.

The weights are tuned so that (tested as properties): the script itself scores 100, nothing scores 0,
case and punctuation never matter, another separate mistake never raises the score, a typo costs less
than dropping the word, and dropping a key-phrase word costs more than dropping an ordinary one.

Speed: the prepared reference (tokens, ids, key-phrase positions) is cached by text, since a rep
recites the same cut attempt after attempt; only the attempt is tokenised per call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from .align import (
    MATCHED,
    MISSED,
    NEAR,
    STATUS_NAMES,
    SUBSTITUTED,
    Alignment,
    Vocabulary,
    align,
    near_eligible,
)
from .filler import filler_flags, second_of_pair
from .fixes import MAX_FIXES, NEGATORS, recitation_fixes
from .held_back import HELD_BACK_CAP, FactMap, Quoter, held_back_reasons
from .key_phrases import FOUND_THRESHOLD, AttemptText, PhraseRef, locate_phrases
from .limits import check_size
from .normalize import CJK_RE
from .pace import measure_pace
from .results import (
    Counts,
    ExtraWord,
    KeyPhraseResult,
    RecitationResult,
    SectionResult,
    WordTable,
    tier_for,
)
from .tokens import scan
from .variants import canonical, reconcile

CREDIT = (1.0, 0.85, 0.3, 0.0)  # indexed by status code: matched, near, substituted, missed
MOVED_CREDIT = 0.8
KEY_WEIGHT = 3.0
EXTRA_PENALTY = 0.25
FILLER_PENALTY = 0.1
W_WORDS, W_KEYS, W_ORDER = 0.75, 0.15, 0.10
SHOW_EXCERPT_FROM = 60.0  # key-phrase similarity from which the closest excerpt is shown


@dataclass(frozen=True)
class ReferenceSection:
    """One named part of a script; its key phrases are quoted from its text.

    ``critical_phrases`` are the key phrases a recitation must say to be Gold (a critical phrase not listed in
    ``key_phrases`` is a key phrase too).
    """

    name: str
    text: str
    key_phrases: tuple[str, ...] = ()
    critical_phrases: tuple[str, ...] = ()


class Prepared:
    """Everything about a reference that does not depend on the attempt (cached per script)."""

    __slots__ = (
        "bounds",
        "critical",
        "ends",
        "facts",
        "ids",
        "key_by_section",
        "key_mask",
        "names",
        "near",
        "norms",
        "phrases",
        "sec_of",
        "section_texts",
        "starts",
        "texts",
        "vocab",
    )

    def __init__(self, sections: Sequence[SectionKey], extra_phrases: Sequence[str], extra_critical: Sequence[str]):
        self.names = [name for name, _, _, _ in sections]
        # Per script word; kept as tuples because every result's WordTable shares them as its script columns.
        norms_all: list[str] = []
        starts_all: list[int] = []
        ends_all: list[int] = []
        texts_all: list[str] = []
        sec_of: list[int] = []
        self.bounds: list[tuple[int, int]] = []
        section_norms = []
        for s, (_, text, _, _) in enumerate(sections):
            norms, starts, ends = scan(text)
            self.bounds.append((len(norms_all), len(norms_all) + len(norms)))
            section_norms.append(norms)
            norms_all += norms
            starts_all += starts
            ends_all += ends
            texts_all += [text[a:b] for a, b in zip(starts, ends, strict=True)]
            sec_of += [s] * len(norms)
        self.norms, self.starts, self.ends = norms_all, tuple(starts_all), tuple(ends_all)
        self.texts, self.sec_of = tuple(texts_all), tuple(sec_of)
        self.vocab = Vocabulary()
        for norm in self.norms:
            if norm not in self.vocab:
                # A script that writes one character both ways (價 and 价) means one word: one id for both.
                same = canonical(norm) if CJK_RE.match(norm) else norm
                self.vocab[norm] = self.vocab.setdefault(same, len(self.vocab))
        self.ids = [self.vocab[n] for n in self.norms]
        self.near = [near_eligible(n) for n in self.norms]
        wanted: list[tuple[str, int | None]] = [
            (p, s) for s, (_, _, phrases, critical) in enumerate(sections) for p in (*phrases, *critical)
        ]
        wanted += [(p, None) for p in (*extra_phrases, *extra_critical)]
        self.phrases = locate_phrases(wanted, section_norms, [b[0] for b in self.bounds])
        critical = {" ".join(scan(p)[0]) for p in extra_critical}
        critical.update(" ".join(scan(p)[0]) for _, _, _, phrases in sections for p in phrases)
        self.critical = [pr.joined in critical for pr in self.phrases]
        self.section_texts = [text for _, text, _, _ in sections]
        self.facts = FactMap(self.norms, self.texts, self.starts, self.ends, self.sec_of, self.section_texts)
        key_mask = [False] * len(self.norms)
        for ref in self.phrases:
            for i0, i1 in ref.occurrences:
                key_mask[i0:i1] = [True] * (i1 - i0)
        self.key_mask = tuple(key_mask)
        # Key-phrase words and negations weigh more: dropping "not" says the opposite of the script.
        weighty = [mask or norm in NEGATORS for mask, norm in zip(self.key_mask, self.norms, strict=True)]
        self.key_by_section = [[i for i in range(a, b) if weighty[i]] for a, b in self.bounds]


SectionKey = tuple[str, str, tuple[str, ...], tuple[str, ...]]  # name, text, key phrases, critical phrases


@lru_cache(maxsize=16)
def prepare(
    sections: tuple[SectionKey, ...], extra_phrases: tuple[str, ...], extra_critical: tuple[str, ...] = ()
) -> Prepared:
    return Prepared(sections, extra_phrases, extra_critical)


def score_recitation(
    reference: str | Sequence[ReferenceSection],
    attempt: str,
    *,
    key_phrases: Sequence[str] = (),
    critical_phrases: Sequence[str] = (),
    target_seconds: float | None = None,
    elapsed_seconds: float | None = None,
) -> RecitationResult:
    """Score ``attempt`` against the script; see the module docstring for the formula and the Gold rule.

    ``key_phrases`` and ``critical_phrases`` add phrases to those of the sections (a critical phrase is a key
    phrase that must be said for Gold). Raises :class:`~trainer.scoring.limits.TextTooLong` when either text is
    beyond the scorer's limits.
    """
    sections = [ReferenceSection("", reference)] if isinstance(reference, str) else list(reference)
    check_size(attempt, "the attempt")
    check_size("\n".join(s.text for s in sections), "the reference")
    ref = prepare(
        tuple((s.name, s.text, tuple(s.key_phrases), tuple(s.critical_phrases)) for s in sections),
        tuple(key_phrases),
        tuple(critical_phrases),
    )
    att_norms, att_starts, att_ends = reconcile(ref, attempt)  # "dont", "colour", 設 → script's
    al = align(ref.norms, ref.ids, ref.near, ref.vocab, att_norms)
    extra_positions = [j for j, _ in al.extras]
    flags = filler_flags(extra_positions, att_norms, att_starts, attempt)
    pair_ends = second_of_pair(extra_positions, att_norms, flags)
    extras = tuple(
        ExtraWord(attempt[att_starts[j] : att_ends[j]], att_starts[j], att_ends[j], bw, f)
        for (j, bw), f in zip(al.extras, flags, strict=True)
    )
    word_credit = list(map(CREDIT.__getitem__, al.codes))  # per script word, computed once for every sum below
    for i in al.moved:
        word_credit[i] = MOVED_CREDIT
    phrase_results, phrase_credits = _key_phrases(ref, al, word_credit, attempt, att_norms, att_starts, att_ends)
    in_order, said = al.order()
    n = len(ref.norms)

    last = len(ref.bounds) - 1
    extra_section = [ref.sec_of[e.before_word] if e.before_word < n else last for e in extras]
    section_results, totals = [], [0.0, 0.0, 0.0]  # credit, weight, penalty
    all_counts = [0] * 8
    for s, (a, b) in enumerate(ref.bounds):
        own = [(e, joined) for e, joined, where in zip(extras, pair_ends, extra_section, strict=True) if where == s]
        credit, weight, counts = _section_credit(al, word_credit, a, b, ref.key_by_section[s], own)
        penalty = EXTRA_PENALTY * counts.extra + FILLER_PENALTY * counts.filler
        moved_here = sum(1 for i in al.moved if a <= i < b)
        order_words = counts.matched + counts.near - moved_here
        keys = [c for c, r in zip(phrase_credits, ref.phrases, strict=True) if r.section == s]
        section_results.append(
            SectionResult(ref.names[s], _combine(credit, weight, penalty, keys, order_words, b - a), counts)
        )
        totals[0] += credit
        totals[1] += weight
        totals[2] += penalty
        all_counts = [x + y for x, y in zip(all_counts, _count_values(counts), strict=True)]
    counts = Counts(*all_counts)
    score = _combine(totals[0], totals[1], totals[2], phrase_credits, in_order, n)
    pace = measure_pace(attempt, target_seconds, elapsed_seconds)
    words = _words(ref, al, attempt, att_starts, att_ends)
    flagged = sorted({*compress(range(n), al.codes), *al.moved})  # codes: 0 = matched
    quoter = Quoter(
        al, ref.texts, ref.starts, ref.ends, ref.sec_of, ref.section_texts, attempt, att_norms, att_starts, att_ends
    )
    said_any = counts.matched + counts.near > 0  # otherwise the one fix is "say the script", not a list of it
    reasons = held_back_reasons(ref.facts, al, ref.norms, att_norms, quoter, phrase_results) if said_any else []
    covered = {i for r in reasons for i in range(*r.covers)}
    critical_missed = {p.phrase for p in phrase_results if p.critical and not p.found} if reasons else set()
    fixes = recitation_fixes(
        sections, words, flagged, extras, phrase_results, section_results, pace, covered, critical_missed
    )
    held_back = tuple(dict.fromkeys(r.text for r in reasons))
    if held_back:
        score = min(score, HELD_BACK_CAP)
        fixes = (held_back[0], *(f for f in fixes if f != held_back[0]))[:MAX_FIXES]
    return RecitationResult(
        score,
        tier_for(score),
        counts,
        words,
        extras,
        phrase_results,
        tuple(section_results),
        round(in_order / said, 3) if said else 0.0,
        pace,
        fixes,
        held_back,
    )


def _combine(
    credit: float, weight: float, penalty: float, phrase_credits: Sequence[float], in_order: int, n: int
) -> float:
    if n == 0 or weight <= 0:
        return 0.0
    words = max(0.0, (credit - penalty) / weight)
    keys = sum(phrase_credits) / len(phrase_credits) if phrase_credits else words
    total = 100.0 * (W_WORDS * words + W_KEYS * keys + W_ORDER * in_order / n)
    return round(min(100.0, max(0.0, total)), 1)


def _count_values(c: Counts) -> tuple[int, ...]:
    return (c.reference_words, c.matched, c.near, c.substituted, c.missed, c.extra, c.filler, c.moved)


def _section_credit(
    al: Alignment,
    word_credit: Sequence[float],
    a: int,
    b: int,
    key_idx: Sequence[int],
    extras: Sequence[tuple[ExtraWord, bool]],
) -> tuple[float, float, Counts]:
    """Credit, weight and counts of the script words ``a:b``; ``extras`` pairs each extra word said there with
    whether it ends a two-word filler (counted with the word before it, not again)."""
    seg = al.codes[a:b]
    matched, near, subst, missed = (seg.count(c) for c in (MATCHED, NEAR, SUBSTITUTED, MISSED))
    moved = sum(1 for i in al.moved if a <= i < b)
    credit = matched * CREDIT[MATCHED] + near * CREDIT[NEAR] + subst * CREDIT[SUBSTITUTED]
    credit -= moved * (CREDIT[MATCHED] - MOVED_CREDIT)
    credit += (KEY_WEIGHT - 1) * sum(map(word_credit.__getitem__, key_idx))
    weight = (b - a) + (KEY_WEIGHT - 1) * len(key_idx)
    filler_words = sum(1 for e, _ in extras if e.filler)
    fillers = sum(1 for e, joined in extras if e.filler and not joined)
    return credit, weight, Counts(b - a, matched, near, subst, missed, len(extras) - filler_words, fillers, moved)


def _key_phrases(
    ref: Prepared,
    al: Alignment,
    word_credit: Sequence[float],
    attempt: str,
    att_norms: list[str],
    att_starts: list[int],
    att_ends: list[int],
) -> tuple[tuple[KeyPhraseResult, ...], list[float]]:
    results, credits = [], []
    finder: AttemptText | None = None
    for pr, critical in zip(ref.phrases, ref.critical, strict=True):
        credit, best = _best_occurrence(pr, word_credit)
        if best is not None:
            # The phrase is in the script: it was said when each of its words was said, a typo allowed
            # (numbers and CJK characters are never "near", so a wrong figure means not said).
            i0, i1 = best
            said = [al.ref_att[i] for i in range(i0, i1) if al.ref_att[i] >= 0]
            found = max(al.codes[i0:i1]) <= NEAR  # every word matched or near (codes: matched 0, near 1)
            text = attempt[att_starts[min(said)] : att_ends[max(said)]] if said else None
            similarity = 100.0 if credit >= 1.0 else round(credit * 100, 1)
            results.append(KeyPhraseResult(pr.phrase, found, similarity, text, pr.section, critical))
            credits.append(credit)
            continue
        finder = finder or AttemptText(att_norms)
        hit = finder.search(pr.joined)
        similarity = round(hit[0], 1) if hit else 0.0
        text = (
            attempt[att_starts[hit[1]] : att_ends[hit[2] - 1]]
            if hit and hit[0] >= SHOW_EXCERPT_FROM
            else None
        )
        found = similarity >= FOUND_THRESHOLD  # a phrase not in the script: only a fuzzy search can tell
        results.append(KeyPhraseResult(pr.phrase, found, similarity, text, pr.section, critical))
        credits.append(similarity / 100.0 if found else 0.0)
    return tuple(results), credits


def _best_occurrence(pr: PhraseRef, word_credit: Sequence[float]) -> tuple[float, tuple[int, int] | None]:
    best, where = 0.0, None
    for i0, i1 in pr.occurrences:
        credit = sum(word_credit[i0:i1]) / (i1 - i0)
        if where is None or credit > best:
            best, where = credit, (i0, i1)
    return best, where


def _words(
    ref: Prepared,
    al: Alignment,
    attempt: str,
    att_starts: list[int],
    att_ends: list[int],
) -> WordTable:
    n = len(ref.norms)
    texts, sections, starts, ends, key_mask = ref.texts, ref.sec_of, ref.starts, ref.ends, ref.key_mask
    if n == 0:
        return WordTable(texts, sections, starts, ends, (), (), (), (), key_mask, ())
    # One C-level gather per column (``itemgetter`` of every index): a per-word call costs 3× as much.
    pick = itemgetter(*al.ref_att) if n > 1 else lambda seq: (seq[al.ref_att[0]],)
    a_start: tuple[int | None, ...] = pick((*att_starts, None))  # -1 → None
    a_end: tuple[int | None, ...] = pick((*att_ends, None))
    said: list[str | None] = [None] * n
    for i in al.paired:
        said[i] = attempt[a_start[i] : a_end[i]]
    moved = [False] * n
    for i in al.moved:
        moved[i] = True
    statuses = itemgetter(*al.codes)(STATUS_NAMES) if n > 1 else (STATUS_NAMES[al.codes[0]],)
    return WordTable(texts, sections, starts, ends, statuses, tuple(said), a_start, a_end, key_mask, tuple(moved))


def clear_reference_cache() -> None:
    prepare.cache_clear()
