"""Saving before drawing: the saving thread keeps its priority while the thread that lowered itself draws."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from trainer.practice.save_first import DRAWING_NICENESS, SaveThread, lower_this_thread

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="per-thread CPU priorities (nice) exist only on Linux"
)


def _nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_work_runs_on_the_saving_thread_and_its_result_or_error_comes_back() -> None:
    saver = SaveThread()
    try:
        assert saver.run(threading.get_native_id) == saver.native_id != threading.get_native_id()
        with pytest.raises(ValueError, match="kept"):
            saver.run(lambda: (_ for _ in ()).throw(ValueError("kept for the rep")))
        assert saver.run(lambda: 41 + 1) == 42  # an error does not stop the thread
    finally:
        saver.close()
    with pytest.raises(RuntimeError, match="stopped"):
        saver.run(lambda: None)


@linux_only
def test_the_drawing_thread_yields_and_the_saving_thread_keeps_its_priority() -> None:
    """Run in a thread of its own: a thread's priority can be lowered but never raised again, so the test's own
    thread must stay as it is."""
    seen: dict[str, int] = {}

    def session() -> None:
        seen["before"] = _nice()
        saver = SaveThread()  # started first: it inherits the priority of now
        try:
            assert lower_this_thread()
            seen["drawing"] = _nice()
            seen["saving"] = saver.run(_nice)
            started_later: list[int] = []
            later = threading.Thread(target=lambda: started_later.append(_nice()))
            later.start()
            later.join()
            seen["started_later"] = started_later[0]
        finally:
            saver.close()

    runner = threading.Thread(target=session)
    runner.start()
    runner.join(timeout=30)
    base = seen["before"]
    assert seen["drawing"] == min(19, base + DRAWING_NICENESS)
    assert seen["saving"] == base
    assert seen["started_later"] == seen["drawing"]  # workers the drawing thread starts draw at its priority
