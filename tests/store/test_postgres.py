"""The team's PostgreSQL database: concurrent writers lose nothing, a SQLite history moves over whole, and the
``trainer db`` commands work on either kind of database. Against a real server (see ``postgres_server.py``)."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainer.cli import main
from trainer.library.item_ref import ItemRef
from trainer.store import NewAttempt, PracticeStore
from trainer.store.assignments import StoredAssignment
from trainer.store.dialect import postgres_sql
from trainer.store.migrations import SCHEMA_VERSION
from trainer.store.scheduling import SCHEDULER, replay

REPO = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from trainer.store import NewAttempt
    from trainer.store.location import open_store
    store = open_store(sys.argv[1])
    writer, count = sys.argv[2], int(sys.argv[3])
    for n in range(count):
        store.record(NewAttempt(rep="team", kind="pitch", item_id="acme-core", product="acme", cut="30s",
                                score=float((n * 37 + int(writer[1:]) * 11) % 100), tier="Bronze",
                                attempt_text="word " * 50,
                                breakdown={{"writer": writer, "n": n}}))
        print(n, flush=True)  # reported only after the commit returned
    """
)


class Writer:
    """A writer process, and the attempts it reported as committed (read as it goes)."""

    def __init__(self, url: str, name: str, count: int) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER.format(repo=str(REPO)), url, name, str(count)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.committed: list[int] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.committed.append(int(line))

    def finish(self, timeout: float) -> None:
        self.process.wait(timeout=timeout)
        self._reader.join(timeout=timeout)


def test_sixteen_writers_some_killed_lose_no_committed_attempt(postgres_url: str) -> None:
    from trainer.store.postgres import PostgresStore

    PostgresStore(postgres_url).close()  # the schema first, as the app does on start
    writers = [Writer(postgres_url, f"w{number}", 40) for number in range(16)]
    deadline = time.monotonic() + 120
    victims = writers[::2]
    for victim in victims:  # each killed mid-way, while the others keep writing the same card
        while len(victim.committed) < 5 and victim.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        victim.process.send_signal(signal.SIGKILL)
    for writer in writers:
        writer.finish(timeout=120)
    for writer in writers:
        if writer not in victims:
            assert writer.process.returncode == 0, writer.process.stderr.read() if writer.process.stderr else ""
    assert all(victim.process.returncode == -signal.SIGKILL for victim in victims if len(victim.committed) < 40)

    with PostgresStore(postgres_url) as store:
        stored: dict[str, set[int]] = {}
        for attempt in store.attempts("team"):
            stored.setdefault(attempt.breakdown["writer"], set()).add(attempt.breakdown["n"])
        for writer in writers:
            assert set(writer.committed) <= stored.get(writer.name, set()), writer.name
            if writer not in victims:
                assert stored[writer.name] == set(range(40))
        assert list(store.cards("team")) == ["pitch:acme:acme-core:30s"]
        # Writers of one card take turns, in the order of their rows: the card holds every review, none
        # overwritten by a writer that read it before another's review committed.
        in_commit_order = sorted(store.attempts("team"), key=lambda attempt: attempt.id)
        expected = replay((a.rating or 1, a.started_at, a.content_hash) for a in in_commit_order)
        assert expected is not None
        with store._read() as db:
            card = json.loads(db.execute("SELECT card FROM cards").fetchone()[0])
        card.pop("card_id")  # a new card's random id
        assert card == {k: v for k, v in expected[0].to_dict().items() if k != "card_id"}
    assert sum(len(w.committed) for w in victims) >= 5 * len(victims)  # the kills really were mid-way


def _sqlite_history(path: Path) -> None:
    """A history with what a real one holds: several reps, rated objections, a scenario, a session, a spoken
    attempt, strict recitations, and text with quotes, percent signs, question marks and Chinese."""
    store = PracticeStore(path)
    for number in range(30):
        store.record(NewAttempt(
            rep=("ann", "bob", "李雷")[number % 3], kind="pitch", item_id="acme-core", product="acme", cut="30s",
            score=40 + number * 1.7, tier="-", attempt_text=f"it's 100% yours? 价 {number}", content_hash="sha256:a",
            started_at=NOW + dt.timedelta(minutes=number), mode="strict" if number % 4 == 0 else "recite",
            breakdown={"key_phrases": [{"phrase": "a'b", "found": True}]},
        ))
    objection = store.record(NewAttempt(rep="ann", kind="objection", item_id="too-expensive", product="acme",
                                        score=60, tier="-", attempt_text="%s ? '", started_at=NOW, rating=2))
    store.rate(objection.id, 4)
    store.record(NewAttempt(rep="bob", kind="scenario", item_id="cold-call", product="acme", score=70, tier="-",
                            attempt_text="", started_at=NOW, session_id="s-1", medium="spoken",
                            transcript="hello there", audio_path="/tmp/x.wav"), schedule=False)
    store.save_session("s-1", "Monday's role-play", NOW, {"turns": [{"rep": "bob", "score": 70}], "note": "50%"})
    store.add_rep("carol")
    store.assign([StoredAssignment(rep="carol", item=ItemRef("pitch", "acme", "acme-core", "30s"),
                                   due=dt.date(2026, 12, 4), min_score=90, assigned_at=NOW, team="north")])
    store.record_partial("ann", ItemRef("pitch", "acme", "acme-core", "30s"), mode="weak-spot", score=55.5,
                         breakdown={"marks": [["Hook", 3, "100%", "missed"]]}, attempt_text="it's 100%?",
                         started_at=NOW)
    # bob's own fitted schedule (trainer schedule fit): his cards above were rescheduled with it
    store.save_schedule_parameters("bob", [x * 2 if i < 4 else x for i, x in enumerate(SCHEDULER.parameters)],
                                   reviews=150, loss_before=0.41, loss_after=0.35)
    store.rate_turn("s-1", 1, "bob", "ann", {"accuracy": 4, "pace": 2}, when=NOW)
    store.rate_turn("s-1", 1, "bob", "李雷", {"accuracy": 5}, when=NOW)
    store.close()


def _rows(store: object) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, without the row ids each database numbers itself."""
    queries = {
        "reps": "SELECT name, created_at FROM reps ORDER BY name",
        "attempts": "SELECT rep, kind, item_id, product, cut, version, content_hash, started_at, duration_seconds, "
        "score, tier, breakdown, attempt_text, rating, source, session_id, medium, transcript, audio_path, mode, "
        "item_key FROM attempts ORDER BY started_at, rep, item_key, attempt_text",
        "cards": "SELECT rep, item_key, card, content_hash, due_at FROM cards ORDER BY rep, item_key",
        "sessions": "SELECT id, name, started_at, updated_at, record FROM sessions ORDER BY id",
        "assignments": "SELECT rep, item_key, due, min_score, team, assigned_by, assigned_at FROM assignments",
        "partial_attempts": "SELECT rep, item_key, mode, version, started_at, score, breakdown, attempt_text "
        "FROM partial_attempts ORDER BY started_at",
        "schedule_parameters": "SELECT rep, parameters, fitted_at, reviews, loss_before, loss_after "
        "FROM schedule_parameters ORDER BY rep",
        "peer_ratings": "SELECT session_id, turn, reviewer, criterion, rep, score, rated_at FROM peer_ratings "
        "ORDER BY session_id, turn, reviewer, criterion",
    }
    with store._read() as db:  # type: ignore[attr-defined]
        return {table: [tuple(row) for row in db.execute(sql).fetchall()] for table, sql in queries.items()}


def test_copying_a_sqlite_history_keeps_every_row_and_copies_nothing_twice(tmp_path: Path, postgres_url: str) -> None:
    from trainer.store.postgres import PostgresStore

    source = tmp_path / "laptop.sqlite3"
    _sqlite_history(source)
    runner = CliRunner()

    first = runner.invoke(main, ["db", "copy", str(source), postgres_url])
    assert first.exit_code == 0, first.output
    assert "attempts: 32 copied, 0 already there" in first.output
    assert "reps: 4 copied" in first.output and "sessions: 1 copied" in first.output

    again = runner.invoke(main, ["db", "copy", str(source), postgres_url])
    assert again.exit_code == 0, again.output
    assert "attempts: 0 copied, 32 already there" in again.output
    assert "assignments: 0 copied, 1 already there" in again.output
    assert "partial_attempts: 0 copied, 1 already there" in again.output
    assert "schedule_parameters: 0 copied, 1 already there" in again.output
    assert "peer_ratings: 3 copied" in first.output and "peer_ratings: 0 copied, 3 already there" in again.output
    assert "cards: 0 copied" in again.output

    with PracticeStore(source) as laptop, PostgresStore(postgres_url) as server:
        assert _rows(server) == _rows(laptop)
        assert server.attempts("ann", newest_first=True)[0].attempt_text == laptop.attempts(
            "ann", newest_first=True)[0].attempt_text


def test_a_rep_who_practised_on_two_laptops_keeps_both_histories(tmp_path: Path, postgres_url: str) -> None:
    from trainer.store.postgres import PostgresStore

    for name, offset in (("one", 0), ("two", 5)):
        with PracticeStore(tmp_path / f"{name}.sqlite3") as laptop:
            for number in range(3):
                laptop.record(NewAttempt(rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s",
                                         score=95, tier="-", attempt_text=name,
                                         started_at=NOW + dt.timedelta(days=offset + number)))
        result = CliRunner().invoke(main, ["db", "copy", str(tmp_path / f"{name}.sqlite3"), postgres_url])
        assert result.exit_code == 0, result.output
    with PostgresStore(postgres_url) as server:
        assert [a.attempt_text for a in server.attempts("ann")] == ["one"] * 3 + ["two"] * 3
        replayed = PracticeStore(tmp_path / "all.sqlite3")
        for attempt in server.attempts("ann"):
            replayed.record(NewAttempt(**{k: v for k, v in attempt.__dict__.items() if k != "id"}))
        assert server.cards("ann") == replayed.cards("ann")  # the card all six reviews earn


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_db_migrate_and_check_work_on_either_kind_of_database(kind: str, request: pytest.FixtureRequest,
                                                              tmp_path: Path) -> None:
    target = str(tmp_path / "p.sqlite3") if kind == "sqlite" else request.getfixturevalue("postgres_url")
    runner = CliRunner()
    migrated = runner.invoke(main, ["db", "migrate", "--db", target])
    assert migrated.exit_code == 0, migrated.output
    assert f"schema version {SCHEMA_VERSION}" in migrated.output
    checked = runner.invoke(main, ["db", "check", "--db", target])
    assert checked.exit_code == 0, checked.output
    assert "0 attempts" in checked.output and checked.output.rstrip().endswith("OK")


def test_db_check_reports_a_row_that_no_longer_reads(postgres_url: str) -> None:
    import psycopg

    from trainer.store.postgres import PostgresStore

    with PostgresStore(postgres_url) as store:
        store.save_session("s-1", "x", NOW, {})
    with psycopg.connect(postgres_url, autocommit=True) as raw:
        raw.execute("UPDATE sessions SET record = '{not json'")
    result = CliRunner().invoke(main, ["db", "check", "--db", postgres_url])
    assert result.exit_code == 1
    assert "problem: session s-1: its JSON does not read" in result.output


def test_trainer_db_env_names_a_postgres_database(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_DB", postgres_url)
    runner = CliRunner()
    assert runner.invoke(main, ["db", "migrate"]).exit_code == 0
    from trainer.store.postgres import PostgresStore

    with PostgresStore(postgres_url) as store:
        store.record(NewAttempt(rep="ann", kind="pitch", item_id="acme-core", product="acme", cut="30s", score=80,
                                tier="Silver", attempt_text="x", started_at=NOW))
    history = runner.invoke(main, ["history", "--rep", "ann", "--format", "json"])
    assert history.exit_code == 0, history.output
    assert '"score": 80' in history.output


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://ann:s3cret@/practice?host={tmp_path}&port=1"
    result = CliRunner().invoke(main, ["history", "--db", url])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output
    assert "cannot use the practice database" in result.output or "pitch-trainer[postgres]" in result.output


def test_a_password_in_a_url_is_never_shown() -> None:
    from trainer.store.postgres import shown_url

    assert shown_url("postgresql://ann:s3cret@db:5433/p?sslmode=require") == (
        "postgresql://ann:***@db:5433/p?sslmode=require"
    )
    assert shown_url("postgresql://ann@db/p?password=s3cret&sslmode=require") == (
        "postgresql://ann@db/p?password=***&sslmode=require"
    )


def test_the_store_sql_reads_the_same_on_postgres() -> None:
    assert postgres_sql("SELECT a FROM t WHERE b = ? AND c = '?%'") == "SELECT a FROM t WHERE b = %s AND c = '?%%'"
    assert postgres_sql("INSERT OR IGNORE INTO reps (name) VALUES (?) RETURNING name") == (
        "INSERT INTO reps (name) VALUES (%s) ON CONFLICT DO NOTHING RETURNING name"
    )
    assert postgres_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, score REAL)") == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, score DOUBLE PRECISION)"
    )


def test_assignments_and_certificates_work_on_a_team_database(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a URL taken for a path would create a folder here
    # The manager's commands take the same --db as every other: a URL, not a path (a path option folds its "//").
    from trainer.library import find_library

    library = ["--library", str(find_library(None))]
    runner = CliRunner()
    given = runner.invoke(main, ["assign", "flowguard-core:30s", "--rep", "alex", "--due", "2030-01-04",
                                 "--db", postgres_url, *library])
    assert given.exit_code == 0, given.output
    listed = runner.invoke(main, ["assignments", "--format", "json", "--db", postgres_url, *library])
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.output)
    assert (row["rep"], row["due"], row["status"]) == ("alex", "2030-01-04", "open")
    from trainer.store.postgres import PostgresStore

    with PostgresStore(postgres_url) as server:  # on the server, not in a file named after the URL
        assert [a.rep for a in server.assignments()] == ["alex"]
    for command in (["certify", "--rep", "alex"], ["readiness"]):
        result = runner.invoke(main, [*command, "--db", postgres_url, *library])
        assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []



def _open_pools() -> list[object]:
    """psycopg's connection pools still open in this process."""
    import gc

    from psycopg_pool import ConnectionPool

    return [thing for thing in gc.get_objects() if isinstance(thing, ConnectionPool) and not thing.closed]


@pytest.mark.parametrize("command", [
    ["history", "--rep", "ann", "--format", "json"],
    ["assignments", "--format", "json", "--library", "SAMPLE"],
    ["readiness", "--library", "SAMPLE"],
    ["team", "--format", "json", "--library", "SAMPLE"],
])
def test_a_command_closes_its_pool_of_connections_when_it_ends(
    command: list[str], postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store on the server holds a pool of connections and its worker threads. Left to the garbage collector,
    the pool is closed from a finalizer — in one of its own threads, which cannot join itself (an unraisable
    RuntimeError, a warning in CI) — and keeps its connections open on the team's server until then."""
    import gc

    from trainer.library import find_library

    monkeypatch.chdir(tmp_path)
    command = [str(find_library(None)) if part == "SAMPLE" else part for part in command]
    before = len(_open_pools())
    gc.disable()  # the finalizer must not be what closes it
    try:
        result = CliRunner().invoke(main, [*command, "--db", postgres_url])
        assert result.exit_code == 0, result.output
        assert len(_open_pools()) == before
    finally:
        gc.enable()
