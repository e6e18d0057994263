"""How long each attempt write took, for ``benchmarks/bench_team.py``: off unless ``TRAINER_BENCH_TIMINGS`` is set.

Why in the store: the capacity benchmark drives real served sessions over their websockets, and the latency
that matters is the one a rep waits for at "submit" — taking a pooled connection, the transaction, the commit —
measured where it happens, in each session's own app process. When the variable names a file, every committed
attempt appends one JSON line ``{"what", "rep", "pid", "ms"}`` to it (one ``write`` of a short line on a file
opened for appending, so lines of concurrent processes do not interleave). Unset, this costs one lookup.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "TRAINER_BENCH_TIMINGS"


@contextmanager
def timed_write(what: str, rep: str) -> Iterator[None]:
    """Time the block; when it completes and ``TRAINER_BENCH_TIMINGS`` is set, append its duration there."""
    target = os.environ.get(ENV)
    if not target:
        yield
        return
    started = time.perf_counter()
    yield
    elapsed_ms = (time.perf_counter() - started) * 1000
    line = json.dumps({"what": what, "rep": rep, "pid": os.getpid(), "ms": round(elapsed_ms, 3)}) + "\n"
    try:
        handle = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError:
        return  # a benchmark's side channel never fails a rep's attempt
    try:
        os.write(handle, line.encode("utf-8"))
    except OSError:
        pass
    finally:
        os.close(handle)
