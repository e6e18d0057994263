"""Studying a pitch: key phrases, cues, cuts, versions and what changed."""

from __future__ import annotations

from contextlib import asynccontextmanager

from textual.widgets import Tab
from tui_support import screen_text, static_text, wait_for_screen

from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.memorize import MemorizeScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.study import StudyScreen
from trainer.tui.widgets.script_view import ADDED, KEY_PHRASE, REMOVED, ScriptView

SIZE = (100, 34)


def script_spans(screen: StudyScreen) -> list[tuple[str, str]]:
    """(text, style) of every styled span in the script."""
    spans = []
    for static in screen.query_one(ScriptView).query(".section-text"):
        content = static.content  # type: ignore[attr-defined]
        spans += [(content.plain[s.start : s.end], str(s.style)) for s in content.spans]
    return spans


@asynccontextmanager
async def open_study(make_app, drafts: bool = False, **kwargs):  # type: ignore[no-untyped-def]
    """The app running with the acme-core pitch open on the study screen (``drafts``: as an author sees it)."""
    app = make_app(drafts=drafts)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.push_screen(StudyScreen(app.library.pitch("acme-core"), **kwargs))
        screen = await wait_for_screen(pilot, StudyScreen)
        yield pilot, screen


async def test_study_shows_the_newest_published_version_with_key_phrases_highlighted(make_app) -> None:
    async with open_study(make_app) as (_, screen):
        meta = static_text(screen, "#study-meta")
        assert "v2 published" in meta and "target 30 s" in meta and "to say" in meta
        assert ("warn you days before they fail", KEY_PHRASE) in script_spans(screen)
        assert ("two-week trial", KEY_PHRASE) in script_spans(screen)


async def test_c_switches_cut_and_the_demo_cue_is_set_apart(make_app) -> None:
    async with open_study(make_app) as (pilot, screen):
        await pilot.press("c")
        assert screen.cut == "demo"
        text = screen_text(screen)
        assert "Do: Open the dashboard on the Health tab." in text
        assert screen.query_one(".cue")
        assert "target 2:00" in static_text(screen, "#study-meta")


async def test_clicking_a_cut_tab_switches_cut(make_app) -> None:
    async with open_study(make_app) as (pilot, screen):
        await pilot.click("#cut-demo")
        await pilot.pause()
        assert screen.cut == "demo"


async def test_v_and_clicks_switch_version_keeping_the_cut_when_it_exists(make_app) -> None:
    async with open_study(make_app, drafts=True) as (pilot, screen):
        await pilot.press("v")  # v2 → v3 (draft)
        await pilot.pause()
        assert screen.version == 3 and "v3 draft — not published yet" in static_text(screen, "#study-meta")
        await pilot.click("#version-1")
        await pilot.pause()
        assert screen.version == 1
        assert "warn you before they fail" in screen_text(screen)


async def test_reps_never_see_drafts_and_an_older_version_says_so(make_app) -> None:
    async with open_study(make_app) as (pilot, screen):
        assert screen.version == 2 and "v2 published" in static_text(screen, "#study-meta")
        assert not screen.query("#version-3")  # the v3 draft is for its author
        await pilot.press("v")  # v2 → v1, never the draft
        await pilot.pause()
        assert screen.version == 1
        assert "v1 — older version; v2 is current" in static_text(screen, "#study-meta")
        await pilot.press("r")
        recite = await wait_for_screen(pilot, ReciteScreen)
        assert recite.version_number == 1  # type: ignore[attr-defined]
        assert "v1 — older version; v2 is current" in static_text(recite, "#recite-title")


async def test_a_pitch_with_only_a_draft_is_not_in_the_practice_library(make_app, library) -> None:  # type: ignore[no-untyped-def]
    from trainer.library.catalog import Pitch

    pitch = library.pitch("acme-core")
    library.products["acme"].pitches["acme-draft"] = Pitch("acme-draft", "acme", {3: pitch.versions[3]})
    assert "acme-draft" not in make_app(library).library.pitches
    assert "acme-draft" in make_app(library, drafts=True).library.pitches
    assert "acme-draft" not in make_app(library, drafts=True, served=True).library.pitches  # never served


async def test_a_cut_missing_from_the_chosen_version_falls_back_to_its_first_cut(make_app) -> None:
    async with open_study(make_app, cut="demo") as (pilot, screen):
        await pilot.click("#version-1")
        await pilot.pause()
        assert screen.version == 1 and screen.cut == "30s"
        assert not screen.query_one("#cut-demo", Tab).display  # the demo tab hides while v1 is shown


async def test_what_changed_marks_new_and_removed_words_in_place(make_app) -> None:
    async with open_study(make_app) as (pilot, screen):
        await pilot.press("w")
        await pilot.pause()
        assert "Changes since v1: Warn days ahead; a two-week trial." in static_text(screen, "#study-changes")
        spans = script_spans(screen)
        assert ("days", ADDED) in spans
        assert ("two-week", ADDED) in spans
        await pilot.press("c")  # the demo cut did not exist in v1: a new section
        await pilot.pause()
        assert "new section" in screen_text(screen)
        await pilot.press("w")
        await pilot.pause()
        assert not screen.query_one("#study-changes").display


async def test_what_changed_shows_removed_words_struck_through(make_app) -> None:
    async with open_study(make_app, drafts=True, version=3) as (pilot, screen):
        await pilot.press("w")  # v3 drops the Ask section compared with v2
        await pilot.pause()
        text = screen_text(screen)
        assert "removed" in text and "two-week trial" in text
        removed = [s for s in screen.query_one(ScriptView).query(".section-text") if REMOVED in str(s.content.spans)]  # type: ignore[attr-defined]
        assert removed


async def test_the_first_version_has_nothing_to_compare(make_app) -> None:
    async with open_study(make_app, version=1) as (pilot, screen):
        await pilot.press("w")
        await pilot.pause()
        assert not screen.show_changes
        assert any("first version" in str(n.message) for n in pilot.app._notifications)


async def test_m_and_r_start_memorizing_or_reciting_the_cut_on_screen(make_app) -> None:
    async with open_study(make_app) as (pilot, _):
        await pilot.press("c", "m")
        memorize = await wait_for_screen(pilot, MemorizeScreen)
        assert memorize.cut_name == "demo" and memorize.version_number == 2  # type: ignore[attr-defined]
        await pilot.press("escape", "r")
        recite = await wait_for_screen(pilot, ReciteScreen)
        assert recite.cut_name == "demo"  # type: ignore[attr-defined]


async def test_a_pitch_with_only_a_draft_is_named_on_the_home_screen(make_app, library) -> None:  # type: ignore[no-untyped-def]
    from trainer.library.catalog import Pitch

    draft = library.pitch("acme-core").versions[3]
    library.products["acme"].pitches["acme-draft"] = Pitch("acme-draft", "acme", {3: draft})
    for drafts, told in ((False, True), (True, False)):
        app = make_app(library, drafts=drafts)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, HomeScreen)
            messages = [str(n.message) for n in pilot.app._notifications]
            assert any("acme-draft (draft only)" in m and "trainer --drafts" in m for m in messages) == told
