"""`trainer serve` with sign-in: "nobody can read or write as someone else". Real servers on free loopback ports,
a real users file made by `trainer users add`, real HTTP and websocket requests (aiohttp's client)."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from fixture_library import LibraryFactory

from trainer.web.auth import COOKIE_NAME, SessionSigner

PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def trainer(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", *args], input=stdin, capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def users_file(tmp_path: Path) -> Path:
    path = tmp_path / "users.json"
    for name in ("ann", "bob"):
        result = trainer("users", "add", name, "--users", str(path), "--password-stdin", stdin=PASSWORD + "\n")
        assert result.returncode == 0, result.stderr
    return path


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


@pytest.fixture
def serve(make_library: LibraryFactory, tmp_path: Path) -> Iterator[Callable[..., Served]]:
    started: list[Served] = []

    def start(*args: str) -> Served:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        env = dict(os.environ, TRAINER_DB=str(tmp_path / "practice.sqlite3"))
        command = [sys.executable, "-m", "trainer", "serve", "--port", str(port), "--library", str(make_library()),
                   *args]
        with log.open("wb") as sink:
            process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT)
        served = Served(port, process, log)
        started.append(served)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(served.url + "/page/page.css", timeout=5):
                    return served
            except urllib.error.HTTPError:
                return served
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(served.output()) from None
                time.sleep(0.2)

    yield start
    for served in started:
        served.process.terminate()
        served.process.wait(timeout=20)


def client() -> aiohttp.ClientSession:
    """A client that keeps cookies for an IP address (the server listens on 127.0.0.1), as browsers do."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def session_cookie(response: aiohttp.ClientResponse) -> str:
    headers = response.headers.getall("Set-Cookie", [])
    found = [h for h in headers if h.startswith(COOKIE_NAME + "=")]
    assert found, headers
    return found[0]


async def sign_in(session: aiohttp.ClientSession, served: Served, name: str, password: str,
                  **headers: str) -> aiohttp.ClientResponse:
    async with session.post(served.url + "/signin", data={"name": name, "password": password},
                            headers={"Origin": served.url, **headers}, allow_redirects=False) as response:
        await response.read()
        return response


def cookie_value(set_cookie: str) -> str:
    return set_cookie.split(";", 1)[0].split("=", 1)[1]


async def test_without_a_session_the_page_and_the_websocket_are_refused(serve, users_file: Path) -> None:  # type: ignore[no-untyped-def]
    served = serve("--users", str(users_file))
    async with client() as session:
        async with session.get(served.url + "/", allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/signin"
        async with session.get(served.url + "/signin") as response:
            page = await response.text()
            assert response.status == 200 and 'name="password"' in page and 'type="password"' in page
        for path in ("/download/anything",):
            async with session.get(served.url + path) as response:
                assert response.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(served.url + "/ws", headers={"Origin": served.url})
        assert refused.value.status == 403


async def test_a_wrong_password_or_unknown_name_is_refused_and_the_right_one_signs_in(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    served = serve("--users", str(users_file))
    async with client() as session:
        for name, password in (("ann", "wrong password"), ("zed", PASSWORD), ("ann", "")):
            response = await sign_in(session, served, name, password)
            assert response.status in (400, 401), (name, password)
            assert COOKIE_NAME not in " ".join(response.headers.getall("Set-Cookie", []))
        response = await sign_in(session, served, "ann", PASSWORD)
        assert response.status == 303 and response.headers["Location"] == "/"
        flags = session_cookie(response).lower()
        assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags and "max-age=" in flags
        assert "secure" not in flags.replace("samesite", "")  # plain http: a Secure cookie would never come back
        async with session.get(served.url + "/") as page:
            text = await page.text()
            assert page.status == 200 and "Sign out ann" in text
        async with session.ws_connect(served.url + "/ws", headers={"Origin": served.url}) as websocket:
            await websocket.send_str('["ping", "1"]')
            assert await websocket.receive_json(timeout=10) == ["pong", "1"]
        async with session.post(served.url + "/signout", headers={"Origin": served.url},
                                allow_redirects=False) as response:
            assert response.status == 303
        async with session.get(served.url + "/", allow_redirects=False) as response:
            assert response.status == 303


async def test_a_secure_cookie_when_the_public_url_is_https(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    served = serve("--users", str(users_file), "--public-url", "https://trainer.example")
    async with client() as session:
        response = await sign_in(session, served, "ann", PASSWORD, Host="trainer.example",
                                 Origin="https://trainer.example")
        assert response.status == 303
        assert "; secure" in session_cookie(response).lower()


async def test_a_tampered_or_forged_cookie_is_refused(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    served = serve("--users", str(users_file))
    async with client() as session:
        real = cookie_value(session_cookie(await sign_in(session, served, "ann", PASSWORD)))
    payload, signature = real.split(".")
    import base64

    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    as_bob = base64.urlsafe_b64encode(decoded.replace(":ann", ":bob").encode()).decode().rstrip("=")
    forged = SessionSigner(b"a secret that is not the server's").issue("bob")  # well formed, wrong key
    for cookie in (f"{as_bob}.{signature}", forged, real[:-2], "garbage", real + "x", f"{payload}."):
        async with aiohttp.ClientSession(cookies={COOKIE_NAME: cookie}) as session:
            async with session.get(served.url + "/", allow_redirects=False) as response:
                assert response.status == 303, cookie
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await session.ws_connect(served.url + "/ws", headers={"Origin": served.url})
    async with aiohttp.ClientSession(cookies={COOKIE_NAME: real}) as session, session.get(
        served.url + "/", allow_redirects=False
    ) as response:
        assert response.status == 200


async def test_a_removed_user_is_signed_out_at_the_next_request(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    served = serve("--users", str(users_file))
    async with client() as session:
        await sign_in(session, served, "bob", PASSWORD)
        async with session.get(served.url + "/", allow_redirects=False) as response:
            assert response.status == 200
        assert trainer("users", "remove", "bob", "--users", str(users_file)).returncode == 0
        async with session.get(served.url + "/", allow_redirects=False) as response:
            assert response.status == 303


async def test_repeated_failures_pause_sign_in_even_with_the_right_password(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    served = serve("--users", str(users_file))
    async with client() as session:
        statuses = [(await sign_in(session, served, "ann", f"guess number {n}")).status for n in range(5)]
        assert statuses[:3] == [401, 401, 401] and 429 in statuses[3:]
        response = await sign_in(session, served, "ann", PASSWORD)
        assert response.status == 429 and COOKIE_NAME not in " ".join(response.headers.getall("Set-Cookie", []))
        async with session.post(served.url + "/signin", data={"name": "ann", "password": PASSWORD},
                                headers={"Origin": served.url}) as page:
            assert "try again in" in await page.text()


async def test_parallel_guesses_from_one_address_are_not_all_checked(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    """The brake counts failures once they are known; a burst sent at once must not all reach argon2."""
    served = serve("--users", str(users_file))
    async with client() as session:
        answers = await asyncio.gather(*(sign_in(session, served, "ann", f"guess {n}") for n in range(10)))
    statuses = sorted(answer.status for answer in answers)
    assert statuses.count(401) <= 4 and 429 in statuses, statuses


async def test_hostile_names_in_the_form_get_clear_messages_and_are_escaped(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    served = serve("--users", str(users_file))
    async with client() as session:
        for name, expected in (("<script>alert(1)</script>", "Wrong name or password"),
                               ("a\x1b[31mb", "control or invisible"), ("x" * 5000, "longer than 100")):
            async with session.post(served.url + "/signin", data={"name": name, "password": "whatever!"},
                                    headers={"Origin": served.url}) as response:
                page = await response.text()
                assert response.status in (400, 401) and expected in page, name[:20]
                assert "<script>alert" not in page and "\x1b" not in page
        async with session.post(served.url + "/signin", data={"name": "ann", "password": "x" * 100_000},
                                headers={"Origin": served.url}) as response:
            assert response.status in (400, 413)
        async with session.post(served.url + "/signin", data={"name": "ann", "password": PASSWORD},
                                headers={"Origin": "http://evil.example"}) as response:
            assert response.status == 403  # a foreign page cannot sign a browser in (login CSRF)
    assert "Traceback" not in served.output()


async def test_the_proxy_header_is_believed_only_from_the_proxy(serve, users_file) -> None:  # type: ignore[no-untyped-def]
    from_elsewhere = serve("--users", str(users_file), "--trusted-proxy", "10.9.9.9")
    async with client() as session:
        async with session.get(from_elsewhere.url + "/", headers={"X-Forwarded-User": "ann"},
                               allow_redirects=False) as response:
            assert response.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(from_elsewhere.url + "/ws",
                                     headers={"Origin": from_elsewhere.url, "X-Forwarded-User": "ann"})
        assert refused.value.status == 403
    proxied = serve("--trusted-proxy", "127.0.0.1", "--identity-header", "X-Remote-User")
    async with client() as session:
        async with session.get(proxied.url + "/") as response:
            assert response.status == 403  # proxy mode: no identity, no app
        async with session.get(proxied.url + "/", headers={"X-Remote-User": "ann"}) as response:
            assert response.status == 200
        for hostile, expected in (("ann\u202eevil".encode(), "control or invisible"), (b"n" * 300, "longer than 100")):
            answer = raw_get(proxied.port, b"X-Remote-User: " + hostile)  # no client library sends these
            assert answer.startswith("HTTP/1.1 403") and expected in answer, answer
        async with session.ws_connect(proxied.url + "/ws", headers={"Origin": proxied.url, "X-Remote-User": "ann"},
                                      max_msg_size=0) as websocket:
            screen = await read_screen(websocket, "signed in as")
        assert "signed in as ann" in screen


def raw_get(port: int, header: bytes) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s\r\nConnection: close\r\n\r\n" % (port, header))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.decode("utf-8", "replace")


async def read_screen(websocket: aiohttp.ClientWebSocketResponse, wanted: str, seconds: float = 30) -> str:
    """What the app drew so far (escape sequences removed), until ``wanted`` shows or time runs out."""
    drawn = ""
    deadline = time.monotonic() + seconds
    while wanted not in drawn and time.monotonic() < deadline:
        try:
            message = await websocket.receive(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            drawn += message.data.decode("utf-8", "replace")
        elif message.type == aiohttp.WSMsgType.TEXT:
            drawn += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
        drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn)
    return drawn


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1"])
def test_a_non_loopback_address_without_sign_in_is_refused_in_one_line(make_library: LibraryFactory,
                                                                        host: str) -> None:
    result = trainer("serve", "--host", host, "--port", str(free_port()), "--library", str(make_library()))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--users" in lines[0] and "--trusted-proxy" in lines[0]
    assert "--insecure-no-login" in lines[0] and "Traceback" not in result.stderr


def test_bad_sign_in_options_are_one_line(make_library: LibraryFactory, tmp_path: Path) -> None:
    library = str(make_library())
    for args, expected in (
        (["--trusted-proxy", "proxy.example"], "not an IP address"),
        (["--users", str(tmp_path / "missing.json")], "no such users file"),
        (["--trusted-proxy", "127.0.0.1", "--identity-header", "X-User\r\nEvil"], "not a header name"),
    ):
        result = trainer("serve", "--port", str(free_port()), "--library", library, *args)
        assert result.returncode == 2 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_users_commands_keep_a_private_file_and_refuse_hostile_input(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    ok = trainer("users", "add", "Ann  Lee", "--users", str(path), "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.returncode == 0 and "added Ann Lee" in ok.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert PASSWORD not in path.read_text() and "$argon2id$" in path.read_text()
    for name, password, expected in (
        ("[b]x[/b]\x1b[2J", PASSWORD, "control or invisible"),
        ("n" * 500, PASSWORD, "longer than 100"),
        ("   ", PASSWORD, "the name is empty"),
        ("cy", "short", "shorter than 8"),
        ("cy", "p" * 5000, "longer than 1024"),
        ("cy", "pass\x07word!", "control characters"),
    ):
        result = trainer("users", "add", name, "--users", str(path), "--password-stdin", stdin=password + "\n")
        assert result.returncode == 2 and expected in result.stderr, (name[:10], result.stderr)
        assert "\x1b" not in result.stderr and "Traceback" not in result.stderr
    no_terminal = trainer("users", "add", "cy", "--users", str(path), stdin="")
    assert no_terminal.returncode == 2 and "--password-stdin" in no_terminal.stderr
    assert trainer("users", "list", "--users", str(path)).stdout == "Ann Lee\n"
    assert trainer("users", "remove", "Ann Lee", "--users", str(path)).returncode == 0
    missing = trainer("users", "remove", "Ann Lee", "--users", str(path))
    assert missing.returncode == 2 and "no user" in missing.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["users.json"]  # no temporary file left behind


def test_a_session_ends_when_it_expires_and_the_brake_pauses_then_forgets() -> None:
    from trainer.web.auth import SignInBrake

    now = [1_000_000.0]
    signer = SessionSigner(clock=lambda: now[0], lifetime=60)
    token = signer.issue("ann")
    assert signer.identity(token) == "ann"
    now[0] += 61
    assert signer.identity(token) is None
    brake = SignInBrake(clock=lambda: now[0])
    keys = ("name:ann", "address:127.0.0.1")
    for _ in range(4):
        assert brake.wait(keys) == 0
        brake.failed(keys)
    assert brake.wait(keys) == 5 and brake.wait(["address:127.0.0.1"]) == 5 and brake.wait(["name:bob"]) == 0
    now[0] += 5
    assert brake.wait(keys) == 0
    brake.succeeded(keys)
    brake.failed(keys)
    assert brake.wait(keys) == 0  # a success starts the count again
