"""A real terminal: start ``trainer`` in tmux, open a pitch, quit, and check what the pane showed.

Skipped when tmux is not installed. Uses a private tmux server whose socket lives in the test's tmp folder
(``-S``), so it never touches the developer's sessions; the fixture kills that server and removes the socket
even when the test fails. The app gets the test's own practice database and config folder.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


# Where the app and its tools write; the tests' conftest points each at the test's tmp folder.
PASSED_TO_THE_APP = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "TRAINER_DB", "TRAINER_LOG_DIR")


class Tmux:
    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, timeout=10, check=False
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
        """Stop the server and remove its socket (tmux leaves the socket file behind on kill-server)."""
        self.run("kill-server")
        self.socket.unlink(missing_ok=True)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(tmp_path / "tmux.sock")
    try:
        yield server
    finally:
        server.kill()
    assert not server.socket.exists(), "the tmux socket was left behind"


def test_trainer_opens_a_pitch_in_a_real_terminal(
    library_root: Path, tmp_path: Path, tmux: Tmux, private_user_folders: dict[str, Path]
) -> None:
    app_environment = [f"{name}={shlex.quote(os.environ[name])}" for name in PASSED_TO_THE_APP]
    command = " ".join([
        "env", "-u", "COLUMNS", "-u", "LINES",  # set by the test runner; Textual would obey them over tmux
        f"TRAINER_CONFIG_DIR={shlex.quote(str(tmp_path / 'config'))}",
        *app_environment,
        shlex.quote(sys.executable), "-m", "trainer", "--library", shlex.quote(str(library_root)),
    ])
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
    assert private_user_folders["TRAINER_DB"].exists(), "the app opened the test's own practice database"


def test_the_cli_hands_the_library_to_the_app() -> None:
    """``trainer`` without a subcommand imports the app lazily: ``trainer --help`` must not need Textual."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys, trainer.cli; print('textual' in sys.modules)"],
        capture_output=True, text=True, timeout=30, check=True, env={**os.environ},
    )
    assert result.stdout.strip() == "False"
