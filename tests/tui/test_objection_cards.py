"""Objection cards: answer, see the key points and the approved answer, rate yourself, filter and shuffle."""

from __future__ import annotations

from textual.widgets import Checkbox, Select, TextArea
from tui_support import screen_text, static_text, wait_for, wait_for_screen

from trainer.library.item_ref import ItemRef
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.objections import ObjectionsScreen

SIZE = (100, 34)


async def open_cards(pilot) -> ObjectionsScreen:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    await pilot.press("o")
    return await wait_for_screen(pilot, ObjectionsScreen)  # type: ignore[return-value]


async def answer(pilot, screen: ObjectionsScreen, text: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#answer", TextArea).text = text
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: screen.answered is not None)
    await pilot.pause()


async def test_an_answer_is_scored_on_key_points_with_the_approved_answer_beside_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cards(pilot)
        assert "Your widgets cost twice what we pay now." in static_text(screen, "#card-objection")
        await answer(pilot, screen, "Downtime for one hour costs more than the widget itself.")
        points = static_text(screen, "#card-points")
        assert "✔ one hour of downtime costs more than a widget" in points
        assert "Downtime for one hour costs more than the widget" in points  # the matching excerpt
        assert "✘ total cost of ownership" in points
        assert "Not yet" in static_text(screen, "#card-score")
        assert static_text(screen, "#card-yours") == "Downtime for one hour costs more than the widget itself."
        assert "total cost of ownership is lower" in static_text(screen, "#card-approved")
        assert "How many hours of downtime" in static_text(screen, "#card-follow-up")
        assert not screen.query_one("#answer").display or not screen.query_one("#card-answering").display


async def test_rating_with_a_key_logs_it_and_moves_to_the_next_card(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cards(pilot)
        await answer(pilot, screen, "One hour of downtime costs more than a widget; total cost of ownership is lower.")
        assert "Passed" in static_text(screen, "#card-score")
        await pilot.press("3")
        await pilot.pause()
        assert "We already have a supplier." in static_text(screen, "#card-objection")
        ratings = [a.rating for a in app.practice_log.attempts() if a.rating]
        assert ratings == ["good"]


async def test_rating_buttons_can_be_clicked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cards(pilot)
        await answer(pilot, screen, "We do the installation.")
        await pilot.click("#rate-again")
        await pilot.pause()
        assert [a.rating for a in app.practice_log.attempts() if a.rating] == ["again"]


async def test_keys_1_to_4_type_digits_while_answering(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cards(pilot)
        await pilot.press("1", "2")
        assert screen.query_one("#answer", TextArea).text == "12"
        assert not [a for a in app.practice_log.attempts() if a.rating]


async def test_filter_by_category_and_move_between_cards(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cards(pilot)
        assert static_text(screen, "#card-position") == "1 / 3"
        screen.query_one("#category-filter", Select).value = "timing"
        await pilot.pause()
        assert static_text(screen, "#card-position") == "1 / 1"
        assert "We have no time for this right now." in static_text(screen, "#card-objection")
        screen.query_one("#category-filter", Select).clear()
        await pilot.pause()
        assert static_text(screen, "#card-position") == "3 / 3"  # widening the filter keeps the rep's card
        await pilot.press("ctrl+n")
        assert static_text(screen, "#card-position") == "1 / 3"  # wraps round
        await pilot.press("ctrl+b", "ctrl+b")
        assert static_text(screen, "#card-position") == "2 / 3"


async def test_shuffle_keeps_every_card(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_cards(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.query_one("#shuffle", Checkbox).value
        seen = set()
        for _ in range(3):
            seen.add(static_text(screen, "#card-objection"))
            await pilot.press("ctrl+n")
        assert len(seen) == 3


async def test_opening_one_objection_starts_the_deck_on_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.open_item(ItemRef("objection", "acme", "no-time"))
        screen = await wait_for_screen(pilot, ObjectionsScreen)
        assert "We have no time" in screen_text(screen)


async def test_at_80x24_the_feedback_scrolls_by_keyboard_to_the_approved_answer(make_app) -> None:
    """Focus sits on the rating buttons after checking; the arrow and page keys still scroll the feedback."""
    from textual.containers import VerticalScroll

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cards(pilot)
        await answer(pilot, screen, " ".join(["Downtime for one hour costs more than the widget itself."] * 6))
        feedback = screen.query_one("#card-feedback", VerticalScroll)
        assert feedback.max_scroll_y > 0, "the feedback fits: nothing to test at this size"
        await pilot.press("down", "down")
        await pilot.pause(0.3)
        assert feedback.scroll_y > 0
        await pilot.press("end")
        await pilot.pause(0.3)
        approved = screen.query_one("#card-approved")
        assert feedback.region.contains_region(approved.region.intersection(feedback.region)) and \
            approved.region.bottom <= feedback.region.bottom
        assert feedback.can_focus  # tab reaches it too


async def test_the_results_show_the_words_that_covered_or_contradicted_each_point_at_80_by_24(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cards(pilot)
        await answer(pilot, screen, "An hour of downtime costs less than a widget. Think of the lifetime cost of it.")
        points = static_text(screen, "#card-points")
        assert "✘ one hour of downtime costs more than a widget  contradicted" in points
        assert "you said “less than a widget”  approved: “more than a widget”" in points
        assert "✔ total cost of ownership" in points
        assert "✔ total cost of ownership\n   “lifetime cost”" in points  # said as the alternative: shown once
        assert "via" not in points
        score = static_text(screen, "#card-score")
        assert "Not yet" in score
        assert 'You said "less than a widget" — the approved answer says "more than a widget".' in score
        # the points sit beside the approved answer: scrolling reaches it on a small terminal
        await pilot.press("end")
        await pilot.pause()
        assert screen.query_one("#card-approved").region.height > 0
        assert "total cost of ownership is lower" in static_text(screen, "#card-approved")
