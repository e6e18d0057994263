"""An attempt write on a team server: few round trips, and a write that fails half-way still leaves nothing.

On a busy server every round trip waits for the database and then the app to be scheduled again, so the attempt
write sends its statements batched (psycopg's pipeline mode): BEGIN up to reading the card in one trip, the new
card and COMMIT in the next. Counted here from libpq's own trace of the messages on the connection.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest

from trainer.store.attempts import NewAttempt

REF_KEY = "pitch:acme:acme-core:30s"


def attempt(rep: str = "ann", text: str = "our valves", **extra: object) -> NewAttempt:
    return NewAttempt(rep=rep, kind="pitch", item_id="acme-core", product="acme", cut="30s", score=80.0,
                      tier="silver", attempt_text=text, **extra)  # type: ignore[arg-type]


def round_trips(trace: str) -> int:
    """How many times the app sent messages and then waited for the server's replies."""
    directions = [line[0] for line in trace.splitlines() if line[:1] in ("F", "B")]
    return sum(1 for before, after in itertools.pairwise(directions) if before == "F" and after == "B")


def test_an_attempt_write_takes_two_round_trips(postgres_url: str) -> None:
    import psycopg

    from trainer.store.postgres import PostgresStore

    store = PostgresStore(postgres_url, max_connections=1)  # one connection: the one traced is the one used
    try:
        store.record(attempt())  # the rep's first attempt: creates the card
        with tempfile.TemporaryFile("w+") as handle:
            with store._pool.connection() as raw:
                raw.pgconn.trace(handle.fileno())
                raw.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)
            store.record(attempt())  # reads the card, reviews it, writes it back
            with store._pool.connection() as raw:
                raw.pgconn.untrace()
            handle.seek(0)
            trace = handle.read()
        statements = [line.split('"')[3] for line in trace.splitlines() if "\tParse\t" in line]
        assert [s.split()[0] for s in statements] == ["BEGIN", "INSERT", "SELECT", "INSERT", "SELECT", "SELECT",
                                                     "INSERT", "COMMIT"]
        # The write's two and nothing else: the pool checks its connection without asking the server.
        assert round_trips(trace) == 2
        assert store.counts()["attempts"] == 2
        assert [a.rating for a in store.attempts("ann")] == [3, 3]
    finally:
        store.close()


def test_a_write_that_fails_half_way_leaves_nothing_and_the_store_goes_on(new_store) -> None:
    """Statements already sent (the rep's row) are rolled back with the rest; the next write is whole."""

    class Unsaveable:
        pass

    store = new_store()
    with pytest.raises(TypeError):
        store.record(attempt("cy", breakdown={"detail": Unsaveable()}))
    assert store.counts()["reps"] == 0 and store.counts()["attempts"] == 0 and store.counts()["cards"] == 0
    stored = store.record(attempt("cy"))
    assert [a.id for a in store.attempts("cy")] == [stored.id]
    assert REF_KEY in store.cards("cy")


def test_a_nul_character_is_kept_as_a_replacement_character_on_both_databases(new_store, tmp_path: Path) -> None:
    """PostgreSQL refuses NUL in text: a pasted one must not cost the rep the attempt, and both stores agree."""
    store = new_store()
    store.record(attempt("d\x00n", text="our\x00valves"))
    (stored,) = store.attempts("d\ufffdn")
    assert stored.attempt_text == "our\ufffdvalves"
    assert stored.rep == "d\ufffdn"


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_after_the_server_restarts_the_next_attempt_is_saved(postgres_server, mode: str) -> None:
    """The pool's connections died with the old server; the app notices before using one, without asking it."""
    from trainer.store.postgres import PostgresStore

    store = PostgresStore(postgres_server.create_database(), max_connections=3)
    try:
        store.record(attempt())
        store.attempts("ann")
        postgres_server.restart(mode)
        store.record(attempt())  # no StoreError: a dead pooled connection is replaced, not used
        assert len(store.attempts("ann")) == 2
    finally:
        store.close()
