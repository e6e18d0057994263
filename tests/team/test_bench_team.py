"""``benchmarks/bench_team.py`` runs end to end: real served sessions on a real PostgreSQL, driven by keys.

The benchmark's goals (50 sessions, p99 ≤ 100 ms) are measured by running it, never asserted here: this only
checks that two sessions open, practise through the websocket, every attempt reaches the database and is
timed, and the JSON has the shape the README's capacity table is read from.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_two_served_sessions_practise_over_websockets_without_errors(postgres_url: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_team.py"), "--sessions", "2", "--quick",
         "--step-timeout-s", "60", "--db", postgres_url],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    [run] = report["runs"]
    assert run["errors"] == []
    assert run["n"] == 2 and run["sessions_opened"] == 2
    assert run["attempts_written"] == 2 * run["attempts_per_session"] == 4
    assert "websocket" in run["write_path"]
    for part in ("write_latency_ms", "submit_to_results_ms"):
        assert set(run[part]) == {"p50", "p95", "p99", "max"}
        assert 0 < run[part]["p50"] <= run[part]["p99"] <= run[part]["max"]
    memory = run["memory_mb"]
    assert memory["app_processes"] == 2
    assert 0 < memory["per_session_mean"] <= memory["per_session_max"] < memory["total"]
    assert memory["server"] > 0
    assert run["machine"]["cores"] >= 1 and run["duration_s"] > 0
    assert set(run["goals"]) >= {"p99_met", "no_errors", "met"}
    assert report["goal_met"] is None  # two sessions say nothing about the 50-session goal
