"""A bounded property-based fuzz of the loader: the sample library's files, mutated byte-wise and structurally.

Whatever a file becomes, loading the library must not raise, every problem must point at a real place in a
file (`file:line:col`, 1-based, within the file), and the other products must still load. Run longer by hand
to hunt for crash sites (FUZZ_EXAMPLES=5000); every crash found is kept below as an explicit @example.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from trainer.library.catalog import Library
from trainer.library.loader import load_library
from trainer.library.problems import display_path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_FILES = sorted(
    str(p.relative_to(REPO)) for folder in ("content", "scenarios") for p in (REPO / folder).rglob("*.yaml")
)
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))

ODD_VALUES = [
    "",
    "~",
    "null",
    "yes",
    "2024-02-30",
    "9" * 5000,
    "1e999",
    ".nan",
    "0x1F",
    "1_000",
    "190:20:30",
    "[",
    "{",
    "]",
    "'",
    '"',
    "- x",
    "? x",
    ": x",
    "@x",
    "`x",
    "%x",
    "|",
    ">-",
    "\t",
    "\x1b]0;owned\x07",
    "\u202eevil",
    "\x00",
    "&a x",
    "*a",
    "&a [1, *a]",
    "{a: 1, a: 2}",
    "<<: {a: 1}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
]
TAGS = [
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!timestamp ",
    "!!null ",
    "!!str ",
    "!!binary ",
    "!!map ",
    "!!seq ",
    "!!set ",
    "!!omap ",
    "!!python/object:os.system ",
    "!custom ",
    "!<tag:x> ",
    "&anchor ",
    "*anchor ",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """One sample file, changed by one to four mutations."""
    rel = draw(st.sampled_from(SAMPLE_FILES))
    data = (REPO / rel).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        lines = data.split(b"\n")
        where = draw(st.integers(0, max(len(lines) - 1, 0)))
        line = lines[where]
        kind = draw(
            st.sampled_from(["byte", "delete", "duplicate", "swap", "indent", "dedent", "tag", "value", "tab", "cut"])
        )
        if kind == "byte" and data:
            pos = draw(st.integers(0, len(data) - 1))
            data = data[:pos] + bytes([draw(st.integers(0, 255))]) + data[pos + draw(st.integers(0, 1)) :]
            continue
        if kind == "delete":
            del lines[where]
        elif kind == "duplicate":
            lines.insert(where, line)
        elif kind == "swap":
            other = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines[where], lines[other] = lines[other], lines[where]
        elif kind == "indent":
            lines[where] = b" " * draw(st.integers(1, 5)) + line
        elif kind == "dedent":
            lines[where] = line.lstrip(b" ")[: len(line)] if draw(st.booleans()) else line[1:]
        elif kind == "tab":
            lines[where] = b"\t" + line
        elif kind == "cut":
            data = data[: draw(st.integers(0, len(data)))]
            continue
        elif b": " in line or line.lstrip().startswith(b"- "):
            sep = b": " if b": " in line else b"- "
            head, _, tail = line.partition(sep)
            if kind == "tag":
                lines[where] = head + sep + draw(st.sampled_from(TAGS)).encode() + tail
            else:
                lines[where] = head + sep + draw(st.sampled_from(ODD_VALUES)).encode()
        data = b"\n".join(lines)
    return rel, data


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Library]:
    root = tmp_path_factory.mktemp("fuzz") / "lib"
    for folder in ("content", "scenarios"):
        shutil.copytree(REPO / folder, root / folder)
    baseline = load_library(root)
    assert baseline.errors == []
    return root, baseline


def _product_of(rel: str) -> str | None:
    parts = Path(rel).parts
    return parts[1] if parts[0] == "content" else None


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
@example(("content/flowguard/drills.yaml", b"product: flowguard\nversion: 1\ndrills:\n  - id: !!int thirty\n"))
@example(("content/flowguard/product.yaml", b"id: flowguard\nname: !!timestamp 2024-02-30\nlanguage: en\n"))
@example(("content/flowguard/product.yaml", b"id: flowguard\nname: !!float ''\nlanguage: en\n"))
@example(("content/flowguard/product.yaml", b"id: flowguard\nname: " + b"9" * 5000 + b"\nlanguage: en\n"))
@example(("scenarios/ledgerly-demo-cfo.yaml", b"id: &a x\ntitle: *a\n"))
@example(("content/yunji/product.yaml", b"id: !!map x\n"))
def test_a_mutated_sample_file_never_breaks_loading(sample_copy: tuple[Path, Library], case: tuple[str, bytes]) -> None:
    root, baseline = sample_copy
    rel, data = case
    target = root / rel
    original = target.read_bytes()
    target.write_bytes(data)
    try:
        library = load_library(root)  # must not raise
    finally:
        target.write_bytes(original)
    line_counts = {display_path(root / f): (root / f).read_bytes().count(b"\n") + 1 for f in SAMPLE_FILES}
    line_counts[display_path(target)] = data.count(b"\n") + 1
    for problem in library.problems:
        assert problem.line >= 1 and problem.col >= 1, problem
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.col}: "), problem
        if problem.path in line_counts:
            assert problem.line <= line_counts[problem.path], problem
        assert "\x1b" not in str(problem) and "\n" not in str(problem), problem
    mutated_product = _product_of(rel)
    for pitch_id, pitch in baseline.pitches.items():
        if pitch.product != mutated_product:
            assert pitch_id in library.pitches, f"{pitch_id} no longer loads after {rel} changed"
