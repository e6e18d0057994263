"""How often the scorer agrees with a sales manager: the labelled evaluation set, per category.

Run: ``python benchmarks/eval_scoring.py [--json]``.

Loads the sample library, scores every case in ``tests/evaluation/cases/*.yaml`` with the current scorer —
``score_recitation`` on the cut's sections and key phrases exactly as ``trainer score --pitch`` builds them,
``score_answer`` on the objection as the objection cards do — and checks each expectation (their meaning is in
``tests/evaluation/README.md``).  Prints agreement per category, overall and per expectation type, with the ids
of the cases that disagree.

Why it exits 0 whatever the agreement: it measures the scorer, it does not gate it — the scorer will improve
and the figures are meant to be read, not to fail a build.  It exits 2 when a case is malformed (an unknown
pitch, cut or objection, a key phrase that is not in the content, an unknown field), naming the case and the
field, because a malformed case is a bug in the set and its figure would mean nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trainer.library.catalog import Library  # noqa: E402
from trainer.library.loader import load_library  # noqa: E402
from trainer.library.speaking import speaking_target  # noqa: E402
from trainer.practice.scenario import cut_reference  # noqa: E402
from trainer.scoring import ReferenceSection, score_answer, score_recitation  # noqa: E402
from trainer.scoring.results import TIERS  # noqa: E402

CASES_DIR = ROOT / "tests" / "evaluation" / "cases"
CASE_FIELDS = {"id", "category", "lang", "why", "pitch", "version", "cut", "objection", "attempt", "expect"}
RECITATION_EXPECT = {"gold", "tier_at_least", "key_phrases_found", "key_phrases_missed", "loses_at_most",
                     "first_fix_mentions"}
ANSWER_EXPECT = {"passed", "covered", "not_covered"}
TIER_RANK = {name: len(TIERS) - i for i, (name, _) in enumerate(TIERS)}  # Gold highest


class MalformedCase(Exception):
    """A case the set should not contain: ``where`` names the file and case, ``field`` the bad field."""

    def __init__(self, where: str, field_name: str, message: str) -> None:
        super().__init__(f"{where}: {field_name}: {message}")


@dataclass
class Case:
    """One labelled attempt and what it is scored against (resolved from the library)."""

    id: str
    category: str
    lang: str
    attempt: str
    expect: dict[str, Any]
    source: str
    sections: list[ReferenceSection] = field(default_factory=list)
    target: float | None = None
    joiner: str = " "
    objection: Any = None

    @property
    def kind(self) -> str:
        return "answer" if self.objection is not None else "recitation"


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_expect(case: dict[str, Any], where: str, allowed: set[str], known: list[str]) -> dict[str, Any]:
    expect = case.get("expect")
    if not isinstance(expect, dict) or not expect:
        raise MalformedCase(where, "expect", "must be a mapping with at least one expectation")
    for key, value in expect.items():
        if key not in allowed:
            raise MalformedCase(where, f"expect.{key}", f"unknown expectation (allowed: {', '.join(sorted(allowed))})")
        if key in ("gold", "passed") and not isinstance(value, bool):
            raise MalformedCase(where, f"expect.{key}", "must be true or false")
        if key == "tier_at_least" and value not in TIER_RANK:
            raise MalformedCase(where, f"expect.{key}", f"must be one of {', '.join(TIER_RANK)}")
        if key == "loses_at_most" and (isinstance(value, bool) or not isinstance(value, int | float) or value < 0):
            raise MalformedCase(where, f"expect.{key}", "must be a number of points >= 0")
        if key == "first_fix_mentions" and not (_str_list(value) and value):
            raise MalformedCase(where, f"expect.{key}", "must be a non-empty list of strings")
        if key in ("key_phrases_found", "key_phrases_missed", "covered", "not_covered"):
            if not (_str_list(value) and value):
                raise MalformedCase(where, f"expect.{key}", "must be a non-empty list of strings")
            for item in value:
                if item not in known:
                    what = "key point of the objection" if key in ANSWER_EXPECT else "key phrase of the cut"
                    raise MalformedCase(where, f"expect.{key}", f"{item!r} is not a {what}")
    return expect


def _resolve(case: Any, where: str, library: Library) -> Case:
    if not isinstance(case, dict):
        raise MalformedCase(where, "case", "must be a mapping")
    unknown = set(case) - CASE_FIELDS
    if unknown:
        raise MalformedCase(where, sorted(unknown)[0], "unknown field")
    for name in ("id", "category", "why", "attempt"):
        if not isinstance(case.get(name), str) or not case[name].strip():
            raise MalformedCase(where, name, "must be a non-empty string")
    if case.get("lang") not in ("en", "zh"):
        raise MalformedCase(where, "lang", "must be en or zh")
    base = {"id": case["id"], "category": case["category"], "lang": case["lang"], "attempt": case["attempt"],
            "source": where}
    if ("pitch" in case) == ("objection" in case):
        raise MalformedCase(where, "pitch/objection", "give either pitch (with version and cut) or objection")
    if "objection" in case:
        if any(k in case for k in ("version", "cut")):
            raise MalformedCase(where, "version/cut", "only a recitation has a version and a cut")
        ref = case["objection"]
        product_id, _, objection_id = str(ref).partition("/")
        try:
            objection = library.product(product_id).objection(objection_id)
        except Exception as exc:  # ContentError: unknown product or objection
            raise MalformedCase(where, "objection", str(exc)) from None
        expect = _check_expect(case, where, ANSWER_EXPECT, objection.point_names)
        return Case(**base, expect=expect, objection=objection)
    try:
        pitch = library.pitch(str(case["pitch"]))
        chosen = pitch.version(case.get("version"))
    except Exception as exc:  # ContentError: unknown pitch or version
        raise MalformedCase(where, "pitch/version", str(exc)) from None
    if not isinstance(case.get("version"), int):
        raise MalformedCase(where, "version", "must pin the version number the case was written against")
    cut = chosen.cuts.get(str(case.get("cut")))
    if cut is None:
        raise MalformedCase(where, "cut", f"version {chosen.version} of {pitch.id!r} has no cut {case.get('cut')!r}")
    sections = cut_reference(cut)  # key and critical phrases, exactly as the app and `trainer score` build them
    expect = _check_expect(case, where, RECITATION_EXPECT, [k for s in sections for k in s.key_phrases])
    language = library.product(pitch.product).language
    return Case(
        **base,
        expect=expect,
        sections=sections,
        target=speaking_target(case["cut"], cut.target_seconds, cut.text),
        joiner="" if language.startswith("zh") else " ",
    )


def load_cases(library: Library, cases_dir: Path = CASES_DIR) -> list[Case]:
    """Every case, resolved against the library; raises :class:`MalformedCase` for the first bad one."""
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in sorted(cases_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
            raise MalformedCase(path.name, "cases", "the file must hold a mapping with a 'cases' list")
        for index, raw in enumerate(data["cases"]):
            where = f"{path.name}:{raw.get('id', f'#{index}') if isinstance(raw, dict) else f'#{index}'}"
            case = _resolve(raw, where, library)
            if case.id in seen:
                raise MalformedCase(where, "id", f"duplicate id (also in {seen[case.id]})")
            seen[case.id] = path.name
            cases.append(case)
    return cases


def _verbatim_score(case: Case) -> float:
    text = case.joiner.join(s.text for s in case.sections)
    return score_recitation(case.sections, text, target_seconds=case.target).score


def check_case(case: Case) -> tuple[dict[str, bool], dict[str, Any]]:
    """``(expectation → agrees, what the scorer said)`` for one case."""
    verdicts: dict[str, bool] = {}
    if case.kind == "answer":
        o = case.objection
        result = score_answer(o.answer, o.key_points, case.attempt, objection=o.objection)
        covered = {p.point: p.covered for p in result.key_points}
        said = {"score": result.score, "passed": result.passed,
                "covered": [p for p, c in covered.items() if c],
                "not_covered": [p for p, c in covered.items() if not c]}
        for key, want in case.expect.items():
            if key == "passed":
                verdicts[key] = result.passed == want
            else:
                verdicts[key] = all(covered[p] == (key == "covered") for p in want)
        return verdicts, said
    result = score_recitation(case.sections, case.attempt, target_seconds=case.target)
    found: dict[str, list[bool]] = defaultdict(list)  # a phrase quoted in two sections is reported twice
    for k in result.key_phrases:
        found[k.phrase].append(k.found)
    said = {"score": result.score, "tier": result.tier, "first_fix": result.fixes[0] if result.fixes else None,
            "missed_key_phrases": [p for p, f in found.items() if not all(f)]}
    for key, want in case.expect.items():
        if key == "gold":
            verdicts[key] = (result.tier == "Gold") == want
        elif key == "tier_at_least":
            verdicts[key] = TIER_RANK[result.tier] >= TIER_RANK[want]
        elif key in ("key_phrases_found", "key_phrases_missed"):
            verdicts[key] = all(all(found[p]) if key == "key_phrases_found" else not any(found[p]) for p in want)
        elif key == "loses_at_most":
            verbatim = _verbatim_score(case)
            said["verbatim_score"] = verbatim
            verdicts[key] = verbatim - result.score <= want + 1e-9
        elif key == "first_fix_mentions":
            first = (result.fixes[0] if result.fixes else "").casefold()
            verdicts[key] = bool(result.fixes) and all(s.casefold() in first for s in want)
    return verdicts, said


def _rate(agree: int, total: int) -> float:
    return round(100.0 * agree / total, 1) if total else 0.0


def evaluate(cases: list[Case]) -> dict[str, Any]:
    """Agreement figures per category, per expectation type and overall, plus every disagreement."""
    categories: dict[str, dict[str, Any]] = defaultdict(lambda: {"cases": 0, "agree": 0, "disagreeing": []})
    expectations: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # checked, agreed
    disagreements = []
    for case in cases:
        verdicts, said = check_case(case)
        row = categories[case.category]
        row["cases"] += 1
        for key, ok in verdicts.items():
            expectations[key][0] += 1
            expectations[key][1] += ok
        if all(verdicts.values()):
            row["agree"] += 1
        else:
            row["disagreeing"].append(case.id)
            failed = {k: case.expect[k] for k, ok in verdicts.items() if not ok}
            disagreements.append({"id": case.id, "category": case.category, "source": case.source,
                                  "expected": failed, "scorer": said})
    for row in categories.values():
        row["rate"] = _rate(row["agree"], row["cases"])
    agree = sum(r["agree"] for r in categories.values())
    return {
        "overall": {"cases": len(cases), "agree": agree, "rate": _rate(agree, len(cases)),
                    "zh_cases": sum(c.lang == "zh" for c in cases)},
        "categories": dict(sorted(categories.items())),
        "expectations": {
            k: {"checked": n, "agree": a, "rate": _rate(a, n)} for k, (n, a) in sorted(expectations.items())
        },
        "disagreements": disagreements,
    }


def render(report: dict[str, Any]) -> str:
    lines = [f"{'category':<26} {'cases':>5} {'agree':>5} {'rate':>7}"]
    for name, row in report["categories"].items():
        lines.append(f"{name:<26} {row['cases']:>5} {row['agree']:>5} {row['rate']:>6.1f}%")
    o = report["overall"]
    lines.append(f"{'overall':<26} {o['cases']:>5} {o['agree']:>5} {o['rate']:>6.1f}%")
    lines += ["", f"{'expectation':<26} {'checked':>7} {'agree':>5} {'rate':>7}"]
    for name, row in report["expectations"].items():
        lines.append(f"{name:<26} {row['checked']:>7} {row['agree']:>5} {row['rate']:>6.1f}%")
    wrong = {name: row["disagreeing"] for name, row in report["categories"].items() if row["disagreeing"]}
    if wrong:
        lines += ["", "disagreeing cases:"]
        lines += [f"  {name}: {', '.join(ids)}" for name, ids in wrong.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--cases", type=Path, default=CASES_DIR, help="folder of case files (default: the set)")
    args = parser.parse_args(argv)
    library = load_library(ROOT)
    try:
        cases = load_cases(library, args.cases)
    except MalformedCase as exc:
        print(f"malformed case: {exc}", file=sys.stderr)
        return 2
    report = evaluate(cases)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
