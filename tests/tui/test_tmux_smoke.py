"""A real terminal: start ``trainer`` in tmux, open a pitch, quit, and check what the pane showed.

Skipped when tmux is not installed. Uses a private tmux server (``-L``) so it never touches the developer's
sessions, and always kills that server.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    def __init__(self) -> None:
        self.socket = f"trainer-test-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10, check=False
        )

    def capture(self) -> str:
        return self.run("capture-pane", "-p", "-t", "smoke").stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Poll the pane until ``text`` shows, within ``timeout`` seconds; fail with what was on screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the pane showed:\n{screen}")

    def kill(self) -> None:
        self.run("kill-server")


def test_trainer_opens_a_pitch_in_a_real_terminal(library_root: Path, tmp_path: Path) -> None:
    tmux = Tmux()
    command = " ".join([
        "env", "-u", "COLUMNS", "-u", "LINES",  # set by the test runner; Textual would obey them over tmux
        f"TRAINER_CONFIG_DIR={shlex.quote(str(tmp_path / 'config'))}",
        f"TRAINER_DB={shlex.quote(str(tmp_path / 'practice.sqlite3'))}",  # never the developer's own history
        shlex.quote(sys.executable), "-m", "trainer", "--library", shlex.quote(str(library_root)),
    ])
    try:
        started = tmux.run("new-session", "-d", "-s", "smoke", "-x", "100", "-y", "30", command)
        assert started.returncode == 0, started.stderr
        tmux.run("set-option", "-t", "smoke", "remain-on-exit", "on")
        home = tmux.wait_for("Acme core pitch")
        assert "Library" in home and "30s cut" in home
        tmux.run("send-keys", "-t", "smoke", "Down", "Down")
        tmux.wait_for("Acme core pitch — 30s")  # the details panel follows the cursor
        tmux.run("send-keys", "-t", "smoke", "Enter")
        study = tmux.wait_for("warn you days before they fail")
        assert "Hook" in study and "v2 published" in study
        tmux.run("send-keys", "-t", "smoke", "C-q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            dead = tmux.run("display-message", "-p", "-t", "smoke", "#{pane_dead}").stdout.strip()
            if dead == "1":
                break
            time.sleep(0.2)
        else:
            raise AssertionError("trainer did not quit on ctrl+q")
        assert "Traceback" not in tmux.capture()
    finally:
        tmux.kill()


def test_the_cli_hands_the_library_to_the_app() -> None:
    """``trainer`` without a subcommand imports the app lazily: ``trainer --help`` must not need Textual."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys, trainer.cli; print('textual' in sys.modules)"],
        capture_output=True, text=True, timeout=30, check=True, env={**os.environ},
    )
    assert result.stdout.strip() == "False"
