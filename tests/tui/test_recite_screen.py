"""Reciting from memory and reading the result: score, marked words, key phrases, pace and fixes."""

from __future__ import annotations

from textual.widgets import TextArea
from tui_support import screen_text, static_text, wait_for, wait_for_screen

from trainer.tui.help import HelpScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.recite import ReciteScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.widgets.marked_script import MarkedScript
from trainer.tui.widgets.practice_clock import PracticeClock

SIZE = (100, 34)
WITH_MISTAKES = (
    "Broken widgets stop your line for um hours. Acme widgets warn you before they fale. "
    "Can we run a trial on your best line?"
)


async def open_recite(pilot) -> ReciteScreen:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    await pilot.press("down", "down", "r")
    return await wait_for_screen(pilot, ReciteScreen)  # type: ignore[return-value]


async def submit(pilot, text: str) -> ResultsScreen:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    results = await wait_for_screen(pilot, ResultsScreen)
    await wait_for(pilot, lambda: results.query_one(MarkedScript).ready)  # the script follows the first frame
    return results  # type: ignore[return-value]


async def test_a_recitation_with_mistakes_shows_what_went_wrong(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        results = await submit(pilot, WITH_MISTAKES)
        score = results.result.score  # type: ignore[attr-defined]
        assert 0 < score < 100
        text = screen_text(results)
        assert results.result.tier in text  # type: ignore[attr-defined]
        marked = results.query_one(MarkedScript)
        assert "days" in marked.words_marked("missed")
        assert "worst" in marked.words_marked("substituted")
        assert "worst→best" in text  # what was said, shown beside the script word
        assert "+um" in text  # the filler, where it was said
        fixes = static_text(results, "#fixes")
        assert fixes.startswith("Fix first\n1. ") and "two-week trial" in fixes
        phrases = static_text(results, "#key-phrases")
        assert "✘ two-week trial" in phrases
        assert "too short" in static_text(results, "#summary")


async def test_a_perfect_recitation_earns_the_top_tier(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        results = await submit(pilot, "Broken widgets stop your line for hours. Acme widgets warn you days before "
                                      "they fail. Can we run a two-week trial on your worst line?")
        assert results.result.tier == "Gold"  # type: ignore[attr-defined]
        assert "✔ warn you days before they fail" in static_text(results, "#key-phrases")
        assert results.query_one(MarkedScript).words_marked("missed") == []


async def test_retry_goes_back_to_an_empty_box_and_done_leaves(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        recite = await open_recite(pilot)
        await submit(pilot, WITH_MISTAKES)
        await pilot.press("r")
        await wait_for_screen(pilot, ReciteScreen)
        assert recite.query_one(TextArea).text == ""
        await submit(pilot, WITH_MISTAKES)
        await pilot.press("escape")  # back to the attempt, text kept
        await wait_for_screen(pilot, ReciteScreen)
        assert recite.query_one(TextArea).text == WITH_MISTAKES
        await submit(pilot, WITH_MISTAKES)
        await pilot.click("#leave")
        await wait_for_screen(pilot, HomeScreen)
        assert "last score" in screen_text(app.screen)


async def test_typing_starts_the_clock_and_counts_words(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        recite = await open_recite(pilot)
        clock_widget = recite.query_one(PracticeClock)
        assert clock_widget.started_at is None
        assert "0:00" in str(clock_widget.content)
        await pilot.press(*"Broken widgets")
        assert clock_widget.started_at is not None
        clock.advance(42)
        clock_widget.tick()
        assert "0:42" in str(clock_widget.content) and clock_widget.has_class("-over")
        await wait_for(pilot, lambda: static_text(recite, "#word-count").startswith("2 /"))
        await pilot.press("ctrl+r")
        assert clock_widget.started_at is None and recite.query_one(TextArea).text == ""


async def test_an_empty_attempt_is_not_scored(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReciteScreen)
        assert any("Type the pitch first" in str(n.message) for n in app._notifications)


async def test_a_long_paste_is_scored_in_the_background(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        recite = await open_recite(pilot)
        long_text = " ".join([WITH_MISTAKES] * 400)  # ~10,000 words
        recite.query_one(TextArea).text = long_text
        await pilot.press("ctrl+s")
        results = await wait_for_screen(pilot, ResultsScreen, timeout=30)
        assert results.result.counts.extra > 1000  # type: ignore[attr-defined]


async def test_chinese_recitation_is_marked_by_character(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        from trainer.tui.screens.recite import ReciteScreen as Recite

        app.push_screen(Recite(app.library.pitch("yun-core"), 1, "30s"))
        await wait_for_screen(pilot, Recite)
        results = await submit(pilot, "设备故障会让生产线停工小时。云迹能提前几天预警。")
        assert "数" in results.query_one(MarkedScript).words_marked("missed")


async def test_the_screen_stays_responsive_while_scoring(make_app, monkeypatch) -> None:
    import threading

    import trainer.scoring as scoring

    release = threading.Event()
    real = scoring.score_recitation

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring, "score_recitation", slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        recite = await open_recite(pilot)
        recite.query_one(TextArea).text = WITH_MISTAKES
        await pilot.press("ctrl+s")
        assert recite.scoring
        await wait_for(pilot, lambda: str(recite.query_one("#submit").label) == "Scoring…")  # once it is slow
        assert recite.query_one(TextArea).read_only
        await pilot.press("ctrl+s")  # a second submit while scoring is ignored
        await pilot.press("f1")  # the UI still answers keys
        await wait_for_screen(pilot, HelpScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, ReciteScreen)
        release.set()
        await wait_for_screen(pilot, ResultsScreen)


async def test_a_scorer_failure_is_a_message_not_a_traceback(make_app, monkeypatch) -> None:
    import trainer.scoring as scoring

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("engine on fire")

    monkeypatch.setattr(scoring, "score_recitation", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        recite = await open_recite(pilot)
        recite.query_one(TextArea).text = WITH_MISTAKES
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not recite.scoring)
        assert isinstance(app.screen, ReciteScreen)
        assert any("engine on fire" in str(n.message) for n in app._notifications)


async def test_leaving_while_scoring_stays_where_the_rep_went(make_app, monkeypatch) -> None:
    import threading

    import trainer.scoring as scoring

    release = threading.Event()
    real = scoring.score_recitation

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring, "score_recitation", slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        recite = await open_recite(pilot)
        recite.query_one(TextArea).text = WITH_MISTAKES
        await pilot.press("ctrl+s", "escape")
        await wait_for_screen(pilot, HomeScreen)
        release.set()
        await pilot.pause(0.3)
        assert isinstance(app.screen, HomeScreen)
        await wait_for(pilot, lambda: app.practice_log.attempts())
        assert any(str(n.message).startswith("Scored") for n in app._notifications)


async def test_the_header_and_the_result_count_the_same_words(make_app) -> None:
    """ "two-week" and "$10,000" are counted the way the scorer counts them, before and after submitting."""
    from conftest import V2_30S_TEXT

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        recite = await open_recite(pilot)
        header_total = static_text(recite, "#word-count").split("/")[1].split()[0]
        recite.query_one(TextArea).text = V2_30S_TEXT
        await wait_for(pilot, lambda: not static_text(recite, "#word-count").startswith("0 /"))
        said = static_text(recite, "#word-count").split("/")[0].strip()
        results = await submit(pilot, V2_30S_TEXT)
        counts = results.result.counts  # type: ignore[attr-defined]
        assert f"of {counts.reference_words} words" in static_text(results, "#summary")
        assert header_total == said == str(counts.reference_words)


async def test_the_result_says_why_a_score_is_held_below_gold_above_the_fixes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        results = await submit(
            pilot,
            "Broken widgets stop your line for hours. Acme widgets warn you days before they fail. "
            "Can we run a two-week trial on your best line?",
        )
        assert results.result.tier == "Silver" and results.result.score == 89.0  # type: ignore[attr-defined]
        held = static_text(results, "#held-back")
        assert held == 'Held below Gold\n• You said "best" instead of "worst".'
        assert 'instead of "worst"' not in static_text(results, "#fixes")  # said once, above the fixes
        text = screen_text(results)
        assert text.index("Held below Gold") < text.index("Key phrases")


async def test_a_clean_recitation_shows_no_held_back_panel(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_recite(pilot)
        results = await submit(pilot, "Broken widgets stop your line for hours. Acme widgets warn you days before "
                                      "they fail. Can we run a two-week trial on your worst line?")
        assert not results.query("#held-back")
        assert static_text(results, "#fixes").startswith("Fix first\n")
