"""How fast the practice app feels, in numbers: prints JSON.

- ``home_ready_seconds``: from building the app on the sample library (which loads it) and entering
  ``App.run_test()`` to the home screen being mounted with its library tree filled. Goal: ≤ 1 s.
- ``results_after_submit_seconds``: from submitting an 800-word recitation (ctrl+s) to the results screen
  being mounted (score, tier, fixes, key phrases, pace), scoring included. Goal: ≤ 0.1 s. Reported cold
  (first submit) and as the median of repeats.
- ``marked_script_after_submit_seconds``: the same, until the marked script (added one frame later) is in.
- Baselines measured in the same run, since these machines are noisy: ``bare_app_ready_seconds``, a Textual
  app with one label started the same way (so ``home_ready_ratio`` says what our start-up adds to Textual's),
  and ``score_only_seconds``, scoring the same attempt without any screen.

The app is built as ``trainer`` builds it, on a practice database (in a temporary folder), so every submit
also commits the attempt.

Run: ``python benchmarks/bench_app.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HOME_GOAL = 1.0
RESULTS_GOAL = 0.1


def eight_hundred_words(text: str) -> str:
    """An attempt of exactly 800 words built from the script, with a few slips, as a rep would type it."""
    words = text.split()
    attempt: list[str] = []
    while len(attempt) < 800:
        attempt.extend(words)
    attempt = attempt[:800]
    for index in range(7, 800, 53):
        attempt[index] = attempt[index][::-1]  # a garbled word every so often
    return " ".join(attempt)


async def measure(root: Path, repeats: int) -> dict[str, object]:
    from textual.app import App
    from textual.widgets import Label, TextArea

    from trainer.store import PracticeStore
    from trainer.tui.app import TrainerApp
    from trainer.tui.screens.home import HomeScreen
    from trainer.tui.screens.recite import ReciteScreen
    from trainer.tui.screens.results import ResultsScreen
    from trainer.tui.widgets.library_tree import LibraryTree
    from trainer.tui.widgets.marked_script import MarkedScript

    class Bare(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Label("ready")

    started = time.perf_counter()
    bare = Bare()
    async with bare.run_test(size=(120, 40)):
        while not bare.screen.query(Label):
            await asyncio.sleep(0.001)
        bare_ready = time.perf_counter() - started

    store = PracticeStore(Path(tempfile.mkdtemp()) / "practice.sqlite3")
    started = time.perf_counter()
    app = TrainerApp(root, tune_gc=True, store=store, rep="bench")  # as run_app (the `trainer` command) builds it
    async with app.run_test(size=(120, 40)) as pilot:
        while not (
            isinstance(app.screen, HomeScreen) and app.screen.is_mounted and app.screen.query(LibraryTree)
            and app.screen.query_one(LibraryTree).root.children
        ):
            await asyncio.sleep(0.001)
        home_ready = time.perf_counter() - started

        cuts = [(pitch, name, cut) for pitch in app.library.pitches.values()
                for name, cut in pitch.practice_version.cuts.items()]
        pitch, cut_name, cut = max(cuts, key=lambda item: len(item[2].text))  # the longest script
        attempt = eight_hundred_words(cut.text)
        timings: list[float] = []
        script_timings: list[float] = []
        for _ in range(repeats):
            recite = ReciteScreen(pitch, pitch.practice_version.version, cut_name)
            await app.push_screen(recite)
            await pilot.pause()
            recite.query_one(TextArea).text = attempt
            await pilot.pause(0.3)  # a rep takes far longer than this to type; let earlier screens finish closing
            submitted = time.perf_counter()
            recite.action_submit()
            while not (isinstance(app.screen, ResultsScreen) and app.screen.is_mounted):
                await asyncio.sleep(0.001)
            timings.append(time.perf_counter() - submitted)
            marked = app.screen.query_one(MarkedScript)
            while not marked.ready:
                await asyncio.sleep(0.001)
            script_timings.append(time.perf_counter() - submitted)
            app.screen.dismiss("back")
            await pilot.pause()
            while not isinstance(app.screen, HomeScreen):
                app.pop_screen()
                await pilot.pause()
    from trainer.practice.scenario import cut_reference
    from trainer.scoring import score_recitation

    score_runs = []
    for _ in range(repeats):
        begin = time.perf_counter()
        score_recitation(cut_reference(cut), attempt, target_seconds=cut.target_seconds)
        score_runs.append(time.perf_counter() - begin)
    assert len(store.attempts("bench")) == repeats, "every submit was stored"
    return {
        "library": str(root),
        "home_ready_seconds": round(home_ready, 3),
        "bare_app_ready_seconds": round(bare_ready, 3),
        "home_ready_ratio": round(home_ready / bare_ready, 2),
        "score_only_seconds": round(statistics.median(score_runs), 4),
        "home_ready_goal_seconds": HOME_GOAL,
        "recitation_words": len(attempt.split()),
        "recitation_pitch": f"{pitch.id} {cut_name}",
        "results_after_submit_seconds": {
            "cold": round(timings[0], 3),
            "median": round(statistics.median(timings), 3),
            "max": round(max(timings), 3),
            "repeats": len(timings),
        },
        "marked_script_after_submit_seconds": {
            "cold": round(script_timings[0], 3),
            "median": round(statistics.median(script_timings), 3),
            "max": round(max(script_timings), 3),
        },
        "results_goal_seconds": RESULTS_GOAL,
        "meets_goals": home_ready <= HOME_GOAL and statistics.median(timings) <= RESULTS_GOAL,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--library", type=Path, default=None, help="Default: the bundled sample library.")
    options = parser.parse_args()
    from trainer.library.locate import bundled_library

    root = options.library or bundled_library()
    print(json.dumps(asyncio.run(measure(root, max(1, options.repeats))), indent=2))


if __name__ == "__main__":
    sys.exit(main())
