"""A rep scores a recitation from the command line, saves it, and finds it in history, due and export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main

ATTEMPT = (
    "Broken widgets stop your line for hours. Acme widgets warn you days before they fial.\n\n"
    "Can we run a trial on your worst line?"
)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_score_json_has_the_documented_fields(make_library: LibraryFactory) -> None:
    code, out, _ = run(
        "score",
        "--pitch",
        "acme-core",
        "--cut",
        "30s",
        "--format",
        "json",
        "--library",
        str(make_library()),
        stdin=ATTEMPT,
    )
    result = json.loads(out)
    assert code == 0
    assert {"score", "tier", "counts", "key_phrases", "sections", "pace", "words", "extras", "fixes"} <= set(result)
    assert set(result["counts"]) >= {"reference_words", "matched", "near", "substituted", "missed", "extra", "filler"}
    assert result["counts"]["near"] == 1  # "fial"
    assert [k["found"] for k in result["key_phrases"]] == [True, False]  # "two-week" was left out
    assert [s["name"] for s in result["sections"]] == ["Hook", "Ask"]
    assert 0 < result["score"] < 100


def test_score_text_says_what_to_fix_first(make_library: LibraryFactory, tmp_path: Path) -> None:
    attempt = tmp_path / "attempt.txt"
    attempt.write_text(ATTEMPT)
    code, out, _ = run(
        "score", str(attempt), "--pitch", "acme-core", "--library", str(make_library()), "--seconds", "80"
    )
    assert code == 0
    assert "Fix first" in out and "two-week trial" in out
    assert "too long" in out  # 80 s for a 30 s cut


def test_score_against_a_reference_file(tmp_path: Path) -> None:
    reference = tmp_path / "pitch.txt"
    reference.write_text("We cut downtime by thirty percent.")
    code, out, _ = run("score", "--reference", str(reference), "--format", "json", stdin="We cut downtime by 30%.")
    assert code == 0 and json.loads(out)["score"] == 100


def test_score_needs_exactly_one_reference(make_library: LibraryFactory, tmp_path: Path) -> None:
    code, _, err = run("score", stdin="x")
    assert code == 2 and "--pitch" in err
    code, _, err = run("score", "--reference", str(tmp_path), stdin="x")
    assert code == 2


def test_saved_attempts_show_in_history_due_and_export(make_library: LibraryFactory, tmp_path: Path) -> None:
    library = str(make_library())
    db = str(tmp_path / "practice.sqlite3")
    code, _, err = run(
        "score",
        "--pitch",
        "acme-core",
        "--save",
        "--rep",
        "dana",
        "--db",
        db,
        "--library",
        library,
        "--seconds",
        "31",
        stdin=ATTEMPT,
    )
    assert code == 0 and "saved attempt 1 for dana" in err
    history = json.loads(run("history", "--rep", "dana", "--db", db, "--format", "json")[1])
    assert len(history) == 1
    assert history[0]["item_id"] == "acme-core" and history[0]["cut"] == "30s" and history[0]["version"] == 1
    assert history[0]["attempt_text"] == ATTEMPT
    assert "two-week trial" in json.dumps(history[0]["breakdown"])  # the missed key phrase is kept
    due = json.loads(run("due", "--rep", "dana", "--db", db, "--library", library, "--format", "json")[1])
    assert {d["reason"] for d in due} == {"new"}  # just practised: not due again yet; the rest is new
    assert "pitch:acme:acme-core:30s" not in {d["item_key"] for d in due}
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db)[1])))
    assert [r["rep"] for r in rows] == ["dana"] and rows[0]["duration_seconds"] == "31.0"
    assert run("history", "--rep", "nobody", "--db", db)[1].startswith("No attempts by nobody")


def test_export_since_filters_by_date(make_library: LibraryFactory, tmp_path: Path) -> None:
    db = str(tmp_path / "practice.sqlite3")
    run("score", "--pitch", "acme-core", "--save", "--db", db, "--library", str(make_library()), stdin=ATTEMPT)
    assert json.loads(run("export", "--format", "json", "--db", db, "--since", "2000-01-01")[1])
    assert json.loads(run("export", "--format", "json", "--db", db, "--since", "2999-01-01")[1]) == []


def test_csv_export_never_hands_a_spreadsheet_a_formula(make_library: LibraryFactory, tmp_path: Path) -> None:
    db = str(tmp_path / "practice.sqlite3")
    run("score", "--pitch", "acme-core", "--save", "--rep", "=HYPERLINK(\"x\")", "--db", db,
        "--library", str(make_library()), stdin="=1+1 Broken widgets")
    row = next(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db)[1])))
    assert row["rep"].startswith("'=") and row["attempt_text"].startswith("'=")


def test_problems_reading_or_writing_files_are_messages(tmp_path: Path) -> None:
    code, _, err = run("score", str(tmp_path / "missing.txt"), "--reference", __file__)
    assert code == 2 and "cannot read" in err
    code, _, err = run("export", "--format", "json", "--db", str(tmp_path / "p.db"), "-o", str(tmp_path / "no/x.json"))
    assert code == 1 and "cannot write" in err


CRITICAL_ASK = "key_phrases:\n          - phrase: two-week trial\n            critical: true"


def test_a_critical_phrase_of_the_library_holds_the_cli_score_below_gold(make_library: LibraryFactory) -> None:
    from fixture_library import PITCH_V1

    pitch = PITCH_V1.replace("key_phrases: [two-week trial]", CRITICAL_ASK)
    library = str(make_library({"content/acme/pitches/acme-core/v1.yaml": pitch}))
    attempt = (
        "Broken widgets stop your line for hours. Acme widgets warn you days before they fail.\n\n"
        "Can we run a trial on your worst line?"
    )
    code, out, _ = run("score", "--pitch", "acme-core", "--format", "json", "--library", library, stdin=attempt)
    result = json.loads(out)
    assert code == 0 and result["tier"] != "Gold" and result["score"] <= 89
    assert result["held_back"] == [
        'You left out the figure "two-week".',
        'Say the critical phrase "two-week trial" — you said "trial".',
    ]
    assert [k["critical"] for k in result["key_phrases"]] == [False, True]
    code, out, _ = run("score", "--pitch", "acme-core", "--library", library, stdin=attempt)
    assert code == 0
    assert out.index("Held below Gold") < out.index('You left out the figure "two-week".') < out.index("Fix first")
    assert out.count('You left out the figure "two-week".') == 1  # not repeated as a fix


def test_critical_phrases_for_a_reference_file(tmp_path: Path) -> None:
    reference = tmp_path / "pitch.txt"
    reference.write_text("We cut downtime by thirty percent. Shall we start a pilot next week?")
    said = "We cut downtime by 30%. Shall we start next week?"
    args = ("score", "--reference", str(reference), "--format", "json")
    code, out, _ = run(*args, "--critical-phrase", "start a pilot", stdin=said)
    assert code == 0 and json.loads(out)["tier"] != "Gold"
    code, out, _ = run(*args, stdin=said)
    assert json.loads(out)["held_back"] == []
