"""Outside word knowledge for near-miss decisions, loaded lazily from maintained packages.

Why outside lists: whether "teh" is a typo of "the" or "now" is a different word than "not" depends on which
strings are real English words, and which Chinese characters sound alike; both are facts about the languages,
kept up to date by others, not something to type by hand here.

* English words: pyspellchecker's English word-frequency dictionary (MIT).  Only words seen at least
  :data:`MIN_COUNT` times count as real, so the list's rare abbreviations ("bk", "fr") do not hide a typo.
* Chinese readings: pypinyin (MIT), toneless, every heteronym reading.

Speed: each is loaded on first use (pyspellchecker ~0.2 s, pypinyin ~0.25 s), i.e. only when a short-word or
CJK near-miss candidate actually appears; answers are memoised per word.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

#: Corpus count from which a word in pyspellchecker's English list is a real word (the list's floor is 50).
MIN_COUNT = 1000
_SHORT_ENTRY = re.compile(rb'\n"([a-z]{1,4})": [1-9][0-9]{3}')  # a count of 4+ digits is at least MIN_COUNT


@lru_cache(maxsize=1)
def _short_english_words() -> frozenset[str]:
    """Real English words of at most 4 letters: only short words are ever checked (2–3-letter typos ± 1).

    Read straight from the package's data file (one ``"word": count,`` a line) without importing the package
    or decoding all 160,000 entries: a regular expression picks the short words counted at least 1000 times,
    about 10× faster than ``json.loads`` — it runs on a keystroke.
    """
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()  # not installed: every short non-matching word is then a plain substitution
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz"
    data = gzip.decompress(path.read_bytes())
    return frozenset(w.decode() for w in _SHORT_ENTRY.findall(data))


@lru_cache(maxsize=65_536)
def is_english_word(word: str) -> bool:
    """Whether ``word`` (lower case, at most 4 letters) is a real English word rather than a typo."""
    return len(word) > 4 or word in _short_english_words() or word in ("a", "i")


@lru_cache(maxsize=65_536)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # ~0.25 s: only once two Chinese characters are compared

    return frozenset(r for group in pinyin(char, style=Style.NORMAL, heteronym=True) for r in group if r != char)


def same_pinyin(a: str, b: str) -> bool:
    """Whether two CJK characters share a toneless pinyin reading (what a pinyin input method confuses)."""
    return a == b or not _readings(a).isdisjoint(_readings(b))
