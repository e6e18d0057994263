"""Exact matches win the alignment: a word said exactly right is never marked missed or as a typo of itself."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_strategies import ENGLISH_VOCABULARY

from trainer.scoring import score_recitation
from trainer.scoring.tokens import scan

SCRIPT = "our smart valves warn you and your team days before they fail so you can plan the repair and save money"


def flagged(script: str, said: str) -> list[tuple[str, str, str | None]]:
    return [(w.text, w.status, w.said) for w in score_recitation(script, said).words if w.status != "matched"]


def test_a_word_said_after_a_filler_is_matched_not_a_typo_of_itself() -> None:
    said = SCRIPT.replace("days before they fail", "days they wern fail").replace("warn you", "warn uh you")
    assert flagged(SCRIPT, said) == [("before", "missed", None)]
    assert not any('you said "they"' in fix for fix in score_recitation(SCRIPT, said).fixes)


def test_an_inserted_word_does_not_push_the_right_words_into_near_misses() -> None:
    said = SCRIPT.replace("smart valves warn you and", "smart warn and you and warm")
    result = score_recitation(SCRIPT, said)
    assert ("warn", "near", "warn") not in flagged(SCRIPT, said)
    assert all(not (w.status == "near" and w.said == w.text) for w in result.words)


def _quoted_pairs(fix: str) -> tuple[str, str] | None:
    for lead, middle in (('Say "', '" — you said "'), ('You said "', '" instead of "')):
        if fix.startswith(lead) and middle in fix:
            left, right = fix[len(lead) :].split(middle, 1)
            return left, right.split('"', 1)[0]
    return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 19),
            st.sampled_from(["insert", "delete", "replace"]),
            st.sampled_from(
                ["um", "uh", "and", "you", "so", "the", "warm", "wern", "valve", "team", *ENGLISH_VOCABULARY[:40]]
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_no_word_is_a_near_miss_or_substitute_of_itself(edits: list[tuple[int, str, str]]) -> None:
    words = SCRIPT.split()
    for pos, kind, word in edits:
        pos = min(pos, len(words) - 1)
        if kind == "insert":
            words.insert(pos, word)
        elif kind == "delete" and len(words) > 1:
            del words[pos]
        else:
            words[pos] = word
    result = score_recitation(SCRIPT, " ".join(words))
    for w in result.words:
        if w.status in ("near", "substituted"):
            assert scan(w.said or "")[0] != scan(w.text)[0], w
    for fix in result.fixes:
        pair = _quoted_pairs(fix)
        assert pair is None or pair[0].casefold() != pair[1].casefold(), fix
