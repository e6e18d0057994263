"""Untrusted text made harmless for a terminal: the base of the one escaping layer.

Why: pitch titles, rep names, answers and file names come from people and files we do not control. Written
raw to a terminal, an escape sequence can retitle the window, rewrite the clipboard (OSC 52) or forge an
output line; a bidirectional override can make a line read differently from what it is. Every output path
that shows such text passes it through :func:`visible` first, and the format-specific escapers (Rich markup,
Markdown, HTML, CSV, JSON) build on it, so no screen or report has to remember the list of dangerous characters.

One function per output:

- terminal plain text: :func:`visible` (and :func:`strip_unsafe`, the app's last-line filter);
- Rich markup: :func:`markup`; Textual: ``trainer.tui.plain`` (Content objects, never markup strings);
- Markdown: :func:`markdown`; HTML: :func:`html_text`; CSV cells: :func:`csv_cell`; JSON: :func:`json_text`.

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


def strip_unsafe(text: str) -> str:
    """``text`` without any control or reordering character: the last line of defence of a screen.

    Why dropped, not shown: this runs on text already laid out in cells (a control character takes no cell),
    so removing keeps every column where it was. Text is made :func:`visible` before layout; this only catches
    what a future screen forgot.
    """
    return _UNSAFE_LINE.sub("", text) if _UNSAFE_LINE.search(text) else text


# Rich reads ``[word]``, ``[/]``, ``[#fff]``, ``[@click=…]`` as markup; a backslash before the bracket makes it
# literal, an even run of backslashes before a tag is halved, and ``\[`` anywhere else becomes ``[``. So: before
# a tag, double the backslashes and add one (as ``rich.markup.escape``); before any other bracket, add one.
# Written here so the core can use it without importing rich.
_BRACKET = re.compile(r"(\\*)\[(?=([a-z#/@][^\[]*?\])?)")


def _escape_bracket(match: re.Match[str]) -> str:
    backslashes = len(match.group(1))
    is_tag = match.group(2) is not None
    return "\\" * (2 * backslashes + 1 if is_tag else backslashes + (backslashes > 0)) + "["


def markup(text: str, *, multiline: bool = False) -> str:
    """``text`` to put inside Rich markup: visible, and no ``[tag]`` in it is read as a tag.

    Not for Textual: its markup parser reads a lone ``[`` and a trailing backslash differently, so no string
    escaping round-trips there; the app passes untrusted text as :class:`textual.content.Content` instead
    (see ``trainer/tui/plain.py``), which is never parsed.
    """
    shown = _BRACKET.sub(_escape_bracket, visible(text, multiline=multiline))
    trailing = len(shown) - len(shown.rstrip("\\"))
    return shown + "\\" * trailing  # a tag follows the text: it halves a run of backslashes before it


# Every character CommonMark or GitHub's tables give a meaning inline: emphasis, code, links and images,
# raw HTML and entities, headings, table cells, strike-through. A backslash before ASCII punctuation always
# means the character itself, so escaping more than needed is harmless.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()<>#!|&~{}])")


def markdown(text: str) -> str:
    """``text`` as literal inline Markdown: one line, no emphasis, link, image, HTML or table cell break."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text))


def html_text(text: str, *, multiline: bool = False) -> str:
    """``text`` as HTML character data or an attribute value: visible, ``<>&"'`` escaped."""
    import html

    return html.escape(visible(text, multiline=multiline), quote=True)


# A spreadsheet runs a cell that starts with one of these as a formula (tab and carriage return too: some
# programs skip them and read the formula after).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """``text`` for a CSV cell a manager opens in a spreadsheet: visible, and never run as a formula.

    Line breaks stay (the csv module quotes them); a leading formula character gets an apostrophe.
    """
    shown = visible(text, multiline=True)
    return "'" + shown if text.startswith(_FORMULA_START) or shown.startswith(_FORMULA_START) else shown


def json_text(text: str) -> str:
    """Serialised JSON with every unsafe character written as ``\\uXXXX``: same data, safe in a terminal.

    ``json.dumps(ensure_ascii=False)`` already escapes C0 controls but lets C1 controls (``\\x9b`` starts a
    terminal command on some terminals) and bidi overrides through; this escapes those too, JSON-style, so
    the data read back is unchanged.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _UNSAFE.search(text) else text
