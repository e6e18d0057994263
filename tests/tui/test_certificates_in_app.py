"""Certificates in the app: the team view says who is certified on what, a rep's view says why or why not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui_support import static_text, wait_for_screen

from trainer.library import Library
from trainer.store import NewAttempt, PracticeStore
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.manager import ManagerScreen, RepAttemptsScreen

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
SIZE = (110, 36)


def gold_twice(store: PracticeStore, library: Library, rep: str) -> None:
    current = library.pitch("acme-core").current
    assert current is not None
    for days_ago in (3, 1):
        for cut in current.cuts.names():
            store.record(NewAttempt(
                rep=rep, kind="pitch", item_id="acme-core", product="acme", cut=cut, version=current.version,
                score=94, tier="Gold", attempt_text="...", started_at=NOW - dt.timedelta(days=days_ago),
            ))


async def test_the_team_view_names_certificates_and_a_reps_view_says_why(
    tmp_path: Path, make_app, library: Library  # type: ignore[no-untyped-def]
) -> None:
    store = PracticeStore(tmp_path / "p.sqlite3")
    gold_twice(store, library, "ann")
    store.record(NewAttempt(rep="bob", kind="pitch", item_id="acme-core", product="acme", cut="30s", version=2,
                            score=95, tier="Gold", attempt_text="...", started_at=NOW - dt.timedelta(days=1)))
    app = make_app(store=store, log=None, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("v")
        screen = await wait_for_screen(pilot, ManagerScreen)
        line = static_text(screen, "#mgr-certified")
        assert "ann Acme core pitch v2" in line and "bob" not in line
        screen.open_rep("bob")  # type: ignore[attr-defined]
        bob = await wait_for_screen(pilot, RepAttemptsScreen)
        why = static_text(bob, "#rep-certificates")
        assert "not certified" in why and "30s: 1 of 2 Gold on 2 days (1 day)" in why
        await pilot.press("escape")
        await wait_for_screen(pilot, ManagerScreen)
        screen.open_rep("ann")  # type: ignore[attr-defined]
        ann = await wait_for_screen(pilot, RepAttemptsScreen)
        assert "certified on v2 since 2026-11-22, valid until 2027-11-22" in static_text(ann, "#rep-certificates")
    store.close()
