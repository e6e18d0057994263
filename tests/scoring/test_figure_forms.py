"""Figures compare by value: however a rep writes "62 percent" or "$5,000", it is the same fact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scoring import normalize_text, score_recitation, tokenize


@pytest.mark.parametrize(
    ("script", "said"),
    [
        ("62%", "62 %"),
        ("62%", "62 per cent"),
        ("62%", "sixty-two percent"),
        ("62%", "62 Per Cent"),
        ("62%", "62％"),
        ("$5,000", "$5k"),
        ("$5,000", "5k dollars"),
        ("$5,000", "five grand"),
        ("$5,000", "5 grand"),
        ("1,500,000", "1.5M"),
        ("$1,500,000", "$1.5 million"),
        ("$1,500,000", "1.5 million dollars"),
        ("500,000", "half a million"),
        ("1,000,000", "a million"),
        ("2.5 times", "2.5x"),
        ("2,300", "2.3k"),
        ("$2,000,000,000", "$2bn"),
        ("1.8 times", "one point eight times"),
        ("98.5%", "ninety-eight point five percent"),
        ("10,500,000", "ten point five million"),
        ("the 120 valves", "the hundred and twenty valves"),
    ],
)
def test_sales_shorthand_means_the_same_figure(script: str, said: str) -> None:
    assert normalize_text(said) == normalize_text(script)
    assert score_recitation(f"We save {script} a year.", f"We save {said} a year.").score == 100.0


@pytest.mark.parametrize(
    ("script", "said"),
    [
        ("62%", "26 %"),
        ("$5,000", "$50k"),
        ("$5,000", "six grand"),
        ("1,500,000", "1.5k"),
        ("500,000", "half a thousand"),
    ],
)
def test_a_different_value_is_never_the_same_figure(script: str, said: str) -> None:
    assert normalize_text(said) != normalize_text(script)


def test_shorthand_keeps_spans_on_the_written_text() -> None:
    text = "Save $1.5 million, 62 per cent, five grand or 2.5x."
    tokens = tokenize(text)
    assert [(t.norm, t.text) for t in tokens] == [
        ("save", "Save"),
        ("1500000", "$1.5 million"),
        ("dollars", "$1.5 million"),
        ("62", "62"),
        ("percent", "per cent"),
        ("5000", "five grand"),
        ("dollars", "five grand"),
        ("or", "or"),
        ("2.5", "2.5x"),
        ("times", "2.5x"),
    ]


def test_words_that_only_look_like_shorthand_stay_words() -> None:
    assert normalize_text("the grand total, ten cents, a cent per user") == "the grand total 10 cents a cent per user"


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 999), st.sampled_from(["k", "K"]), st.booleans())
def test_thousands_shorthand_equals_the_written_figure(n: int, k: str, dollars: bool) -> None:
    sign = "$" if dollars else ""
    assert normalize_text(f"{sign}{n}{k}") == normalize_text(f"{sign}{n * 1000:,}")


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 999), st.sampled_from(["%", " %", " percent", " per cent", "％"]))
def test_every_way_to_write_a_percentage_is_one_value(n: int, sign: str) -> None:
    assert normalize_text(f"{n}{sign}") == f"{n} percent"


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 99), st.integers(1, 9))
def test_decimal_millions_scale_exactly(whole: int, tenth: int) -> None:
    value = whole * 1_000_000 + tenth * 100_000
    assert normalize_text(f"{whole}.{tenth}M") == normalize_text(f"{whole}.{tenth} million") == str(value)
