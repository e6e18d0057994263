"""Tokenizer and normalisation: spans, contractions, numbers, CJK."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_strategies import split_words

from trainer.scoring import normalize_text, tokenize
from trainer.scoring.normalize import CJK_CLASS
from trainer.scoring.tokens import _ASCII_TOKEN_RE, _TOKEN_RE

ONES = split_words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
TENS = split_words("_ _ twenty thirty forty fifty sixty seventy eighty ninety")


def spell(n: int, hyphen: bool = False, use_and: bool = False) -> str:
    """An independent English speller for 0–999,999 (the test oracle)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (("-" if hyphen else " ") + ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{ONES[hundreds]} hundred"
        return head + ((" and " if use_and else " ") + spell(rest, hyphen) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = f"{spell(thousands, hyphen)} thousand"
    return head + (" " + spell(rest, hyphen, use_and) if rest else "")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 999_999), st.booleans(), st.booleans())
def test_spelled_numbers_and_digits_normalise_alike(n: int, hyphen: bool, use_and: bool) -> None:
    assert normalize_text(spell(n, hyphen, use_and)) == str(n)
    assert normalize_text(f"{n:,}") == str(n)
    assert normalize_text(f"{n}%") == f"{n} percent" == normalize_text(f"{spell(n, hyphen)} percent")
    assert normalize_text(f"${n}") == f"{n} dollars"


def test_adjacent_numbers_stay_apart_and_odd_numbers_stay_as_they_are() -> None:
    assert normalize_text("one two three") == "1 2 3"
    assert normalize_text("five six") == "5 6"
    assert normalize_text("3rd shift, 24/7, 5.50") == "3rd shift 24 7 5.5"
    assert normalize_text("a hundred and five") == "105"
    assert normalize_text("5 thousand") == "5000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We’re", "we are"),
        ("don't", "do not"),
        ("It's", "it is"),
        ("can't", "can not"),
        ("cannot", "can not"),
        ("I'm", "i am"),
        ("you'll", "you will"),
        ("they've", "they have"),
        ("won't", "will not"),
        ("the company's plant", "the company's plant"),
        ("ＡＣＭＥ ３０％", "acme 30 percent"),
        ("state-of-the-art", "state of the art"),
        ("Straße", "strasse"),
    ],
)
def test_normalisation(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三十", "30"),
        ("二十五个", "25 个"),
        ("百分之三十", "30 percent"),
        ("三万元", "30000 元"),
        ("3万元", "30000 元"),
        ("二零二四年", "2024 年"),
        ("两个小时", "2 个 小 时"),
    ],
)
def test_chinese_numerals(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_tokens_keep_original_spans() -> None:
    text = "We’re 30% cheaper — twenty-five sites, 我们的CRM系统。"
    tokens = tokenize(text)
    assert [(t.text, t.norm) for t in tokens] == [
        ("We’re", "we"),
        ("We’re", "are"),
        ("30%", "30"),
        ("30%", "percent"),
        ("cheaper", "cheaper"),
        ("twenty-five", "25"),
        ("sites", "sites"),
        ("我", "我"),
        ("们", "们"),
        ("的", "的"),
        ("CRM", "crm"),
        ("系", "系"),
        ("统", "统"),
    ]
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_chinese_punctuation_is_stripped() -> None:
    assert normalize_text("你好，世界！“对”吗？：；、。") == "你 好 世 界 对 吗"
    assert normalize_text("カタカナ ひらがな") == "カ タ カ ナ ひ ら が な"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcXYZ é'’-,.!?0123$%，。你好们阀门三十 \n")), max_size=60))
def test_every_token_span_matches_its_text(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.norm and " " not in token.norm


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_tokenises_like_the_full_pattern(text: str) -> None:
    assert _ASCII_TOKEN_RE.split(text) == _TOKEN_RE.split(text)


# The token grammar written plainly: one alternative per kind of token, tried in this order.  The scanner's own
# pattern is rearranged for speed; it must split every text exactly as this one does.
_LETTER = f"[^\\W{CJK_CLASS}]"
PLAIN_GRAMMAR = re.compile(
    f"([{CJK_CLASS}]"
    f"|[$€£¥₹＄￥]?\\d+(?:,\\d{{3}})*(?:\\.\\d+)?(?:[kKmMxX]|[bB][nN]?)?[%％]?(?!{_LETTER})"
    f"|{_LETTER}+(?:['\u2019]{_LETTER}+)*"
    "|[%％])"
)
# Characters where the alternatives meet: figures, separators, suffixes, apostrophes, CJK, other scripts.
_EDGES = "ab z_Z9 0 1,.'\u2019$€＄￥%％kKmMxXbBn-\n\t我们的設百分之五十éß٣"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_EDGES), max_size=60) | st.text(max_size=40))
def test_the_scanner_splits_text_as_the_plain_token_grammar_does(text: str) -> None:
    assert _TOKEN_RE.split(text) == PLAIN_GRAMMAR.split(text)
    if text.isascii():
        assert _ASCII_TOKEN_RE.split(text) == PLAIN_GRAMMAR.split(text)
