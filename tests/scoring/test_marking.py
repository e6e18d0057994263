"""A written word scored as several spoken ones is drawn once, with the worst of their marks."""

from __future__ import annotations

from trainer.scoring import score_recitation
from trainer.scoring.marking import marked_spans


def test_a_percentage_is_drawn_once() -> None:
    script = "Output rose 28% in a year."
    result = score_recitation(script, "Output rose 28% in a year.")
    spans = marked_spans(result.words)
    assert [script[w.start : w.end] for _, w in spans] == ["Output", "rose", "28%", "in", "a", "year"]
    assert {w.status for _, w in spans} == {"matched"}


def test_half_said_contraction_is_not_matched() -> None:
    script = "We're ready."
    result = score_recitation(script, "We ready.")
    spans = marked_spans(result.words)
    first = spans[0][1]
    assert (script[first.start : first.end], first.status) == ("We're", "missed")


def test_chinese_numbers_in_a_sentence_keep_every_character_once() -> None:
    script = "工单提升了28%，首次修复率从72%提高到85%。"
    result = score_recitation(script, script)
    drawn = "".join(script[w.start : w.end] for _, w in marked_spans(result.words))
    assert drawn == "工单提升了28%首次修复率从72%提高到85%"
