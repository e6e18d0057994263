"""A manager who breaks a file gets one exact, friendly message with its line and column — never a crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from trainer.library.loader import load_file
from trainer.library.problems import display_path
from trainer.library.yaml_source import MAX_BYTES, MAX_DEPTH

CORPUS = Path(__file__).parent / "corpus"

# file -> (line, column, a fragment of the message)
EXPECTED = {
    "misspelt-key.yaml": (8, 5, "unknown key 'sectons'; did you mean 'sections'?"),
    "bad-status.yaml": (3, 9, "did you mean 'published'?"),
    "wrong-type.yaml": (7, 21, "expected a whole number, got 'thirty'"),
    "missing-field.yaml": (9, 9, "missing required key 'text'"),
    "bad-id.yaml": (1, 8, "is not a valid id"),
    "unknown-cut.yaml": (6, 3, "unknown key '5mins'; did you mean '5min'?"),
    "malformed.yaml": (5, 5, "starts at line 4, column 8"),
    "tabs.yaml": (4, 1, "tab character"),
    "python-tag.yaml": (3, 13, "tag '!!python/object/apply:os.system' is not allowed"),
    "custom-tag.yaml": (4, 5, "tag '!objection' is not allowed"),
    "billion-laughs.yaml": (4, 8, "anchors and aliases"),
    "duplicate-key.yaml": (8, 5, "duplicate key 'answer' (first defined at line 7)"),
    "two-documents.yaml": (3, 1, "more than one YAML document"),
    "not-a-mapping.yaml": (1, 1, "not a list"),
    "unknown-kind.yaml": (1, 1, "cannot tell what this file holds"),
    "bad-category.yaml": (5, 15, "did you mean 'price'?"),
    "step-two-tasks.yaml": (7, 5, "exactly one of pitch, objection or drill (found objection, drill)"),
    "empty.yaml": (1, 1, "file is empty"),
    "latin1.yaml": (4, 12, "not valid UTF-8 (byte 0xe9)"),
    "binary.yaml": (2, 1, "binary file"),
}


# The commonest YAML mistakes, explained in plain words first; the parser's own words follow in brackets.
HINTS = {
    "colon-in-text.yaml": (
        6,
        24,
        'a colon followed by a space starts a new key; put the text in quotes or use ">-" for a block of text '
        "(YAML: mapping values are not allowed here)",
    ),
    "indent-too-little.yaml": (
        7,
        4,
        "line 7 is indented 3 spaces, but the key 'objection' on line 6 is indented 4 spaces; keys of one mapping "
        "must start in the same column (YAML: did not find expected '-' indicator)",
    ),
    "indent-too-much.yaml": (
        7,
        6,
        "line 7 is indented 5 spaces, but the key 'objection' on line 6 is indented 4 spaces; keys of one mapping "
        "must start in the same column; if 'answer:' belongs to the text above, put that text in quotes "
        "(YAML: mapping values are not allowed here)",
    ),
    "list-item-misaligned.yaml": (
        9,
        2,
        "line 9 is indented 1 space, but the list item ('-') on line 4 is indented 2 spaces; items of one list "
        "must start in the same column (YAML: did not find expected key)",
    ),
    "missing-colon-continuation.yaml": (
        7,
        5,
        "line 7 ('what we pay now.') is not a 'key: value' pair; add the ':' after the key, or, if it continues "
        "the text of 'objection' on line 6, indent it further than 'objection' (YAML: could not find expected ':')",
    ),
    "apostrophe-in-quotes.yaml": (
        6,
        24,
        "the quote at column 23 ends the text, so what follows it cannot be read; write an apostrophe inside "
        "'...' as two ('') or put the whole text in double quotes (YAML: did not find expected key)",
    ),
    "unclosed-quote.yaml": (
        4,
        8,
        "this quote is never closed; end the text with the same quote (YAML: found unexpected end of stream)",
    ),
    "tab-in-entry.yaml": (
        5,
        1,
        "tab character used for indentation; YAML indentation must use spaces "
        "(YAML: found a tab character that violates indentation)",
    ),
    "list-on-key-line.yaml": (
        6,
        17,
        "a list item ('- ') cannot follow a key on the same line; put each item on its own line below the key, "
        "indented, or write the list as [first, second] (YAML: block sequence entries are not allowed here)",
    ),
    "reserved-first-character.yaml": (
        6,
        16,
        "text cannot start with '@'; put the text in quotes (YAML: found character that cannot start any token)",
    ),
}


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED | HINTS)


@pytest.mark.parametrize("name", sorted(HINTS))
def test_common_yaml_mistake_gets_a_plain_hint_at_its_position(name: str) -> None:
    line, col, message = HINTS[name]
    item, problems = load_file(CORPUS / name)
    assert item is None
    assert [str(p) for p in problems] == [f"{display_path(CORPUS / name)}:{line}:{col}: {message}"]


def test_an_indent_hint_names_the_sibling_even_past_a_block_of_text(tmp_path: Path) -> None:
    """Lines inside a ">-" block are text, not keys to line up with."""
    file = tmp_path / "objections.yaml"
    file.write_text(
        "product: acme\nversion: 1\nobjections:\n  - id: a\n    answer: >-\n      Note: this is text.\n"
        "        More: text.\n     key_points: [x]\n"
    )
    _, problems = load_file(file)
    assert problems[0].message.startswith(
        "line 8 is indented 5 spaces, but the key 'answer' on line 5 is indented 4 spaces"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_reported_at_its_position(name: str) -> None:
    line, col, fragment = EXPECTED[name]
    item, problems = load_file(CORPUS / name)
    assert item is None
    matching = [p for p in problems if fragment in p.message]
    assert matching, [str(p) for p in problems]
    assert (matching[0].line, matching[0].col) == (line, col)
    assert str(matching[0]).endswith(f"{name}:{line}:{col}: {matching[0].message}")


def test_a_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    file = tmp_path / "evil.yaml"
    file.write_text(f'product: acme\nversion: 1\nobjections: !!python/object/apply:os.system ["touch {marker}"]\n')
    _, problems = load_file(file)
    assert problems and not marker.exists()


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    load_file(CORPUS / "billion-laughs.yaml")
    assert time.perf_counter() - start < 5  # generous: it must not expand 9**8 items


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 200_000])
def test_deep_flow_nesting_is_refused_without_crashing(tmp_path: Path, depth: int) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text("pitch: " + "[" * depth + "]" * depth + "\n")
    _, problems = load_file(file)
    assert [p.message for p in problems] == [f"nesting is deeper than {MAX_DEPTH} levels"]
    assert problems[0].line == 1


@pytest.mark.parametrize("opener", ["- ", "? "])
def test_deep_block_indicators_on_one_line_are_refused_without_crashing(tmp_path: Path, opener: str) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text(opener * 60_000 + "x\n")  # libyaml's composer would overflow the C stack
    _, problems = load_file(file)
    assert [p.message for p in problems] == [f"nesting is deeper than {MAX_DEPTH} levels"]


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    lines = [" " * level + f"k{level}:" for level in range(MAX_DEPTH + 10)]
    file = tmp_path / "deep-block.yaml"
    file.write_text("\n".join(lines) + " 1\n")
    _, problems = load_file(file)
    assert "nesting is deeper" in problems[0].message


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    file = tmp_path / "huge.yaml"
    file.write_text("product: acme\n# " + "x" * MAX_BYTES + "\n")
    _, problems = load_file(file)
    assert "too large" in problems[0].message and (problems[0].line, problems[0].col) == (1, 1)


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    _, problems = load_file(tmp_path / "missing.yaml")
    assert "cannot read file" in problems[0].message
