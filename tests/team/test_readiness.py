"""Readiness: red, amber or green from overdue work, recent proficiency and certificates, always with why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import ROSTER, LibraryFactory

from trainer.cli import main
from trainer.library.item_ref import ItemRef
from trainer.store.assignments import StoredAssignment
from trainer.store.attempts import NewAttempt
from trainer.store.database import PracticeStore
from trainer.team.assignments import AssignmentProgress
from trainer.team.certification import Certificate
from trainer.team.readiness import proficiency, rep_readiness, team_colour

NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
CUT = ItemRef("pitch", "acme", "acme-core", "30s")


def scored(score: float, days_ago: float = 0, rep: str = "alex") -> NewAttempt:
    return NewAttempt(rep=rep, kind="pitch", item_id="acme-core", product="acme", cut="30s", version=1,
                      score=score, tier="", attempt_text="...", started_at=NOW - dt.timedelta(days=days_ago))


def overdue(rep: str = "alex") -> AssignmentProgress:
    assignment = StoredAssignment(rep=rep, item=CUT, due=dt.date(2026, 11, 20), min_score=90, assigned_at=NOW)
    return AssignmentProgress(assignment, "Acme core pitch — 30s", 1, 70.0, "overdue")


def held(rep: str = "alex") -> Certificate:
    return Certificate(rep, "pitch:acme-core", "acme", "Acme core pitch", "certified", 1, 1, dt.date(2026, 11, 20))


def test_fewer_than_three_attempts_is_not_enough_data_whatever_the_scores() -> None:
    found = rep_readiness("alex", [scored(99), scored(99)], [], [held()], NOW)
    assert (found.colour, found.why) == ("not enough data", "2 scored attempts; at least 3 are needed for a colour")


def test_an_overdue_assignment_is_red_and_named() -> None:
    found = rep_readiness("alex", [scored(95)] * 3, [overdue(), overdue("sam")], [held()], NOW)
    assert (found.colour, found.why) == ("red", "overdue: Acme core pitch — 30s; proficiency 95")


@pytest.mark.parametrize(
    ("scores", "certs", "colour", "why"),
    [
        ([50, 55, 59], [], "red", "proficiency 55, below 60"),
        ([85, 90, 95], [], "amber", "no certificate yet; proficiency 90; nothing overdue"),
        ([70, 75, 80], ["held"], "amber", "proficiency 75, below 80; nothing overdue"),
        ([85, 90, 95], ["held"], "green", "certified on Acme core pitch v1; nothing overdue; proficiency 90"),
    ],
)
def test_proficiency_and_certificates_decide_between_red_amber_and_green(
    scores: list[float], certs: list[str], colour: str, why: str
) -> None:
    found = rep_readiness("alex", [scored(s) for s in scores], [], [held() for _ in certs], NOW)
    assert (found.colour, found.why) == (colour, why)


def test_recent_practice_weighs_more_than_old_practice() -> None:
    old_bad_new_good = [scored(40, days_ago=60)] * 3 + [scored(90)]
    assert proficiency(old_bad_new_good, NOW) == pytest.approx(83.4, abs=0.1)
    assert proficiency([scored(80, days_ago=14), scored(60)], NOW) == pytest.approx((0.5 * 80 + 60) / 1.5)


def test_a_team_is_as_red_as_its_reddest_rep_and_green_only_when_all_are() -> None:
    green = rep_readiness("a", [scored(95)] * 3, [], [held("a")], NOW)
    amber = rep_readiness("b", [scored(95)] * 3, [], [], NOW)
    red = rep_readiness("c", [scored(95)] * 3, [overdue("c")], [], NOW)
    unknown = rep_readiness("d", [], [], [], NOW)
    assert team_colour([green, unknown]) == "green"
    assert team_colour([green, amber]) == "amber"
    assert team_colour([green, amber, red]) == "red"
    assert team_colour([unknown]) == "not enough data"


def test_trainer_readiness_per_team_in_json_and_csv(make_library: LibraryFactory, tmp_path: Path) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), tmp_path / "p.sqlite3"
    with PracticeStore(db) as store:
        for score in (50, 55, 40):
            store.record(scored(score, days_ago=1, rep="sam"))
    runner = CliRunner()
    args = ["--library", str(root), "--db", str(db)]
    data = json.loads(runner.invoke(main, ["readiness", "--team", "north", "--format", "json", *args]).stdout)
    [north] = data["teams"]
    assert north["team"] == "north" and north["colour"] == "red"
    assert [(r["rep"], r["colour"]) for r in north["reps"]] == [("alex", "not enough data"), ("sam", "red")]
    assert north["reps"][1]["why"] == "proficiency 48, below 60" and north["reps"][1]["attempts"] == 3
    csv_out = runner.invoke(main, ["readiness", "--format", "csv", *args]).stdout.splitlines()
    header = csv_out[0].split(",")
    assert header[:8] == ["team", "rep", "colour", "why", "attempts", "proficiency", "overdue", "certified"]
    assert len(header) == 8 + 8 and all(label.startswith("20") and "-W" in label for label in header[8:])
    assert csv_out[2].startswith("north,sam,red,") and csv_out[3].startswith("south,lee,not enough data,")
    text = runner.invoke(main, ["readiness", "--team", "north", *args]).stdout
    assert "north  red" in text and "proficiency 48, below 60" in text
    bad = runner.invoke(main, ["readiness", "--team", "nort", *args])
    assert bad.exit_code == 2 and "did you mean 'north'?" in bad.stderr
