"""Instructions per scoring call, ours against ``jiwer.process_words``, counted by valgrind: prints JSON.

Why a second speed measure: the time ratio in ``bench_scoring.py`` swings by ±10% on a shared 2-core VM even
interleaved in CPU time, which is as wide as the gap to its goal. An instruction count does not depend on what
else runs on the machine, so a change to the scorer can be judged in one run. It is not time — memory stalls
are not counted, and they weigh more in our code than in jiwer's — so the goal stays on the timed ratio; this is
the steady needle to steer by.

Each side runs the same 20 attempts as ``bench_scoring.py`` after a warm-up, in its own process under
``valgrind --tool=callgrind``; a third process does the warm-up only, and its count is subtracted.

Run: ``python benchmarks/bench_scoring_instructions.py [--rounds N]`` (needs valgrind; about a minute a round
on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ATTEMPTS = 20


def child(side: str, rounds: int) -> None:
    """Warm both scorers up, then score every attempt ``rounds`` times with one of them."""
    import random

    import jiwer
    from bench_scoring import make_attempt, make_script

    from trainer.scoring import score_recitation

    script = make_script(random.Random(20240517))
    full = " ".join(s.text for s in script)
    attempts = [make_attempt(full, random.Random(seed)) for seed in range(ATTEMPTS)]
    for attempt in attempts:
        score_recitation(script, attempt, target_seconds=300.0)
        jiwer.process_words(full, attempt)
    for _ in range(rounds):
        for attempt in attempts:
            if side == "ours":
                score_recitation(script, attempt, target_seconds=300.0)
            else:
                jiwer.process_words(full, attempt)


def start(side: str, rounds: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
         "--child", side, str(rounds)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent,
    )


def collected(process: subprocess.Popen[str]) -> int:
    _, stderr = process.communicate()
    found = re.search(r"Collected : (\d+)", stderr)
    if process.returncode or found is None:
        sys.exit(f"valgrind failed: {(stderr.strip().splitlines() or ['no output'])[-1]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="times each attempt is scored (default 2)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child[0], int(options.child[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("bench_scoring_instructions needs valgrind (apt-get install valgrind)")
    calls = options.rounds * ATTEMPTS
    runs = [start("ours", 0), start("ours", options.rounds), start("jiwer", options.rounds)]  # counts: no race
    base, ours_total, theirs_total = map(collected, runs)
    ours, theirs = (ours_total - base) / calls, (theirs_total - base) / calls
    print(json.dumps({
        "calls": calls,
        "instructions_per_call_millions": round(ours / 1e6, 2),
        "jiwer_instructions_per_call_millions": round(theirs / 1e6, 2),
        "instruction_ratio_to_jiwer": round(ours / theirs, 3),
    }))


if __name__ == "__main__":
    main()
