"""How long loading a large library takes: 1,000 realistic pitch files, validated and cross-checked.

Prints JSON. The baseline, measured in the same run on the same files, is bare ``yaml.load`` with the C
safe loader (no positions, no validation, no checks), so the ratio says what our safety costs on this
machine, whatever its speed. Goal: ``load_seconds`` <= 1 on a 2-core machine.

    python benchmarks/bench_library.py [--files 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trainer.library import load_library

WORDS = [
    "valve",
    "line",
    "plant",
    "downtime",
    "pressure",
    "sensor",
    "alert",
    "maintenance",
    "team",
    "hours",
    "shift",
    "cost",
    "savings",
    "warranty",
    "failure",
    "predict",
    "install",
    "dashboard",
    "operator",
    "report",
    "weekly",
    "trend",
    "audit",
    "energy",
    "leak",
    "flow",
    "pump",
    "motor",
    "supplier",
    "contract",
    "price",
    "trial",
    "pilot",
    "return",
    "month",
    "year",
    "quality",
    "safety",
    "output",
    "schedule",
    "spare",
    "part",
]


def sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def section_yaml(rng: random.Random, name: str, words: int, cue: bool) -> str:
    sentences = [sentence(rng, rng.randint(8, 16)) for _ in range(max(1, words // 12))]
    text = " ".join(sentences)
    phrase = " ".join(text.split()[2:5]).rstrip(".")
    lines = [f"      - name: {name}"]
    if cue:
        lines.append("        cue: Open the dashboard and point at the trend.")
    lines.append("        text: >-")
    line = "          "
    for word in text.split():
        if len(line) + len(word) > 100:
            lines.append(line.rstrip())
            line = "          "
        line += word + " "
    lines.append(line.rstrip())
    lines.append(f"        key_phrases: [{json.dumps(phrase)}]")
    return "\n".join(lines)


def pitch_yaml(rng: random.Random, pitch: str, product: str, version: int) -> str:
    cuts = []
    for cut, target, sections, words in (("30s", 30, 2, 35), ("5min", 300, 6, 115), ("demo", 600, 5, 80)):
        body = "\n".join(section_yaml(rng, f"Part {i + 1}", words, cut == "demo") for i in range(sections))
        cuts.append(f"  {cut}:\n    target_seconds: {target}\n    sections:\n{body}")
    return (
        f"pitch: {pitch}\nproduct: {product}\nversion: {version}\nstatus: draft\n"
        f"title: {product.title()} pitch {pitch}\ncuts:\n" + "\n".join(cuts) + "\n"
    )


def build(root: Path, files: int) -> None:
    rng = random.Random(42)
    for index in range(files):
        product = f"product-{index // 50:02d}"
        pitch = f"pitch-{index // 2:04d}"
        version = index % 2 + 1
        folder = root / "content" / product / "pitches" / pitch
        folder.mkdir(parents=True, exist_ok=True)
        manifest = root / "content" / product / "product.yaml"  # every product folder needs one
        if not manifest.exists():
            manifest.write_text(f"id: {product}\nname: {product.title()}\nlanguage: en\n", encoding="utf-8")
        (folder / f"v{version}.yaml").write_text(pitch_yaml(rng, pitch, product, version), encoding="utf-8")


def time_best(func, repeats: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.files)
        paths = sorted(root.rglob("*.yaml"))
        words = sum(len(p.read_text().split()) for p in paths)
        library = load_library(root)
        assert library.files_read == len(paths) and not library.errors, library.errors[:3]

        def baseline() -> None:
            for path in paths:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        load_seconds = time_best(lambda: load_library(root), args.repeats)
        baseline_seconds = time_best(baseline, args.repeats)
    print(
        json.dumps(
            {
                "files": args.files,
                "words": words,
                "load_seconds": round(load_seconds, 3),
                "baseline_yaml_only_seconds": round(baseline_seconds, 3),
                "ratio_vs_yaml_only": round(load_seconds / baseline_seconds, 2),
                "goal_load_seconds": 1.0,
                "meets_goal": load_seconds <= 1.0,
            }
        )
    )


if __name__ == "__main__":
    main()
