"""The mistake map on the study screen and "now fixed" on the results screen, from real scored attempts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea
from textual.widgets._footer import FooterKey
from tui_support import static_text, wait_for, wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.practice.log import Attempt, SessionLog
from trainer.practice.scenario import cut_reference
from trainer.scoring import score_recitation
from trainer.store.breakdown import compact_breakdown
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.study import StudyScreen
from trainer.tui.widgets.heat_map import HOT, WARM
from trainer.tui.widgets.marked_script import MarkedScript
from trainer.tui.widgets.script_view import ScriptView

NOW = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)
REF = ItemRef("pitch", "acme", "acme-core", "30s")
RIGHT = "Broken widgets stop your line for hours. Acme widgets warn you days before they fail. " \
    "Can we run a two-week trial on your worst line?"
SMALL = (80, 24)


def practised(app: Any, *attempts: tuple[float, str]) -> None:
    """Record real scores of ``(days ago, attempt)`` at the v2 30s cut, stored compactly as the store keeps them."""
    cut = app.library.pitch("acme-core").version(2).cuts.get("30s")
    for days_ago, text in attempts:
        result = score_recitation(cut_reference(cut), text)
        app.practice_log.record(Attempt(REF, NOW - dt.timedelta(days=days_ago), score=result.score, version=2,
                                        text=text, detail=compact_breakdown(result.to_dict())))


def shaded(screen: StudyScreen) -> dict[str, str]:
    """word → heat style of every shaded word in the script."""
    found: dict[str, str] = {}
    for static in screen.query_one(ScriptView).query(".section-text"):
        content = static.content  # type: ignore[attr-defined]
        for span in content.spans:
            if str(span.style) in (HOT, WARM) or "$text-warning" in str(span.style):
                found[content.plain[span.start : span.end]] = str(span.style)
    return found


def make(make_app: Any) -> Any:
    return make_app(now=lambda: NOW, log=SessionLog(now=lambda: NOW))


async def open_study(pilot: Pilot) -> StudyScreen:
    await wait_for_screen(pilot, HomeScreen)
    pilot.app.open_item(REF, "study")  # type: ignore[attr-defined]
    return await wait_for_screen(pilot, StudyScreen)  # type: ignore[return-value]


async def test_h_shades_the_words_the_rep_keeps_getting_wrong_and_hides_them_again(make_app) -> None:
    app = make(make_app)
    practised(app, (7, RIGHT.replace(" worst", "").replace("Broken ", "")), (1, RIGHT.replace(" worst", "")))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_study(pilot)
        assert shaded(screen) == {}
        await pilot.press("h")
        heat = shaded(screen)
        assert heat["worst"] == HOT  # missed twice, the last time yesterday
        assert "Broken" in heat and heat["Broken"] != HOT  # missed a week ago, right since
        assert "widgets" not in heat
        legend = static_text(screen, "#study-mistakes")
        assert "These words tripped you up" in legend and "“worst”" in legend
        await pilot.press("h")
        assert shaded(screen) == {} and not screen.query_one("#study-mistakes").display


async def test_the_mistake_map_is_a_click_away_in_the_footer(make_app) -> None:
    app = make(make_app)
    practised(app, (0, RIGHT.replace(" worst", "")))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_study(pilot)
        key = next(k for k in screen.query(FooterKey) if k.key == "h")
        await pilot.click(key)
        await pilot.pause()
        assert screen.show_mistakes and "worst" in shaded(screen)


async def test_with_no_attempts_the_map_says_there_is_nothing_yet(make_app) -> None:
    async with make(make_app).run_test(size=SMALL) as pilot:
        screen = await open_study(pilot)
        await pilot.press("h")
        assert "no recitation of this cut yet" in static_text(screen, "#study-mistakes")


async def test_results_list_the_old_mistakes_this_attempt_got_right(make_app) -> None:
    app = make(make_app)
    practised(app, (2, RIGHT.replace(" worst", "")), (1, RIGHT.replace(" worst", "")))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_item(REF, "recite")
        await pilot.pause()
        app.screen.query_one(TextArea).text = RIGHT
        await pilot.press("ctrl+s")
        results = await wait_for_screen(pilot, ResultsScreen)
        await wait_for(pilot, lambda: results.query_one(MarkedScript).ready)
        assert "Now fixed" in static_text(results, "#now-fixed") and "“worst”" in static_text(results, "#now-fixed")


async def test_results_say_nothing_about_fixes_on_a_first_attempt(make_app) -> None:
    app = make(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_item(REF, "recite")
        await pilot.pause()
        app.screen.query_one(TextArea).text = RIGHT
        await pilot.press("ctrl+s")
        results = await wait_for_screen(pilot, ResultsScreen)
        await wait_for(pilot, lambda: results.query_one(MarkedScript).ready)
        assert not results.query("#now-fixed")


class TestSnapshots:
    def test_heat_map_small(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make(make_app)
        practised(app, (9, RIGHT.replace("Broken ", "").replace("hours", "days")),
                  (2, RIGHT.replace(" worst", "").replace("two-week", "free")), (0, RIGHT.replace(" worst", "")))

        async def run_before(pilot: Pilot) -> None:
            await open_study(pilot)
            await pilot.press("h")
            await pilot.pause()

        assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


async def test_the_study_footer_with_the_mistakes_key_fits_at_80_columns(make_app) -> None:
    from test_narrow_footers import overflowing

    async with make(make_app).run_test(size=SMALL) as pilot:
        screen = await open_study(pilot)
        await pilot.pause(0.2)
        assert overflowing(screen) == []
