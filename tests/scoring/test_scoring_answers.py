"""Objection answers in the rep's own words: key points count, echoing the objection does not."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from trainer.scoring import score_answer


@dataclass(frozen=True)
class Case:
    objection: str
    answer: str
    key_points: tuple[str, ...]
    paraphrase: str
    partial: str  # makes one key point only


CASES = {
    "price": Case(
        "Your valves cost twice what we pay now.",
        "I understand. Look at the total cost of ownership: one hour of downtime costs more than the valve, "
        "and our five-year warranty covers every part.",
        ("total cost of ownership", "one hour of downtime costs more than the valve", "five-year warranty"),
        "I understand the price looks high. But if you look at the total cost of ownership over five years, "
        "it's lower — a single hour of line downtime costs you more than the valve itself, and the warranty "
        "covers five years.",
        "I get that, but think about the total cost of ownership.",
    ),
    "happy": Case(
        "We're happy with our current supplier.",
        "Many customers were, until they compared response times. We guarantee a technician on site within "
        "four hours, and you can run a two-week trial on your worst line with no commitment.",
        ("technician on site within four hours", "two-week trial on your worst line", "no commitment"),
        "I hear you — most of our clients felt the same before switching. What changed their mind: we get a "
        "technician to your site in under four hours, and you can trial us for two weeks on your worst line, "
        "no strings attached and no commitment.",
        "Fair enough. We can send a technician on site within four hours.",
    ),
    "budget": Case(
        "We don't have budget for this until next year.",
        "The pilot pays for itself: it runs on your maintenance budget, costs less than one unplanned "
        "shutdown, and you only pay after the savings are proven.",
        (
            "runs on the maintenance budget",
            "costs less than one unplanned shutdown",
            "pay after savings are proven",
        ),
        "Totally fair. The nice thing is the pilot can come out of your existing maintenance budget — and it "
        "costs less than a single unplanned shutdown. You'd only pay once the savings have been proven.",
        "I see. But the pilot costs less than one unplanned shutdown.",
    ),
    "price_zh": Case(
        "你们的阀门比我们现在用的贵一倍。",
        "我理解。请看总拥有成本：停机一小时的损失比阀门本身还贵，而且我们提供五年质保。",
        ("总拥有成本", "停机一小时的损失比阀门本身还贵", "五年质保"),
        "我理解价格看起来高。但从总拥有成本来看，五年下来反而更低——生产线停机一个小时的损失就超过阀门本身，而且质保是五年。",
        "我明白，不过请您算一算总拥有成本。",
    ),
    "happy_zh": Case(
        "我们对现在的供应商很满意。",
        "很多客户一开始也这么想。我们保证四小时内技术人员到场，还可以免费试用两周，不需要任何承诺。",
        ("四小时内技术人员到场", "免费试用两周", "不需要任何承诺"),
        "理解您的感受。我们能保证技术人员在四个小时以内到现场，而且可以先免费试用两个星期，您不用做任何承诺。",
        "明白。我们可以让您免费试用两周。",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_good_paraphrase_passes(name: str) -> None:
    case = CASES[name]
    result = score_answer(case.answer, case.key_points, case.paraphrase, objection=case.objection)
    assert result.passed, result
    assert all(p.covered for p in result.key_points), result.key_points
    for point in result.key_points:
        assert point.excerpt and point.excerpt in case.paraphrase
    assert not result.echoes_objection


@pytest.mark.parametrize("name", CASES)
def test_repeating_the_objection_fails(name: str) -> None:
    case = CASES[name]
    result = score_answer(case.answer, case.key_points, case.objection, objection=case.objection)
    assert not result.passed
    assert not any(p.covered for p in result.key_points)
    assert result.echoes_objection and result.score <= 25
    agreeing = score_answer(case.answer, case.key_points, "Yes. " + case.objection, objection=case.objection)
    assert not agreeing.passed


@pytest.mark.parametrize("name", CASES)
def test_the_approved_answer_itself_scores_top_marks(name: str) -> None:
    case = CASES[name]
    result = score_answer(case.answer, case.key_points, case.answer, objection=case.objection)
    assert result.score >= 95 and result.passed


@pytest.mark.parametrize("name", CASES)
def test_one_point_of_three_does_not_pass_and_the_fixes_name_the_rest(name: str) -> None:
    case = CASES[name]
    result = score_answer(case.answer, case.key_points, case.partial, objection=case.objection)
    covered = [p.point for p in result.key_points if p.covered]
    assert len(covered) == 1, result.key_points
    assert not result.passed
    missing = [p for p in case.key_points if p not in covered]
    assert all(any(f'"{p}"' in fix for fix in result.fixes) for p in missing)


def test_empty_attempt_scores_zero() -> None:
    case = CASES["price"]
    for attempt in ("", "   ", "..."):
        result = score_answer(case.answer, case.key_points, attempt, objection=case.objection)
        assert result.score == 0.0 and not result.passed
    assert result.fixes[0] == "Answer the objection — nothing was said yet."


def test_stop_words_alone_never_cover_a_point() -> None:
    result = score_answer("x", ["total cost of ownership"], "the of a the of to and is it")
    assert not result.key_points[0].covered and result.key_points[0].similarity == 0.0


def test_word_forms_and_order_do_not_matter() -> None:
    result = score_answer("x", ["savings on repair costs"], "It cost less to repair, so you save.")
    assert result.key_points[0].covered


def test_off_topic_answer_fails_and_to_dict_is_json_ready() -> None:
    case = CASES["happy"]
    result = score_answer(case.answer, case.key_points, "Our brochure has lovely pictures of the factory.")
    assert not result.passed and result.score < 30
    data = json.loads(json.dumps(result.to_dict()))
    assert {"point", "covered", "similarity", "excerpt"} <= set(data["key_points"][0])
    assert {"score", "passed", "similarity_to_answer", "fixes"} <= set(data)


def test_pass_mark_is_respected() -> None:
    case = CASES["price"]
    result = score_answer(case.answer, case.key_points, case.paraphrase, pass_mark=101)
    assert not result.passed and result.pass_mark == 101
