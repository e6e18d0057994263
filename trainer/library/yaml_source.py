"""Safe YAML reading that remembers where every value came from.

Why not ``yaml.safe_load``: a validation error must point at the line and column of the value that caused
it, duplicate keys must be reported (PyYAML silently keeps the last), and hostile input — alias bombs,
absurd nesting (which crashes libyaml's composer), custom tags, binary or huge files — must become a clear
message instead of a hang, a crash or code execution. Only the safe loaders are used; no tag outside the
YAML core schema is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # The C loader is much faster; fall back to the pure-Python safe loader where libyaml is missing.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 200_000
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}

_SAFE_FLOW_BRACKETS = 2000  # libyaml composes 10,000 nested levels fine and crashes at 100,000

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
    """Plain Python data plus, for every location in it, where its key and its value were written."""

    data: Any
    text: str
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, prefer_key: bool = False) -> Position:
        """Best position for ``loc``: the value (or key), else the nearest enclosing location."""
        probe = tuple(loc)
        while True:
            if prefer_key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if probe in self.keys:
                return self.keys[probe]
            if not probe:
                return Position(1, 1)
            probe = probe[:-1]


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
        line, col = _line_col(raw[: exc.start].decode("utf-8", "replace"), len(raw[: exc.start].decode("utf-8", "replace")))
        raise YamlProblem(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line, col
        ) from None
    return text


def _check_flow_depth(text: str) -> None:
    """Refuse deep flow nesting before libyaml's recursive composer sees it (it would crash the process).

    Block nesting is bounded by indentation and the size limit; only ``[``/``{`` can nest deeply in a few
    bytes, so the event stream (iterative in libyaml) is only scanned when the text has very many of them.
    Below that the composer is safe and :func:`_index_nodes` enforces :data:`MAX_DEPTH`.
    """
    if text.count("[") + text.count("{") <= _SAFE_FLOW_BRACKETS:
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


def _scalar_key(node: yaml.Node) -> str | int:
    if not isinstance(node, yaml.ScalarNode):
        pos = _position(node.start_mark)
        raise YamlProblem("keys must be plain text, not lists or mappings", pos.line, pos.col)
    return node.value


def _index_nodes(root: yaml.Node, doc: YamlDocument) -> None:
    """Walk the node graph once (iteratively): record positions, enforce limits, refuse aliases and tags."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Loc, int]] = [(root, (), 1)]
    count = 0
    while stack:
        node, loc, depth = stack.pop()
        pos = _position(node.start_mark)
        if id(node) in seen:
            pos = _first_alias(doc.text) or pos
            raise YamlProblem("anchors and aliases (&name, *name) are not allowed in content files", pos.line, pos.col)
        seen.add(id(node))
        count += 1
        if count > MAX_NODES:
            raise YamlProblem(f"file has more than {MAX_NODES:,} values", pos.line, pos.col)
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nesting is deeper than {MAX_DEPTH} levels", pos.line, pos.col)
        if node.tag not in _ALLOWED_TAGS:
            raise YamlProblem(f"tag {node.tag!r} is not allowed; content files hold plain YAML only", pos.line, pos.col)
        doc.values[loc] = pos
        if isinstance(node, yaml.MappingNode):
            names: dict[str | int, Position] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    kpos = _position(key_node.start_mark)
                    raise YamlProblem("merge keys (<<) are not allowed in content files", kpos.line, kpos.col)
                key = _scalar_key(key_node)
                kpos = _position(key_node.start_mark)
                if key in names:
                    first = names[key]
                    raise YamlProblem(
                        f"duplicate key {key!r} (first defined at line {first.line})", kpos.line, kpos.col
                    )
                names[key] = kpos
                doc.keys[(*loc, key)] = kpos
                stack.append((value_node, (*loc, key), depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*loc, index), depth + 1))


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document safely; raise :class:`YamlProblem` with a position on any problem."""
    _check_flow_depth(text)
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("file is empty")
        doc = YamlDocument(data=None, text=text)
        _index_nodes(node, doc)
        doc.data = loader.construct_document(node)
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or str(exc)
        if "expected a single document" in (exc.context or ""):
            message = "file holds more than one YAML document (remove the extra '---')"
        pos = _position(mark) if mark is not None else Position(1, 1)
        if "cannot start any token" in message and text[mark.index : mark.index + 1] == "\t":
            message = "tab character; YAML indentation must use spaces"
        raise YamlProblem(f"invalid YAML: {message}", pos.line, pos.col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"nesting is deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a file with the size limit applied before reading it all into memory."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlProblem(f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,} bytes)")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise YamlProblem(f"cannot read file: {exc.strerror or exc}") from None
    return parse_yaml(decode(raw))
