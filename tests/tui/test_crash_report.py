"""An error nobody handled ends the app with one line naming a log file, and a non-zero exit status."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from trainer.tui.app import TrainerApp


class BrokenScreen(Screen[None]):
    """A fault injected from outside the app: a screen whose mounting fails."""

    def on_mount(self) -> None:
        raise ZeroDivisionError("the injected fault")


def test_an_unexpected_error_is_logged_and_exits_non_zero(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    logs = tmp_path / "logs"
    monkeypatch.setenv("TRAINER_LOG_DIR", str(logs))
    app: TrainerApp = make_app()

    async def break_it(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.app.push_screen(BrokenScreen())

    app.run(headless=True, size=(80, 24), auto_pilot=break_it)

    assert app.return_code == 1
    [log] = list(logs.glob("crash-*.log"))
    details = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError: the injected fault" in details and "Traceback" in details
    err = capsys.readouterr().err
    assert str(log) in err.replace("\n", "")
    assert "unexpected error (ZeroDivisionError)" in err
    assert "Traceback" not in err and "the injected fault" not in err  # details in the log, not on screen
