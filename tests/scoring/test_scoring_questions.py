"""Closed-question drills: every labelled question individually, then on-target checks."""

from __future__ import annotations

import json

import pytest
from questions_labelled import CHINESE, ENGLISH

from trainer.scoring import classify_question, score_question


def test_the_labelled_set_is_big_enough() -> None:
    assert len(ENGLISH) >= 30 and len(CHINESE) >= 25


@pytest.mark.parametrize(
    ("question", "closed", "kind"), ENGLISH + CHINESE, ids=[q for q, _, _ in ENGLISH + CHINESE]
)
def test_labelled_question(question: str, closed: bool, kind: str) -> None:
    result = classify_question(question)
    assert (result.closed, result.kind) == (closed, kind), result.reason
    assert result.reason.startswith(
        "Closed:" if closed else ("Open:" if kind == "open" else "Not a question:")
    )


def test_reasons_are_plain_and_quote_the_question() -> None:
    assert classify_question("Is the budget approved?").reason == (
        'Closed: starts with "Is" — the customer answers yes or no.'
    )
    assert classify_question("What are your goals?").reason == (
        'Open: "What" invites a long answer; ask "Is it … or …?" instead.'
    )
    assert (
        classify_question("你们的预算批了吗？").reason
        == 'Closed: ends with "吗" — the customer answers yes or no.'
    )


DRILL = {
    "goal": "Find out who signs off on maintenance purchases.",
    "key_terms": ["approve", "sign", "purchase order"],
    "examples": [
        "Who signs the purchase orders for maintenance?",
        "Is it you or procurement who approves maintenance purchases?",
    ],
    "avoid": "Who makes the decisions around here?",
}


@pytest.mark.parametrize(
    "question",
    [
        "Who signs the purchase orders for spare parts?",
        "Does the plant manager approve maintenance spending?",
        "Is it you or the CFO who signs off?",
        "Do POs over $10,000 need the CFO's approval?",
        "Are maintenance purchase orders approved by procurement or by you?",
    ],
)
def test_closed_and_on_target_passes(question: str) -> None:
    result = score_question(question, **DRILL)  # type: ignore[arg-type]
    assert result.closed and result.on_target and result.passed, result
    assert result.verdict == "Good: closed and on target."


def test_closed_but_off_target_fails() -> None:
    result = score_question("How many people work at your plant?", **DRILL)  # type: ignore[arg-type]
    assert result.closed and not result.on_target and not result.passed
    assert result.matched_terms == () and result.similarity < 60
    assert "off target" in result.verdict


def test_open_but_on_target_fails() -> None:
    result = score_question("Tell me about your approval process for maintenance.", **DRILL)  # type: ignore[arg-type]
    assert not result.closed and result.on_target and not result.passed
    assert result.matched_terms == ("approve",)


def test_the_question_to_avoid_is_flagged() -> None:
    result = score_question("Who makes decisions around here?", **DRILL)  # type: ignore[arg-type]
    assert result.too_close_to_avoid and not result.passed
    ok = score_question("Who signs the maintenance purchase orders?", **DRILL)  # type: ignore[arg-type]
    assert not ok.too_close_to_avoid


def test_similar_to_an_example_without_key_terms_is_on_target() -> None:
    drill = dict(DRILL, key_terms=[])
    result = score_question("Who signs maintenance purchases?", **drill)  # type: ignore[arg-type]
    assert result.on_target and result.similarity >= 60
    assert result.closest_example == "Who signs the purchase orders for maintenance?"


def test_chinese_drill() -> None:
    drill = {
        "goal": "了解谁审批维修采购。",
        "key_terms": ["审批", "签字", "采购订单"],
        "examples": ["采购订单是谁签字？"],
    }
    good = score_question("维修采购是您审批还是采购部审批？", **drill)  # type: ignore[arg-type]
    assert good.passed and good.kind == "either/or" and "审批" in good.matched_terms
    off = score_question("你们工厂有多少人？", **drill)  # type: ignore[arg-type]
    assert off.closed and not off.on_target
    open_ = score_question("您怎么看审批流程？", **drill)  # type: ignore[arg-type]
    assert open_.on_target and not open_.closed and not open_.passed


def test_to_dict_is_json_ready() -> None:
    data = json.loads(json.dumps(score_question("Who signs the PO?", **DRILL).to_dict()))  # type: ignore[arg-type]
    assert {
        "closed",
        "kind",
        "reason",
        "on_target",
        "matched_terms",
        "closest_example",
        "similarity",
        "too_close_to_avoid",
        "verdict",
        "passed",
    } <= set(data)
    assert json.loads(json.dumps(classify_question("Why?").to_dict()))["kind"] == "open"


def test_an_open_verdict_does_not_repeat_the_reason() -> None:
    """Screens show the verdict and then the reason: the verdict must not contain the reason again."""
    result = score_question("Tell me about your approval process for maintenance.", **DRILL)  # type: ignore[arg-type]
    assert result.reason not in result.verdict
    assert result.reason[result.reason.index('"'):] not in result.verdict
