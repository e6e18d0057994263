"""Pace: estimated or measured speaking time against the cut's target."""

from __future__ import annotations

import pytest

from trainer.scoring import score_recitation
from trainer.scoring.pace import measure_pace

SCRIPT = " ".join(["valves"] * 150)  # 150 words: one minute at 150 words per minute


def test_estimated_at_150_english_words_per_minute() -> None:
    pace = measure_pace(SCRIPT, 60, None)
    assert (pace.elapsed_seconds, pace.estimated, pace.rate, pace.unit) == (60.0, True, 150.0, "words")
    assert (pace.ratio, pace.verdict) == (1.0, "ok")


def test_estimated_at_250_chinese_characters_per_minute_and_mixed_adds_up() -> None:
    chinese = "阀" * 250
    assert measure_pace(chinese, None, None).elapsed_seconds == 60.0
    assert measure_pace(chinese, None, None).unit == "characters"
    mixed = measure_pace(chinese + " " + SCRIPT, None, None)
    assert mixed.elapsed_seconds == 120.0 and mixed.unit == "words+characters"


@pytest.mark.parametrize(
    ("elapsed", "verdict"), [(30, "too short"), (47, "too short"), (48, "ok"), (72, "ok"), (73, "too long")]
)
def test_flagged_beyond_20_percent_of_target(elapsed: float, verdict: str) -> None:
    pace = measure_pace(SCRIPT, 60, elapsed)
    assert pace.verdict == verdict and not pace.estimated
    assert pace.rate == pytest.approx(150 * 60 / elapsed, abs=0.1)


def test_no_target_means_no_verdict() -> None:
    assert measure_pace(SCRIPT, None, 61).verdict == "no target"
    assert measure_pace(SCRIPT, None, 61).ratio is None


def test_pace_fix_reads_like_advice() -> None:
    slow = score_recitation(SCRIPT, SCRIPT, target_seconds=30, elapsed_seconds=41)
    assert slow.fixes == ("Too slow: 41 s for a 30 s cut.",)
    fast = score_recitation(SCRIPT, SCRIPT, target_seconds=120, elapsed_seconds=60)
    assert fast.fixes == ("Too fast: 60 s for a 120 s cut — slow down.",)
    estimated = score_recitation(SCRIPT, SCRIPT, target_seconds=30)
    assert estimated.fixes[0].startswith("Too long: about 60 s at a normal pace for a 30 s cut")
