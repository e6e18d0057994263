"""The labelled evaluation set is well-formed and its report runs.

Agreement levels are deliberately not asserted: the report measures the scorer (CI prints it), and the scorer
is expected to improve.  What must always hold is that every case means something — unique ids, references that
resolve, key phrase and key point strings that exist in the content — and that a malformed case is reported as
one (exit 2, naming the case and field) rather than silently counted.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from trainer.library.loader import load_library

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "eval_scoring.py"
CASES = ROOT / "tests" / "evaluation" / "cases"


def _report_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_scoring", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_scoring", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report_module():  # type: ignore[no-untyped-def]
    return _report_module()


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library(ROOT)


def _raw_cases() -> list[dict]:
    return [case for path in sorted(CASES.glob("*.yaml")) for case in yaml.safe_load(path.read_text("utf-8"))["cases"]]


def test_every_case_resolves_against_the_sample_library(report_module, library) -> None:  # type: ignore[no-untyped-def]
    cases = report_module.load_cases(library)
    assert len(cases) == len(_raw_cases())
    assert len({c.id for c in cases}) == len(cases)


def test_the_set_is_big_enough_and_covers_both_languages_and_every_product() -> None:
    raw = _raw_cases()
    assert len(raw) >= 250
    assert sum(c["lang"] == "zh" for c in raw) >= 90
    pitches = {(c["pitch"], c["cut"]) for c in raw if "pitch" in c}
    for pitch in ("flowguard-core", "ledgerly-core", "yunji-core"):
        assert {(pitch, "30s"), (pitch, "5min")} <= pitches
    products = {c["objection"].split("/")[0] for c in raw if "objection" in c}
    assert products == {"flowguard", "ledgerly", "yunji"}


def test_cases_pin_the_newest_published_version(library) -> None:  # type: ignore[no-untyped-def]
    for case in _raw_cases():
        if "pitch" in case:
            current = library.pitch(case["pitch"]).current
            assert current is not None and case["version"] == current.version, case["id"]


def test_key_phrase_and_key_point_strings_exist_in_the_content(library) -> None:  # type: ignore[no-untyped-def]
    for case in _raw_cases():
        expect = case["expect"]
        if "pitch" in case:
            cut = library.pitch(case["pitch"]).version(case["version"]).cuts.get(case["cut"])
            known = set(cut.key_phrases)
            named = expect.get("key_phrases_found", []) + expect.get("key_phrases_missed", [])
        else:
            product, _, objection = case["objection"].partition("/")
            known = set(library.product(product).objection(objection).point_names)
            named = expect.get("covered", []) + expect.get("not_covered", [])
        assert set(named) <= known, case["id"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c.update(pitch="flowguard-cor"), "pitch/version"),
        (lambda c: c["expect"].update(key_phrases_missed=["downtime by 60 percent"]), "expect.key_phrases_missed"),
        (lambda c: c["expect"].update(gold="yes"), "expect.gold"),
        (lambda c: c.update(cut="10min"), "cut"),
        (lambda c: c.update(speaker="me"), "speaker"),
    ],
)
def test_a_malformed_case_is_named_with_its_field(report_module, library, tmp_path, change, field) -> None:  # type: ignore[no-untyped-def]
    case = {"id": "bad", "category": "en-wrong-figure", "lang": "en", "why": "x", "pitch": "flowguard-core",
            "version": 2, "cut": "30s", "attempt": "hello", "expect": {"gold": False}}
    change(case)
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump({"cases": [case]}), encoding="utf-8")
    with pytest.raises(report_module.MalformedCase) as info:
        report_module.load_cases(library, tmp_path)
    assert str(info.value).startswith(f"bad.yaml:bad: {field}:")


def test_a_duplicate_id_is_malformed(report_module, library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = {"id": "twice", "category": "answer-partial", "lang": "en", "why": "x",
            "objection": "flowguard/too-expensive", "attempt": "hello", "expect": {"passed": False}}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump({"cases": [case, case]}), encoding="utf-8")
    with pytest.raises(report_module.MalformedCase, match="duplicate id"):
        report_module.load_cases(library, tmp_path)


def test_the_report_exits_2_naming_a_malformed_case(tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = {"id": "lost", "category": "answer-partial", "lang": "en", "why": "x",
            "objection": "flowguard/no-such-objection", "attempt": "hello", "expect": {"passed": False}}
    (tmp_path / "lost.yaml").write_text(yaml.safe_dump({"cases": [case]}), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), "--cases", str(tmp_path)], capture_output=True, text=True,
                         check=False, cwd=ROOT, timeout=120)
    assert run.returncode == 2
    assert "lost.yaml:lost: objection:" in run.stderr


def test_the_report_prints_a_figure_for_every_category() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "--json"], capture_output=True, text=True, check=False,
                         cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    categories = {c["category"] for c in _raw_cases()}
    assert set(report["categories"]) == categories
    for row in report["categories"].values():
        assert 0 <= row["agree"] <= row["cases"] and 0.0 <= row["rate"] <= 100.0
    assert report["overall"]["cases"] == len(_raw_cases())
    text = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False, cwd=ROOT,
                          timeout=600)
    assert text.returncode == 0, text.stderr
    for category in categories:
        assert any(line.split()[:1] == [category] and line.rstrip().endswith("%") for line in text.stdout.splitlines())
