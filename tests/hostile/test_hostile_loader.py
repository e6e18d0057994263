"""Hostile content files and library folders: each one is a single `file:line:col: what` problem, never a
traceback or a hang, and every other file of the library still loads. See tests/hostile/README.md."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import LibraryFactory, write

from trainer.cli import main
from trainer.library.checking import check_paths
from trainer.library.limits import MAX_NODES, MAX_NUMBER_CHARS
from trainer.library.loader import load_file, load_library
from trainer.library.problems import Problem, display_path

CORPUS = Path(__file__).parent / "loader"
SCENARIO_HEAD = "id: cold-call\ntitle: T\nproduct: acme\npersona: p\nstage: first-contact\nsteps:\n"

# file -> (line, column, the whole message)
TAGGED_SCALARS = {
    "tagged-timestamp-garbage.yaml": (6, 11, "'garbage' is not a valid date; put it in quotes if it is text"),
    "tagged-timestamp-feb-30.yaml": (6, 11, "'2024-02-30' is not a valid date; put it in quotes if it is text"),
    "untagged-feb-30.yaml": (6, 11, "'2024-02-30' is not a valid date; put it in quotes if it is text"),
    "tagged-int-word.yaml": (6, 11, "'thirty' is not a valid whole number; put it in quotes if it is text"),
    "tagged-float-empty.yaml": (6, 11, "'' is not a valid number; put it in quotes if it is text"),
    "tagged-bool-maybe.yaml": (6, 11, "'maybe' is not a valid true/false value; put it in quotes if it is text"),
    "tagged-map-on-text.yaml": (6, 11, "tag '!!map' is not allowed; content files hold plain YAML only"),
    "integer-5000-digits.yaml": (
        2,
        10,
        f"number is too long (5,000 characters; the limit is {MAX_NUMBER_CHARS}); put it in quotes if it is text",
    ),
}


def test_every_loader_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(TAGGED_SCALARS)


def _only_problem_in(library_root: Path, rel: str) -> list[Problem]:
    library = load_library(library_root)
    assert "acme-core" in library.pitches, "the rest of the library must still load"
    assert library.scenarios == {} or "cold-call" in library.scenarios
    return [p for p in library.problems if p.path.endswith(rel)]


@pytest.mark.parametrize("name", sorted(TAGGED_SCALARS))
def test_a_value_its_tag_cannot_hold_is_a_problem_at_the_value(name: str, make_library: LibraryFactory) -> None:
    line, col, message = TAGGED_SCALARS[name]
    root = make_library({"content/acme/drills.yaml": (CORPUS / name).read_text()})
    problems = _only_problem_in(root, "drills.yaml")
    assert [(p.line, p.col, p.message) for p in problems] == [(line, col, message)]


def test_a_bad_tagged_value_in_check_is_one_line_and_the_others_are_checked(make_library: LibraryFactory) -> None:
    root = make_library(
        {
            "content/acme/drills.yaml": (CORPUS / "tagged-int-word.yaml").read_text(),
            "content/acme/objections.yaml": "product: acme\nversion: !!bool maybe\nobjections: []\n",
        }
    )
    result = CliRunner().invoke(main, ["check", "--library", str(root)])
    assert result.exit_code == 1
    assert "drills.yaml:6:11: 'thirty' is not a valid whole number" in result.stdout
    assert "objections.yaml:2:10: 'maybe' is not a valid true/false value" in result.stdout
    assert "Traceback" not in result.output


def test_a_list_over_the_node_limit_is_refused(tmp_path: Path) -> None:
    file = write(tmp_path / "drills.yaml", "product: acme\nversion: 1\ndrills:\n" + "- x\n" * (MAX_NODES + 10_000))
    _, problems = load_file(file)
    assert [(p.line, p.col, p.message) for p in problems] == [
        (4, 1, f"file holds more than {MAX_NODES:,} values (the limit for one content file)")
    ]


def test_aliased_scalars_are_refused_before_they_are_expanded(make_library: LibraryFactory) -> None:
    """A 1 MiB file of aliases to one long text: `trainer show` used to expand it to gigabytes."""
    head = "id: cold-call\ntitle: &t " + "y" * 200 + "\nproduct: acme\npersona: x\nstage: first-contact\nsteps: ["
    body = "{customer: *t}, " * ((1024 * 1024 - 400) // 16)
    root = make_library({"scenarios/cold-call.yaml": head + body + "]\n"})
    start = time.perf_counter()
    problems = _only_problem_in(root, "cold-call.yaml")
    assert time.perf_counter() - start < 5
    assert [(p.line, p.col, p.message) for p in problems] == [
        (6, 20, "anchors and aliases (&name, *name) are not allowed in content files")
    ]


def test_an_alias_of_a_plain_text_in_a_list_is_refused(tmp_path: Path) -> None:
    file = write(tmp_path / "drills.yaml", "product: acme\nversion: 1\nname: &n x\ndrills: [*n, *n]\n")
    _, problems = load_file(file)
    assert [(p.line, p.col) for p in problems] == [(4, 10)]
    assert "anchors and aliases" in problems[0].message


def test_prose_with_ampersands_and_stars_is_not_mistaken_for_aliases(make_library: LibraryFactory) -> None:
    root = make_library({"content/acme/product.yaml": "id: acme\nname: R&D *tools* & more\nlanguage: en\n# &a *a\n"})
    assert load_library(root).errors == []


# --- special files and links in the library folder -------------------------------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def _check(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """`trainer check` in a real process with bounded time and memory, so that a hang or a runaway read fails
    the test instead of stalling the run or the machine."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", "check", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=_limit_memory,
    )


def test_a_fifo_in_the_library_is_named_and_does_not_hang(make_library: LibraryFactory) -> None:
    root = make_library()
    fifo = root / "content" / "acme" / "notes.yaml"
    os.mkfifo(fifo)
    result = _check("--library", str(root))
    assert "Traceback" not in result.stderr
    assert "content/acme/notes.yaml:1:1: this is a named pipe (FIFO), not a file; only regular files are read" in (
        result.stdout
    )
    assert "checked" in result.stdout + result.stderr


def test_a_fifo_named_on_the_command_line_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = _check(str(fifo))
    assert f"{fifo}:1:1: this is a named pipe (FIFO), not a file; only regular files are read" in result.stdout


def test_a_socket_in_the_library_is_named(make_library: LibraryFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_library()
    path = root / "scenarios" / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        monkeypatch.chdir(path.parent)  # AF_UNIX paths are limited to ~100 bytes; bind relative to the folder
        server.bind(path.name)
        library = load_library(root)
    finally:
        server.close()
    assert [p.message for p in library.problems if p.path.endswith("s.yaml")] == [
        "this is a socket, not a file; only regular files are read"
    ]
    assert "cold-call" in library.scenarios


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "/proc/self/environ"])
def test_a_link_out_of_the_library_is_not_followed(make_library: LibraryFactory, target: str) -> None:
    root = make_library()
    (root / "content" / "acme" / "leak.yaml").symlink_to(target)
    start = time.perf_counter()
    result = _check("--library", str(root))
    assert time.perf_counter() - start < 20
    assert (
        f"content/acme/leak.yaml:1:1: symbolic link to '{target}' points outside the library; it was not read"
        in result.stdout
    )
    assert "root:" not in result.stdout  # nothing of the target is quoted back
    assert "Traceback" not in result.stderr


def test_a_link_inside_the_library_is_read(make_library: LibraryFactory) -> None:
    root = make_library()
    (root / "content" / "acme" / "drills.yaml").rename(root / "drills-source.yaml")
    (root / "content" / "acme" / "drills.yaml").symlink_to("../../drills-source.yaml")
    library = load_library(root)
    assert library.errors == []
    assert library.products["acme"].drills is not None


def test_a_link_loop_is_a_problem_not_a_traceback(make_library: LibraryFactory) -> None:
    root = make_library()
    folder = root / "content" / "acme"
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    (folder / "self.yaml").symlink_to("self.yaml")
    result = _check("--library", str(root))
    assert "Traceback" not in result.stderr
    for name, target in (("a", "b"), ("b", "a"), ("self", "self")):
        assert f"content/acme/{name}.yaml:1:1: symbolic link to '{target}.yaml' is a loop; it was not read" in (
            result.stdout
        )
    single = check_paths([folder / "self.yaml"])
    assert [p.message for p in single.problems] == ["symbolic link to 'self.yaml' is a loop; it was not read"]


def test_a_linked_folder_is_not_followed_and_says_so(make_library: LibraryFactory, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "product.yaml", "id: other\nname: Other\nlanguage: en\n")
    root = make_library()
    (root / "content" / "other").symlink_to(outside)
    library = load_library(root)
    assert "other" not in library.products
    assert [(p.path, p.message) for p in library.problems if "symbolic" in p.message] == [
        (display_path(root / "content" / "other"), "symbolic link to a folder; not followed")
    ]


needs_non_root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads files and folders whatever their permissions, so chmod 000 cannot make them unreadable",
)


@needs_non_root
def test_an_unreadable_folder_is_named(make_library: LibraryFactory) -> None:
    root = make_library()
    locked = root / "content" / "acme" / "pitches"
    locked.chmod(0)
    try:
        library = load_library(root)
    finally:
        locked.chmod(0o755)
    assert any(p.path.endswith("pitches") and "cannot read this folder" in p.message for p in library.problems)


@needs_non_root
def test_an_unreadable_file_is_named(make_library: LibraryFactory) -> None:
    root = make_library()
    locked = root / "content" / "acme" / "drills.yaml"
    locked.chmod(0)
    try:
        library = load_library(root)
    finally:
        locked.chmod(0o644)
    assert [p.message for p in library.problems if p.path.endswith("drills.yaml")] == [
        "cannot read file: Permission denied"
    ]


# --- "did you mean" and untrusted names ------------------------------------------------------------------


def test_did_you_mean_over_25000_references_finishes_in_seconds(make_library: LibraryFactory) -> None:
    count, known = 25_000, 11_000  # as many known drills as fit in one file under the size limit
    drills = "product: acme\nversion: 1\ndrills:\n" + "".join(
        f"- {{id: drill-{i:05d}, topic: key-person, goal: g, avoid: a, examples: [e], key_terms: [k]}}\n"
        for i in range(known)
    )
    steps = "".join(f"  - {{drill: drill-{i:05d}x}}\n" for i in range(count))
    scenario = SCENARIO_HEAD + steps
    root = make_library({"content/acme/drills.yaml": drills, "scenarios/cold-call.yaml": scenario})
    start = time.perf_counter()
    library = load_library(root)
    assert time.perf_counter() - start < 20
    missing = [p for p in library.problems if "no drill" in p.message]
    assert len(missing) == count
    assert missing[0].message == "no drill 'drill-00000x' in product 'acme'; did you mean 'drill-00000'?"
    assert missing[-1].message == "no drill 'drill-24999x' in product 'acme'"  # the hint budget was spent


def test_did_you_mean_still_helps_in_a_small_library(make_library: LibraryFactory) -> None:
    scenario = SCENARIO_HEAD + "  - drill: who-sings\n"
    library = load_library(make_library({"scenarios/cold-call.yaml": scenario}))
    assert [p.message for p in library.errors] == ["no drill 'who-sings' in product 'acme'; did you mean 'who-signs'?"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("evil\x1b]0;owned\x07.yaml", "evil\\e]0;owned\\x07.yaml"),
        ("two\nlines.yaml", "two\\nlines.yaml"),
        ("rtl\u202egnp.yaml", "rtl\\u202egnp.yaml"),
    ],
)
def test_a_file_name_with_control_characters_cannot_forge_a_problem_line(
    make_library: LibraryFactory, name: str, shown: str
) -> None:
    root = make_library({f"content/acme/{name}": "not: [valid\n"})
    result = CliRunner().invoke(main, ["check", "--library", str(root)])
    lines = [line for line in result.stdout.splitlines() if "invalid YAML" in line]
    assert len(lines) == 1, result.stdout
    assert f"content/acme/{shown}:" in lines[0]
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output


def test_a_value_with_control_characters_is_shown_escaped(make_library: LibraryFactory) -> None:
    root = make_library(
        {"content/acme/drills.yaml": 'product: acme\nversion: 1\ndrills: !!int "\\e]52;c;cm0gLXJmIH4=\\a"\n'}
    )
    result = CliRunner().invoke(main, ["check", "--library", str(root)])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "drills.yaml:3:9: '\\e]52;c;cm0gLXJmIH4=\\x07' is not a valid whole number" in result.stdout


def test_an_alias_right_after_a_json_style_key_is_refused(tmp_path: Path) -> None:
    file = write(tmp_path / "drills.yaml", '{"product": acme, "version": 1, "name":&n x, "drills": [*n]}\n')
    _, problems = load_file(file)
    assert [(p.line, p.col, p.message) for p in problems] == [
        (1, 57, "anchors and aliases (&name, *name) are not allowed in content files")
    ]
