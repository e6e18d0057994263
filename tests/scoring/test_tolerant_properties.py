"""Properties of tolerant matching, both ways: a harmless variant never costs more than a hair, a real difference
always costs and is reported — on realistic random scripts."""

from __future__ import annotations

import opencc
from breame.spelling import AMERICAN_ENGLISH_SPELLINGS
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from scoring_strategies import ENGLISH_VOCABULARY, as_sentences, chinese_script

from trainer.scoring import score_recitation
from trainer.scoring.lexicon import is_english_word

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TINY = 0.5  # the most a harmless variant may cost (points of 100)

CONTRACTIONS = (
    "don't",
    "won't",
    "isn't",
    "can't",
    "doesn't",
    "we're",
    "you're",
    "they're",
    "I'm",
    "it's",
    "let's",
    "we've",
    "you'll",
    "aren't",
    "wasn't",
    "couldn't",
)
COMPOUNDS = (
    ("follow", "up"),
    ("e", "mail"),
    ("check", "in"),
    ("set", "up"),
    ("roll", "out"),
    ("sign", "off"),
    ("on", "site"),
    ("start", "up"),
    ("back", "up"),
    ("work", "flow"),
    ("hand", "over"),
)
SPELLINGS = tuple(
    (american, british)
    for american, british in AMERICAN_ENGLISH_SPELLINGS.items()
    if american.isalpha() and british.isalpha() and american != british
)
# Same toneless pinyin: the characters a pinyin input method offers for one syllable.
SAME_SOUND = ("的得地", "在再", "做作", "已以", "是事市", "发法", "期其", "公工功", "到道")
NEGATION_WORDS = ("not", "never", "no")
SHORT_WORDS = tuple(
    "on in at it is as an and any the now not how who we he me be by my so to do go of "  # noqa: SIM905
    "or for far fat cat can our out you".split()  # no number words: a figure is never near
)
REAL_NEIGHBOURS = tuple(
    (a, b) for a in SHORT_WORDS for b in SHORT_WORDS if a != b and OSA.distance(a, b) == 1 and a not in ("not",)
)
_S2T = opencc.OpenCC("s2t")


def _flags(result) -> list[tuple[int, str]]:
    """(offset in the script, status) of every script word not matched."""
    return [(w.start, w.status) for w in result.words if w.status != "matched"]


def _flagged_words(result) -> list[tuple[str, str]]:
    return [(w.text.casefold(), w.status) for w in result.words if w.status != "matched"]


@st.composite
def script_with(draw: st.DrawFn, inserts: tuple, count: int = 3) -> tuple[list, str]:
    """A realistic English script with ``count`` items from ``inserts`` placed among its words."""
    words: list = draw(st.lists(st.sampled_from(ENGLISH_VOCABULARY), min_size=6, max_size=60))
    for _ in range(count):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(inserts)))
    return words, ""


def _text(words: list, render) -> str:
    return as_sentences([render(w) for w in words], None)


@SETTINGS
@given(script_with((*CONTRACTIONS, "its", "lets", "valve's", "valves", "customers", "customer's", *COMPOUNDS), 6))
def test_the_script_itself_still_scores_100(case: tuple[list, str]) -> None:
    """Rewrites only touch attempt words the script does not have as written."""
    words, _ = case
    script = _text(words, lambda w: "-".join(w) if isinstance(w, tuple) else w)
    result = score_recitation(script, script)
    assert result.score == 100.0
    assert all(w.status == "matched" for w in result.words)


@SETTINGS
@given(script_with(CONTRACTIONS))
def test_dropping_apostrophes_costs_nothing(case: tuple[list, str]) -> None:
    words, _ = case
    script = _text(words, str)
    attempt = _text(words, lambda w: w.replace("'", ""))
    assume(attempt != script)
    assert score_recitation(script, attempt).score >= 100 - TINY


@SETTINGS
@given(script_with(("its", "lets", "customers", "whats")))
def test_adding_an_apostrophe_to_a_script_word_costs_nothing(case: tuple[list, str]) -> None:
    words, _ = case
    apostrophe = {"its": "it's", "lets": "let's", "customers": "customer's", "whats": "what's"}
    script = _text(words, str)
    attempt = _text(words, lambda w: apostrophe.get(w, w))
    assert score_recitation(script, attempt).score >= 100 - TINY


@SETTINGS
@given(st.data(), script_with(COMPOUNDS), st.sampled_from(["-", "", " "]))
def test_joined_split_or_hyphenated_compounds_cost_nothing(data: st.DataObject, case: tuple, written: str) -> None:
    words, _ = case
    script = _text(words, lambda w: written.join(w) if isinstance(w, tuple) else w)
    said = data.draw(st.sampled_from([j for j in ("-", "", " ") if j != written]))
    attempt = _text(words, lambda w: said.join(w) if isinstance(w, tuple) else w)
    assert score_recitation(script, attempt).score >= 100 - TINY


@SETTINGS
@given(script_with(SPELLINGS), st.booleans())
def test_british_and_american_spellings_cost_nothing(case: tuple, british_script: bool) -> None:
    words, _ = case
    script_side, attempt_side = (1, 0) if british_script else (0, 1)
    script = _text(words, lambda w: w[script_side] if isinstance(w, tuple) else w)
    attempt = _text(words, lambda w: w[attempt_side] if isinstance(w, tuple) else w)
    assert score_recitation(script, attempt).score >= 100 - TINY


@SETTINGS
@given(chinese_script(), st.booleans())
def test_traditional_and_simplified_characters_cost_nothing(text: str, traditional_script: bool) -> None:
    traditional = _S2T.convert(text)
    assume(traditional != text)
    script, attempt = (traditional, text) if traditional_script else (text, traditional)
    result = score_recitation(script, attempt)
    assert result.score >= 100 - TINY
    assert all(w.attempt_end - w.attempt_start == 1 for w in result.words if w.attempt_start is not None)


@SETTINGS
@given(st.data(), chinese_script(), st.sampled_from(SAME_SOUND))
def test_a_same_sound_character_is_near_and_costs_less_than_a_different_one(
    data: st.DataObject, text: str, group: str
) -> None:
    right, slip = data.draw(st.permutations(group))[:2]
    at = data.draw(st.integers(0, len(text) - 1))
    script = text[:at] + right + text[at:]
    slipped = score_recitation(script, text[:at] + slip + text[at:])
    other = score_recitation(script, text[:at] + "马" + text[at:])
    assert (at, "near") in _flags(slipped)  # the character at offset ``at`` of the script
    assert other.score < slipped.score < 100


@SETTINGS
@given(st.data(), script_with(SHORT_WORDS, count=1))
def test_a_short_word_typo_is_near_but_a_real_short_word_is_not(data: st.DataObject, case: tuple) -> None:
    words, _ = case
    short = [i for i, w in enumerate(words) if w in SHORT_WORDS and w != "not"]
    assume(short)
    at = data.draw(st.sampled_from(short))
    word = words[at]
    k = data.draw(st.integers(0, len(word) - 2))
    typo = word[:k] + word[k + 1] + word[k] + word[k + 2 :]  # two letters swapped, the commonest slip
    assume(typo != word and not is_english_word(typo) and typo not in words)
    script = " ".join(words)
    offset = len(" ".join(words[:at])) + (1 if at else 0)
    result = score_recitation(script, " ".join([*words[:at], typo, *words[at + 1 :]]))
    assert (offset, "near") in _flags(result)
    neighbours = [b for a, b in REAL_NEIGHBOURS if a == word and b not in words]
    assume(neighbours)
    real = score_recitation(script, " ".join([*words[:at], data.draw(st.sampled_from(neighbours)), *words[at + 1 :]]))
    assert (offset, "substituted") in _flags(real)
    assert real.score < result.score


@SETTINGS
@given(script_with(CONTRACTIONS), st.sampled_from(NEGATION_WORDS), st.data())
def test_a_dropped_or_changed_negation_is_caught_among_harmless_variants(
    case: tuple, negation: str, data: st.DataObject
) -> None:
    words, _ = case
    at = data.draw(st.integers(0, len(words)))
    words = [*words[:at], negation, *words[at:]]
    script = _text(words, str)
    variants = [w.replace("'", "") if isinstance(w, str) else w for w in words]
    forgiven = score_recitation(script, _text(variants, str)).score
    dropped = score_recitation(script, _text([*variants[:at], *variants[at + 1 :]], str))
    changed = score_recitation(script, _text([*variants[:at], "now", *variants[at + 1 :]], str))
    assert (negation, "missed") in _flagged_words(dropped)
    assert {(negation, "substituted"), (negation, "missed")} & set(_flagged_words(changed))
    assert dropped.score < forgiven - 1
    assert changed.score < forgiven - 1


@SETTINGS
@given(st.data(), chinese_script(), st.sampled_from("不没无未别非"))
def test_a_dropped_or_misheard_chinese_negator_is_caught_in_traditional_text(
    data: st.DataObject, text: str, negator: str
) -> None:
    at = data.draw(st.integers(0, len(text) - 1))
    script = text[:at] + negator + text[at:]
    traditional = _S2T.convert(text)
    dropped = score_recitation(script, traditional[:at] + traditional[at:])
    same_sound = {"不": "步", "没": "梅", "无": "五", "未": "为", "别": "憋", "非": "飞"}[negator]
    misheard = score_recitation(script, traditional[:at] + same_sound + traditional[at:])
    assert (at, "missed") in _flags(dropped)
    assert (at, "substituted") in _flags(misheard)
    assert dropped.score < 100 and misheard.score < 100


@SETTINGS
@given(script_with(CONTRACTIONS), st.integers(2, 99), st.integers(1, 50), st.data())
def test_a_different_figure_is_caught_among_harmless_variants(
    case: tuple, figure: int, delta: int, data: st.DataObject
) -> None:
    words, _ = case
    at = data.draw(st.integers(0, len(words)))
    script = _text([*words[:at], str(figure), "percent", *words[at:]], str)
    bare = [w.replace("'", "") for w in words]
    right = score_recitation(script, _text([*bare[:at], str(figure), "percent", *bare[at:]], str))
    wrong = score_recitation(script, _text([*bare[:at], str(figure + delta), "percent", *bare[at:]], str))
    assert right.score >= 100 - TINY
    assert (str(figure), "substituted") in _flagged_words(wrong)
    assert wrong.score < right.score
