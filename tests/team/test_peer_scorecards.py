"""Teammates rate each answered turn 1-5 on the library's rubric; averages per rep reach the board and reports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import ROSTER, LibraryFactory

from trainer.cli import main
from trainer.library import load_library
from trainer.store import PracticeStore
from trainer.team.peer_review import peer_averages, rubric_of, session_rubric
from trainer.team.pool import build_pool
from trainer.team.report import to_html, to_json, to_markdown
from trainer.team.session import SessionConfig, TeamSession

REPS = ("ann", "bob", "cy")


@pytest.fixture
def session(make_library: LibraryFactory, tmp_path: Path) -> TeamSession:
    library = load_library(make_library())
    config = SessionConfig(name="Monday drill", roster=REPS, product="acme", rounds=1, seconds_per_turn=60, seed=3,
                           rubric=session_rubric(library.policy.rubric))
    pool = build_pool(library, config.product, config.kinds, config.cuts)
    return TeamSession(config, pool, store=PracticeStore(tmp_path / "practice.sqlite3"))


def test_without_a_rubric_the_team_rates_accuracy_confidence_and_pace(make_library: LibraryFactory) -> None:
    library = load_library(make_library())
    assert [c.id for c in library.policy.rubric] == ["accuracy", "confidence", "pace"]
    assert library.policy.workload.daily_items == 20


def test_a_library_defines_its_own_rubric_in_the_roster_policy(make_library: LibraryFactory) -> None:
    rubric = ("policy:\n  rubric:\n    - id: empathy\n      label: Empathy\n"
              "    - id: close\n      label: Asked for the deal\n")
    library = load_library(make_library({"roster.yaml": ROSTER + rubric}))
    assert [p for p in library.problems if p.path.endswith("roster.yaml")] == []
    assert [(c.id, c.label) for c in library.policy.rubric] == [("empathy", "Empathy"), ("close", "Asked for the deal")]


def test_a_criterion_listed_twice_is_an_error_at_its_line_and_column(make_library: LibraryFactory) -> None:
    rubric = "policy:\n  rubric:\n    - id: pace\n      label: Pace\n    - id: pace\n      label: Tempo\n"
    root = make_library({"roster.yaml": ROSTER + rubric})
    result = CliRunner().invoke(main, ["check", "--library", str(root)])
    assert result.exit_code == 1
    line = ROSTER.count("\n") + 5
    assert f"roster.yaml:{line}:11: rubric criterion 'pace' is listed twice" in result.output


def test_a_misspelt_rubric_key_is_reported_where_it_is(make_library: LibraryFactory) -> None:
    rubric = "policy:\n  rubric:\n    - id: pace\n      lable: Pace\n"
    root = make_library({"roster.yaml": ROSTER + rubric})
    result = CliRunner().invoke(main, ["check", "--library", str(root)])
    assert result.exit_code == 1
    assert f"roster.yaml:{ROSTER.count(chr(10)) + 4}:7: unknown key 'lable'" in result.output


def test_the_editor_schema_knows_the_rubric_and_the_workload_cap(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    result = CliRunner().invoke(main, ["schema", "--output", str(target)])
    assert result.exit_code == 0, result.output
    defs = json.loads(target.read_text())["$defs"]
    assert set(defs["Criterion"]["properties"]) == {"id", "label", "description"}
    assert "rubric" in defs["Policy"]["properties"] and "daily_items" in defs["WorkloadPolicy"]["properties"]


def _answer(session: TeamSession) -> None:
    item = session.current.item
    text = {"pitch": lambda: item.cut.text, "objection": lambda: item.objection.answer,
            "drill": lambda: item.drill.examples[0]}[item.kind]()
    session.submit(text)


def test_teammates_rate_a_turn_and_the_averages_are_across_reviewers(session: TeamSession) -> None:
    _answer(session)
    turn = session.turns[-1]
    assert turn.rep == "ann" and session.reviewers(turn) == ["bob", "cy"]
    session.rate(turn, "bob", {"accuracy": 4, "confidence": 2, "pace": 5})
    session.rate(turn, "cy", {"accuracy": 5, "confidence": 3})
    averages = peer_averages(REPS, session.config.rubric, session.ratings)
    assert averages["ann"] == {"accuracy": 4.5, "confidence": 2.5, "pace": 5.0}
    assert averages["bob"] == {"accuracy": None, "confidence": None, "pace": None}
    stored = session.store.peer_ratings(session.id)
    assert {(r.reviewer, r.criterion, r.score) for r in stored} == {
        ("bob", "accuracy", 4), ("bob", "confidence", 2), ("bob", "pace", 5), ("cy", "accuracy", 5),
        ("cy", "confidence", 3)}


def test_rating_again_replaces_the_reviewers_scorecard(session: TeamSession) -> None:
    _answer(session)
    turn = session.turns[-1]
    session.rate(turn, "bob", {"accuracy": 1, "pace": 1})
    session.rate(turn, "bob", {"accuracy": 5})
    assert [(r["criterion"], r["score"]) for r in session.ratings] == [("accuracy", 5)]
    assert [(r.criterion, r.score) for r in session.store.peer_ratings(session.id)] == [("accuracy", 5)]


def test_nobody_rates_their_own_turn_a_skipped_turn_or_off_the_scale(session: TeamSession) -> None:
    _answer(session)
    turn = session.turns[-1]
    with pytest.raises(ValueError, match="other reps"):
        session.rate(turn, "ann", {"accuracy": 5})
    with pytest.raises(ValueError, match="1 to 5"):
        session.rate(turn, "bob", {"accuracy": 6})
    with pytest.raises(ValueError, match="not a criterion"):
        session.rate(turn, "bob", {"charisma": 3})
    skipped = session.skip()
    assert session.reviewers(skipped) == []
    with pytest.raises(ValueError):
        session.rate(skipped, "ann", {"accuracy": 3})
    assert session.ratings == [] and session.store.peer_ratings(session.id) == []


def test_undoing_a_turn_forgets_its_ratings(session: TeamSession) -> None:
    _answer(session)
    session.rate(session.turns[-1], "bob", {"pace": 3})
    session.undo()
    assert session.ratings == [] and session.store.peer_ratings(session.id) == []


HOSTILE = "<b>x</b> | [y](http://z) \x1b[31m"


def test_reports_show_the_averages_escaped(make_library: LibraryFactory, tmp_path: Path) -> None:
    library = load_library(make_library())
    reps = (HOSTILE, "bob")
    rubric = session_rubric(library.policy.rubric)
    config = SessionConfig(name="Drill", roster=reps, product="acme", rounds=1, seconds_per_turn=60, seed=1,
                           rubric=rubric)
    store = PracticeStore(tmp_path / "p.sqlite3")
    session = TeamSession(config, build_pool(library, "acme", config.kinds, config.cuts), store=store)
    _answer(session)
    session.rate(session.turns[-1], "bob", {"accuracy": 4, "pace": 3})
    _answer(session)
    session.rate(session.turns[-1], HOSTILE, {"accuracy": 2})
    record = session.to_record()

    markdown = to_markdown(record)
    assert "## Peer scorecards" in markdown
    assert "| Accuracy | Confidence | Pace | reviewers |" in markdown
    assert "| 4.0 | — | 3.0 | 1 |" in markdown and "| bob | 2.0 | — | — | 1 |" in markdown
    assert "<b>" not in markdown and "\x1b" not in markdown

    page = to_html(record)
    root = ET.fromstring(page.split("\n", 1)[1])
    tables = root.findall(".//table")
    peers = [t for t in tables if [th.text for th in t.findall(".//th")][:2] == ["rep", "Accuracy"]]
    assert len(peers) == 1
    cells = [[td.text for td in tr.findall("td")] for tr in peers[0].findall(".//tbody/tr")]
    assert cells[1] == ["bob", "2.0", "—", "—", "1"]
    assert "<b>x" not in page and "\x1b" not in page

    document = json.loads(to_json(record))
    assert "\x1b" not in to_json(record)
    assert document["peer_averages"]["bob"] == {"reviewers": 1, "criteria": {"accuracy": 2.0, "confidence": None,
                                                                              "pace": None}}
    assert document["peer_averages"][HOSTILE]["criteria"]["accuracy"] == 4.0


def test_the_report_command_reads_ratings_from_the_store(session: TeamSession, tmp_path: Path) -> None:
    _answer(session)
    session.rate(session.turns[-1], "cy", {"confidence": 5})
    session.store.close()
    result = CliRunner().invoke(main, ["report", session.id, "--format", "json", "--db",
                                       str(tmp_path / "practice.sqlite3")])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["peer_averages"]["ann"]["criteria"]["confidence"] == 5.0


def test_a_session_stored_before_scorecards_reports_without_them(session: TeamSession) -> None:
    _answer(session)
    record = session.to_record()
    del record["ratings"], record["config"]["rubric"]
    assert [c.id for c in rubric_of(record)] == ["accuracy", "confidence", "pace"]
    assert "Peer scorecards" not in to_markdown(record)
