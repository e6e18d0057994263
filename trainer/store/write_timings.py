"""How long each attempt write took, for ``benchmarks/bench_team.py``: off unless ``TRAINER_BENCH_TIMINGS`` is set.

Why in the store: the capacity benchmark drives real served sessions over their websockets, and the latency
that matters is the one a rep waits for at "submit" — taking a pooled connection, the transaction, the commit —
measured where it happens, in each session's own app process. When the variable names a file, every committed
attempt appends one JSON line ``{"what", "rep", "pid", "ms", "cpu_ms", "nice"}`` to it (one ``write`` of a short
line on a file opened for appending, so lines of concurrent processes do not interleave). ``cpu_ms`` is the CPU
time the writing thread spent, so a slow write tells whether it worked or waited; ``nice`` is that thread's CPU
priority (Linux; see :mod:`trainer.practice.save_first`). Unset, this costs one lookup.
"""

from __future__ import annotations

import json
import os
import sys
import threading
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
    started, cpu_started = time.perf_counter(), time.thread_time()
    yield
    elapsed_ms = (time.perf_counter() - started) * 1000
    cpu_ms = (time.thread_time() - cpu_started) * 1000
    record = {"what": what, "rep": rep, "pid": os.getpid(), "ms": round(elapsed_ms, 3), "cpu_ms": round(cpu_ms, 3),
              "nice": _thread_nice()}
    line = json.dumps(record) + "\n"
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


def _thread_nice() -> int | None:
    """The calling thread's nice value on Linux (where it is per thread), else None."""
    try:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) if sys.platform == "linux" else None
    except (AttributeError, OSError):
        return None
