"""A facilitator runs a practice meeting: turns are dealt fairly, scored at once, kept, and reported."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fixture_library import LibraryFactory

from trainer.library import load_library
from trainer.store import PracticeStore
from trainer.team.pool import build_pool
from trainer.team.report import to_csv, to_html, to_markdown
from trainer.team.session import SessionConfig, TeamSession

ROSTER = ("ann", "bob", "cy")


def answer_for(session: TeamSession, good: bool) -> str:
    item = session.current.item
    if item.kind == "pitch":
        return item.cut.text if good else "Widgets are nice."
    if item.kind == "objection":
        return item.objection.answer if good else "I don't know."
    return item.drill.examples[0] if good else "What do you think?"


@pytest.fixture
def session(make_library: LibraryFactory, tmp_path: Path) -> TeamSession:
    library = load_library(make_library())
    config = SessionConfig(name="Monday drill", roster=ROSTER, product="acme", rounds=2, seconds_per_turn=60, seed=7)
    pool = build_pool(library, config.product, config.kinds, config.cuts)
    return TeamSession(config, pool, store=PracticeStore(tmp_path / "practice.sqlite3"))


def test_pool_holds_every_kind_for_the_product(session: TeamSession) -> None:
    kinds = sorted(t.kind for t in session.pool)
    # the 30s cut, two objections, one drill, and the scenario's three steps (30s pitch, objection, drill)
    assert kinds == ["drill", "drill", "objection", "objection", "objection", "pitch", "pitch"]


def test_turns_go_round_the_roster_without_repeats_until_the_pool_is_used(session: TeamSession) -> None:
    dealt = []
    while not session.finished:
        turn = session.current
        dealt.append((turn.rep, turn.round, session.pool.index(turn.item)))
        session.submit(answer_for(session, good=True))
    assert [rep for rep, _, _ in dealt] == list(ROSTER) * 2
    assert [r for _, r, _ in dealt] == [1, 1, 1, 2, 2, 2]
    assert len({index for _, _, index in dealt}) == len(dealt)  # 6 turns from a pool of 7: no repeat


def test_the_same_seed_deals_the_same_session(make_library: LibraryFactory, tmp_path: Path) -> None:
    library = load_library(make_library())
    config = SessionConfig(name="x", roster=ROSTER, product="acme", rounds=3, seed=42)
    pool = build_pool(library, "acme", config.kinds)

    def deal() -> list[str]:
        run = TeamSession(config, list(pool))
        out = []
        while not run.finished:
            out.append(run.current.item.ref.key)
            run.skip()
        return out

    first = deal()
    assert first == deal()
    assert len(first) == 9 and first[7] != first[6]  # the deck reshuffles after 7 without a back-to-back repeat


def test_scoreboard_ranks_good_answers_first_and_turns_are_stored(session: TeamSession) -> None:
    while not session.finished:
        session.submit(answer_for(session, good=session.current.rep != "bob"))
    board = session.scoreboard()
    assert [s.rep for s in board][-1] == "bob"
    assert board[0].rank == 1 and board[0].average > board[-1].average
    stored = session.store.attempts(session_id=session.id)
    assert len(stored) == 6 and {a.source for a in stored} == {"team"}
    assert {a.rep for a in stored} == set(ROSTER)
    assert session.store.session(session.id)["finished"] is True


def test_undo_takes_back_the_last_turn_and_its_attempt(session: TeamSession) -> None:
    first = session.current
    session.submit(answer_for(session, good=False))
    assert len(session.store.attempts("ann")) == 1
    again = session.undo()
    assert again is first and again.result is None and again.rep == "ann"
    assert session.store.attempts("ann") == []
    assert session.current is first  # the same rep gets the same item again


def test_skipped_turns_count_in_no_average(session: TeamSession) -> None:
    session.skip()  # ann passes
    session.submit(answer_for(session, good=True))  # bob
    board = {s.rep: s for s in session.scoreboard()}
    assert board["ann"].turns == 1 and board["ann"].scored == 0 and board["ann"].average == 0
    assert board["bob"].average > 50


def test_reports_show_ranking_turns_and_missed_points(session: TeamSession) -> None:
    while not session.finished:
        session.submit(answer_for(session, good=session.current.rep == "ann"))
    record = session.store.session(session.id)
    markdown = to_markdown(record)
    assert markdown.startswith("# Monday drill")
    assert "| 1 | ann |" in markdown and "## Key points the team missed most" in markdown
    page = to_html(record)
    root = ET.fromstring(page.split("\n", 1)[1])  # well-formed markup after the doctype
    assert root.tag == "html"
    assert len(root.findall(".//tbody/tr")) == len(ROSTER) + 6
    rows = list(csv.DictReader(io.StringIO(to_csv(record))))
    assert len(rows) == 6 and [r["rep"] for r in rows[:3]] == list(ROSTER)
    assert all(r["answer"] for r in rows)  # multi-line answers survive the round trip


def test_a_session_needs_reps_and_items(make_library: LibraryFactory) -> None:
    with pytest.raises(ValueError, match="at least one rep"):
        SessionConfig(name="x", roster=())
    with pytest.raises(ValueError, match="nothing to deal"):
        TeamSession(SessionConfig(name="x", roster=("ann",)), [])


def test_an_answer_after_time_is_up_is_marked_late_everywhere(session: TeamSession) -> None:
    on_time = session.submit(answer_for(session, good=True), elapsed_seconds=60)
    late = session.submit(answer_for(session, good=True), elapsed_seconds=61.5)
    assert not on_time.late and late.late
    record = session.to_record()
    assert [t["late"] for t in record["turns"]] == [False, True]
    turn_rows = to_markdown(record).split("## Turns")[1].splitlines()
    assert "late" in next(line for line in turn_rows if line.startswith("| 2 |"))
    assert "late" not in next(line for line in turn_rows if line.startswith("| 1 |"))
    assert "late" in to_html(record) and "late" in to_csv(record).splitlines()[0]


def test_a_skipped_turn_is_not_counted_as_an_answered_turn(session: TeamSession) -> None:
    session.submit(answer_for(session, good=True))  # ann
    session.skip()  # bob passes
    session.submit(answer_for(session, good=True))  # cy
    session.skip()  # ann passes in round 2
    ann = next(s for s in session.scoreboard() if s.rep == "ann")
    assert (ann.scored, ann.skipped) == (1, 1)
    assert ann.average == ann.total  # one answered turn: the average is its score
    markdown = to_markdown(session.to_record())
    assert "| rank | rep | answered | skipped | total | average | best |" in markdown
    ranking = markdown.split("## Key points")[0].splitlines()
    ann_row = next(line for line in ranking if "| ann |" in line)
    assert ann_row.split("|")[3:5] == [" 1 ", " 1 "], ann_row
