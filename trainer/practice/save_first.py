"""A served session saves before it draws: attempt writes run on their own thread at the session's starting CPU
priority, while the thread that draws the screens (and every thread it starts) runs at a lower one.

Why: on a team server every browser tab is its own app process, and when a room of reps submits together the
server's cores are full of results screens being drawn — 50 of them cost several seconds of CPU. A write needs
~2 ms of CPU, but at an equal share among 50 busy processes each of its steps waited its turn: writes took
~95 ms at the median and ~250 ms at p99, although PostgreSQL answered at once. Lowering the drawing thread's
priority (``nice``) only matters when the cores are full; then the few threads that save, the server relaying
keystrokes and the database go first, and screens are drawn with what is left. On an idle server nothing changes.

Linux sets a ``nice`` value per thread; a thread inherits its creator's, and an unprivileged process may raise
its value but never lower it again. So the saving thread is started *before* the drawing thread's priority is
lowered, and keeps the priority it started with. Elsewhere (or if the system refuses) nothing is lowered and
the session works as before.

The drawing thread waits for each write, as it did when it wrote itself: the rep's attempt is committed before
the results show, and with that thread asleep nothing in the process competes with the write for the
interpreter's lock.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")

#: How much lower the drawing thread runs in a served session: at nice 10 a thread weighs about a ninth of one at
#: nice 0, so a write among 50 busy sessions gets its CPU in a few milliseconds instead of a hundred.
DRAWING_NICENESS = 10


class SaveThread:
    """One thread that runs the writes it is given, one at a time, at the priority it was started with."""

    def __init__(self, name: str = "save-attempts") -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], Future[object]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()
        self.native_id = self._thread.native_id

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            work, done = job
            if not done.set_running_or_notify_cancel():
                continue
            try:
                done.set_result(work())
            except BaseException as exc:  # handed to the caller, who reports it
                done.set_exception(exc)

    def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the saving thread and return its result (or raise its exception) once it is done."""
        if not self._thread.is_alive():
            raise RuntimeError("the thread that saves attempts has stopped")
        done: Future[object] = Future()
        self._jobs.put((work, done))
        return done.result()  # type: ignore[return-value]

    def close(self) -> None:
        """Stop the thread after the writes already given to it."""
        self._jobs.put(None)
        self._thread.join(timeout=30)


def lower_this_thread(by: int = DRAWING_NICENESS) -> bool:
    """Lower the calling thread's CPU priority by ``by`` nice steps (Linux only); True when it was lowered.

    Threads this one starts afterwards inherit the lower priority; threads started before keep theirs.
    """
    if not sys.platform.startswith("linux"):
        return False  # elsewhere PRIO_PROCESS means the whole process, the saving thread included
    try:
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + by))
    except (AttributeError, OSError):
        return False
    return True
