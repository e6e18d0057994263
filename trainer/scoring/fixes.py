"""The two or three things a rep should fix next, in plain words.

Why ranked: a list of every error is noise; a rep acts on the biggest few.  Each candidate gets a
priority — a missing key phrase first, then big skipped stretches, pace, swapped words, fillers — and
only the top three are turned into sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from typing import Any

from .pace import pace_fix
from .results import ExtraWord, KeyPhraseResult, PaceResult, SectionResult, WordTable

MAX_FIXES = 3
#: Words that flip a sentence's meaning: leaving one out is never a small slip.
NEGATORS = frozenset({"not", "no", "never", "cannot", "can't", "don't", "doesn't", "won't", "isn't", "aren't",
                      "without", "nothing", "none", "不", "没", "没有", "无", "未", "别"})
_SHOW_WORDS = 6
KEY_RUN_WEIGHT = 3  # a flagged key-phrase word ranks like three ordinary ones


def _quote(text: str, max_words: int = _SHOW_WORDS) -> str:
    words = text.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def _filler_phrases(extras: Sequence[ExtraWord]) -> list[str]:
    """Filler words said next to each other as one filler ("you know", "那个"), lower-cased."""
    phrases: list[str] = []
    previous: ExtraWord | None = None
    for extra in extras:
        if not extra.filler:
            previous = None
            continue
        if previous is not None and extra.attempt_start - previous.attempt_end <= 1:
            gap = " " if extra.attempt_start > previous.attempt_end else ""
            phrases[-1] += gap + extra.text.casefold()
        else:
            phrases.append(extra.text.casefold())
        previous = extra
    return phrases


def _runs(words: WordTable, flagged: Sequence[int]) -> list[tuple[str, int, int]]:
    """Maximal runs ``(kind, first, end)`` of the flagged (non-matched or moved) words, per section."""
    runs: list[tuple[str, int, int]] = []
    moved, status, section = words.moved, words.status, words.section
    for i in flagged:
        kind = "moved" if moved[i] else status[i]
        if runs and runs[-1][0] == kind and runs[-1][2] == i and section[i - 1] == section[i]:
            runs[-1] = (kind, runs[-1][1], i + 1)
        else:
            runs.append((kind, i, i + 1))
    return runs


def _unless_as_written(words: WordTable, i0: int, i1: int, make: Callable[[], str]) -> str | None:
    """The fix ``make`` gives, or None when every word was said as written: never quote the rep as having said
    what the script says."""
    said, text = words.said, words.text
    as_written = all((said[i] or "").casefold() == text[i].casefold() for i in range(i0, i1))
    return None if as_written else make()


def _negation_dropped_alone(words: WordTable, i0: int, i1: int) -> bool:
    """A negation left out of a clause that was otherwise said: a short run with a said word beside it."""
    text, section, status = words.text, words.section, words.status
    if i1 - i0 > 3 or not any(text[i].casefold() in NEGATORS for i in range(i0, i1)):
        return False
    beside = [k for k in (i0 - 1, i1) if 0 <= k < len(words) and section[k] == section[i0]]
    return any(status[k] != "missed" for k in beside)


def recitation_fixes(
    sections: Sequence[Any],
    words: WordTable,
    flagged: Sequence[int],
    extras: Sequence[ExtraWord],
    phrases: Sequence[KeyPhraseResult],
    section_results: Sequence[SectionResult],
    pace: PaceResult,
    covered: Collection[int] = frozenset(),
    covered_phrases: Collection[str] = frozenset(),
) -> tuple[str, ...]:
    """Ranked advice for one recitation (empty when there is nothing to fix).

    ``flagged`` lists, ascending, the indices of words that are not plainly matched (or were moved); ``covered``
    the words a reason for holding the recitation below Gold already speaks for (no second fix about them), and
    ``covered_phrases`` the key phrases such a reason names (a critical phrase left out).
    """
    if not any(r.counts.matched + r.counts.near for r in section_results):
        if not extras:
            return ("Say the script — nothing was said yet.",)
        return ("None of your words match the script — re-read it, then try again.",)
    candidates: list[tuple[float, Callable[..., str | None]]] = []

    # ``...``: each message is a lambda whose default arguments bind the loop variables; it is called with none.
    def add(priority: float, make: Callable[..., str | None]) -> None:
        candidates.append((priority, make))

    def script(i0: int, i1: int) -> str:
        return _quote(sections[words.section[i0]].text[words.start[i0] : words.end[i1 - 1]])

    def said(i0: int, i1: int) -> str:
        return _quote(" ".join(dict.fromkeys(w or "" for w in words.said[i0:i1])))

    for p in phrases:
        if p.phrase in covered_phrases:
            continue
        size = len(p.phrase.split())
        if not p.found and p.matched_text:
            text = f'Say the key phrase "{p.phrase}" word for word — you said "{_quote(p.matched_text, 10)}".'
            add(100 + size, lambda text=text: text)
        elif not p.found:
            add(100 + size, lambda p=p: f'Say the key phrase "{p.phrase}" — it was missing.')
        elif p.similarity < 100 and p.matched_text:
            add(
                40 + size, lambda p=p: f'Get the key phrase "{p.phrase}" exact — you said "{p.matched_text}".'
            )

    flagged_sections = set()
    for s, result in enumerate(section_results):
        missed = result.counts.missed
        if missed >= 3 and missed >= 0.1 * result.counts.reference_words:
            flagged_sections.add(s)
            if result.name:
                text = f'You skipped {missed} words in "{result.name}" — re-read that section.'
            else:
                text = f"You skipped {missed} words — re-read the parts you left out."
            add(10 + 2 * missed, lambda text=text: text)

    phrase_fixed = any(not p.found or p.similarity < 100 for p in phrases)
    # One cheap pass per run (a long attempt has a hundred of them); the checks that quote words run only for the
    # few fixes that are shown, inside the message makers (a maker returning None is skipped).
    for kind, i0, i1 in _runs(words, flagged):
        size = i1 - i0
        keys = (1 if words.key_phrase[i0] else 0) if size == 1 else sum(words.key_phrase[i0:i1])
        weight = size + (KEY_RUN_WEIGHT - 1) * keys
        if kind != "moved":
            if phrase_fixed and keys == size:
                continue  # the key-phrase advice already covers it
            if covered and (i0 in covered if size == 1 else all(i in covered for i in range(i0, i1))):
                continue  # the first fix (why the score is held below Gold) already says it
        if kind == "missed":
            if size <= 3 and _negation_dropped_alone(words, i0, i1):
                add(90, lambda a=i0, b=i1: f'You left out "{script(a, b)}" — without it you say the opposite.')
            elif words.section[i0] not in flagged_sections:
                add(weight, lambda a=i0, b=i1: f'You left out "{script(a, b)}".')
        elif kind == "substituted":
            add(3 * weight, lambda a=i0, b=i1: _unless_as_written(
                words, a, b, lambda: f'You said "{said(a, b)}" instead of "{script(a, b)}".'))
        elif kind == "near":
            add(weight, lambda a=i0, b=i1: _unless_as_written(
                words, a, b, lambda: f'Say "{script(a, b)}" — you said "{said(a, b)}".'))
        elif kind == "moved":
            add(1.5 * weight, lambda a=i0, b=i1: f'Keep the order: "{script(a, b)}" came in the wrong place.')

    fillers = Counter(_filler_phrases(extras))
    if sum(fillers.values()) >= 2:
        listed = ", ".join(f'"{w}" ×{c}' if c > 1 else f'"{w}"' for w, c in fillers.most_common(3))
        add(1.5 * sum(fillers.values()), lambda: f"Cut the filler words: {listed}.")
    added = [e.text for e in extras if not e.filler]
    if len(added) >= 3:
        example = _quote(" ".join(added[:4]), 4)
        add(len(added), lambda: f'Stick to the script — you added {len(added)} words, e.g. "{example}".')
    elif added:
        in_script = {w.casefold() for w in words.text}
        if all(word.casefold() in in_script for word in added):  # a script word said in the wrong place
            add(0.8 * len(added), lambda: f'You said "{" ".join(added)}" in the wrong place — keep the order.')
        else:
            add(0.8 * len(added), lambda: f'You added "{" ".join(added)}" — it is not in the script.')

    pace_text = pace_fix(pace)
    if pace_text and pace.ratio is not None:
        add(30 + 20 * abs(pace.ratio - 1), lambda: pace_text)

    candidates.sort(key=lambda c: -c[0])
    out: list[str] = []
    for _, make in candidates:
        shown = make()
        if shown is not None and shown not in out:
            out.append(shown)
        if len(out) == MAX_FIXES:
            break
    return tuple(out)
