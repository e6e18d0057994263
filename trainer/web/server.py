"""``trainer serve``'s HTTP server: textual-serve's app runner behind the rules of :mod:`trainer.web.guard`.

textual-serve (1.1) trusts every request: any ``Host``, any websocket ``Origin``, any terminal size; it lists
``/static/``, loads a web font from the internet, logs a traceback for a plain GET of ``/ws`` and tells remote
browsers to connect to ``ws://0.0.0.0``. This subclass keeps its process handling (:class:`AppService`) and
replaces the web side: routes, page, headers, websocket handling and start-up.
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address
from pathlib import Path
from typing import Any

import jinja2
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ..safe_text import visible
from .auth import COOKIE_NAME, IDENTITY_ENV, SessionSigner, SignInBrake, is_trusted_peer
from .guard import (
    DEFAULT_MAX_SESSIONS,
    MAX_MESSAGE_BYTES,
    SECURITY_HEADERS,
    AccessPolicy,
    clamp_terminal_size,
    content_security_policy,
)
from .users import LiveUsers, UsersFileError, clean_name

log = logging.getLogger("trainer.serve")
IPAddress = IPv4Address | IPv6Address

HERE = Path(__file__).parent
TEXTUAL_SERVE_STATIC = Path(textual_serve.__file__).parent / "static"  # xterm.css, textual.js, Roboto Mono


class CannotServe(Exception):
    """The address cannot be listened on; the message says why in a few words ("address already in use")."""


def describe_bind_error(error: OSError) -> str:
    if isinstance(error, socket.gaierror):
        return "unknown host"
    reasons = {
        errno.EADDRINUSE: "address already in use",
        errno.EADDRNOTAVAIL: "address not available on this machine",
        errno.EACCES: "permission denied (ports below 1024 need administrator rights)",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


class OneLineFormatter(logging.Formatter):
    """A log record as one line: the exception's type and message instead of its traceback, control and
    text-reordering characters (from request lines, origins) written out so they cannot drive the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message += f": {type(error).__name__}: {' '.join(str(error).split())[:300]}"
        return visible(message)


MAX_CHECKS_PER_ADDRESS = 2  # password checks at once from one address
MAX_FORM_BYTES = 8 * 1024  # a name and a password; more is not a sign-in
PUBLIC_PATHS = ("/signin", "/static/", "/page/")  # what a browser needs before anyone has signed in


@dataclass(frozen=True)
class SignIn:
    """How people sign in: a users file (a sign-in page), an authenticating proxy's header, or both.

    ``proxies`` are the TCP peers whose ``identity_header`` is believed; from any other peer the header is
    refused, and in proxy-only mode every request is.
    """

    users: LiveUsers | None = None
    proxies: frozenset[IPAddress] = frozenset()
    identity_header: str = "X-Forwarded-User"

    @property
    def enabled(self) -> bool:
        return self.users is not None or bool(self.proxies)


class IdentityAppService(AppService):
    """textual-serve's app process, told who signed in through its environment.

    textual-serve starts the app with a *shell* command line, so a name must never be put in it; the
    environment reaches the process as data. The variable is removed when nobody signed in, so a value in the
    server's own environment cannot speak for a browser tab.
    """

    def __init__(self, *args: Any, identity: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.identity = identity

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.pop(IDENTITY_ENV, None)
        if self.identity is not None:
            environment[IDENTITY_ENV] = self.identity
        return environment


class TrainerServer(Server):
    """Serve the app with Host/Origin checks, security headers, bounded sizes and only local assets."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str,
        public_url: str | None = None,
        allow_hosts: tuple[str, ...] = (),
        allow_origins: tuple[str, ...] = (),
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        on_listening: Callable[[], None] | None = None,
        sign_in: SignIn | None = None,
        signer: SessionSigner | None = None,
    ) -> None:
        origins = tuple(allow_origins) + ((public_url,) if public_url else ())
        self.policy = AccessPolicy.build(host, port, allow_hosts=allow_hosts, allow_origins=origins)
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.explicit_public_url = public_url
        self.on_listening = on_listening  # told once the port is open, so "serving on" is never said in vain
        self.max_sessions = max_sessions  # each session is an app process of its own (~100 MB)
        self.pages = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
        self._sockets: set[web.WebSocketResponse] = set()
        self.sign_in = sign_in or SignIn()
        self.signer = signer or SessionSigner()
        self.brake = SignInBrake()
        self._verifying: dict[str, int] = {}  # password checks under way, per address

    def initialize_logging(self) -> None:
        """One line per event, untrusted text made visible: textual-serve's handler prints tracebacks with local
        variables, and aiohttp logs one for every malformed request a client sends."""
        handler = logging.StreamHandler()
        handler.setFormatter(OneLineFormatter())
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.INFO, handlers=[handler], force=True)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._check_host, self._check_identity], client_max_size=MAX_FORM_BYTES)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/signin", self.handle_signin_page, name="signin"),
                web.post("/signin", self.handle_signin, name="signin-post"),
                web.post("/signout", self.handle_signout, name="signout"),
                web.static("/static", TEXTUAL_SERVE_STATIC, show_index=False, name="static"),
                web.static("/page", HERE / "static", show_index=False, name="page"),
            ]
        )
        app.on_response_prepare.append(self._add_security_headers)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _check_host(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self.policy.allows_host(request.headers.get("Host")):
            raise web.HTTPBadRequest(
                text="Unknown Host header: this server answers only to its own address "
                "(start `trainer serve` with --allow-host NAME to add a name).\n"
            )
        response: web.StreamResponse = await handler(request)
        return response

    # --- who is asking ----------------------------------------------------------------------------------------

    def identity(self, request: web.Request) -> str | None:
        """The signed-in name of this request: the trusted proxy's header, else the session cookie."""
        sign_in = self.sign_in
        if sign_in.proxies and is_trusted_peer(request.remote, sign_in.proxies):
            header = request.headers.get(sign_in.identity_header)
            if header is not None:
                try:
                    return clean_name(header)
                except UsersFileError:
                    return None
        if sign_in.users is None:
            return None
        name = self.signer.identity(request.cookies.get(COOKIE_NAME))
        return name if name is not None and name in sign_in.users.hashes else None  # removed users are out

    @web.middleware
    async def _check_identity(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """With sign-in on, nothing but the sign-in page and its assets answers without an identity."""
        sign_in = self.sign_in
        if sign_in.enabled:
            from_proxy = bool(sign_in.proxies) and is_trusted_peer(request.remote, sign_in.proxies)
            if sign_in.proxies and sign_in.identity_header in request.headers and not from_proxy:
                log.warning("refused an identity header from %s, which is not a --trusted-proxy", request.remote)
                raise web.HTTPForbidden(text="The identity header is accepted only from the trusted proxy.\n")
            if sign_in.users is None and not from_proxy:
                raise web.HTTPForbidden(text="Sign in through the team's proxy: this server answers only to it.\n")
            header = request.headers.get(sign_in.identity_header) if from_proxy else None
            if header is not None:
                try:
                    clean_name(header)
                except UsersFileError as exc:
                    log.warning("refused the proxy's identity header: %s", exc)
                    raise web.HTTPForbidden(text=f"The proxy's {sign_in.identity_header} is not a usable name: "
                                            f"{exc}.\n") from None
            if not request.path.startswith(PUBLIC_PATHS):
                name = self.identity(request)
                if name is None:
                    if request.path == "/" and sign_in.users is not None:
                        raise web.HTTPSeeOther("/signin")
                    raise web.HTTPForbidden(text="Sign in first.\n")
                request["identity"] = name
        response: web.StreamResponse = await handler(request)
        return response

    def _secure_cookie(self, request: web.Request) -> bool:
        return request.secure or (self.explicit_public_url or "").lower().startswith("https://")

    def _signin_page(self, message: str = "", name: str = "", status: int = 200) -> web.Response:
        page = self.pages.get_template("signin.html").render(title=self.title, message=message, name=name[:100])
        return web.Response(text=page, content_type="text/html", status=status)

    async def handle_signin_page(self, request: web.Request) -> web.Response:
        if self.sign_in.users is None:
            raise web.HTTPNotFound(text="Sign in through the team's proxy.\n")
        return self._signin_page()

    async def handle_signin(self, request: web.Request) -> web.Response:
        users = self.sign_in.users
        if users is None:
            raise web.HTTPNotFound(text="Sign in through the team's proxy.\n")
        if not self.policy.allows_origin(request.headers.get("Origin"), request.headers.get("Host", "")):
            raise web.HTTPForbidden(text="This page may not sign in here (foreign Origin).\n")
        try:
            form = await request.post()
        except (ValueError, web.HTTPException):
            return self._signin_page("That sign-in form was too large.", status=400)
        raw_name, password = form.get("name"), form.get("password")
        if not isinstance(raw_name, str) or not isinstance(password, str):
            return self._signin_page("Type your name and password.", status=400)
        try:
            name = clean_name(raw_name)
        except UsersFileError as exc:
            return self._signin_page(f"Not a name: {exc}.", status=400)
        keys = (f"name:{name.casefold()}", f"address:{request.remote}")
        wait = self.brake.wait(keys)
        if wait > 0:
            return self._signin_page(f"Too many failed sign-ins: try again in {int(wait) + 1} seconds.", name,
                                     status=429)
        address = str(request.remote)
        if self._verifying.get(address, 0) >= MAX_CHECKS_PER_ADDRESS:  # parallel guesses would skip the brake
            return self._signin_page("A sign-in from this address is already being checked; try again.", name,
                                     status=429)
        # argon2 takes tens of milliseconds and 64 MiB on purpose: off the event loop, so other tabs keep drawing.
        self._verifying[address] = self._verifying.get(address, 0) + 1
        try:
            correct = await asyncio.get_running_loop().run_in_executor(None, users.verify, name, password)
        finally:
            self._verifying[address] -= 1
            if not self._verifying[address]:
                del self._verifying[address]
        if not correct:
            self.brake.failed(keys)
            log.warning("a failed sign-in as %r from %s", name[:100], request.remote)
            return self._signin_page("Wrong name or password.", name, status=401)
        self.brake.succeeded(keys)
        log.info("%r signed in from %s", name[:100], request.remote)
        response = web.Response(status=303, headers={"Location": "/"})
        response.set_cookie(COOKIE_NAME, self.signer.issue(name), max_age=self.signer.lifetime, path="/",
                            httponly=True, samesite="Strict", secure=self._secure_cookie(request))
        return response

    async def handle_signout(self, request: web.Request) -> web.Response:
        if not self.policy.allows_origin(request.headers.get("Origin"), request.headers.get("Host", "")):
            raise web.HTTPForbidden(text="This page may not sign out here (foreign Origin).\n")
        response = web.Response(status=303, headers={"Location": "/signin" if self.sign_in.users else "/"})
        response.del_cookie(COOKIE_NAME, path="/", httponly=True, samesite="Strict",
                            secure=self._secure_cookie(request))
        return response

    def _websocket_url(self, request: web.Request) -> str:
        """Where the page connects: the address the browser used (checked by then), or ``--public-url``."""
        if self.explicit_public_url:
            base = self.explicit_public_url.rstrip("/")
            scheme, rest = base.split("://", 1)
            return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/ws"
        scheme = "wss" if request.secure else "ws"
        return f"{scheme}://{request.headers.get('Host', '')}/ws"

    async def _add_security_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        host = request.headers.get("Host", "")
        websocket_origins = f"ws://{host} wss://{host}" if self.policy.allows_host(host) else ""
        if self.explicit_public_url:
            websocket_origins += " " + self._websocket_url(request).rsplit("/", 1)[0]
        response.headers["Content-Security-Policy"] = content_security_policy(websocket_origins)
        response.headers.update(SECURITY_HEADERS)

    async def handle_index(self, request: web.Request) -> web.Response:
        asked = request.query.get("fontsize", "")
        font_size = max(8, min(int(asked), 48)) if asked.isascii() and asked.isdigit() and len(asked) < 4 else 16
        page = self.pages.get_template("page.html").render(
            title=self.title, websocket_url=self._websocket_url(request), font_size=font_size,
            signed_in=request.get("identity"), can_sign_out=self.sign_in.users is not None,
        )
        return web.Response(text=page, content_type="text/html")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: the command says where it listens once the port is really open."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close the open sessions, so each app process gets its quit message instead of being killed."""
        for websocket in list(self._sockets):
            await websocket.close(code=1001, message=b"server stopped")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        if not websocket.can_prepare(request).ok:
            raise web.HTTPBadRequest(text="This address carries the app's websocket; open / in a browser instead.\n")
        if not self.policy.allows_origin(request.headers.get("Origin"), request.headers.get("Host", "")):
            log.warning("refused a websocket from the page at %r", request.headers.get("Origin", "")[:200])
            raise web.HTTPForbidden(text="This page may not open the app (foreign Origin).\n")
        if len(self._sockets) >= self.max_sessions:
            log.warning("refused a session: %d are open (--max-sessions)", len(self._sockets))
            raise web.HTTPServiceUnavailable(text="Too many open sessions; close a tab or try again later.\n")
        width, height = clamp_terminal_size(request.query.get("width"), request.query.get("height"))
        self._sockets.add(websocket)  # before the first await, so that two tabs cannot both take the last place
        try:
            await websocket.prepare(request)
        except BaseException:
            self._sockets.discard(websocket)
            raise

        async def close() -> None:
            await websocket.close()

        app_service = IdentityAppService(
            self.command,
            identity=request.get("identity"),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        try:
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one line: a session's failure is not the server's
            log.error("a session ended with an error: %s: %s", type(error).__name__, error)
        finally:
            self._sockets.discard(websocket)
            await app_service.stop()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """Forward the tab's keys and sizes to its app; messages that are not what the page sends are dropped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*clamp_terminal_size(data.get("width"), data.get("height")))
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data[:100]])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    def serve(self, debug: bool = False) -> None:
        """Listen until Ctrl+C or SIGTERM; raise :class:`CannotServe` when the address cannot be listened on."""
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self._serve_until_stopped())

    async def _serve_until_stopped(self) -> None:
        # The access log leaves out User-Agent and Referer: free text any page or client chooses.
        runner = web.AppRunner(
            await self._make_app(), handle_signals=False, shutdown_timeout=5, access_log_format='%a %t "%r" %s %b'
        )
        await runner.setup()
        try:
            try:
                await web.TCPSite(runner, self.host, self.port).start()
            except OSError as error:
                raise CannotServe(describe_bind_error(error)) from None
            stopped = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stopped.set)
            if self.on_listening is not None:
                self.on_listening()
            await stopped.wait()
        finally:
            await runner.cleanup()
