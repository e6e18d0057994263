"""How much text the scorer accepts: decided once, checked before any work, shared by the app and the CLI.

Alignment cost grows with the product of the two texts' lengths; a 5 MB reference once took 2 GB of memory.
The longest cut of a real pitch is a few thousand words, so the limits leave a wide margin while keeping
the worst case to seconds and about a hundred megabytes: 100,000 words and 1,000,000 characters (the second
catches text without spaces, such as Chinese, and a file of one giant "word").
"""

from __future__ import annotations

MAX_WORDS = 100_000
MAX_CHARACTERS = 1_000_000


class TextTooLong(ValueError):
    """An attempt or reference beyond the limits above; the message says which and how long it was."""


def check_size(text: str, what: str) -> None:
    """Refuse ``text`` (``what``: "the attempt", "the reference") when it is beyond the scorer's limits."""
    if len(text) > MAX_CHARACTERS:
        raise TextTooLong(
            f"{what} is too long to score: {len(text):,} characters (the limit is {MAX_CHARACTERS:,} characters "
            f"and {MAX_WORDS:,} words)"
        )
    if len(text) <= MAX_WORDS:  # fewer characters than the word limit: no need to count (keeps scoring quick)
        return
    words = len(text.split())
    if words > MAX_WORDS:
        raise TextTooLong(
            f"{what} is too long to score: {words:,} words (the limit is {MAX_WORDS:,} words and "
            f"{MAX_CHARACTERS:,} characters)"
        )
