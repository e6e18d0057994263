"""Nothing is lost: a killed process, two writers at once, an upgrade from the first schema."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from trainer.store import NewAttempt, PracticeStore
from trainer.store.migrations import MIGRATIONS, SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from trainer.store import NewAttempt, PracticeStore
    store = PracticeStore(sys.argv[1])
    rep, count = sys.argv[2], int(sys.argv[3])
    for n in range(count):
        store.record(NewAttempt(rep=rep, kind="pitch", item_id="acme-core", product="acme", cut="30s",
                                score=float(n % 100), tier="Bronze", attempt_text="word " * 200,
                                breakdown={{"n": n}}))
        print(n, flush=True)  # reported only after the commit returned
    """
)


def start_writer(db: Path, rep: str, count: int) -> subprocess.Popen[str]:
    script = WRITER.format(repo=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-c", script, str(db), rep, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_practice_keeps_every_committed_attempt(tmp_path: Path) -> None:
    db = tmp_path / "practice.sqlite3"
    writer = start_writer(db, "ann", 1_000_000)
    assert writer.stdout is not None
    committed = -1
    deadline = time.monotonic() + 30
    while committed < 150 and time.monotonic() < deadline:  # let it get well into its writing
        committed = int(writer.stdout.readline())
    writer.send_signal(signal.SIGKILL)
    rest = writer.communicate(timeout=30)[0].split()
    committed = int(rest[-1]) if rest else committed
    assert writer.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = PracticeStore(db)
    attempts = store.attempts("ann")
    # Every attempt the writer reported as committed is there, in order, intact.
    assert len(attempts) >= committed + 1
    assert [a.breakdown["n"] for a in attempts[: committed + 1]] == list(range(committed + 1))
    assert store.cards("ann"), "the card updated in the same transactions survives too"


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "practice.sqlite3"
    PracticeStore(db).close()  # create the schema first, as the app does on start
    writers = [start_writer(db, rep, 150) for rep in ("ann", "bob")]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    store = PracticeStore(db)
    assert len(store.attempts("ann")) == 150
    assert len(store.attempts("bob")) == 150
    assert store.reps() == ["ann", "bob"]


def test_upgrade_from_the_first_schema_keeps_all_history(tmp_path: Path) -> None:
    db = tmp_path / "practice.sqlite3"
    raw = sqlite3.connect(db, isolation_level=None)
    raw.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    for n in range(20):
        raw.execute(
            "INSERT INTO attempts (rep, kind, item_id, product, cut, version, content_hash, started_at, "
            "duration_seconds, score, tier, breakdown, attempt_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                "ann" if n % 2 else "bob",
                "pitch",
                "acme-core",
                "acme",
                "30s",
                1,
                None,
                f"2026-01-{n + 1:02d}T09:00:00.000000+00:00",
                31.5,
                60 + n,
                "Bronze",
                json.dumps({"n": n}),
                f"try {n}",
            ),
        )
    raw.close()

    store = PracticeStore(db)
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    attempts = store.attempts()
    assert [a.attempt_text for a in attempts] == [f"try {n}" for n in range(20)]
    assert [a.score for a in attempts] == [60.0 + n for n in range(20)]
    assert {a.source for a in attempts} == {"app"} and all(a.rating is None for a in attempts)
    assert store.reps() == ["ann", "bob"]  # reps are derived from the old attempts
    # And the upgraded database takes new attempts.
    store.record(
        NewAttempt(
            rep="ann",
            kind="pitch",
            item_id="acme-core",
            product="acme",
            cut="30s",
            score=91,
            tier="Gold",
            attempt_text="new",
        )
    )
    assert len(store.attempts("ann")) == 11


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "practice.sqlite3"
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = db.read_bytes()
    try:
        PracticeStore(db)
    except Exception as exc:
        assert "newer than this Pitch Trainer" in str(exc)
    else:
        raise AssertionError("a newer database must be refused")
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "practice.sqlite3"
    db.write_text("this is not sqlite" * 100)
    try:
        PracticeStore(db)
    except Exception as exc:
        assert f"the practice database {db} is damaged" in str(exc) and "keep the file" in str(exc)
    else:
        raise AssertionError("expected a StoreError")
