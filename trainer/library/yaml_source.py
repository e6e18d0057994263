"""Safe YAML reading that remembers where every value came from.

Why not ``yaml.safe_load``: a validation error must point at the line and column of the value that caused
it, duplicate keys must be reported (PyYAML silently keeps the last), and hostile input — alias bombs,
absurd nesting (which crashes libyaml's composer), custom tags, binary or huge files — must become a clear
message instead of a hang, a crash or code execution. Only the safe loaders are used; no tag outside the
YAML core schema is accepted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..safe_text import visible
from .limits import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_NUMBER_CHARS
from .scan import file_kind
from .yaml_hints import explain

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Position", "YamlDocument", "YamlProblem", "parse_yaml", "read_yaml"]

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"

try:  # The C loader is much faster; fall back to the pure-Python safe loader where libyaml is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# A plain scalar can only be read as something other than text (number, bool, null, date) when it starts
# with one of these characters; PyYAML's own resolver is the slowest step of loading, so skip it otherwise.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~<=nNtTfFyYoO")


class _SafeLoader(_BaseLoader):
    """The safe loader with a fast path for the common case of a plain scalar that is obviously text."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] and implicit[1]:
                return _STR  # quoted or block scalar without a tag: always text
            if implicit[0] and value and (value[0] not in _MAYBE_NOT_TEXT or (value[0].isalpha() and len(value) > 5)):
                return _STR  # true/false/yes/no/on/off/null are at most 5 letters
        return super().resolve(kind, value, implicit)


_SCALAR_KINDS = {  # the core schema's scalar tags, and what a manager calls a value of each
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "whole number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "true/false value",
    "tag:yaml.org,2002:null": "empty value",
    "tag:yaml.org,2002:timestamp": "date",
}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# What PyYAML's scalar constructors raise on a value their tag cannot hold ("!!int thirty", Feb 30, "!!bool maybe").
_CONVERSION_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)
# An anchor (&name) or alias (*name) starts a token: at the start of a line or after a space, "[", "{", "," or
# ":" (a flow mapping may write "key":*alias after a quoted key).
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s\[\]{},]")
_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*[^\s\[\]{},]")

_SAFE_NESTING_CHARS = 2000  # libyaml composes 10,000 nested levels fine and crashes at 100,000

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


class YamlProblem(Exception):
    """The file could not be read as safe, plain YAML; carries the position to report."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.position = Position(line, col)


@dataclass
class YamlDocument:
    """Plain Python data plus the node tree it was built from, to say where any value was written.

    Positions are looked up on demand (only when there is a problem to report), which keeps loading a
    clean library fast.
    """

    data: Any
    text: str
    root: yaml.Node | None = None

    def position(self, loc: Loc, *, prefer_key: bool = False) -> Position:
        """Where the value at ``loc`` (or its key) was written, else the nearest enclosing location."""
        node = self.root
        best = Position(1, 1) if node is None else _position(node.start_mark)
        key_mark = None
        for part in loc:
            key_mark = None
            if isinstance(node, yaml.MappingNode):
                pair = next((kv for kv in node.value if kv[0].value == str(part)), None)
                if pair is None:
                    return best
                key_mark, node = pair[0].start_mark, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return best
            best = _position(node.start_mark)
        if prefer_key and key_mark is not None:
            return _position(key_mark)
        return best


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(raw: bytes) -> str:
    """UTF-8 text, or a :class:`YamlProblem` saying where the bad byte is."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"file is too large ({len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes)")
    nul = raw.find(b"\x00")
    if nul != -1:
        line, col = _line_col(raw[:nul].decode("utf-8", "replace"), nul)
        raise YamlProblem("this is a binary file, not YAML text (it contains NUL bytes)", line, col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(
            raw[: exc.start].decode("utf-8", "replace"), len(raw[: exc.start].decode("utf-8", "replace"))
        )
        raise YamlProblem(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line, col
        ) from None
    return text


def _check_flow_depth(text: str) -> None:
    """Refuse deep nesting before libyaml's recursive composer sees it (it would crash the process).

    The event stream (iterative in libyaml) is only scanned when the text has very many characters that can
    open a level; ordinary content files never come close.
    Below that the composer is safe and :class:`_Builder` enforces :data:`MAX_DEPTH`.
    """
    # Every nesting level needs one of these characters: "[" or "{" (flow), "-" or "?" (a block sequence or
    # complex key can open several levels on one line, "- - - x"). Below the bound the composer is safe.
    if sum(text.count(char) for char in "[{-?") <= _SAFE_NESTING_CHARS:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                pos = _position(event.start_mark)
                raise YamlProblem(f"nesting is deeper than {MAX_DEPTH} levels", pos.line, pos.col)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _first_alias(text: str) -> Position | None:
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return _position(event.start_mark)
    return None


def _refuse_aliases(text: str) -> None:
    """Refuse any alias before a single value is built, so an alias bomb is never expanded.

    The event scan costs about as much as parsing again, so it only runs when the text could hold both an
    anchor and an alias; prose like "R&D" or "*important*" alone does not trigger it.
    """
    if not (_ANCHOR.search(text) and _ALIAS.search(text)):
        return
    pos = _first_alias(text)
    if pos is not None:
        raise YamlProblem("anchors and aliases (&name, *name) are not allowed in content files", pos.line, pos.col)


class _Builder:
    """Builds plain data from the node graph in one recursive pass, enforcing every limit on the way.

    Doing this ourselves (instead of PyYAML's constructor) both enforces the rules — no aliases, no tags
    outside the core schema, no duplicate or merge keys, bounded depth and size — and is several times
    faster, since most values are strings that need no conversion.
    """

    def __init__(self, loader: Any, text: str) -> None:
        self.loader = loader
        self.text = text
        self.seen: set[int] = set()
        self.values = 0

    def fail(self, message: str, mark: Any) -> YamlProblem:
        pos = _position(mark)
        return YamlProblem(message, pos.line, pos.col)

    def build(self, node: yaml.Node, depth: int = 1) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting is deeper than {MAX_DEPTH} levels", node.start_mark)
        marker = id(node)
        if marker in self.seen:
            pos = _first_alias(self.text) or _position(node.start_mark)
            raise YamlProblem("anchors and aliases (&name, *name) are not allowed in content files", pos.line, pos.col)
        self.seen.add(marker)
        tag = node.tag
        if type(node) is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            if tag not in _SCALAR_KINDS:
                raise self.bad_tag(node)
            return self.scalar(node)
        if (tag, type(node)) not in ((_SEQ, yaml.SequenceNode), (_MAP, yaml.MappingNode)):
            raise self.bad_tag(node)
        self.count(node)
        if type(node) is yaml.SequenceNode:
            return [
                item.value if item.tag == _STR and type(item) is yaml.ScalarNode else self.build(item, depth + 1)
                for item in node.value
            ]
        result: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise self.fail("merge keys (<<) are not allowed in content files", key_node.start_mark)
            if type(key_node) is not yaml.ScalarNode:
                raise self.fail("keys must be plain text, not lists or mappings", key_node.start_mark)
            key = key_node.value if key_node.tag == _STR else self.build(key_node, depth + 1)
            if key in result:
                raise self.fail(f"duplicate key {key!r} (first defined at line {lines[key]})", key_node.start_mark)
            lines[key] = key_node.start_mark.line + 1
            if value_node.tag == _STR and type(value_node) is yaml.ScalarNode:
                result[key] = value_node.value  # the common case, inlined: text needs no conversion
            else:
                result[key] = self.build(value_node, depth + 1)
        return result

    def count(self, node: yaml.Node) -> None:
        """Count the values a list or mapping holds (a mapping's keys too), refusing a file with too many."""
        self.values += len(node.value) * (2 if type(node) is yaml.MappingNode else 1)
        if self.values > MAX_NODES:
            raise self.fail(
                f"file holds more than {MAX_NODES:,} values (the limit for one content file)", node.start_mark
            )

    def scalar(self, node: yaml.Node) -> Any:
        """A number, true/false, date or empty value; a value its tag cannot hold is a problem at that value."""
        tag, value = node.tag, node.value
        kind = _SCALAR_KINDS[tag]
        if tag in _NUMBER_TAGS and len(value) > MAX_NUMBER_CHARS:
            raise self.fail(
                f"number is too long ({len(value):,} characters; the limit is {MAX_NUMBER_CHARS}); "
                "put it in quotes if it is text",
                node.start_mark,
            )
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except _CONVERSION_ERRORS:
            shown = visible(value if len(value) <= 40 else value[:40] + "…")
            raise self.fail(
                f"'{shown}' is not a valid {kind}; put it in quotes if it is text", node.start_mark
            ) from None

    def bad_tag(self, node: yaml.Node) -> YamlProblem:
        tag = visible(node.tag.replace("tag:yaml.org,2002:", "!!"))
        return self.fail(f"tag {tag!r} is not allowed; content files hold plain YAML only", node.start_mark)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document safely; raise :class:`YamlProblem` with a position on any problem."""
    loader = None
    try:
        _check_flow_depth(text)
        _refuse_aliases(text)
        loader = _SafeLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("file is empty")
        return YamlDocument(data=_Builder(loader, text).build(node), text=text, root=node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or str(exc)
        if "expected a single document" in (exc.context or ""):
            message = "file holds more than one YAML document (remove the extra '---')"
        pos = _position(mark) if mark is not None else Position(1, 1)
        context = exc.context_mark
        hint = None
        if mark is not None and exc.problem:
            hint = explain(
                text,
                exc.problem,
                mark.line,
                mark.column,
                exc.context or "",
                context.line if context is not None else -1,
                context.column if context is not None else -1,
            )
        if hint is not None:
            raise YamlProblem(f"{hint.message} (YAML: {_plain_problem(exc.problem)})", hint.line, hint.col) from None
        if exc.context and context is not None and mark is not None and context.line != mark.line:
            message += f" ({exc.context} that starts at line {context.line + 1}, column {context.column + 1})"
        raise YamlProblem(f"invalid YAML: {message}", pos.line, pos.col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"nesting is deeper than {MAX_DEPTH} levels") from None
    finally:
        if loader is not None:
            loader.dispose()


def _plain_problem(problem: str | None) -> str:
    """The parser's own words, the same whichever parser (libyaml or pure Python) produced them."""
    return (problem or "").replace("not allowed in this context", "not allowed here")


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a file with the size limit applied before reading it all into memory.

    Opened without blocking and checked to be a regular file before anything is read: a FIFO, socket or
    device named like a content file would otherwise hang the reader or stream forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise YamlProblem(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise YamlProblem(f"this is {kind}, not a file; only regular files are read")
        if info.st_size > MAX_BYTES:
            raise YamlProblem(f"file is too large ({info.st_size:,} bytes; the limit is {MAX_BYTES:,} bytes)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise YamlProblem(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return parse_yaml(decode(raw))
