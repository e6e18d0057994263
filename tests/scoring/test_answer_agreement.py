"""Objection answers are checked for meaning: negations, opposite words and figures must agree with a key point,
alternative wordings count, word forms count, and the result names the words that covered or contradicted it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.library import load_library
from trainer.scoring import score_answer
from trainer.scoring.content import STOP_EN, STOP_ZH
from trainer.scoring.tokens import scan

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUBSCRIPTION = [
    "about five thousand dollars a year",
    "less than one hour of lost production",
    "valves keep working if you stop",
]


@dataclass(frozen=True)
class Point:
    """A key point with alternatives, as the content model offers it."""

    point: str
    alternatives: list[str] = field(default_factory=list)


def judge(point: str | Point, attempt: str):  # type: ignore[no-untyped-def]
    return score_answer("approved", [point], attempt).key_points[0]


# --- opposites and negations -----------------------------------------------------------------------------


def test_stop_working_contradicts_keep_working_and_the_feedback_names_both() -> None:
    result = score_answer("x", SUBSCRIPTION, "It's about $5,000 a year, under an hour of lost production, "
                          "but the valves stop working if you stop paying.")
    point = result.key_points[2]
    assert (point.covered, point.verdict) == (False, "contradicted")
    assert (point.said, point.expected) == ("stop working", "keep working")
    assert not result.passed
    assert result.fixes[0] == 'You said "stop working" — the approved answer says "keep working".'


def test_keep_working_in_other_words_still_covers_the_point() -> None:
    for attempt in ("If you stop, the valves still work.", "The valves keep working if you cancel and stop paying."):
        assert judge(SUBSCRIPTION[2], attempt).covered, attempt


def test_more_than_contradicts_less_than_even_where_an_alternative_shares_its_other_words() -> None:
    point = Point("less than one hour of lost production", ["under an hour of lost production"])
    result = judge(point, "That's a bit more than one hour of lost production.")
    assert result.verdict == "contradicted"
    assert (result.said, result.expected) == ("more than one hour", "under an hour")


def test_a_negation_the_point_does_not_have_contradicts_it() -> None:
    result = judge(SUBSCRIPTION[2], "Honestly, the valves don't keep working if you stop.")
    assert result.verdict == "contradicted"
    assert "don't keep working" in result.said


def test_a_dropped_negation_contradicts_a_negative_point() -> None:
    assert judge("you don't have to change supplier", "You don't need to change supplier.").covered
    assert judge("you don't have to change supplier", "You'd have to change supplier.").verdict == "contradicted"


def test_a_negation_in_another_clause_does_not_reverse_the_point() -> None:
    assert judge("total cost of ownership", "It's not cheap, but look at the total cost of ownership.").covered


def test_chinese_negations_agree_and_words_like_buguo_negate_nothing() -> None:
    assert judge("不需要任何承诺", "您不用做任何承诺。").covered
    assert judge("不需要任何承诺", "您需要做一些承诺。").verdict == "contradicted"
    assert judge("数据随时可以导出", "不过，数据随时可以导出。").covered
    assert judge("每种工单类型都有自己的规则", "每种工单类型都有自己的规则，各有差别。").covered


# --- figures ------------------------------------------------------------------------------------------------


def test_a_different_figure_never_covers_the_point_and_the_feedback_names_both() -> None:
    result = score_answer("x", ["98.5 percent field accuracy"], "Our field accuracy is 89.5 percent.")
    point = result.key_points[0]
    assert (point.covered, point.verdict) == (False, "wrong-figure")
    assert (point.said, point.expected) == ("89.5 percent", "98.5 percent")
    assert result.fixes[0] == 'You said "89.5 percent" — the approved answer says "98.5 percent".'


@pytest.mark.parametrize("said", ["about $5,000 a year", "roughly 5k dollars a year", "five grand a year, dollars",
                                  "about 5000 dollars per year"])
def test_figures_are_compared_by_value(said: str) -> None:
    assert judge(SUBSCRIPTION[0], said).covered, said


def test_the_words_without_the_figure_do_not_make_a_figure_point() -> None:
    result = score_answer("x", [SUBSCRIPTION[0]], "It's a few dollars a year.")
    assert not result.key_points[0].covered
    assert result.fixes[0].startswith('Say the figure: "five thousand dollars"')


def test_an_hour_says_one_hour_but_a_three_year_term_is_not_a_one_year_term() -> None:
    assert judge(SUBSCRIPTION[1], "It's under an hour of lost production.").covered
    result = judge("one-year term", "After the pilot it runs on a three-year term.")
    assert result.verdict == "wrong-figure" and (result.said, result.expected) == ("three-year", "one-year")


def test_fractions_and_spoken_decimals_have_values() -> None:
    third = "a third of replaced valves were still healthy"
    assert judge(third, "One in three replaced valves was still healthy.").covered
    assert judge(third, "Two thirds of replaced valves were still healthy.").verdict == "wrong-figure"
    assert judge("98.5 percent field accuracy", "ninety-eight point five percent field accuracy").covered
    assert judge("one and a half full-time clerks", "That's 1.5 full-time clerks.").covered


# --- alternatives and word forms ---------------------------------------------------------------------------


def test_an_alternative_wording_covers_the_point_and_the_result_says_which() -> None:
    bare = "costs less than one unplanned shutdown"
    attempt = "The pilot is cheaper than a single unplanned shutdown."
    assert not judge(bare, attempt).covered  # without the alternative the paraphrase is missed …
    result = judge(Point(bare, ["is cheaper than one unplanned shutdown"]), attempt)
    assert result.covered and result.wording == "is cheaper than one unplanned shutdown"
    assert result.excerpt == "is cheaper than a single unplanned shutdown"  # … the evidence, with its figure


def test_one_alternative_covers_its_inflections() -> None:
    point = Point("one-year term", ["a twelve-month contract you can cancel"])
    assert judge(point, "It's twelve-month contracts, cancelled whenever you like.").covered
    assert judge("valves keep working if you stop", "The valve keeps working if you stopped.").covered


def test_a_contradiction_of_the_point_is_not_rescued_by_an_alternative_that_only_shares_words() -> None:
    point = Point("valves keep working if you stop", ["valves still work if you cancel"])
    assert judge(point, "If you cancel, the valves stop working.").verdict == "contradicted"


# --- pass rule -----------------------------------------------------------------------------------------------


def test_an_answer_passes_only_when_every_point_is_covered_whatever_the_pass_mark() -> None:
    two_of_three = "About $5,000 a year, which is less than one hour of lost production."
    result = score_answer("x", SUBSCRIPTION, two_of_three, pass_mark=50)
    assert result.score >= 50 and not result.passed
    everything = two_of_three + " And if you stop, the valves keep working."
    assert score_answer("x", SUBSCRIPTION, everything).passed


def test_every_approved_answer_in_the_sample_library_passes_and_every_alternative_covers_its_point() -> None:
    library = load_library(ROOT)
    checked = 0
    for product in library.products.values():
        assert product.objections is not None
        for objection in product.objections.objections:
            assert score_answer(objection.answer, objection.key_points, objection.answer).passed, objection.id
            for key_point in objection.key_points:
                assert key_point.alternatives, f"{objection.id}: {key_point.point} has no alternatives"
                for alternative in key_point.alternatives:
                    assert score_answer("x", [key_point], alternative).key_points[0].covered, alternative
                    checked += 1
    assert checked >= 3 * 3 * 10


# --- properties ---------------------------------------------------------------------------------------------

SAMPLE_POINTS = sorted(
    {p.point for product in load_library(ROOT).products.values() if product.objections
     for o in product.objections.objections for p in o.key_points}
)
UNRELATED = ["Our brochure has lovely pictures.", "Thanks for your time today.", "The weather is lovely.",
             "我们下周再联系。", "谢谢您的时间。", "Let me send you the details by email."]


@SETTINGS
@given(st.sampled_from(SAMPLE_POINTS), st.lists(st.sampled_from(UNRELATED), max_size=3), st.booleans())
def test_a_covered_point_stays_covered_when_an_unrelated_sentence_is_added(
    point: str, sentences: list[str], before: bool
) -> None:
    attempt = point + "."
    assert judge(point, attempt).covered
    extra = " ".join(sentences)
    assert judge(point, f"{extra} {attempt}" if before else f"{attempt} {extra}").covered


@SETTINGS
@given(st.sampled_from(SAMPLE_POINTS), st.data())
def test_inserting_a_negator_into_the_covering_words_uncovers_the_point(point: str, data: st.DataObject) -> None:
    norms, starts, _ends = scan(point)
    content = [s for n, s in zip(norms, starts, strict=True) if n not in STOP_EN and n not in STOP_ZH]
    at = data.draw(st.sampled_from(content))  # before a content word: inside the words that cover the point
    negator = "not " if point.isascii() else "没有"
    attempt = point[:at] + negator + point[at:]
    result = judge(point, attempt)
    assert not result.covered, (attempt, result)
    assert result.verdict == "contradicted"


def test_an_answer_typed_in_traditional_characters_covers_what_its_simplified_twin_covers() -> None:
    points = ["两个月收回全年费用", "高峰期不用多招调度员"]
    answer = "大多数客户两个月就能收回全年的费用，高峰期也不用多招调度员。"
    typed = "大多數客戶兩個月就能收回全年的費用，高峰期也不用多招調度員。"
    simple = score_answer(answer, points, answer)
    traditional = score_answer(answer, points, typed)
    assert [p.covered for p in traditional.key_points] == [p.covered for p in simple.key_points] == [True, True]
    assert traditional.passed
    assert all(p.excerpt and p.excerpt in typed for p in traditional.key_points)  # quoted as the rep typed it


def test_a_sample_answer_that_reverses_where_the_valves_go_does_not_pass() -> None:
    # Seen in the app: "not on every valve" (an alternative matched on "valve" alone) covered this reversal.
    from trainer.library import find_library

    objection = load_library(find_library(None)).product("flowguard").objection("too-expensive")
    attempt = (
        "Fair point, they cost about 1.8 times more. But look at the total cost of ownership: an hour of downtime "
        "costs more than the valve. And you only need them everywhere, not on the critical valves."
    )
    result = score_answer(objection.answer, objection.key_points, attempt, objection=objection.objection)
    point = next(p for p in result.key_points if p.point == "only on the critical valves")
    assert not point.covered and point.verdict == "contradicted"
    assert not result.passed
