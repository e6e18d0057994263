"""Memorize steps: the same step always hides the same words, more each time, key phrases last."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.practice.memorize import (
    HIDDEN_CJK,
    STEPS,
    MemorizeSession,
    SectionMemory,
    mask,
    tokenize,
)

HOOK = (
    "Unplanned valve failures stop a production line for hours. "
    "FlowGuard smart valves warn you days before they fail."
)
KEY = ("warn you days before they fail",)


def words_at(section: SectionMemory, step: int) -> list[str]:
    return [view.display for view in section.view(step)]


def test_the_ladder_goes_from_full_text_to_blank() -> None:
    kinds = [step.kind for step in STEPS]
    assert kinds[0] == "full" and kinds[-2:] == ["initials", "blank"]
    assert [step.fraction for step in STEPS if step.kind == "partial"] == [0.25, 0.5, 0.75]


def test_the_first_step_shows_everything() -> None:
    section = SectionMemory("Hook", HOOK, KEY)
    assert " ".join(words_at(section, 0)) == HOOK


def test_the_same_step_always_hides_the_same_words() -> None:
    first, second = SectionMemory("Hook", HOOK, KEY), SectionMemory("Hook", HOOK, KEY)
    assert first.hidden_by_step == second.hidden_by_step
    assert words_at(first, 2) == words_at(second, 2)


def test_a_different_text_hides_different_words() -> None:
    other = HOOK.replace("hours", "days on end")
    assert SectionMemory("Hook", HOOK).hidden(1) != SectionMemory("Hook", other).hidden(1)


def test_each_step_hides_a_superset_of_the_one_before() -> None:
    section = SectionMemory("Hook", HOOK, KEY)
    for earlier, later in zip(section.hidden_by_step, section.hidden_by_step[1:], strict=False):
        assert earlier <= later


def test_partial_steps_hide_their_share_of_the_words() -> None:
    section = SectionMemory("Hook", HOOK, KEY)
    hideable = sum(1 for token in section.tokens if token.hideable)
    assert len(section.hidden(1)) == -(-hideable // 4)  # 25%, rounded up
    assert len(section.hidden(4)) == hideable


def test_key_phrase_words_are_hidden_last() -> None:
    section = SectionMemory("Hook", HOOK, KEY)
    key = {i for i, token in enumerate(section.tokens) if token.key}
    plain = {i for i, token in enumerate(section.tokens) if token.hideable and not token.key}
    assert key and plain
    for hidden in section.hidden_by_step:
        if hidden & key:
            assert plain <= hidden, "a key-phrase word was hidden while other words still showed"


def test_hidden_words_keep_their_punctuation_and_length() -> None:
    token = tokenize("hours.")[0]
    assert mask(token) == "_____."
    assert mask(token, keep_first=True) == "h____."


def test_first_letters_step_shows_each_initial() -> None:
    section = SectionMemory("Hook", "Warn you early.", ())
    assert words_at(section, 4) == ["W___", "y__", "e____."]


def test_blank_step_shows_nothing_until_words_are_revealed() -> None:
    session = MemorizeSession.for_sections([("Hook", "Warn you early.", ())])
    session.step = len(STEPS) - 1
    assert all(view.display == "" for view in session.view())
    session.reveal_word()
    assert [view.display for view in session.view()] == ["Warn", "", ""]


def test_reveal_word_uncovers_the_next_hidden_word_in_reading_order() -> None:
    session = MemorizeSession.for_sections([("Hook", HOOK, KEY)])
    session.step = 2
    first_hidden = min(session.current.hidden(2))
    assert session.reveal_word() == first_hidden
    assert session.view()[first_hidden].state == "revealed"
    assert session.hidden_count() == len(session.current.hidden(2)) - 1


def test_reveal_all_then_changing_step_hides_again() -> None:
    session = MemorizeSession.for_sections([("Hook", HOOK, KEY)])
    session.next_step()
    session.reveal_all()
    assert session.hidden_count() == 0
    session.next_step()
    assert session.hidden_count() == len(session.current.hidden(2))


def test_steps_and_sections_stop_at_the_ends() -> None:
    session = MemorizeSession.for_sections([("A", "One two.", ()), ("B", "Three four.", ())])
    assert not session.previous_step()
    while session.next_step():
        pass
    assert session.step == len(STEPS) - 1
    assert session.next_section() and session.section == 1 and session.step == 0
    assert not session.next_section()
    assert session.previous_section() and session.section == 0


def test_chinese_is_hidden_character_by_character() -> None:
    section = SectionMemory("开场", "设备故障会让生产线停工数小时。云迹能提前几天预警。", ("提前几天预警",))
    tokens = section.tokens
    assert all(len(token.text) == 1 for token in tokens)
    hidden_view = section.view(3)
    assert any(view.display == HIDDEN_CJK for view in hidden_view)
    assert [view.display for view in hidden_view if view.token.text == "。"] == ["。", "。"]
    key_chars = [view for view in section.view(1) if view.token.key]
    assert all(view.state == "shown" for view in key_chars)  # 25% never reaches the key phrase


def test_chinese_first_letters_keeps_the_first_character_of_each_clause() -> None:
    section = SectionMemory("开场", "设备故障。云迹预警。", ())
    assert "".join(view.display for view in section.view(4)) == f"设{HIDDEN_CJK * 3}。云{HIDDEN_CJK * 3}。"


def test_latin_words_inside_chinese_stay_whole() -> None:
    assert [token.text for token in tokenize("云迹FlowGuard阀门")] == ["云", "迹", "FlowGuard", "阀", "门"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc de,.云迹 \n"), min_size=0, max_size=80))
def test_any_text_gives_monotonic_deterministic_steps(text: str) -> None:
    section = SectionMemory("S", text, ())
    again = SectionMemory("S", text, ())
    assert section.hidden_by_step == again.hidden_by_step
    for earlier, later in zip(section.hidden_by_step, section.hidden_by_step[1:], strict=False):
        assert earlier <= later
    assert section.hidden_by_step[0] == frozenset()
