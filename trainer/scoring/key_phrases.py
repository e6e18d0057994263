"""Key phrases: where they sit in the script, and whether the rep said them.

A phrase found in the script is judged by the alignment: it counts as said when each of its words was
matched or nearly matched (a typo), so a wrong figure inside it ("60 percent" for "62 percent") means it
was not said. A phrase that is not in the script (given on its own, e.g. ``trainer score --key-phrase``)
is searched in the whole attempt: first an exact token-sequence search, then a fuzzy ``partial_ratio``
on the normalised text with a threshold of 85.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .tokens import scan

FOUND_THRESHOLD = 85.0


@dataclass(frozen=True)
class PhraseRef:
    """A key phrase located in the reference: ``occurrences`` are global token ranges ``(start, end)``."""

    phrase: str
    joined: str
    section: int | None
    occurrences: tuple[tuple[int, int], ...]


def _find_all(haystack: Sequence[str], needle: Sequence[str], offset: int) -> list[tuple[int, int]]:
    if not needle:
        return []
    first, size = needle[0], len(needle)
    return [
        (offset + i, offset + i + size)
        for i, tok in enumerate(haystack)
        if tok == first and list(haystack[i : i + size]) == list(needle)
    ]


def locate_phrases(
    phrases: Sequence[tuple[str, int | None]],
    section_norms: Sequence[Sequence[str]],
    section_offsets: Sequence[int],
) -> tuple[PhraseRef, ...]:
    """Locate each ``(phrase, section or None)`` in its section, or in the first section containing it."""
    out: list[PhraseRef] = []
    seen: set[tuple[str, int | None]] = set()
    for phrase, section in phrases:
        norms = scan(phrase)[0]
        key = (" ".join(norms), section)
        if not norms or key in seen:
            continue
        seen.add(key)
        candidates = [section] if section is not None else range(len(section_norms))
        found_in, occurrences = section, []
        for s in candidates:
            occurrences = _find_all(section_norms[s], norms, section_offsets[s])
            if occurrences:
                found_in = s
                break
        out.append(PhraseRef(phrase, key[0], found_in, tuple(occurrences)))
    return tuple(out)


class AttemptText:
    """The attempt's normalised tokens joined by single spaces (built only when a phrase needs a search)."""

    __slots__ = ("joined", "norms")

    def __init__(self, norms: Sequence[str]):
        self.norms = norms
        self.joined = " ".join(norms)

    def token_at(self, char: int) -> int:
        """Index of the token containing ``char``: tokens hold no spaces, so count the spaces before it."""
        return self.joined.count(" ", 0, char)

    def search(self, joined_phrase: str) -> tuple[float, int, int] | None:
        """Best occurrence of the phrase: (similarity 0–100, first token, end token) or None."""
        if not self.norms or not joined_phrase:
            return None
        pos = f" {self.joined} ".find(f" {joined_phrase} ")
        if pos >= 0:
            first = self.token_at(pos)
            return 100.0, first, first + joined_phrase.count(" ") + 1
        if len(joined_phrase) > len(self.joined):  # partial_ratio would call a fragment a full match
            return fuzz.ratio(joined_phrase, self.joined), 0, len(self.norms)
        hit = fuzz.partial_ratio_alignment(joined_phrase, self.joined)
        if hit is None or hit.score <= 0:
            return None
        first = self.token_at(hit.dest_start)
        last = self.token_at(max(hit.dest_start, hit.dest_end - 1))
        return float(hit.score), first, last + 1
