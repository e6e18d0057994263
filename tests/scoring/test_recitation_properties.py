"""Properties every recitation score must have, checked on realistic random scripts."""

from __future__ import annotations

import random
from itertools import pairwise

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from scoring_strategies import (
    CHINESE_VOCABULARY,
    ENGLISH_VOCABULARY,
    PUNCTUATION,
    as_sentences,
    chinese_script,
    english_script,
)

from trainer.scoring import score_recitation
from trainer.scoring.align import NEAR_THRESHOLD
from trainer.scoring.fixes import NEGATORS
from trainer.scoring.held_back import HELD_BACK_CAP

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Error = tuple[int, str, str]  # (position, "delete" | "replace" | "insert", word)


def apply_errors(words: list[str], errors: list[Error]) -> list[str]:
    out = list(words)
    for pos, kind, word in sorted(errors, reverse=True):  # right to left keeps positions valid
        if kind == "delete":
            del out[pos]
        elif kind == "replace":
            out[pos] = word
        else:
            out.insert(pos, word)
    return out


@st.composite
def separated_errors(draw: st.DrawFn, words: list[str], count: int) -> list[Error]:
    """``count`` errors at positions at least 3 words apart, so each one is a separate mistake."""
    positions = draw(st.lists(st.integers(0, len(words) - 1), min_size=count, max_size=count, unique=True))
    positions.sort()
    assume(all(b - a >= 3 for a, b in pairwise(positions)))
    errors = []
    for pos in positions:
        kind = draw(st.sampled_from(["delete", "replace", "insert"]))
        other = draw(st.sampled_from([w for w in ENGLISH_VOCABULARY if w != words[pos]]))
        errors.append((pos, kind, other))
    return errors


@st.composite
def script_with_phrase(draw: st.DrawFn, min_size: int = 8) -> tuple[list[str], str, str]:
    words, text = draw(english_script(min_size=min_size))
    start = draw(st.integers(0, len(words) - 2))
    size = draw(st.integers(2, min(5, len(words) - start)))
    return words, text, " ".join(words[start : start + size])


@SETTINGS
@given(script_with_phrase())
def test_identical_text_scores_100(case: tuple[list[str], str, str]) -> None:
    _, text, phrase = case
    result = score_recitation(text, text, key_phrases=[phrase])
    assert result.score == 100.0
    assert result.tier == "Gold"
    assert result.counts.matched == result.counts.reference_words
    assert all(k.found for k in result.key_phrases)


@SETTINGS
@given(script_with_phrase(), st.sampled_from(["", "   ", "\n", "...", " , ; — "]))
def test_empty_attempt_scores_0(case: tuple[list[str], str, str], attempt: str) -> None:
    _, text, phrase = case
    result = score_recitation(text, attempt, key_phrases=[phrase])
    assert result.score == 0.0
    assert result.counts.missed == result.counts.reference_words
    assert result.fixes


@SETTINGS
@given(st.data(), script_with_phrase())
def test_case_and_punctuation_never_change_the_score(
    data: st.DataObject, case: tuple[list[str], str, str]
) -> None:
    words, text, phrase = case
    count = data.draw(st.integers(0, min(3, len(words) // 4)))
    said = apply_errors(words, data.draw(separated_errors(words, count)))
    assume(said)
    plain = score_recitation(text, " ".join(said), key_phrases=[phrase])
    rng = random.Random(data.draw(st.integers(0, 10**6)))
    styled = []
    for word in said:
        word = rng.choice([word.upper(), word.capitalize(), word.lower(), word])
        if rng.random() < 0.3:
            word += rng.choice(PUNCTUATION)
        if rng.random() < 0.1:
            word = rng.choice(PUNCTUATION) + word
        styled.append(word)
    restyled = score_recitation(
        text.upper().replace(".", "!"), " ".join(styled), key_phrases=[phrase.upper()]
    )
    assert restyled.score == plain.score
    assert restyled.counts == plain.counts


@SETTINGS
@given(st.data(), script_with_phrase())
def test_any_single_error_costs_something(data: st.DataObject, case: tuple[list[str], str, str]) -> None:
    words, text, phrase = case
    said = apply_errors(words, data.draw(separated_errors(words, 1)))
    assert score_recitation(text, as_sentences(said), key_phrases=[phrase]).score < 100.0


@SETTINGS
@given(st.data(), st.lists(st.sampled_from(ENGLISH_VOCABULARY), min_size=8, max_size=120, unique=True))
def test_adding_an_error_never_raises_the_score(data: st.DataObject, words: list[str]) -> None:
    """Each extra separate mistake lowers (or keeps) the score.

    The script's words are distinct here: in "the the the", a dropped word and an added word three
    places later are indistinguishable from one swapped word, which is a different (smaller) mistake.
    """
    text = as_sentences(words)
    start = data.draw(st.integers(0, len(words) - 2))
    phrase = " ".join(words[start : start + data.draw(st.integers(2, 5))])
    count = data.draw(st.integers(1, min(4, len(words) // 3)))
    errors = data.draw(separated_errors(words, count))
    scores = [
        score_recitation(text, as_sentences(apply_errors(words, errors[:k])), key_phrases=[phrase]).score
        for k in range(count + 1)
    ]
    assert scores[0] == 100.0
    assert all(later <= earlier for earlier, later in pairwise(scores)), scores
    assert scores[1] < 100.0


@SETTINGS
@given(st.data(), english_script(min_size=5))
def test_a_typo_costs_less_than_missing_the_word(data: st.DataObject, case: tuple[list[str], str]) -> None:
    words, text = case
    candidates = [i for i, w in enumerate(words) if len(w) >= 5]
    assume(candidates)
    i = data.draw(st.sampled_from(candidates))
    word = words[i]
    typo = word
    for _ in range(data.draw(st.integers(1, 2))):
        pos = data.draw(st.integers(0, len(typo) - 1))
        letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
        edit = data.draw(st.sampled_from(["sub", "ins", "del"]))
        typo = {
            "sub": typo[:pos] + letter + typo[pos + 1 :],
            "ins": typo[:pos] + letter + typo[pos:],
            "del": typo[:pos] + typo[pos + 1 :],
        }[edit]
    assume(typo != word and typo not in ENGLISH_VOCABULARY)
    # A garble too far from the word to be a typo is a different word said in its place, which the Gold rule
    # holds below Gold while one dropped word is not; the property is about typos.
    assume(fuzz.ratio(word, typo) >= NEAR_THRESHOLD)
    with_typo = score_recitation(text, " ".join([*words[:i], typo, *words[i + 1 :]]))
    missing = score_recitation(text, " ".join(words[:i] + words[i + 1 :]))
    assert with_typo.score > missing.score


@SETTINGS
@given(st.data(), english_script(min_size=8))
def test_missing_a_key_phrase_word_costs_more(data: st.DataObject, case: tuple[list[str], str]) -> None:
    words, text = case
    start = data.draw(st.integers(0, len(words) - 3))
    size = data.draw(st.integers(2, min(5, len(words) - start - 1)))
    phrase_idx = range(start, start + size)
    outside = [i for i in range(len(words)) if i not in phrase_idx]
    key_i = data.draw(st.sampled_from(list(phrase_idx)))
    plain_i = data.draw(st.sampled_from(outside))
    # A word said twice in the script makes "which one was dropped" ambiguous; keep both unique.
    assume(words.count(words[key_i]) == 1 and words.count(words[plain_i]) == 1)
    # Dropping a negation holds any recitation below Gold (the Gold rule), whatever its weight in the score.
    assume(words[key_i] not in NEGATORS and words[plain_i] not in NEGATORS)
    phrase = " ".join(words[start : start + size])
    without_key = score_recitation(
        text, " ".join(w for k, w in enumerate(words) if k != key_i), key_phrases=[phrase]
    )
    without_plain = score_recitation(
        text, " ".join(w for k, w in enumerate(words) if k != plain_i), key_phrases=[phrase]
    )
    assert without_key.score < without_plain.score


@SETTINGS
@given(chinese_script())
def test_chinese_identical_scores_100_and_empty_scores_0(text: str) -> None:
    assert score_recitation(text, text).score == 100.0
    assert score_recitation(text, "").score == 0.0
    assert score_recitation(text, "。！？").score == 0.0


@SETTINGS
@given(st.data(), chinese_script())
def test_chinese_punctuation_never_changes_and_deletion_costs(data: st.DataObject, text: str) -> None:
    bare = "".join(c for c in text if c not in "，、；。")
    punctuated = "".join(c + ("，" if data.draw(st.booleans()) else "") for c in bare)
    assert score_recitation(text, punctuated).score == 100.0
    i = data.draw(st.integers(0, len(bare) - 1))
    assert score_recitation(text, bare[:i] + bare[i + 1 :]).score < 100.0
    char = data.draw(st.sampled_from([c for w in CHINESE_VOCABULARY for c in w if c not in bare]))
    deleted = score_recitation(text, bare[:i] + bare[i + 1 :]).score
    wrong = score_recitation(text, bare[:i] + char + bare[i + 1 :])
    substituted = wrong.score
    assert substituted < 100.0
    # A wrong character still keeps the rhythm, so it costs less than a deletion — but a different character
    # is a different word said, which holds the recitation below Gold however little it cost.
    assert deleted < substituted or (wrong.held_back and substituted == HELD_BACK_CAP)
