"""`trainer serve` is safe to open in a browser: real servers on free loopback ports, real HTTP and websocket
requests (aiohttp's client), and the server's own output checked for tracebacks.

Each hostile case is listed in tests/hostile/README.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from fixture_library import LibraryFactory

from trainer.commands.team import _is_loopback
from trainer.web.guard import MAX_COLUMNS, MAX_ROWS, AccessPolicy, clamp_terminal_size


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


ServeFactory = Callable[..., Served]


@pytest.fixture
def serve(make_library: LibraryFactory, tmp_path: Path) -> Iterator[ServeFactory]:
    """Start `trainer serve ARGS` on a free port and wait until it answers; stop it after the test."""
    started: list[Served] = []

    def start(*args: str, host: str = "127.0.0.1") -> Served:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        env = dict(os.environ, TRAINER_DB=str(tmp_path / "practice.sqlite3"))
        command = [sys.executable, "-m", "trainer", "serve", "--host", host, "--port", str(port),
                   "--library", str(make_library()), *args]
        with log.open("wb") as sink:
            process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT)
        served = Served(port, process, log)
        started.append(served)
        deadline = time.monotonic() + 30
        while True:
            request = urllib.request.Request(served.url + "/", headers={"Host": f"127.0.0.1:{port}"})
            try:
                with urllib.request.urlopen(request, timeout=5):
                    return served
            except urllib.error.HTTPError:
                return served  # it answers
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(served.output()) from None
                time.sleep(0.2)

    yield start
    for served in started:
        served.process.terminate()
        served.process.wait(timeout=20)


def assert_no_traceback(served: Served) -> None:
    output = served.output()
    assert "Traceback" not in output and 'File "' not in output, output


def test_serve_answers_http_on_a_loopback_port(serve: ServeFactory) -> None:
    served = serve()
    with urllib.request.urlopen(served.url + "/", timeout=10) as response:
        assert response.status == 200
        assert "Pitch Trainer" in response.read().decode()


def test_loopback_detection() -> None:
    assert _is_loopback("127.0.0.1") and _is_loopback("localhost") and _is_loopback("::1")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.10")


# --- Origin: cross-site websocket hijacking -------------------------------------------------------------------


async def test_a_websocket_from_a_foreign_page_is_refused_and_the_own_page_is_not(serve: ServeFactory) -> None:
    served = serve("--allow-origin", "https://trainer.example")
    async with aiohttp.ClientSession() as session:
        for foreign in ("http://evil.example", f"http://evil.example:{served.port}", "null",
                        f"http://127.0.0.1:{served.port + 1}"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.url + "/ws", headers={"Origin": foreign})
            assert refused.value.status == 403, foreign
        for own in (served.url, "https://trainer.example"):
            async with session.ws_connect(served.url + "/ws", headers={"Origin": own}) as websocket:
                await websocket.send_str("not json")  # what the page never sends is dropped, quietly
                await websocket.send_str('["resize", "wide"]')
                await websocket.send_str('["stdin", 42]')
                await websocket.send_str('["ping", "1"]')
                pong = await websocket.receive_json(timeout=10)
                assert pong == ["pong", "1"]
    assert_no_traceback(served)


# --- Host: DNS rebinding ---------------------------------------------------------------------------------------


async def test_only_the_served_names_are_answered(serve: ServeFactory) -> None:
    served = serve("--allow-host", "trainer.lan")
    async with aiohttp.ClientSession() as session:
        for host in ("evil.example", f"evil.example:{served.port}", f"localhost.evil.example:{served.port}",
                     f"127.0.0.1:{served.port + 1}", "", "a b"):
            async with session.get(served.url + "/", headers={"Host": host}) as response:
                assert response.status in (400, 421), host
                assert "Pitch Trainer" not in await response.text()
        for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}", "trainer.lan", "trainer.lan:443"):
            async with session.get(served.url + "/", headers={"Host": host}) as response:
                assert response.status == 200, host
    assert_no_traceback(served)


def test_the_access_policy_of_an_address_bound_to_every_interface() -> None:
    policy = AccessPolicy.build("0.0.0.0", 8000)
    assert policy.allows_host("192.168.1.10:8000") and policy.allows_host(f"{socket.gethostname()}:8000")
    assert not policy.allows_host("attacker.example:8000") and not policy.allows_host(None)
    assert policy.allows_origin("http://192.168.1.10:8000", "192.168.1.10:8000")
    assert not policy.allows_origin("http://attacker.example:8000", "192.168.1.10:8000")


# --- Static files, assets and headers --------------------------------------------------------------------------


async def test_no_directory_is_listed_and_the_page_loads_nothing_from_elsewhere(serve: ServeFactory) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        for folder in ("/static/", "/static/fonts/", "/static/js", "/page/"):
            async with session.get(served.url + folder) as response:
                assert response.status in (403, 404), folder
                body = await response.text()
                assert ".ttf" not in body and "textual.js" not in body and "page.css" not in body
        async with session.get(served.url + "/") as response:
            page = await response.text()
        assets = re.findall(r'(?:href|src)="([^"]*)"', page)
        assert assets and all(asset.startswith("/") and not asset.startswith("//") for asset in assets), assets
        assert "googleapis" not in page and "https://" not in page
        async with session.get(served.url + "/page/page.css") as response:
            css = await response.text()
        fonts = re.findall(r'url\("([^"]+)"\)', css)
        assert any(font.endswith(".ttf") for font in fonts)
        for asset in assets + fonts:
            async with session.get(served.url + asset) as response:
                assert response.status == 200, asset
                if asset.endswith(".css"):  # no stylesheet pulls anything from another server
                    text = await response.text()
                    assert not re.search(r"(url\(|@import)\s*[\"']?\s*(https?:)?//", text), asset


async def test_every_response_carries_the_security_headers(serve: ServeFactory) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        for path in ("/", "/static/js/textual.js", "/page/page.js", "/no-such-page", "/static/", "/ws"):
            async with session.get(served.url + path) as response:
                headers = response.headers
                policy = headers.get("Content-Security-Policy", "")
                assert "default-src 'none'" in policy and "script-src 'self';" in policy, path
                assert "frame-ancestors 'none'" in policy and "'unsafe-eval'" not in policy
                assert headers.get("X-Frame-Options") == "DENY"
                assert headers.get("X-Content-Type-Options") == "nosniff"
                assert headers.get("Referrer-Policy") == "no-referrer"
                if path == "/":
                    page = await response.text()
                    # nothing inline for the policy to allow: every <script> has a src, no <style>, no handlers
                    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and "<style" not in page
                    assert not re.search(r"\son[a-z]+=", page, re.IGNORECASE)


async def test_a_plain_get_of_the_websocket_path_is_a_bad_request_without_a_traceback(serve: ServeFactory) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        async with session.get(served.url + "/ws") as response:
            assert response.status == 400
        async with session.get(served.url + "/ws", headers={"Upgrade": "websocket", "Connection": "Upgrade"}) as bad:
            assert bad.status == 400  # no key, no version
    time.sleep(0.3)
    assert_no_traceback(served)


# --- Terminal size ---------------------------------------------------------------------------------------------


def test_terminal_sizes_are_clamped_to_the_documented_limit() -> None:
    assert clamp_terminal_size("20000", "12000") == (MAX_COLUMNS, MAX_ROWS) == (500, 200)
    assert clamp_terminal_size(120, 40) == (120, 40)
    assert clamp_terminal_size("0", "-3") == (80, 24)  # not a size: the default
    assert clamp_terminal_size(1, 1) == (10, 4)
    assert clamp_terminal_size("9" * 5000, "24") == (80, 24)
    assert clamp_terminal_size(True, None) == (80, 24)


async def test_a_tab_asking_for_a_huge_terminal_gets_the_largest_allowed_one(serve: ServeFactory) -> None:
    """The app draws a full screen at start; the rows it moves the cursor to show the size it was given."""
    served = serve()
    rows: set[int] = set()
    async with aiohttp.ClientSession() as session:
        url = served.url + "/ws?width=900&height=350"
        async with session.ws_connect(url, headers={"Origin": served.url}, max_msg_size=0) as websocket:
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline and max(rows, default=0) < MAX_ROWS:
                try:
                    message = await websocket.receive(timeout=3)
                except TimeoutError:
                    if rows:
                        break
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    rows.update(int(row) for row in re.findall(rb"\x1b\[(\d+);\d+H", message.data))
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
            await websocket.send_str('["resize", {"width": 20000, "height": 12000}]')
            await websocket.receive(timeout=5)
    assert rows, served.output()
    assert max(rows) == MAX_ROWS
    assert_no_traceback(served)


# --- Addresses: 0.0.0.0, --public-url, bind errors -------------------------------------------------------------


async def test_bound_to_every_interface_the_page_connects_to_the_address_the_browser_used(serve: ServeFactory) -> None:
    served = serve("--insecure-no-login", host="0.0.0.0")
    assert "anyone who can reach this machine" in served.output()
    async with aiohttp.ClientSession() as session:
        for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}"):
            async with session.get(served.url + "/", headers={"Host": host}) as response:
                page = await response.text()
            assert f'data-session-websocket-url="ws://{host}/ws"' in page
            assert "0.0.0.0" not in page


async def test_a_public_url_names_the_websocket_and_is_an_allowed_origin(serve: ServeFactory) -> None:
    served = serve("--public-url", "https://trainer.example")
    async with aiohttp.ClientSession() as session, session.get(
        served.url + "/", headers={"Host": "trainer.example"}
    ) as response:
        assert response.status == 200
        assert 'data-session-websocket-url="wss://trainer.example/ws"' in await response.text()


@pytest.mark.parametrize("host", ["127.0.0.1", "no-such-host.invalid"])
def test_an_address_that_cannot_be_served_is_one_line_and_exit_2(make_library: LibraryFactory, host: str) -> None:
    with socket.socket() as occupied:
        occupied.bind(("127.0.0.1", 0))
        occupied.listen()
        port = occupied.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "trainer", "serve", "--host", host, "--port", str(port),
             "--library", str(make_library()), "--insecure-no-login"],  # a bind error, not a sign-in refusal
            capture_output=True, text=True, timeout=60,
        )
    reason = "address already in use" if host == "127.0.0.1" else "unknown host"
    assert result.returncode == 2, result.stderr
    assert f"cannot serve on {host}:{port}: {reason}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_bad_allowed_origin_is_a_usage_error(make_library: LibraryFactory) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "serve", "--allow-origin", "javascript:alert(1)", "--port", str(free_port()),
         "--library", str(make_library())],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2 and "not an origin" in result.stderr and "Traceback" not in result.stderr


def test_malformed_requests_are_one_line_in_the_server_log(serve: ServeFactory) -> None:
    """aiohttp logs a traceback for every request it cannot parse; any client can send one."""
    served = serve()
    requests = [
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a\x1b]0;PWNED\x07b\r\nConnection: close\r\n\r\n",
        b"GET /\x1b[31m HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nUser-Agent: \u202eevil\r\n"
        "Connection: close\r\n\r\n".encode(),
    ]
    for request in requests:
        with socket.create_connection(("127.0.0.1", served.port), timeout=10) as client:
            client.sendall(request)
            assert client.recv(100).startswith((b"HTTP/1.0 400", b"HTTP/1.1 400", b"HTTP/1.1 200"))
    time.sleep(0.5)
    output = served.output()
    assert_no_traceback(served)
    assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output


async def test_sessions_beyond_the_limit_are_told_to_try_again_later(serve: ServeFactory) -> None:
    """Every tab is an app process of its own: a page opening websockets in a loop must not fork without end."""
    served = serve("--max-sessions", "1")
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(served.url + "/ws", headers={"Origin": served.url}):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.url + "/ws", headers={"Origin": served.url})
            assert refused.value.status == 503
        deadline = time.monotonic() + 20
        while True:  # the place frees once the first session's app has quit
            try:
                async with session.ws_connect(served.url + "/ws", headers={"Origin": served.url}):
                    break
            except aiohttp.WSServerHandshakeError:
                assert time.monotonic() < deadline, served.output()
                await asyncio.sleep(0.2)
    assert_no_traceback(served)


# --- An idle session costs the server nothing ---------------------------------------------------------------

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


async def _frames(websocket: aiohttp.ClientWebSocketResponse, seconds: float) -> list[bytes]:
    """The screen updates the session sends in the next ``seconds``."""
    frames: list[bytes] = []
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = await websocket.receive(timeout=left)
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY and message.data:
            frames.append(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    return frames


async def _until(websocket: aiohttp.ClientWebSocketResponse, text: bytes, served: Served) -> None:
    seen = b""
    deadline = time.monotonic() + 60
    while text not in re.sub(rb"\s+", b"", ANSI.sub(b"", seen)):
        assert time.monotonic() < deadline, (text, served.output())
        seen += b"".join(await _frames(websocket, 0.5))


@contextlib.asynccontextmanager
async def _reciting_as_ann(
    served: Served,
) -> AsyncIterator[tuple[aiohttp.ClientWebSocketResponse, Callable[[str], Awaitable[None]]]]:
    """A browser session of ``served`` that signs on as "ann" and opens the first pitch's recite screen; yields
    its websocket and a function that sends keys to it."""
    url = served.url + "/ws?width=100&height=30"
    async with aiohttp.ClientSession() as session, \
            session.ws_connect(url, headers={"Origin": served.url}, max_msg_size=0) as websocket:

        async def keys(data: str) -> None:
            await websocket.send_str(json.dumps(["stdin", data]))

        await _until(websocket, b"Yourname", served)
        await keys("ann\r")
        await _until(websocket, b"Practisenext", served)
        await keys("\x1b[B")  # the tree's cursor from the product to its first pitch
        await keys("r")
        await _until(websocket, b"Typethepitchfrommemory", served)
        yield websocket, keys


async def test_a_rep_who_stops_typing_costs_the_server_next_to_nothing(serve: ServeFactory) -> None:
    """Every redraw is work for the session's app and a message to the browser, times every open session: a
    still cursor, and a clock and word count drawn only when they change, keep a paused rep's session quiet."""
    served = serve()
    async with _reciting_as_ann(served) as (websocket, keys):
        await _frames(websocket, 2.0)  # whatever the new screen still had to draw
        assert await _frames(websocket, 2.5) == []  # before the first key the clock waits
        await keys("Our valves")
        await _frames(websocket, 0.6)
        ticking = await _frames(websocket, 3.0)
        # The clock's seconds, and nothing else (a blinking cursor alone would be six more).
        assert 2 <= len(ticking) <= 4, ticking
    assert_no_traceback(served)


def _threads_nice(pid: int) -> dict[int, int]:
    """Each thread of process ``pid`` and its nice value (field 19 of /proc/PID/task/TID/stat)."""
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            fields = task.joinpath("stat").read_text().rsplit(")", 1)[1].split()
            found[int(task.name)] = int(fields[16])  # fields after "(comm)": state is 3, nice is 19
    return found


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parent = int(entry.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread CPU priorities exist only on Linux")
async def test_a_served_session_saves_at_full_priority_and_draws_at_a_lower_one(
    serve: ServeFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A room of reps submitting together fills the server's cores with results screens; the attempt must not
    wait behind them. The write is timed (and its thread's priority noted) inside the session's own app."""
    timings = tmp_path / "writes.jsonl"
    monkeypatch.setenv("TRAINER_BENCH_TIMINGS", str(timings))
    served = serve()
    async with _reciting_as_ann(served) as (websocket, keys):
        await keys("Our valves watch every line")
        await _until(websocket, b"everyline", served)
        await keys("\x13")  # ctrl+s: submit
        await _until(websocket, b"Retry", served)
        commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") for pid in
                    _descendants(served.process.pid)}
        # the session's app itself, not the shell textual-serve starts it with
        apps = [pid for pid, argv in commands.items() if b"--served" in argv and argv[0] == sys.executable.encode()]
        assert len(apps) == 1, commands
        threads = _threads_nice(apps[0])
    base = os.getpriority(os.PRIO_PROCESS, served.process.pid)
    (write,) = [json.loads(line) for line in timings.read_text().splitlines()]
    assert write["rep"] == "ann" and write["pid"] == apps[0]
    assert write["nice"] == base  # saved at the server's own priority …
    assert threads[apps[0]] == min(19, base + 10)  # … while the session's main thread draws at a lower one
    with sqlite3.connect(tmp_path / "practice.sqlite3") as db:
        assert db.execute("SELECT rep, attempt_text FROM attempts").fetchall() == [
            ("ann", "Our valves watch every line")
        ]
    assert_no_traceback(served)
