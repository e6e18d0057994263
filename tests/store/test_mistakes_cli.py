"""``trainer mistakes``: after real saved attempts, the words a rep keeps getting wrong, worst first."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main

RIGHT = "Broken widgets stop your line for hours. Acme widgets warn you days before they fail.\n\n" \
    "Can we run a two-week trial on your worst line?"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def save(library: Path, db: Path, rep: str, attempt: str) -> None:
    code, _, err = run("score", "--pitch", "acme-core", "--cut", "30s", "--save", "--rep", rep,
                       "--library", str(library), "--db", str(db), stdin=attempt)
    assert code == 0, err


def test_mistakes_lists_the_words_a_rep_keeps_missing_worst_first(make_library: LibraryFactory,
                                                                 tmp_path: Path) -> None:
    library, db = make_library(), tmp_path / "p.sqlite3"
    save(library, db, "dana", RIGHT.replace(" worst", "").replace("Broken ", ""))
    save(library, db, "dana", RIGHT.replace(" worst", ""))
    save(library, db, "lee", RIGHT.replace("hours", "days"))
    code, out, _ = run("mistakes", "--rep", "dana", "--pitch", "acme-core", "--cut", "30s", "--format", "json",
                       "--library", str(library), "--db", str(db))
    assert code == 0
    data = json.loads(out)
    assert data["item_key"] == "pitch:acme:acme-core:30s" and data["attempts"] == 2
    assert [(w["word"], w["section"], w["position"], w["missed"]) for w in data["words"][:2]] == [
        ("worst", "Ask", 9, 2), ("Broken", "Hook", 0, 1)]
    assert data["words"][0]["weight"] > data["words"][1]["weight"]
    assert "hours" not in [w["word"] for w in data["words"]]  # another rep's mistake
    code, out, _ = run("mistakes", "--rep", "dana", "--pitch", "acme-core", "--library", str(library),
                       "--db", str(db))
    assert code == 0
    assert out.index("worst") < out.index("Broken") and "2 missed" in out


def test_mistakes_for_a_rep_with_no_attempts_says_so(make_library: LibraryFactory, tmp_path: Path) -> None:
    code, out, _ = run("mistakes", "--rep", "new", "--pitch", "acme-core", "--library", str(make_library()),
                       "--db", str(tmp_path / "p.sqlite3"))
    assert code == 0 and "no mistakes to drill" in out


def test_mistakes_of_an_unknown_pitch_is_a_one_line_error(make_library: LibraryFactory, tmp_path: Path) -> None:
    code, _, err = run("mistakes", "--pitch", "nope", "--library", str(make_library()),
                         "--db", str(tmp_path / "p.sqlite3"))
    assert code == 2 and "nope" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
