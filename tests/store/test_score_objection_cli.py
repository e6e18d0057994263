"""`trainer score --objection`: an answer scored by meaning, with the evidence per key point, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from trainer.cli import main

SAMPLE = str(Path(__file__).resolve().parents[2])


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["score", "--library", SAMPLE, *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_text_output_names_the_contradiction_and_the_covering_words() -> None:
    answer = "It's about 5k dollars a year, under an hour of lost production, and the valves stop working if you stop."
    code, out, _ = run("--objection", "flowguard/subscription-fee", stdin=answer)
    assert code == 0
    assert "not yet" in out
    assert 'You said "stop working" — the approved answer says "keep working".' in out
    assert "✓ about five thousand dollars a year\n    said: “about 5k dollars a year”" in out
    # Said exactly as an alternative wording: the words are shown once, not again as the wording that counted.
    assert "✓ less than one hour of lost production\n    said: “under an hour of lost production”\n✗" in out
    assert "✗ valves keep working if you stop  contradicted\n    you said: “stop working”\n" \
           "    approved: “keep working”" in out
    assert "Approved answer\nI understand, subscriptions add up." in out


def test_json_output_carries_the_evidence_fields() -> None:
    code, out, _ = run("--objection", "ledgerly/reading-accuracy", "--format", "json",
                       stdin="Our field accuracy is 89.5 percent, and it marks unsure fields instead of guessing.")
    assert code == 0
    data = json.loads(out)
    point = next(p for p in data["key_points"] if p["point"] == "98.5 percent field accuracy")
    assert point["verdict"] == "wrong-figure" and (point["said"], point["expected"]) == ("89.5 percent", "98.5 percent")
    assert data["passed"] is False


def test_an_unknown_objection_or_a_malformed_reference_is_one_line() -> None:
    code, _, err = run("--objection", "flowguard/no-such-thing", stdin="x")
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = run("--objection", "flowguard", stdin="x")
    assert code != 0 and "PRODUCT/ID" in err


def test_untrusted_answer_text_cannot_reach_the_terminal_raw() -> None:
    hostile = "about \x1b]52;c;evil\x07 5000 dollars a year"
    code, out, _ = run("--objection", "flowguard/subscription-fee", stdin=hostile)
    assert code == 0 and "\x1b]52" not in out and "\x07" not in out
