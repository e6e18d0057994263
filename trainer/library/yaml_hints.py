"""Plain explanations for the YAML mistakes managers actually make.

The parser's words ("mapping values are not allowed here", "did not find expected '-' indicator") describe
its own state, not the mistake. The commonest mistakes are few: a colon inside unquoted text, a line
indented one space off, a quote inside quoted text, a tab. Each is recognised from the parser's message and
the raw lines around it, and explained in terms of the file: which line, how far it is indented, and what
the lines it belongs with use. Anything not recognised keeps the parser's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A key at the start of a line: plain words up to ": " (or ":" at the end), or a quoted key.
_KEY = re.compile(r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{}>|&*!%@`-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)""")
_BLOCK_SCALAR = re.compile(r""":\s+[>|][-+0-9]*\s*(?:#.*)?$""")
_WORDLIKE_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")

COLON_HINT = 'a colon followed by a space starts a new key; put the text in quotes or use ">-" for a block of text'


@dataclass(frozen=True)
class Hint:
    """A plain message and where to point (1-based line and column)."""

    message: str
    line: int
    col: int


@dataclass(frozen=True)
class _Level:
    """A column that a following line may line up with: a key, or a list item's dash."""

    col: int  # 0-based
    kind: str  # "key" or "dash"
    line: int  # 0-based
    key: str = ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_text(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _spaces(count: int) -> str:
    return f"{count} space{'' if count == 1 else 's'}"


def _split_line(line: str) -> tuple[int | None, int, str | None]:
    """(dash column or None, column of what follows, key there or None) for one raw line."""
    col = _indent(line)
    rest = line[col:]
    dash = None
    if rest == "-" or rest.startswith("- "):
        dash = col
        after = rest[1:]
        col += 1 + len(after) - len(after.lstrip(" "))
        rest = line[col:]
    match = _KEY.match(rest)
    return dash, col, match.group("key").strip("'\"") if match else None


def _block_text_lines(lines: list[str]) -> set[int]:
    """Lines inside block scalars (``>-``, ``|``): text, never keys or list items."""
    inside: set[int] = set()
    owner_indent: int | None = None
    for number, line in enumerate(lines):
        if owner_indent is not None:
            if not line.strip() or _indent(line) > owner_indent:
                inside.add(number)
                continue
            owner_indent = None
        if _BLOCK_SCALAR.search(line):
            owner_indent = _indent(line)
    return inside


def _open_levels(lines: list[str], before: int) -> list[_Level]:
    """Columns still open at line ``before``: the nearest key or dash at each column not closed by a line
    less indented in between, nearest first."""
    skip = _block_text_lines(lines)
    levels: list[_Level] = []
    limit = 10**9
    for number in range(before - 1, -1, -1):
        line = lines[number]
        if number in skip or not _is_text(line) or "\t" in line[: len(line) - len(line.lstrip())]:
            continue
        col = _indent(line)
        if col > limit:
            continue
        dash, inner, key = _split_line(line)
        known = {(level.col, level.kind) for level in levels}
        if dash is not None:
            if key and inner <= limit and (inner, "key") not in known:
                levels.append(_Level(inner, "key", number, key))
            if (dash, "dash") not in known:
                levels.append(_Level(dash, "dash", number))
        elif key and (col, "key") not in known:
            levels.append(_Level(col, "key", number, key))
        limit = min(limit, col)
        if col == 0:
            break
    return levels


def _describe(level: _Level) -> str:
    if level.kind == "key":
        return f"the key {level.key!r} on line {level.line + 1}"
    return f"the list item ('-') on line {level.line + 1}"


def indentation_hint(lines: list[str], number: int) -> Hint | None:
    """Explain which line's indent is off and what it should be, from the lines above it."""
    if number >= len(lines) or not _is_text(lines[number]):
        return None
    line = lines[number]
    tab = _tab_in_indent(line)
    if tab is not None:
        return Hint(_TAB_MESSAGE, number + 1, tab + 1)
    col = _indent(line)
    dash, _, _ = _split_line(line)
    kind = "dash" if dash is not None else "key"
    levels = _open_levels(lines, number)
    same_kind = [level for level in levels if level.kind == kind and level.col != col]
    if not same_kind or any(level.col == col and level.kind == kind for level in levels):
        return None
    target = min(same_kind, key=lambda level: (abs(level.col - col), -level.col))
    what = "keys of one mapping" if kind == "key" else "items of one list"
    message = (
        f"line {number + 1} is indented {_spaces(col)}, but {_describe(target)} is indented "
        f"{_spaces(target.col)}; {what} must start in the same column"
    )
    dash_here = next((level for level in levels if level.kind == "dash" and level.col == col), None)
    if kind == "key" and dash_here is not None:
        message += f" (or start line {number + 1} with '- ' to make it a new list item)"
    return Hint(message, number + 1, col + 1)


_TAB_MESSAGE = "tab character used for indentation; YAML indentation must use spaces"


def _tab_in_indent(line: str) -> int | None:
    lead = line[: len(line) - len(line.lstrip(" \t"))]
    index = lead.find("\t")
    return index if index != -1 else None


def _closing_quote_hint(line: str, number: int, col: int) -> Hint | None:
    """Text after a closing quote: usually an apostrophe inside '...' text, or a quote inside "..."."""
    before = line[:col].rstrip(" ")
    if not before or before[-1] not in "'\"":
        return None
    quote = before[-1]
    if quote == "'":
        fix = "write an apostrophe inside '...' as two ('') or put the whole text in double quotes"
    else:
        fix = 'write a quote inside "..." as \\" or put the whole text in single quotes'
    return Hint(
        f"the quote at column {len(before)} ends the text, so what follows it cannot be read; {fix}",
        number + 1,
        col + 1,
    )


def _missing_colon_hint(lines: list[str], number: int, col: int) -> Hint:
    line = lines[number]
    words = line.strip()
    shown = words if len(words) <= 30 else words[:27] + "..."
    message = f"line {number + 1} ({shown!r}) is not a 'key: value' pair; add the ':' after the key"
    above = next((n for n in range(number - 1, -1, -1) if _is_text(lines[n])), None)
    if above is not None:
        _, _, key = _split_line(lines[above])
        if key:
            message += f", or, if it continues the text of {key!r} on line {above + 1}, indent it further than {key!r}"
    return Hint(message, number + 1, col + 1)


def _colon_hint(lines: list[str], number: int, col: int) -> Hint:
    """A colon inside unquoted text, unless the "text" is really a key indented too far."""
    line = lines[number] if number < len(lines) else ""
    tab = _tab_in_indent(line)
    if tab is not None:
        return Hint(_TAB_MESSAGE, number + 1, tab + 1)
    dash, start, key = _split_line(line)
    key_colon = line.find(":", start)
    if dash is None and key and _WORDLIKE_KEY.match(key) and key_colon == col:
        indent = indentation_hint(lines, number)
        if indent is not None:
            return Hint(
                f"{indent.message}; if '{key}:' belongs to the text above, put that text in quotes",
                indent.line,
                indent.col,
            )
    return Hint(COLON_HINT, number + 1, col + 1)


def _value_start_hint(line: str, number: int) -> Hint | None:
    """Text that starts with a character YAML reserves (@ ` * & !)."""
    _, start, key = _split_line(line)
    value_at = line.find(":", start) + 1 if key else start
    value_at += len(line[value_at:]) - len(line[value_at:].lstrip(" "))
    char = line[value_at : value_at + 1]
    if char and char in "@`*&!":
        return Hint(f"text cannot start with {char!r}; put the text in quotes", number + 1, value_at + 1)
    return None


def explain(
    text: str, problem: str, line: int, col: int, context: str = "", context_line: int = -1, context_col: int = -1
) -> Hint | None:
    """A plain hint for a parser error at 0-based ``line``/``col``, or None to keep the parser's words."""
    lines = text.splitlines()
    current = lines[line] if line < len(lines) else ""
    if "mapping values are not allowed" in problem:
        return _colon_hint(lines, line, col)
    if "tab character" in problem or ("cannot start any token" in problem and current[col : col + 1] == "\t"):
        tab = _tab_in_indent(current)
        return Hint(_TAB_MESSAGE, line + 1, (tab if tab is not None else col) + 1)
    if "cannot start any token" in problem or "expected alphabetic or numeric character" in problem:
        return _value_start_hint(current, line)
    if "could not find expected ':'" in problem and "simple key" in context and 0 <= context_line < len(lines):
        return _missing_colon_hint(lines, context_line, context_col)
    if "block sequence entries are not allowed" in problem:
        return Hint(
            "a list item ('- ') cannot follow a key on the same line; put each item on its own line below the "
            "key, indented, or write the list as [first, second]",
            line + 1,
            col + 1,
        )
    if "quoted scalar" in context and "end of stream" in problem and context_line >= 0:
        return Hint(
            "this quote is never closed; end the text with the same quote",
            context_line + 1,
            context_col + 1,
        )
    structural = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")
    if any(phrase in problem for phrase in structural):
        if current[:col].strip():  # the problem is in the middle of a line: text after a closing quote
            return _closing_quote_hint(current, line, col)
        return indentation_hint(lines, line)
    return None
