"""Team practice on one screen, and the manager's view of the team — with a real practice database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input, Select, TextArea
from tui_support import FrozenClock, screen_text, static_text, wait_for, wait_for_screen

from trainer.library import Library
from trainer.practice.scenario import Turn
from trainer.store import NewAttempt, PracticeStore
from trainer.team.pool import build_pool
from trainer.team.report import to_markdown
from trainer.team.session import SessionConfig, TeamSession
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.manager import ManagerScreen, RepAttemptsScreen
from trainer.tui.screens.team_session import TeamSessionScreen
from trainer.tui.screens.team_setup import TeamSetupScreen
from trainer.tui.widgets.countdown import Countdown
from trainer.tui.widgets.scoreboard import Scoreboard

SIZE = (100, 30)
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
ROSTER = ("ann", "bob", "cy")


def answer_for(turn: Turn, quality: str) -> str:
    """A good answer (the script, the approved answer, a model question), a partial one, or a poor one."""
    if turn.kind == "pitch":
        assert turn.cut is not None
        return {"good": turn.cut.text, "partial": turn.cut.sections[0].text}.get(quality, "Widgets are nice.")
    if turn.kind == "objection":
        assert turn.objection is not None
        item = turn.objection
        return {"good": item.answer, "partial": item.point_names[0]}.get(quality, "I don't know.")
    assert turn.drill is not None
    return turn.drill.examples[0] if quality != "poor" else "What do you think about it?"


QUALITY = {"ann": "good", "bob": "poor", "cy": "partial"}


@pytest.fixture
def store(tmp_path: Path) -> PracticeStore:
    return PracticeStore(tmp_path / "p.db")


@pytest.fixture
def team_app(make_app, store: PracticeStore):  # type: ignore[no-untyped-def]
    def make(**kwargs: object):  # type: ignore[no-untyped-def]
        options: dict[str, object] = {"store": store, "rep": "ann", "now": lambda: NOW}
        options.update(kwargs)
        return make_app(**options)

    return make


def new_session(library: Library, store: PracticeStore | None, *, roster: tuple[str, ...] = ("ann", "bob"),
                rounds: int = 1, seconds: int = 60, kinds: tuple[str, ...] = ("objection",)) -> TeamSession:
    config = SessionConfig(name="Drill", roster=roster, product="acme", kinds=kinds, rounds=rounds,
                           seconds_per_turn=seconds, seed=3)
    return TeamSession(config, build_pool(library, "acme", kinds), store=store, started_at=NOW)


async def open_session(pilot, session: TeamSession) -> TeamSessionScreen:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    pilot.app.push_screen(TeamSessionScreen(session))
    return await wait_for_screen(pilot, TeamSessionScreen)  # type: ignore[return-value]


async def answer(pilot, screen: TeamSessionScreen, text: str) -> None:  # type: ignore[no-untyped-def]
    turn = screen.turn
    assert turn is not None
    screen.query_one("#ts-answer", TextArea).text = text
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: turn.done and screen.has_class("-answered"))


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


# --- a whole session ------------------------------------------------------------------------------------


async def test_a_facilitated_session_from_setup_to_report(team_app, store: PracticeStore, clock: FrozenClock,
                                                          library_root: Path) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("s")
        setup = await wait_for_screen(pilot, TeamSetupScreen)
        assert setup.query_one("#session-name", Input).value == f"Team practice {NOW.astimezone().date()}"
        await pilot.press(*"ann, bob, cy")  # the roster box has focus
        setup.query_one("#product", Select).focus()
        await pilot.press("enter", "down", "enter")  # All products → Acme widgets
        await pilot.click("#kind-scenario")  # no scenario steps this time
        assert setup.query_one("#product", Select).value == "acme"
        assert not setup.query_one("#kind-scenario", Checkbox).value
        setup.query_one("#seconds", Input).value = "60"
        setup.query_one("#seed", Input).value = "7"
        await pilot.click("#start")

        screen: TeamSessionScreen = await wait_for_screen(pilot, TeamSessionScreen)  # type: ignore[assignment]
        session = screen.session
        assert session.config.roster == ROSTER and session.config.rounds == 2
        assert session.config.kinds == ("pitch", "objection", "drill") and session.config.seed == 7
        board = screen.query_one("#scoreboard", Scoreboard)
        for number in range(1, 7):
            turn = screen.turn
            assert turn is not None and turn.number == number
            rep = ROSTER[(number - 1) % 3]
            assert turn.rep == rep and static_text(screen, "#ts-rep") == rep.upper()
            assert f"Round {turn.round} of 2" in static_text(screen, "#ts-round")
            assert board.current == rep  # the rep on turn is marked on the scoreboard
            assert "1:00 left" in str(screen.query_one(Countdown).content)
            if turn.item.kind == "pitch":  # the rep recites from memory: the words are not on screen
                assert turn.item.cut is not None and turn.item.cut.sections[0].text not in screen_text(screen)
            clock.advance(10)
            await answer(pilot, screen, answer_for(turn.item, QUALITY[rep]))
            shown = static_text(screen, "#ts-result")
            assert shown.startswith(f"{rep}  {turn.score:.0f}")
            assert ("Passed" in shown) == turn.result.passed  # type: ignore[union-attr]
            assert board.ranks() == [(s.rank, s.rep) for s in session.scoreboard()]
            await pilot.press("n" if number % 2 else "enter")  # focus is on Next: both move on

        assert screen.has_class("-finished")
        ranking = screen.query_one("#final-ranking", Scoreboard).ranks()
        assert ranking == [(1, "ann"), (2, "cy"), (3, "bob")]
        assert "Top of the board: ann" in static_text(screen, "#sum-head")
        await pilot.press("m")
        report = library_root / f"session-{session.id}.md"
        await wait_for(pilot, report.exists)
        text = report.read_text(encoding="utf-8")
        assert text == to_markdown(session.to_record())
        assert "| 1 | ann |" in text and "| 3 | bob |" in text
        for turn in session.turns:
            assert f"| {turn.number} | {turn.round} | {turn.rep} | {turn.item.ref.kind}: " in text
        assert any(str(report) in n for n in notes(app))

        elsewhere = library_root / "reports"  # the facilitator picks another folder: the report goes there
        screen.query_one("#sum-folder", Input).value = str(elsewhere)
        await pilot.click("#save-html")
        await pilot.pause()
        assert not (elsewhere / f"session-{session.id}.html").exists()  # no such folder: nothing written
        assert any("There is no folder" in n for n in notes(app))
        elsewhere.mkdir()
        await pilot.click("#save-html")
        await wait_for(pilot, (elsewhere / f"session-{session.id}.html").exists)
        assert not (library_root / f"session-{session.id}.html").exists()

        stored = store.attempts(session_id=session.id)
        assert len(stored) == 6 and {a.source for a in stored} == {"team"}
        assert [a.rep for a in stored] == list(ROSTER) * 2
        assert {a.duration_seconds for a in stored} == {10.0}
        await pilot.press("d")  # Done: home, past the setup form
        await wait_for_screen(pilot, HomeScreen)


# --- the countdown, pause, skip, undo ------------------------------------------------------------------


async def test_pause_stops_the_countdown_and_time_up_still_allows_an_answer(
    team_app, library: Library, store: PracticeStore, clock: FrozenClock
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, seconds=60))
        countdown = screen.query_one(Countdown)
        clock.advance(15)
        countdown.tick()
        assert "0:45 left" in str(countdown.content)
        await pilot.press("ctrl+t")  # works while the answer box has focus
        assert screen.session.paused and screen.has_class("-paused")
        assert screen.query_one("#ts-answer", TextArea).read_only
        clock.advance(30)
        countdown.tick()
        assert "0:45" in str(countdown.content) and "paused" in str(countdown.content)
        await pilot.press("ctrl+s")  # no answering while paused
        assert not screen.turn.done  # type: ignore[union-attr]
        await pilot.press("space")  # focus is on the Resume button, so space (or p) reaches the screen
        assert not screen.session.paused and not screen.has_class("-paused")
        assert screen.focused is screen.query_one("#ts-answer")  # back to typing
        await pilot.click("#pause")  # and with the mouse
        assert screen.session.paused
        await wait_for(pilot, lambda: not screen.query_one("#pause").has_class("-active"))  # a double click is one
        await pilot.click("#pause")
        assert not screen.session.paused
        clock.advance(50)
        countdown.tick()
        assert "time's up" in str(countdown.content)
        await wait_for(pilot, lambda: any("Time's up for ann" in n for n in notes(app)))
        await answer(pilot, screen, screen.turn.item.objection.answer)  # type: ignore[union-attr]
        assert screen.turn.elapsed_seconds == 65  # type: ignore[union-attr]  # the paused half minute is not counted


async def test_skip_moves_on_and_undo_takes_back_the_stored_turn(
    team_app, library: Library, store: PracticeStore
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        session = new_session(library, store, roster=("ann", "bob"), rounds=2)
        screen = await open_session(pilot, session)
        first = screen.turn
        assert first is not None and first.rep == "ann"
        await answer(pilot, screen, first.item.objection.answer)  # type: ignore[union-attr]
        assert len(store.attempts("ann")) == 1
        await pilot.press("n")
        assert screen.turn.rep == "bob"  # type: ignore[union-attr]
        await pilot.press("ctrl+l")  # skip, from the answer box
        assert session.turns[1].skipped and screen.turn.rep == "ann"  # type: ignore[union-attr]
        assert {s.rep: s.turns for s in screen.query_one("#scoreboard", Scoreboard).standings}["bob"] == 1
        assert store.attempts("bob") == []  # a pass is not an attempt
        await pilot.press("tab", "u")  # take back bob's pass
        assert screen.turn is session.turns[1] and screen.turn.rep == "bob" and not screen.turn.done
        assert any("Took back bob's turn" in n for n in notes(app))
        await pilot.press("tab", "u")  # and ann's answer: its stored attempt goes too
        assert screen.turn is first and not first.done
        assert store.attempts("ann") == []
        assert any("Took back ann's turn" in n for n in notes(app))
        assert static_text(screen, "#ts-rep") == "ANN"
        assert screen.query_one("#undo").disabled  # nothing left to take back
        await pilot.press("tab", "u")
        assert screen.turn is first and len(session.turns) == 1


async def test_escape_needs_a_second_press_mid_session_and_a_scorer_failure_is_a_message(
    team_app, library: Library, store: PracticeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        session = new_session(library, store)
        screen = await open_session(pilot, session)
        await answer(pilot, screen, session.turns[0].item.objection.answer)  # type: ignore[union-attr]
        await pilot.press("n")

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("engine on fire")

        monkeypatch.setattr(session, "score", broken)
        screen.query_one("#ts-answer", TextArea).text = "Anything."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.scoring)
        assert any("engine on fire" in n for n in notes(app)) and not screen.turn.done  # type: ignore[union-attr]
        assert not screen.query_one("#ts-answer", TextArea).read_only  # they can try again
        await pilot.press("escape")
        assert app.screen is screen and any("Press escape again" in n for n in notes(app))
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        assert len(store.attempts(session_id=session.id)) == 1  # what was answered is kept


# --- setup --------------------------------------------------------------------------------------------


async def test_setup_explains_what_is_missing_and_offers_known_reps(team_app, store: PracticeStore) -> None:
    store.add_rep("ann")
    store.add_rep("bob")
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.push_screen(TeamSetupScreen())
        setup = await wait_for_screen(pilot, TeamSetupScreen)
        await pilot.press("ctrl+s")
        assert "at least one rep" in static_text(setup, "#setup-error")
        roster = setup.query_one("#roster", Input)
        await pilot.click("#known-1")  # bob, from the store
        assert roster.value == "bob"
        roster.focus()
        await pilot.press("end", *", a")
        await wait_for(pilot, lambda: roster._suggestion == "bob, ann")
        await pilot.press("right")  # accept the suggestion
        assert roster.value == "bob, ann" and setup.query_one("#known-0", Checkbox).value
        for kind in ("pitch", "objection", "drill", "scenario"):
            setup.query_one(f"#kind-{kind}", Checkbox).value = False
        await pilot.press("ctrl+s")
        assert "Pick at least one kind" in static_text(setup, "#setup-error")
        setup.query_one("#kind-objection", Checkbox).value = True
        setup.query_one("#product", Select).value = "yun"  # a product with a pitch only
        await pilot.press("ctrl+s")
        assert "Nothing to deal" in static_text(setup, "#setup-error")
        setup.query_one("#product", Select).value = "acme"
        setup.query_one("#rounds", Input).value = "0"
        await pilot.press("ctrl+s")
        assert "at least one round" in static_text(setup, "#setup-error")
        roster.value = "ann, ann"
        setup.query_one("#rounds", Input).value = "1"
        await pilot.press("ctrl+s")
        assert "only once" in static_text(setup, "#setup-error")
        assert isinstance(app.screen, TeamSetupScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


# --- the manager's view ---------------------------------------------------------------------------------


def seed_attempts(store: PracticeStore) -> None:
    def add(rep: str, kind: str, item: str, score: float, days_ago: float, *, product: str = "acme",
            cut: str | None = None, **extra: object) -> None:
        store.record(NewAttempt(rep=rep, kind=kind, item_id=item, product=product, cut=cut, score=score,  # type: ignore[arg-type]
                                tier="Gold" if score >= 90 else "Bronze", attempt_text="…",
                                started_at=NOW - dt.timedelta(days=days_ago), **extra))  # type: ignore[arg-type]

    add("ann", "pitch", "acme-core", 92, 0.1, cut="30s", version=2)
    add("ann", "objection", "too-expensive", 55, 12)
    add("bob", "objection", "too-expensive", 80, 0.05,
        breakdown={"key_points": [{"point": "total cost of ownership", "covered": False}]})
    add("bob", "drill", "who-signs", 40, 3)
    add("bob", "pitch", "yun-core", 70, 1, product="yun", cut="30s", version=1)


async def test_the_manager_sees_best_scores_statuses_and_a_reps_attempts(team_app, store: PracticeStore) -> None:
    seed_attempts(store)
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("v")
        screen = await wait_for_screen(pilot, ManagerScreen)
        grid = screen.query_one("#team-table", DataTable)

        def cell(item_key: str, rep: str) -> str:
            return str(grid.get_cell(item_key, f"rep:{rep}"))

        assert cell("pitch:acme:acme-core:30s", "ann") == "92 ✓"
        assert cell("objection:acme:too-expensive", "ann") == "55 overdue"
        assert cell("objection:acme:too-expensive", "bob") == "80 ✓"
        assert cell("drill:acme:who-signs", "bob") == "40 overdue"
        assert cell("drill:acme:who-signs", "ann") == "—"
        assert grid.row_count == 8
        assert "ann 12%" in static_text(screen, "#mgr-ready")
        weakest = static_text(screen, "#mgr-weakest")  # titles and products, not ids
        assert "Find out who signs off on maintenance p… · Acme widgets (40, 1 rep)" in weakest
        assert "云迹核心话术 — 30s · 云迹 (70, 1 rep)" in weakest
        assert "total cost of ownership (1×)" in static_text(screen, "#mgr-missed")

        screen.query_one("#mgr-product", Select).value = "yun"
        await pilot.pause()
        assert grid.row_count == 1 and cell("pitch:yun:yun-core:30s", "bob") == "70 due"
        screen.query_one("#mgr-product", Select).value = Select.NULL
        await pilot.pause()
        assert grid.row_count == 8

        grid.focus()
        grid.cursor_coordinate = grid.cursor_coordinate._replace(row=2, column=4)  # bob, too-expensive
        await pilot.press("enter")
        attempts = await wait_for_screen(pilot, RepAttemptsScreen)
        assert attempts.rep == "bob"  # type: ignore[attr-defined]
        rows = attempts.query_one(DataTable)
        assert rows.row_count == 3
        first = [str(value) for value in rows.get_row_at(0)]
        assert first[1:] == ["Your widgets cost twice what we pay now. · Acme widgets", "—", "80", "Bronze", "app"]
        assert "bob  ·  3 attempts  ·  best 80" in static_text(attempts, "#rep-summary")
        await pilot.press("escape")
        await wait_for_screen(pilot, ManagerScreen)
        await pilot.press("a")  # the rep under the cursor, by key
        attempts = await wait_for_screen(pilot, RepAttemptsScreen)
        assert attempts.rep == "bob"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_for_screen(pilot, ManagerScreen)
        ann_at = sum(column.get_render_width(grid) for column in list(grid.columns.values())[:3])
        await pilot.click(grid, offset=(ann_at + 2, 0))  # a click on a rep's name
        attempts = await wait_for_screen(pilot, RepAttemptsScreen)
        assert attempts.rep == "ann"  # type: ignore[attr-defined]
        assert attempts.query_one(DataTable).row_count == 2


async def test_the_manager_view_says_how_to_get_data_when_there_is_none(team_app, make_app) -> None:
    for app, expected in ((team_app(), "Nobody has practised yet."), (make_app(), "No practice history is open.")):
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, HomeScreen)
            app.push_screen(ManagerScreen())
            screen = await wait_for_screen(pilot, ManagerScreen)
            assert screen.has_class("-empty")
            assert static_text(screen, "#mgr-empty").startswith(expected)
            assert not screen.query_one("#team-table").display


def test_a_dealt_turn_says_what_to_do_but_never_shows_the_pitch_words(library: Library) -> None:
    from trainer.tui.widgets.team_turn import item_content

    pool = build_pool(library, "acme", ("pitch", "scenario"))
    plain, scenario_pitch = (item_content(turn, library).plain for turn in pool[:2])
    assert "Recite the 30s pitch: Acme core pitch" in plain and "scenario" not in plain
    assert "scenario: Cold call to a plant manager" in scenario_pitch
    assert "Customer: “Hello, Bob speaking.”" in scenario_pitch
    for text in (plain, scenario_pitch):
        assert "warn you days before they fail" not in text
    drill = item_content(pool[-1], library).plain
    assert "Goal: Find out who signs off" in drill and "Coach: Find out who signs before" in drill


async def test_an_answer_after_time_is_up_says_late(team_app, library: Library, store: PracticeStore,
                                                    clock: FrozenClock) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, seconds=60))
        countdown = screen.query_one(Countdown)
        clock.advance(61)
        countdown.tick()
        await answer(pilot, screen, screen.turn.item.objection.answer)  # type: ignore[union-attr]
        assert screen.turn.late  # type: ignore[union-attr]
        assert "late" in static_text(screen, "#ts-result")


async def test_the_board_counts_answered_and_skipped_turns_apart(
    team_app, library: Library, store: PracticeStore
) -> None:
    app = team_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, new_session(library, store, roster=("ann", "bob"), rounds=2))
        await answer(pilot, screen, screen.turn.item.objection.answer)  # type: ignore[union-attr]  # ann
        await pilot.press("ctrl+n", "ctrl+l")  # bob passes
        await wait_for(pilot, lambda: screen.turn is not None and screen.turn.rep == "ann")
        await pilot.press("ctrl+l")  # ann passes in round 2
        await wait_for(pilot, lambda: screen.turn is not None and screen.turn.rep == "bob")
        board = screen.query_one("#scoreboard", Scoreboard)
        labels = [str(column.label) for column in board.columns.values()]
        row = dict(zip(labels, (str(cell) for cell in board.get_row("ann")), strict=True))
        assert (row["Ans"], row["Skip"]) == ("1", "1")
        assert row["Avg"] == row["Total"]  # Avg = Total / answered turns, as the board shows them


async def test_an_unticked_box_in_setup_looks_empty(team_app, store: PracticeStore) -> None:
    store.add_rep("bob")
    app = team_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("s")
        setup = await wait_for_screen(pilot, TeamSetupScreen)
        for box in setup.query(Checkbox):
            drawn = box.render().plain  # type: ignore[union-attr]
            assert ("X" in drawn) == box.value, (box.id, box.value, drawn)
        unticked = setup.query_one("#known-0", Checkbox)
        assert not unticked.value
        unticked.value = True
        await pilot.pause()
        assert "X" in unticked.render().plain  # type: ignore[union-attr]
