"""What the running app pays to notice a changed library: one fingerprint (a ``stat`` per file), every 5 s.

Prints JSON: the fingerprint's median time on the bundled sample and on a generated library of 500 pitch files
(``bench_library.build``), and, for scale, one full load of the same library (what a check would cost if it
reloaded instead). Goal: a fingerprint well under 1 % of the 5-second interval, i.e. under 50 ms.

    python benchmarks/bench_library_watch.py [--files 500]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_library import build

from trainer.library import load_library
from trainer.library.fingerprint import library_fingerprint
from trainer.library.locate import bundled_library


def median_ms(func, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=500)
    args = parser.parse_args()
    sample = bundled_library()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        build(root, args.files)
        result = {
            "sample_fingerprint_ms": median_ms(lambda: library_fingerprint(sample), 50),
            "files": args.files,
            "fingerprint_ms": median_ms(lambda: library_fingerprint(root), 20),
            "load_ms": median_ms(lambda: load_library(root), 3),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
