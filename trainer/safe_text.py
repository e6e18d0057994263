"""Untrusted text made harmless for a terminal: the base of the one escaping layer.

Why: pitch titles, rep names, answers and file names come from people and files we do not control. Written
raw to a terminal, an escape sequence can retitle the window, rewrite the clipboard (OSC 52) or forge an
output line; a bidirectional override can make a line read differently from what it is. Every output path
that shows such text passes it through :func:`visible` first, and the format-specific escapers (Rich markup,
Markdown, HTML, CSV) build on it, so no screen or report has to remember the list of dangerous characters.

Pure standard library: the core (loader, store, scoring) uses it too, for its one-line problem messages.
"""

from __future__ import annotations

import re

# C0 controls (except tab and newline, decided per call), DEL, C1 controls, and the Unicode format characters
# that reorder or hide text: bidi embeddings/overrides/isolates, zero-width marks, line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _show(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control or text-reordering character written out as an escape (``\\e``, ``\\x07``).

    ``multiline`` keeps line breaks and tabs (a pitch script); otherwise they are shown too, so one value
    stays on one line and cannot forge the next line of a report.
    """
    pattern = _UNSAFE if multiline else _UNSAFE_LINE
    return pattern.sub(_show, text) if pattern.search(text) else text
