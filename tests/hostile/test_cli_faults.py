"""Hostile arguments, streams and environments for the CLI: one clear line and a non-zero exit, never a traceback.

Bad numbers, a closed stdin, a full stdout, Ctrl+C mid-save, an ASCII-only locale, no terminal, a text too
long to score, and ``export --output`` through a symlink or to stdout.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from faults_support import REPO, count_attempts, one_error_line, practice_database, run_trainer, trainer_command
from fixture_library import LibraryFactory

from trainer.cli import main
from trainer.scoring import MAX_CHARACTERS, MAX_WORDS, TextTooLong, score_answer, score_recitation

ATTEMPT = "Broken widgets stop your line for hours. Can we run a trial on your worst line?"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# -- numbers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "-1", "0", "1e999", "86401"])
def test_seconds_must_be_a_finite_number_in_range(value: str, make_library: LibraryFactory) -> None:
    code, _, err = invoke("score", "--pitch", "acme-core", f"--seconds={value}", "--library", str(make_library()),
                          stdin=ATTEMPT)
    assert code == 2
    assert "Invalid value for '--seconds': must be a finite number of seconds between 0.1 and 86400" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["nan", "inf", "0.5"])
def test_target_must_be_a_finite_number_in_range(value: str, tmp_path: Path) -> None:
    reference = tmp_path / "ref.txt"
    reference.write_text(ATTEMPT, encoding="utf-8")
    code, _, err = invoke("score", "--reference", str(reference), f"--target={value}", stdin=ATTEMPT)
    assert code == 2
    assert "Invalid value for '--target': must be a finite number of seconds between 1 and 86400" in err


def test_a_huge_history_limit_is_refused_in_clicks_words(tmp_path: Path) -> None:
    code, _, err = invoke("history", "--limit", str(10**30), "--db", str(tmp_path / "p.sqlite3"))
    assert code == 2
    assert "Invalid value for '--limit'" in err


# -- streams -------------------------------------------------------------------------------------------------


def test_a_closed_stdin_is_a_usage_error(make_library: LibraryFactory) -> None:
    result = run_trainer("score", "--pitch", "acme-core", "--library", str(make_library()), stdin=None,
                         preexec_fn=lambda: os.close(0))
    line = one_error_line(result.stderr)
    assert result.returncode == 2
    assert "no attempt to score: stdin is closed" in line


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", [("list",), ("export", "--format", "json"), ("history", "--format", "json")])
def test_stdout_on_a_full_device_is_one_line_and_a_failure(
    command: tuple[str, ...], make_library: LibraryFactory, tmp_path: Path
) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    args = [*command, "--library", str(make_library())] if command[0] == "list" else [*command, "--db", str(db)]
    with open("/dev/full", "w") as full:
        result = subprocess.run(trainer_command(*args), cwd=REPO, stdin=subprocess.DEVNULL, stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    assert one_error_line(result.stderr) == "Error: cannot write the output: No space left on device"
    assert result.returncode == 1


@pytest.mark.parametrize("command", [("list",), ("history",), ("export", "--format", "json")])
def test_a_closed_stdout_is_one_line_and_a_failure(command: tuple[str, ...], make_library: LibraryFactory,
                                                   tmp_path: Path) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    args = [*command, "--library", str(make_library())] if command[0] == "list" else [*command, "--db", str(db)]
    result = run_trainer(*args, preexec_fn=lambda: os.close(1))
    assert one_error_line(result.stderr) == "Error: cannot write the output: stdout is closed"
    assert result.returncode == 1


def test_a_closed_stdout_does_not_stop_export_to_a_file(tmp_path: Path) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    output = tmp_path / "out.json"
    result = run_trainer("export", "--format", "json", "--db", str(db), "--output", str(output),
                         preexec_fn=lambda: os.close(1))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(output.read_text(encoding="utf-8"))) == 1


def test_ctrl_c_during_score_save_saves_the_attempt_whole_or_not_at_all(
    tmp_path: Path, make_library: LibraryFactory
) -> None:
    db = tmp_path / "p.sqlite3"
    library = make_library()
    attempt = tmp_path / "attempt.txt"
    text = "Broken widgets stop your line for hours. " * 2000
    attempt.write_text(text, encoding="utf-8")
    command = trainer_command("score", "--pitch", "acme-core", str(attempt), "--save", "--db", str(db),
                              "--library", str(library))
    for delay in (0.3, 0.45, 0.6, 0.8, 1.0, 1.3, 1.7):  # from well after Python itself started
        process = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (delay, err)
    if db.exists():
        with sqlite3.connect(db) as check:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            texts = [row[0] for row in check.execute("SELECT attempt_text FROM attempts")]
        assert all(saved == text for saved in texts)  # every saved attempt is whole


def test_an_ascii_only_locale_still_prints_chinese_and_curly_quotes(tmp_path: Path) -> None:
    reference = tmp_path / "ref.txt"
    reference.write_text("你好 “quoted” words", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG", "LANGUAGE")}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    result = subprocess.run(trainer_command("score", "--reference", str(reference), str(reference)), cwd=REPO,
                            env=env, capture_output=True, timeout=60)
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, err
    assert "UnicodeEncodeError" not in err
    assert "你好" in result.stdout.decode("utf-8") and "“quoted”" in result.stdout.decode("utf-8")


def test_the_app_without_a_terminal_says_so_and_exits_at_once(make_library: LibraryFactory, tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_trainer("--library", str(make_library()), "--db", str(tmp_path / "p.sqlite3"), timeout=20)
    assert time.monotonic() - started < 10
    line = one_error_line(result.stderr)
    assert result.returncode == 2
    assert "the practice app needs a terminal" in line
    assert not (tmp_path / "p.sqlite3").exists()


# -- size limits ---------------------------------------------------------------------------------------------


def test_the_scorer_refuses_texts_beyond_its_documented_limits() -> None:
    with pytest.raises(TextTooLong, match=f"the attempt is too long to score: {MAX_WORDS + 1:,} words"):
        score_recitation("a short script", "word " * (MAX_WORDS + 1))
    with pytest.raises(TextTooLong, match="the reference is too long to score"):
        score_recitation("x" * (MAX_CHARACTERS + 1), "a short attempt")
    with pytest.raises(TextTooLong, match="the answer is too long"):
        score_answer("an answer", ["a point"], "word " * (MAX_WORDS + 1))


def _memory_limit() -> None:
    limit = 1536 * 1024 * 1024  # far above a normal run (~100 MB); a 5 MB text once took 2 GB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize("which", ["reference", "attempt"])
def test_a_five_megabyte_text_is_refused_before_scoring(which: str, tmp_path: Path) -> None:
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(ATTEMPT, encoding="utf-8")
    big.write_text(" ".join(f"w{n % 977}" for n in range(1_000_000)), encoding="utf-8")  # ~5 MB
    reference, attempt = (big, small) if which == "reference" else (small, big)
    result = run_trainer("score", "--reference", str(reference), str(attempt), preexec_fn=_memory_limit)
    line = one_error_line(result.stderr)
    assert result.returncode == 2
    assert f"the {which} is too long to score" in line and f"{MAX_WORDS:,} words" in line


# -- export --output -----------------------------------------------------------------------------------------


def test_export_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    target = tmp_path / "exports" / "attempts.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    code, _, err = invoke("export", "--format", "json", "--db", str(db), "--output", str(link))
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 1


def test_schema_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "schemas" / "pitch.schema.json"
    target.parent.mkdir()
    link = tmp_path / "pitch.schema.json"
    link.symlink_to(target)
    code, _, err = invoke("schema", "--output", str(link))
    assert code == 0, err
    assert link.is_symlink() and "$defs" in json.loads(target.read_text(encoding="utf-8"))


def test_export_to_dash_writes_stdout(tmp_path: Path) -> None:
    db = practice_database(tmp_path / "p.sqlite3")
    code, out, err = invoke("export", "--format", "json", "--db", str(db), "--output", "-")
    assert code == 0, err
    assert len(json.loads(out)) == 1
    assert not (Path.cwd() / "-").exists()


@pytest.mark.skipif(not os.path.exists("/proc/self/fd/1"), reason="needs /proc (Linux)")
def test_export_to_dev_stdout_writes_stdout(tmp_path: Path) -> None:
    """``--output /dev/stdout``, through a private link just like it: a broken build must not replace the real one."""
    db = practice_database(tmp_path / "p.sqlite3")
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")  # what /dev/stdout is on Linux
    result = run_trainer("export", "--format", "json", "--db", str(db), "--output", str(stdout))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1
    assert stdout.is_symlink()
    assert count_attempts(db) == 1
