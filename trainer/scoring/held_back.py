"""Gold means the customer heard the script: the reasons a recitation is held below Gold, whatever its score.

Why a rule beside the formula: the score is an average, and one wrong figure in 800 words moves an average by
a fraction of a point, while the customer hears a false claim.  So a recitation is capped at
:data:`HELD_BACK_CAP` (at most Silver) when any of these holds — most serious first:

1. **a figure** of the script (a number in digits or words, a percentage, money, a duration) was said as a
   different value or left out;
2. **a negation** of the script ("not", "no", "never", 不, 没 … see :data:`~.fixes.NEGATORS`) was replaced, or
   left out of a clause that was otherwise said (a claim turned into its opposite);
3. **a critical key phrase** (marked ``critical: true`` in the content) was not said;
4. **a whole sentence** of the script was left out;
5. **a different word** was said in a script word's place (a substitution, not a near-miss; one function word
   said for another does not count).

Each reason is one plain sentence naming what was said and what the script says; the first is also the rep's
first fix.  What does not depend on the attempt (where figures, negations and sentences are) is computed once
per script in :class:`FactMap`, so the per-keystroke cost is a walk over a few dozen positions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .align import MISSED, NEAR, SUBSTITUTED, Alignment
from .content import STOP_EN, STOP_ZH
from .filler import is_filler_word
from .fixes import NEGATORS
from .normalize import CJK_RE
from .results import KeyPhraseResult

#: The highest score a held-back recitation keeps: the top of Silver.
HELD_BACK_CAP = 89.0
FIGURE, NEGATION, CRITICAL, SENTENCE, WORD = range(5)  # seriousness, most serious first
_UNITS = frozenset({"percent", "dollars", "euros", "pounds", "yuan", "rupees", "times"})
_SENTENCE_END = frozenset(".!?。！？;；")
_CJK_FIGURE_CONTEXT = 4  # characters after a Chinese figure quoted with it: 两个多小时
_QUOTE_WORDS, _QUOTE_CHARS = 8, 24
_NEGATING_PREFIXES = frozenset({"un", "in", "im", "ir", "il", "non", "non-", "dis"})
_NOT_LETTERS = re.compile(r"[\W_]+")
MAX_WORD_REASONS = 5  # "a different word" reasons listed; more slips than that need re-reading, not a list
_MAX_REPLACED_RUN = 6  # script tokens (Chinese: characters) said as other words and still "a word", not a stretch
MAX_NEGATION_RUN = 3  # "does not" / 没有 dropped together still reverse the claim; a longer gap is a missing clause


def is_figure(norm: str, text: str) -> bool:
    """A number token is a fact, except the Chinese 一 alone, which is mostly part of a word (一起, 一直, 统一)."""
    return norm.replace(".", "", 1).isdigit() and text != "一"


def is_stop(norm: str) -> bool:
    return norm in STOP_EN or norm in STOP_ZH


def short_quote(text: str) -> str:
    """A quote short enough for one line: the first words, or for Chinese the first characters."""
    words = text.split()
    if len(words) > _QUOTE_WORDS:
        return " ".join(words[:_QUOTE_WORDS]) + "…"
    if len(words) == 1 and len(text) > _QUOTE_CHARS and CJK_RE.search(text):
        return text[:_QUOTE_CHARS] + "…"
    return " ".join(words)


class FactMap:
    """Where the script's figures, negations and sentences are (global token indices)."""

    __slots__ = ("content_first", "figure_at", "figures", "negators", "sentence_of", "sentences", "stop")

    def __init__(
        self,
        norms: Sequence[str],
        texts: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        sec_of: Sequence[int],
        section_texts: Sequence[str],
    ):
        n = len(norms)
        self.stop = [is_stop(norm) for norm in norms]
        self.sentences: list[tuple[int, int]] = []
        self.sentence_of = [0] * n
        first = 0
        for i in range(n):
            last = i + 1 == n or sec_of[i + 1] != sec_of[i]
            if not last:
                between = section_texts[sec_of[i]][ends[i] : starts[i + 1]]
                last = not _SENTENCE_END.isdisjoint(between)
            if last:
                self.sentence_of[first : i + 1] = [len(self.sentences)] * (i + 1 - first)
                self.sentences.append((first, i + 1))
                first = i + 1
        self.negators = [i for i, norm in enumerate(norms) if norm in NEGATORS]
        #: per sentence, its first content word (or its first word): a sentence whose first content word was
        #: said was not left out, which settles most sentences without a closer look
        self.content_first = [next((i for i in range(s0, s1) if not self.stop[i]), s0) for s0, s1 in self.sentences]
        #: (figure token, first and end token of the words quoted with it)
        self.figures: list[tuple[int, int, int]] = []
        for i, norm in enumerate(norms):
            if not is_figure(norm, texts[i]):
                continue
            s1 = self.sentences[self.sentence_of[i]][1]
            end = i + 1
            while end < s1 and (norms[end] in _UNITS or starts[end] < ends[end - 1]):
                end += 1  # "62%" is "62", "percent" on one span; "62 percent" two words
            if end == i + 1 and end < s1:
                if CJK_RE.match(texts[i][-1]):
                    while end < min(s1, i + 1 + _CJK_FIGURE_CONTEXT) and ends[end - 1] == starts[end]:
                        end += 1
                else:
                    end += 1  # "eleven hours": the word after a bare number says what it counts
            self.figures.append((i, i, end))
        self.figure_at = {i for i, _, _ in self.figures}


@dataclass(frozen=True)
class Reason:
    seriousness: int
    position: int
    text: str
    covers: tuple[int, int]  # the script tokens the reason speaks for (the other fixes leave them alone)


class Quoter:
    """Quotes the script and the attempt for the reasons of one recitation."""

    def __init__(
        self,
        al: Alignment,
        texts: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        sec_of: Sequence[int],
        section_texts: Sequence[str],
        attempt: str,
        att_norms: Sequence[str],
        att_starts: Sequence[int],
        att_ends: Sequence[int],
    ):
        self.al, self.texts, self.starts, self.ends, self.sec_of = al, texts, starts, ends, sec_of
        self.section_texts, self.attempt, self.att_starts, self.att_ends = section_texts, attempt, att_starts, att_ends
        self.att_norms = att_norms
        self._before: dict[int, list[int]] | None = None  # script index → extra words said before it (built once)

    def script(self, i0: int, i1: int) -> str:
        return short_quote(self.section_texts[self.sec_of[i0]][self.starts[i0] : self.ends[i1 - 1]])

    def said(self, i0: int, i1: int, extras: tuple[int, int] | None = None) -> str | None:
        """What the rep said in place of script words ``i0:i1``: the words aligned to them, and the extra words
        (not fillers) said before a script word in ``extras`` (inclusive index range)."""
        positions = [j for j in self.al.ref_att[i0:i1] if j >= 0]
        if extras is not None:
            positions += self.extras_in(*extras)
        if not positions:
            return None
        return short_quote(self.attempt[self.att_starts[min(positions)] : self.att_ends[max(positions)]])

    def extras_in(self, lo: int, hi: int) -> list[int]:
        """Attempt positions of the extra words (not fillers) said before script words ``lo``…``hi``."""
        if self._before is None:
            self._before = {}
            for j, before in self.al.extras:
                if not is_filler_word(self.att_norms[j]):
                    self._before.setdefault(before, []).append(j)
        return [j for before in range(lo, hi + 1) for j in self._before.get(before, ())]


def held_back_reasons(
    facts: FactMap,
    al: Alignment,
    norms: Sequence[str],
    att_norms: Sequence[str],
    quoter: Quoter,
    phrases: Sequence[KeyPhraseResult],
) -> list[Reason]:
    """Every reason the recitation is held below Gold, most serious first (empty: Gold is open to it)."""
    codes = al.codes
    reasons: list[Reason] = []
    dropped = {
        k
        for k, (s0, s1) in enumerate(facts.sentences)
        if codes[facts.content_first[k]] == MISSED and s1 - s0 >= 2 and _left_out(facts, codes, s0, s1)
    }
    for k in sorted(dropped):
        s0, s1 = facts.sentences[k]
        reasons.append(Reason(SENTENCE, s0, f'You left out the sentence "{quoter.script(s0, s1)}".', (s0, s1)))
    for i, q0, q1 in facts.figures:
        if codes[i] not in (MISSED, SUBSTITUTED) or facts.sentence_of[i] in dropped:
            continue
        script = quoter.script(q0, q1)
        replaced = codes[i] == SUBSTITUTED or quoter.extras_in(i + 1, q1)
        said = quoter.said(q0, q1, (q0 + 1, q1 - 1)) if replaced else None
        if said and said.casefold() != script.casefold():
            text = f'You said "{said}" — the script says "{script}".'
        else:
            text = f'You left out the figure "{script}".'
        reasons.append(Reason(FIGURE, i, text, (q0, q1)))
    for i in facts.negators:
        if facts.sentence_of[i] in dropped:
            continue
        code = codes[i]
        if code == SUBSTITUTED and att_norms[al.ref_att[i]] not in NEGATORS:
            said = quoter.said(i, i + 1)
            text = f'You said "{said}" instead of "{quoter.texts[i]}" — that says the opposite of the script.'
            reasons.append(Reason(NEGATION, i, text, (i, i + 1)))
        elif code == MISSED and _clause_said(facts, codes, i) and not _same_letters(i, i + 1, codes, quoter):
            s0, s1 = facts.sentences[facts.sentence_of[i]]
            context = quoter.script(max(s0, i - 3), min(s1, i + 4))
            text = f'You left out "{quoter.texts[i]}" in "{context}" — without it you say the opposite.'
            reasons.append(Reason(NEGATION, i, text, (i, i + 1)))
    for i in al.paired:
        if codes[i] == NEAR and _opposite_prefix(norms[i], att_norms[al.ref_att[i]]):
            said = quoter.said(i, i + 1)
            text = f'You said "{said}" instead of "{quoter.texts[i]}" — that says the opposite of the script.'
            reasons.append(Reason(NEGATION, i, text, (i, i + 1)))
    for p in phrases:
        if p.critical and not p.found:
            if p.matched_text:
                text = f'Say the critical phrase "{p.phrase}" — you said "{short_quote(p.matched_text)}".'
            else:
                text = f'You left out the critical phrase "{p.phrase}".'
            reasons.append(Reason(CRITICAL, 0, text, (0, 0)))
    figure_at = facts.figure_at
    said_for = {i for r in reasons if r.seriousness in (FIGURE, NEGATION) for i in range(*r.covers)}
    reasons += _different_words(facts, al, norms, att_norms, quoter, dropped, figure_at, said_for)
    reasons.sort(key=lambda r: (r.seriousness, r.position))
    return reasons


def _different_words(
    facts: FactMap,
    al: Alignment,
    norms: Sequence[str],
    att_norms: Sequence[str],
    quoter: Quoter,
    dropped: set[int],
    figure_at: set[int],
    said_for: set[int],
) -> list[Reason]:
    """Different words said in script words' places, in script order, at most :data:`MAX_WORD_REASONS`.

    Candidates are found cheaply first; only the few reported are quoted (a long attempt full of slips would
    otherwise spend most of its scoring time writing sentences nobody reads).
    """
    codes = al.codes
    candidates: list[tuple[int, int, list[int] | None]] = []  # (first, end, extra words said instead or None)
    run: list[int] = []
    for i in [*al.paired, -2]:
        if run and i != run[-1] + 1:
            candidates.append((run[0], run[-1] + 1, None))
            run = []
        if i >= 0 and codes[i] == SUBSTITUTED and i not in figure_at and norms[i] not in NEGATORS:
            said_norm = att_norms[al.ref_att[i]]
            if not (facts.stop[i] and is_stop(said_norm)) and not _transposed(norms[i], said_norm):
                run.append(i)
    candidates += _replaced_runs(facts, al, dropped, figure_at, att_norms)
    candidates.sort(key=lambda c: c[0])
    reasons: list[Reason] = []
    for a, b, said_at in candidates:
        if len(reasons) == MAX_WORD_REASONS:
            break
        if not said_for.isdisjoint(range(a, b)):
            continue  # already said as a wrong figure or a reversed negation
        script = quoter.script(a, b)
        if said_at is None:
            if _may_be_respaced(a, b, codes, quoter) and _same_letters(a, b, codes, quoter):
                continue
            said = quoter.said(a, b, (a, b - 1))
        else:
            said = short_quote(quoter.attempt[quoter.att_starts[min(said_at)] : quoter.att_ends[max(said_at)]])
            if _letters(said) == _letters(script):
                continue
        reasons.append(Reason(WORD, a, f'You said "{said}" instead of "{script}".', (a, b)))
    return reasons


def _opposite_prefix(script: str, said: str) -> bool:
    """ "unplanned" for "planned" (or the other way round): a near-miss in spelling, the opposite in meaning."""
    short, long = sorted((script, said), key=len)
    return long.endswith(short) and long[: len(long) - len(short)] in _NEGATING_PREFIXES


def _replaced_runs(
    facts: FactMap,
    al: Alignment,
    dropped: set[int],
    figure_at: set[int],
    att_norms: Sequence[str],
) -> list[tuple[int, int, list[int] | None]]:
    """Script words left out where other words were said in their place — a different word, said at length.

    The aligner pairs substitutions slot for slot only in short gaps; "制造业" for "现场服务" (three characters
    for four) or two words for three is a missed run with extra words at the same place.  Spellings that differ
    only in spaces and hyphens ("followup" for "follow-up") are not a different word (checked when quoted).
    """
    codes = al.codes
    here: dict[int, list[int]] = {}
    for j, before in al.extras:
        if not is_filler_word(att_norms[j]):
            here.setdefault(before, []).append(j)
    runs: list[tuple[int, int, list[int] | None]] = []
    for end, said_at in here.items():
        start = end
        while start > 0 and codes[start - 1] == MISSED and start - 1 not in figure_at:
            start -= 1
        size = end - start
        if not 0 < size <= _MAX_REPLACED_RUN or len(said_at) > 2 * size + 1:
            continue
        if facts.sentence_of[start] in dropped or all(facts.stop[i] for i in range(start, end)):
            continue
        runs.append((start, end, said_at))
    return runs


def _may_be_respaced(a: int, b: int, codes: Sequence[int], quoter: Quoter) -> bool:
    """Whether substituted words ``a:b`` have anything beside them (a left-out word, the other half of a written
    word, an extra word) that could make them the script's letters spaced differently — cheap, so the quoting in
    :func:`_same_letters` runs only then."""
    starts, n = quoter.starts, len(codes)
    if a > 0 and (codes[a - 1] == MISSED or starts[a - 1] == starts[a]):
        return True
    if b < n and (codes[b] == MISSED or starts[b] == starts[b - 1]):
        return True
    return bool(quoter.extras_in(a, b))


def _same_letters(a: int, b: int, codes: Sequence[int], quoter: Quoter) -> bool:
    """Whether substituted words ``a:b``, with the script words left out beside them and the words said among
    them, are the script's letters spaced or hyphenated differently ("Flow Guard" for "FlowGuard")."""
    sec, starts = quoter.sec_of, quoter.starts
    while a > 0 and sec[a - 1] == sec[a] and (codes[a - 1] == MISSED or starts[a - 1] == starts[a]):
        a -= 1  # the words left out beside them, and the other half of a written "doesn't"
    while b < len(codes) and sec[b] == sec[b - 1] and (codes[b] == MISSED or starts[b] == starts[b - 1]):
        b += 1
    said = quoter.said(a, b, (a, b))
    return said is not None and _letters(said) == _letters(quoter.script(a, b))


def _transposed(script: str, said: str) -> bool:
    """Two neighbouring letters swapped ("teh", "fo", "adn"): a slip of the fingers, never another word."""
    if len(script) != len(said) or script == said:
        return script == said
    diff = [k for k in range(len(script)) if script[k] != said[k]]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    return script[diff[0]] == said[diff[1]] and script[diff[1]] == said[diff[0]]


def _letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text.casefold())


def _left_out(facts: FactMap, codes: Sequence[int], s0: int, s1: int) -> bool:
    """A sentence is left out when none of its words was said, or only a few function words ("the", 的) that
    the rep said elsewhere and the aligner matched here."""
    missed = codes[s0:s1].count(MISSED)
    if missed == 0:
        return False  # the common case, decided in C
    said = s1 - s0 - missed
    if said == 0:
        return True
    content = [i for i in range(s0, s1) if not facts.stop[i]]
    return bool(content) and all(codes[i] == MISSED for i in content) and 3 * said <= s1 - s0


def _clause_said(facts: FactMap, codes: Sequence[int], i: int) -> bool:
    """Whether a left-out negation went alone (with at most two words beside it) from a sentence otherwise said.

    A whole clause left out is a missing stretch, not a reversed claim; "we do charge" for "we do not charge" is.
    """
    s0, s1 = facts.sentences[facts.sentence_of[i]]
    r0, r1 = i, i + 1
    while r0 > s0 and codes[r0 - 1] == MISSED:
        r0 -= 1
    while r1 < s1 and codes[r1] == MISSED:
        r1 += 1
    return r1 - r0 <= MAX_NEGATION_RUN and (r0 > s0 or r1 < s1)
