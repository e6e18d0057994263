"""Every command shows hostile content and rep names as text: no terminal command, no markup, no crash.

The library carries OSC 0 (retitle the terminal), OSC 52 (write the clipboard), Rich markup, HTML, Markdown
and a spreadsheet formula in its titles and names; the store holds attempts by a rep named ``[/x]`` (a Rich
closing tag) and by a rep whose name holds an escape sequence.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import LibraryFactory
from hostile_text import ESCAPE_REP, HOSTILE_REP, hostile_library

from trainer.cli import main

RAW_CONTROL = ("\x1b", "\x07", "\x9b", "\x9d")


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_no_raw_control(text: str) -> None:
    found = [hex(ord(c)) for c in RAW_CONTROL if c in text]
    assert not found, f"raw control characters reached the terminal: {found}"


@pytest.fixture
def hostile(make_library: LibraryFactory, tmp_path: Path) -> tuple[str, str]:
    """A hostile library and a database with attempts by the two hostile reps."""
    library = str(hostile_library(make_library))
    db = str(tmp_path / "practice.sqlite3")
    for rep in (HOSTILE_REP, ESCAPE_REP):
        code, _, err = run("score", "--pitch", "acme-core", "--save", "--rep", rep, "--db", db, "--library", library,
                           stdin="Broken widgets stop your line. [bold]Can we run a trial?")
        assert code == 0, err
    return library, db


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "acme-core"],
        ["check"],
        ["history", "--all-reps"],
        ["history", "--rep", HOSTILE_REP],
        ["history", "--rep", ESCAPE_REP],
        ["due", "--rep", HOSTILE_REP],
        ["team"],
        ["team", "--format", "json"],
        ["team", "--format", "csv"],
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["list", "--format", "json"],
        ["history", "--all-reps", "--format", "json"],
        ["due", "--rep", ESCAPE_REP, "--format", "json"],
    ],
    ids=lambda args: "-".join(a for a in args if a not in (HOSTILE_REP, ESCAPE_REP)),
)
def test_commands_show_hostile_text_without_acting_on_it(hostile: tuple[str, str], args: list[str]) -> None:
    library, db = hostile
    extra = ["--db", db] if args[0] in ("history", "due", "team", "export") else []
    extra += ["--library", library] if args[0] in ("list", "show", "check", "due", "team") else []
    code, out, err = run(*args, *extra)
    assert code == 0, err
    assert_no_raw_control(out + err)


def test_list_shows_the_title_and_its_markup_literally(hostile: tuple[str, str]) -> None:
    code, out, _ = run("list", "--library", hostile[0])
    assert code == 0
    flat = " ".join(out.split())
    assert "\\e]0;pwned\\x07" in flat  # the escape is shown, not run
    assert "[bold red]loud[/]" in flat and "[/x]" in flat  # markup stays text


def test_history_and_team_show_a_markup_rep_name_literally(hostile: tuple[str, str]) -> None:
    library, db = hostile
    assert HOSTILE_REP in run("history", "--all-reps", "--db", db)[1]
    assert HOSTILE_REP in run("team", "--db", db, "--library", library)[1]
    assert "eve\\e]0;pwned\\x07" in " ".join(run("team", "--db", db, "--library", library)[1].split())


def test_saving_an_attempt_names_the_rep_visibly(make_library: LibraryFactory, tmp_path: Path) -> None:
    code, _, err = run("score", "--pitch", "acme-core", "--save", "--rep", ESCAPE_REP, "--db", str(tmp_path / "p.db"),
                       "--library", str(make_library()), stdin="Broken widgets")
    assert code == 0
    assert_no_raw_control(err)
    assert "for eve\\e]0;pwned\\x07" in err


def test_score_shows_the_answer_and_the_title_literally(hostile: tuple[str, str]) -> None:
    code, out, _ = run("score", "--pitch", "acme-core", "--library", hostile[0], stdin="[/x] \x1b]0;t\x07 widgets")
    assert code == 0
    assert_no_raw_control(out)
    assert "[/x]" in out


def test_json_output_keeps_the_data_and_escapes_what_a_terminal_would_run(hostile: tuple[str, str]) -> None:
    _, out, _ = run("export", "--format", "json", "--db", hostile[1])
    assert_no_raw_control(out)
    assert {record["rep"] for record in json.loads(out)} == {HOSTILE_REP, ESCAPE_REP}  # the data is unchanged


def test_csv_export_cells_are_visible_and_never_formulas(hostile: tuple[str, str]) -> None:
    _, out, _ = run("team", "--format", "csv", "--db", hostile[1], "--library", hostile[0])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert all(not (value or "").startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    assert any("\\e]0;pwned\\x07" in row["rep"] for row in rows)


def test_a_real_terminal_process_gets_no_escape_sequence_from_list(hostile: tuple[str, str]) -> None:
    env = dict(os.environ, COLUMNS="100", TERM="xterm-256color", FORCE_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "list", "--library", hostile[0]],
        capture_output=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    # Rich's own colours (CSI … m) are allowed with FORCE_COLOR; no OSC (ESC ]) and no BEL may come through.
    assert "\x1b]" not in out and "\x07" not in out
    assert "\\e]52;c;" in out.replace("\n", "")
