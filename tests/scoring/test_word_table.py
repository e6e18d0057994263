"""The per-word results of a recitation: stored column-wise, read as records, saved as dicts, never changed."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scoring import WordResult, WordTable, score_recitation

SCRIPT = "Our valves don't fail. FlowGuard cuts unplanned downtime by 62 percent within one quarter."


def _records(result_words: WordTable) -> list[WordResult]:
    return [result_words[i] for i in range(len(result_words))]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["our", "valves", "dont", "fail", "flowguard", "cuts", "downtime", "by", "40", "62",
                         "percent", "um", "within", "one", "quarter", "planned", "xyz"]),
        max_size=20,
    )
)
def test_every_way_of_reading_the_words_agrees(said: list[str]) -> None:
    words = score_recitation(SCRIPT, " ".join(said)).words
    records = list(words)
    assert _records(words) == records
    assert [words[i - len(words)] for i in range(len(words))] == records  # negative indices
    assert list(words[2:7]) == records[2:7] and list(words[::-1]) == records[::-1]
    assert [words.status[i] for i in range(len(words))] == [w.status for w in records]
    assert words.to_dicts() == [w._asdict() for w in records]
    assert json.loads(json.dumps(words.to_dicts())) == words.to_dicts()
    assert words == tuple(records) and WordTable.of(records) == words


def test_a_table_reads_like_the_tuple_it_replaces() -> None:
    words = score_recitation(SCRIPT, "our valves dont fail flowguard cuts downtime by 40 percent").words
    as_tuple = tuple(words)
    assert len(words) == len(as_tuple) == 15  # "don't" is two script words
    assert words[0] == as_tuple[0] and words[-1] == as_tuple[-1]
    assert words[0].text == "Our" and words[0].status == "matched"
    figure = next(w for w in words if w.text == "62")
    assert figure.status == "substituted" and figure.said == "40"
    assert hash(words) == hash(WordTable.of(as_tuple))
    with pytest.raises(IndexError):
        words[len(words)]
    assert words != as_tuple[:-1] and words != "not a table"


def test_a_scored_table_cannot_be_changed() -> None:
    words = score_recitation(SCRIPT, "our valves").words
    with pytest.raises(AttributeError):
        words.status = ("matched",) * len(words)  # type: ignore[misc]
    assert isinstance(words.status, tuple)  # and no column can be changed in place


def test_columns_of_different_lengths_are_refused() -> None:
    one = ("a",)
    with pytest.raises(ValueError, match="one entry per word"):
        WordTable(one, (0,), (0,), (1,), ("matched",), (None,), (0,), (1,), (False,), ())


def test_an_empty_script_has_an_empty_table() -> None:
    words = score_recitation("", "anything at all").words
    assert len(words) == 0 and list(words) == [] and words.to_dicts() == []
