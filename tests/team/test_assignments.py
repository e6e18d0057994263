"""Assignments: what a manager names is resolved to items, and each is open, done or overdue by clear rules.

Dates are injected (``today``); nothing sleeps.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import PITCH_V1, ROSTER, LibraryFactory

from trainer.cli import main
from trainer.library import ContentError, load_library
from trainer.library.item_ref import ItemRef
from trainer.store.assignments import StoredAssignment
from trainer.store.attempts import NewAttempt
from trainer.store.database import PracticeStore
from trainer.team.assignments import assignment_progress, best_on_version, status_of
from trainer.team.item_selectors import resolve_items

CUT_30S = ItemRef("pitch", "acme", "acme-core", "30s")
PITCH_V2 = PITCH_V1.replace("version: 1", "version: 2").replace("# The Acme core pitch, first version.", "# v2")
FRIDAY = dt.date(2026, 11, 27)
NOON = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


def assignment(item: ItemRef = CUT_30S, min_score: float = 90, due: dt.date = FRIDAY) -> StoredAssignment:
    return StoredAssignment(rep="alex", item=item, due=due, min_score=min_score, assigned_at=NOON)


def attempt(score: float, version: int | None = 1, ref: ItemRef = CUT_30S, rep: str = "alex") -> NewAttempt:
    return NewAttempt(rep=rep, kind=ref.kind, item_id=ref.id, product=ref.product, cut=ref.cut, version=version,
                      score=score, tier="Gold" if score >= 90 else "Silver", attempt_text="...", started_at=NOON)


# -- the rules --------------------------------------------------------------------------------------------


def test_the_due_day_itself_is_on_time_and_the_day_after_is_overdue() -> None:
    assert status_of(assignment(), None, FRIDAY) == "open"
    assert status_of(assignment(), 89.9, FRIDAY + dt.timedelta(days=1)) == "overdue"


def test_reaching_the_minimum_is_done_even_after_the_due_date() -> None:
    assert status_of(assignment(min_score=90), 90.0, FRIDAY + dt.timedelta(days=30)) == "done"
    assert status_of(assignment(min_score=75), 80.0, FRIDAY) == "done"


def test_only_attempts_on_the_current_version_count() -> None:
    other_item = attempt(99, version=2, ref=ItemRef("pitch", "acme", "acme-core", "demo"))
    attempts = [attempt(97, version=1), attempt(60, version=2), other_item]
    assert best_on_version(attempts, CUT_30S, 2) == 60
    assert best_on_version(attempts, CUT_30S, 1) == 97
    assert best_on_version(attempts, CUT_30S, 3) is None
    assert best_on_version(attempts, CUT_30S, None) == 97  # a scenario: any attempt counts


def test_publishing_a_new_version_reopens_a_done_assignment(make_library: LibraryFactory, tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    store.assign([assignment()])
    store.record(attempt(95, version=1))
    before = assignment_progress(store, load_library(make_library()), FRIDAY)
    assert [(p.status, p.version, p.best) for p in before] == [("done", 1, 95)]
    root = make_library({"content/acme/pitches/acme-core/v2.yaml": PITCH_V2})
    after = assignment_progress(store, load_library(root), FRIDAY)
    assert [(p.status, p.version, p.best) for p in after] == [("open", 2, None)]
    assert assignment_progress(store, load_library(root), FRIDAY + dt.timedelta(days=1))[0].status == "overdue"


def test_a_new_objections_version_reopens_objection_assignments(make_library: LibraryFactory, tmp_path: Path) -> None:
    ref = ItemRef("objection", "acme", "too-expensive")
    store = PracticeStore(tmp_path / "p.sqlite3")
    store.assign([assignment(ref, min_score=75)])
    store.record(attempt(80, version=1, ref=ref))
    assert assignment_progress(store, load_library(make_library()), FRIDAY)[0].status == "done"
    from fixture_library import OBJECTIONS

    root = make_library({"content/acme/objections.yaml": OBJECTIONS.replace("version: 1", "version: 2")})
    assert assignment_progress(store, load_library(root), FRIDAY)[0].status == "open"


def test_assigning_again_moves_the_due_date_instead_of_doubling(tmp_path: Path) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    store.assign([assignment()])
    store.assign([assignment(due=FRIDAY + dt.timedelta(days=7), min_score=80)])
    [only] = store.assignments()
    assert (only.due, only.min_score) == (FRIDAY + dt.timedelta(days=7), 80)


# -- what a manager can name --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selector", "keys"),
    [
        ("acme-core", ["pitch:acme:acme-core:30s", "pitch:acme:acme-core:demo"]),
        ("acme-core:demo", ["pitch:acme:acme-core:demo"]),
        ("pitch:acme:acme-core:30s", ["pitch:acme:acme-core:30s"]),
        ("objections:acme", ["objection:acme:too-expensive", "objection:acme:have-supplier"]),
        ("objections:acme/price", ["objection:acme:too-expensive"]),
        ("objections:acme/have-supplier", ["objection:acme:have-supplier"]),
        ("objection:acme:have-supplier", ["objection:acme:have-supplier"]),
        ("drills:acme", ["drill:acme:who-signs"]),
        ("drills:acme/who-signs", ["drill:acme:who-signs"]),
        ("cold-call", ["scenario:acme:cold-call"]),
        ("scenario:cold-call", ["scenario:acme:cold-call"]),
    ],
)
def test_every_documented_form_names_its_items(make_library: LibraryFactory, selector: str, keys: list[str]) -> None:
    library = load_library(make_library()).for_practice()
    assert [ref.key for ref in resolve_items(library, selector)] == keys


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("acme-cor", "did you mean 'acme-core'"),
        ("acme-core:5min", "has no cut '5min' in its current version (it has 30s, demo)"),
        ("objections:acm", "no product 'acm'"),
        ("objections:acme/timing", "has no timing objections"),
        ("objection:acme:too-expensve", "did you mean 'too-expensive'"),
        ("pitch:other:acme-core:30s", "belongs to product 'acme'"),
        ("draft-only", "has no published version yet"),
    ],
)
def test_a_name_that_names_nothing_says_why(make_library: LibraryFactory, selector: str, message: str) -> None:
    draft = PITCH_V1.replace("acme-core", "draft-only").replace("status: published", "status: draft")
    library = load_library(make_library({"content/acme/pitches/draft-only/v1.yaml": draft}))
    with pytest.raises(ContentError) as caught:
        resolve_items(library, selector)
    assert message in str(caught.value)


# -- the commands ---------------------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, env={"TRAINER_REP": "maria"})
    return result.exit_code, result.stdout, result.stderr


def test_a_manager_assigns_a_whole_pitch_to_a_team_in_one_command(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), tmp_path / "p.sqlite3"
    code, out, _ = run("assign", "acme-core", "--team", "north", "--due", "2099-01-02", "--min-score", "90",
                       "--library", str(root), "--db", str(db))
    assert code == 0, out
    assert "Assigned 2 item(s) to alex, sam: due 2099-01-02, minimum score 90" in out
    PracticeStore(db).record(attempt(92, version=1))
    code, out, _ = run("assignments", "--team", "north", "--format", "json", "--library", str(root), "--db", str(db))
    records = json.loads(out)
    assert [(r["rep"], r["item"], r["status"], r["best"]) for r in records] == [
        ("alex", "pitch:acme:acme-core:demo", "open", None),
        ("sam", "pitch:acme:acme-core:30s", "open", None),
        ("sam", "pitch:acme:acme-core:demo", "open", None),
        ("alex", "pitch:acme:acme-core:30s", "done", 92.0),
    ]
    assert {(r["due"], r["min_score"], r["team"], r["assigned_by"]) for r in records} == {
        ("2099-01-02", 90.0, "north", "maria")
    }


def test_an_assignment_past_its_due_date_is_overdue_in_every_format(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    root, db = make_library(), tmp_path / "p.sqlite3"
    code, _, err = run("assign", "drills:acme", "--rep", "lee", "--due", "2020-01-31", "--library", str(root),
                       "--db", str(db))
    assert code == 0 and "that due date has passed" in err
    _, out, _ = run("assignments", "--rep", "lee", "--format", "csv", "--library", str(root), "--db", str(db))
    assert out.splitlines()[0].startswith("rep,item,kind,product,title,version,due,min_score,best,status")
    assert ",2020-01-31,90.0,,overdue," in out.splitlines()[1]
    _, text, _ = run("assignments", "--library", str(root), "--db", str(db))
    assert "overdue" in text and "lee" in text


def test_team_and_rep_names_are_checked_against_the_roster(make_library: LibraryFactory, tmp_path: Path) -> None:
    db = str(tmp_path / "p.sqlite3")
    code, _, err = run("assign", "acme-core", "--team", "north", "--due", "2099-01-01", "--library",
                       str(make_library()), "--db", db)
    assert code == 2 and "no roster" in err and "roster.yaml" in err
    root = make_library({"roster.yaml": ROSTER})
    code, _, err = run("assign", "acme-core", "--team", "nort", "--due", "2099-01-01", "--library", str(root),
                       "--db", db)
    assert code == 2 and "no team 'nort' in the roster; did you mean 'north'?" in err
    code, _, err = run("assign", "acme-core", "--rep", "alx", "--due", "2099-01-01", "--library", str(root),
                       "--db", db)
    assert code == 2 and "'alx' is not a rep in the roster; did you mean 'alex'?" in err
    code, _, err = run("assign", "acme-core", "--due", "2099-01-01", "--library", str(root), "--db", db)
    assert code == 2 and "--rep NAME or --team NAME" in err
    assert PracticeStore(tmp_path / "p.sqlite3").assignments() == []


def test_a_hostile_rep_name_reaches_the_terminal_escaped(make_library: LibraryFactory, tmp_path: Path) -> None:
    root, db = make_library(), str(tmp_path / "p.sqlite3")
    run("assign", "acme-core:30s", "--rep", "eve\x1b]0;pwned\x07", "--due", "2099-01-01", "--library", str(root),
        "--db", db)
    _, text, _ = run("assignments", "--library", str(root), "--db", db)
    _, data, _ = run("assignments", "--format", "json", "--library", str(root), "--db", db)
    assert "\x1b" not in text and "\x07" not in text
    assert "\x1b" not in data and json.loads(data)[0]["rep"] == "eve\x1b]0;pwned\x07"


# -- trainer unassign -----------------------------------------------------------------------------------------


def test_assignments_shows_the_item_key_that_unassign_takes_and_unassign_withdraws_only_that(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), str(tmp_path / "p.sqlite3")
    lib = ("--library", str(root), "--db", db)
    run("assign", "acme-core", "--team", "north", "--due", "2099-01-02", *lib)
    _, text, _ = run("assignments", *lib)
    assert "pitch:acme:acme-core:30s" in text and "trainer unassign ITEM-KEY --rep NAME" in text
    code, out, _ = run("unassign", "pitch:acme:acme-core:30s", "--rep", "sam", *lib)
    assert code == 0 and "Withdrew 1 assignment(s):" in out and "sam  pitch:acme:acme-core:30s" in out
    left = [(a.rep, a.item.key) for a in PracticeStore(Path(db)).assignments()]
    assert sorted(left) == [("alex", "pitch:acme:acme-core:30s"), ("alex", "pitch:acme:acme-core:demo"),
                            ("sam", "pitch:acme:acme-core:demo")]
    code, out, _ = run("unassign", "acme-core", "--team", "north", *lib)  # a whole pitch, from a whole team
    assert code == 0 and "Withdrew 3 assignment(s):" in out
    assert PracticeStore(Path(db)).assignments() == []


def test_unassign_says_clearly_when_nothing_matches(make_library: LibraryFactory, tmp_path: Path) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), str(tmp_path / "p.sqlite3")
    lib = ("--library", str(root), "--db", db)
    run("assign", "acme-core:30s", "--rep", "alex", "--due", "2099-01-02", *lib)
    code, _, err = run("unassign", "acme-core:30s", "--rep", "sam", *lib)
    assert code == 1
    assert "nothing to unassign: sam had no assignment of pitch:acme:acme-core:30s; `trainer assignments` lists" in err
    code, _, err = run("unassign", "acme-core:30s", "--rep", "alx", *lib)
    assert code == 1 and "'alx' has no assignments; did you mean 'alex'?" in err
    code, _, err = run("unassign", "acme-cor", "--rep", "alex", *lib)
    assert code == 2 and "did you mean 'acme-core'" in err
    code, _, err = run("unassign", "acme-core:30s", *lib)
    assert code == 2 and "--rep NAME or --team NAME" in err
    assert len(PracticeStore(Path(db)).assignments()) == 1


def test_an_item_gone_from_the_library_and_a_rep_gone_from_the_roster_can_still_be_unassigned(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), tmp_path / "p.sqlite3"
    with PracticeStore(db) as store:
        store.assign([StoredAssignment(rep="former", item=ItemRef("pitch", "acme", "retired", "30s"),
                                       due=dt.date(2099, 1, 1), min_score=90, assigned_at=dt.datetime.now(dt.UTC))])
    code, out, err = run("unassign", "pitch:acme:retired:30s", "--rep", "former", "--library", str(root),
                         "--db", str(db))
    assert code == 0, err
    assert "former  pitch:acme:retired:30s" in out and PracticeStore(db).assignments() == []
