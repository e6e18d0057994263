"""The base of the escaping layer: no control or reordering character survives :func:`visible`."""

from hypothesis import given
from hypothesis import strategies as st

from trainer.safe_text import visible


def test_terminal_escape_sequences_become_visible_text() -> None:
    title = "Pitch\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07"
    assert visible(title) == "Pitch\\e]0;pwned\\x07\\e]52;c;cm0gLXJmIH4=\\x07"


def test_one_line_values_cannot_forge_a_second_line() -> None:
    assert visible("a.yaml\nb.yaml:1:1: fake problem") == "a.yaml\\nb.yaml:1:1: fake problem"


def test_multiline_text_keeps_its_line_breaks_but_not_carriage_returns() -> None:
    assert visible("one\ntwo\tthree\rfour", multiline=True) == "one\ntwo\tthree\\rfour"


def test_bidi_overrides_are_shown() -> None:
    assert visible("abc\u202edef") == "abc\\u202edef"


def test_ordinary_text_is_unchanged() -> None:
    text = "Plants cut downtime by 62% — 停机时间减少了百分之六十二。"
    assert visible(text) is text


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    shown = visible(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
