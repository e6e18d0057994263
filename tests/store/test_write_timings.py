"""The attempt-write timings ``benchmarks/bench_team.py`` reads: one line per committed attempt, only when asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.store.attempts import NewAttempt

ENV = "TRAINER_BENCH_TIMINGS"


def attempt(rep: str) -> NewAttempt:
    return NewAttempt(rep=rep, kind="pitch", item_id="acme-core", product="acme", cut="30s", score=80.0,
                      tier="silver", attempt_text="our valves")


def test_each_committed_attempt_appends_its_write_time(new_store, tmp_path: Path, monkeypatch) -> None:
    timings = tmp_path / "timings.jsonl"
    monkeypatch.setenv(ENV, str(timings))
    store = new_store()
    store.record(attempt("ann \"quoted\"\nnext"))
    store.record(attempt("bob"))
    records = [json.loads(line) for line in timings.read_text().splitlines()]
    assert [(r["what"], r["rep"]) for r in records] == [("attempt", "ann \"quoted\"\nnext"), ("attempt", "bob")]
    assert all(isinstance(r["ms"], float) and r["ms"] >= 0 and isinstance(r["pid"], int) for r in records)


def test_without_the_variable_nothing_is_written(new_store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    store = new_store()
    store.record(attempt("ann"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".jsonl") == []


def test_a_failed_write_leaves_no_timing_line(new_store, tmp_path: Path, monkeypatch) -> None:
    """Only committed attempts are timed: a write that raised is not a latency sample."""
    from trainer.store.errors import StoreError

    timings = tmp_path / "timings.jsonl"
    monkeypatch.setenv(ENV, str(timings))
    store = new_store()
    store.close()
    with pytest.raises(StoreError):
        store.record(attempt("ann"))
    assert not timings.exists() or timings.read_text() == ""
