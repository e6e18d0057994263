"""The base of the escaping layer: no control or reordering character survives :func:`visible`."""

from hypothesis import example, given
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


# --- the format-specific escapers built on visible() ---------------------------------------------------------

import html as html_module  # noqa: E402
import json  # noqa: E402

from markdown_it import MarkdownIt  # noqa: E402
from rich.markup import escape as rich_escape  # noqa: E402
from rich.text import Text  # noqa: E402
from textual.content import Content  # noqa: E402

from trainer.safe_text import csv_cell, html_text, json_text, markdown, markup, strip_unsafe  # noqa: E402

HOSTILE = [
    "a\\\\", "\\[", "[/x]", "[bold red]x[/]", "a\\[b]", "ends with \\",
    "[@click=app.quit]q", "\x1b]0;t\x07[b]", "[#fff]x"]


def test_markup_is_read_back_as_the_visible_text_by_rich() -> None:
    for text in HOSTILE:  # escaped text is meant to sit inside markup: a tag follows it here
        assert Text.from_markup(markup(text) + "[b]!").plain == visible(text) + "!"


def test_textual_markup_escaping_is_not_enough_so_the_app_uses_content_objects() -> None:
    """Why the app never puts untrusted text into Textual markup: Textual reads a lone ``[`` and a trailing
    backslash differently from Rich, so no string escaping round-trips; a :class:`Content` is never parsed."""
    assert Content.from_markup("[i]x[[/i]").plain != "x["
    assert Content(visible("[/x] [b]y")).plain == "[/x] [b]y"


@given(st.text(alphabet=st.sampled_from("[]/\\ab@#=x \x1b")))
@example("a\\\\")
def test_markup_never_becomes_a_tag(text: str) -> None:
    assert Text.from_markup(f"[i]{markup(text)}[/i]").plain == visible(text)


def test_markup_escapes_like_rich_for_ordinary_text() -> None:
    assert markup("[/x] [b]y[/b]") == rich_escape("[/x] [b]y[/b]")


def test_markdown_cannot_become_a_link_an_image_or_html() -> None:
    name = "![x](http://evil/x.png) [y](http://evil) <img src=x onerror=alert(1)> **b** `c` a|b &amp;"
    rendered = MarkdownIt("commonmark").enable("table").render(markdown(name))
    assert "<a " not in rendered and "<img" not in rendered and "<strong>" not in rendered and "<code>" not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "&amp;amp;" in rendered


def test_markdown_keeps_one_table_cell_on_one_line() -> None:
    table = f"| a |\n|---|\n| {markdown('x | y')} |\n| {markdown('z' + chr(10) + '# h')} |\n"
    rendered = MarkdownIt("commonmark").enable("table").render(table)
    assert rendered.count("<td>") == 2 and "<h1>" not in rendered


def test_html_text_is_escaped_and_visible() -> None:
    shown = html_text('<img src=x onerror="alert(1)">\x1b]0;t\x07')
    assert "<" not in shown and '"' not in shown and "\x1b" not in shown
    assert html_module.unescape(shown) == visible('<img src=x onerror="alert(1)">\x1b]0;t\x07')


def test_csv_cell_never_starts_a_formula_and_keeps_line_breaks() -> None:
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(cell).startswith("'")
    assert csv_cell("one\ntwo\x1b") == "one\ntwo\\e"
    assert csv_cell("plain") == "plain"


def test_json_text_keeps_the_data_and_escapes_c1_and_bidi() -> None:
    data = {"rep": "eve\x9b2J\u202eabc\x1b", "n": "多"}
    shown = json_text(json.dumps(data, ensure_ascii=False))
    assert "\x9b" not in shown and "\u202e" not in shown and "\x1b" not in shown and "多" in shown
    assert json.loads(shown) == data


def test_strip_unsafe_drops_what_visible_shows() -> None:
    assert strip_unsafe("a\x1b]0;t\x07b\u202ec") == "a]0;tbc"
