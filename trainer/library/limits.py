"""Every resource limit on content files, decided once and documented in docs/content-format.md.

Why limits at all: a content library is shared, and a file from a colleague (or a broken merge, or a hostile
download) must never make `trainer check`, `show` or the app hang, exhaust memory or crash. Each limit is far
above what real content needs, and each one, when hit, is a one-line problem at the file (and place) that
hit it, while the rest of the library still loads.
"""

from __future__ import annotations

MAX_BYTES = 1024 * 1024
"""Largest content file read, checked before it is read into memory. Real files are a few KiB."""

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings. Real files nest four or five levels."""

MAX_NODES = 200_000
"""Most values (keys, texts, list items, mappings) in one file, aliases included."""

MAX_NUMBER_CHARS = 100
"""Longest number (digits and signs) read as a number; longer ones are refused, not converted.

Converting a 5,000-digit integer is slow (and Python refuses it above 4,300 digits), and no field of any
content file needs a number anywhere near this long.
"""

MAX_SUGGESTION_COMPARISONS = 2_000_000
"""How many id comparisons one library check may spend on "did you mean" hints.

Each unknown reference is compared with every known id; with tens of thousands of both that is quadratic.
Once the budget is spent, problems are still reported, only without the hint.
"""
