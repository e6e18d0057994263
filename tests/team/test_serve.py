"""`trainer serve` answers a browser on loopback, and warns loudly when bound to another address."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.commands.team import _is_loopback


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_http_on_a_loopback_port(make_library: LibraryFactory, tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, TRAINER_DB=str(tmp_path / "practice.sqlite3"))
    server = subprocess.Popen(
        [sys.executable, "-m", "trainer", "serve", "--port", str(port), "--library", str(make_library())],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        page, deadline = "", time.monotonic() + 30
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    page = response.read().decode("utf-8", "replace")
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(server.stdout.read().decode()) from None
                time.sleep(0.3)
        assert "Pitch Trainer" in page
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_loopback_detection() -> None:
    assert _is_loopback("127.0.0.1") and _is_loopback("localhost") and _is_loopback("::1")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.10")


def test_serving_beyond_loopback_prints_a_warning(make_library: LibraryFactory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import textual_serve.server

    served = []
    monkeypatch.setattr(textual_serve.server.Server, "serve", lambda self, debug=False: served.append(self))
    from trainer.cli import main

    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--library", str(make_library())])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach this machine" in result.stderr
    assert len(served) == 1
