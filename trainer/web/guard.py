"""The rules a served app applies to every browser request, as pure functions that tests can read directly.

Why each rule exists:

- ``Host`` is checked against the names the server is reached by, because a page on ``evil.example`` can make
  its own name resolve to 127.0.0.1 (DNS rebinding) and then read the app as if it were same-origin. An IP
  literal is always safe to accept: a rebinding page's requests carry the attacker's *name*.
- ``Origin`` of the websocket is checked because browsers let any page open a websocket to any address, with
  the rep's network position; without the check any page the rep visits could drive their session.
- The terminal size a tab asks for is clamped because the app allocates a buffer per cell: 20000×12000 cells
  cost gigabytes on the server.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_COLUMNS = 500
MAX_ROWS = 200
MIN_COLUMNS = 10
MIN_ROWS = 4
DEFAULT_SIZE = (80, 24)
DEFAULT_MAX_SESSIONS = 20  # open tabs at once; each runs an app process of its own
MAX_MESSAGE_BYTES = 1024 * 1024  # one websocket message: a pasted answer fits, a flood does not
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.strip().isdigit() and len(value) <= 9:
        return int(value)
    return None


def clamp_terminal_size(width: object, height: object) -> tuple[int, int]:
    """The size to give the app: what the tab asked for, within MIN..MAX; the default when it is not a number."""
    columns, rows = _as_int(width), _as_int(height)
    if columns is None or rows is None:
        columns, rows = DEFAULT_SIZE
    return max(MIN_COLUMNS, min(columns, MAX_COLUMNS)), max(MIN_ROWS, min(rows, MAX_ROWS))


def is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def split_host_header(value: str) -> tuple[str, int | None] | None:
    """``example.com:8000`` → ("example.com", 8000); ``[::1]`` → ("::1", None); None when it is not a host."""
    if not value or any(char in value for char in "/?#@\\ \t") or not value.isascii():
        return None
    try:
        parts = urlsplit("//" + value)
        port = parts.port
    except ValueError:
        return None
    name = (parts.hostname or "").rstrip(".")
    if not name:
        return None
    return name, port


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def parse_origin(value: str) -> Origin | None:
    """An http(s) origin (scheme, host, port with the scheme's default filled in), or None when it is not one."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query:
        return None
    return Origin(scheme, parts.hostname.rstrip("."), port or DEFAULT_PORTS[scheme])


@dataclass(frozen=True)
class AccessPolicy:
    """Which ``Host`` names and which page origins may use the app served on ``host:port``."""

    port: int
    host_names: frozenset[str]
    extra_host_names: frozenset[str]
    extra_origins: frozenset[Origin]

    @classmethod
    def build(
        cls, host: str, port: int, *, allow_hosts: Iterable[str] = (), allow_origins: Iterable[str] = ()
    ) -> AccessPolicy:
        """The served address's own names, plus what ``--allow-host`` / ``--allow-origin`` add.

        Bound to every address (0.0.0.0, ::) the machine's own names count as served names too.
        """
        names = {"localhost"}
        if host.lower() in WILDCARD_HOSTS:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        elif not is_ip_literal(host):
            names.add(host.lower().rstrip("."))
        origins = set()
        for text in allow_origins:
            origin = parse_origin(text)
            if origin is None:
                raise ValueError(f"not an origin: {text!r} (expected http://name:port or https://name)")
            origins.add(origin)
        extra = {name.lower().rstrip(".") for name in allow_hosts}
        extra |= {origin.host for origin in origins}
        return cls(port, frozenset(names), frozenset(extra), frozenset(origins))

    def allows_host(self, header: str | None) -> bool:
        """Whether a request's ``Host`` header names this server (see the module docstring for why)."""
        if header is None:
            return False
        parsed = split_host_header(header)
        if parsed is None:
            return False
        name, port = parsed
        name = name.lower()
        if name in self.extra_host_names:
            return True  # named by the operator, e.g. behind a reverse proxy on another port
        if port != self.port and not (port is None and self.port == 80):
            return False
        return is_ip_literal(name) or name in self.host_names

    def allows_origin(self, origin_header: str | None, host_header: str) -> bool:
        """Whether the page that opened a websocket is this app's own page (or an allowed one).

        No ``Origin`` at all means no browser (browsers always send it on websockets), so no page to distrust.
        """
        if origin_header is None:
            return True
        origin = parse_origin(origin_header)
        if origin is None:
            return False  # includes "null": sandboxed frames and local files
        if origin in self.extra_origins:
            return True
        served = split_host_header(host_header)
        if served is None:
            return False
        name, port = served
        return origin.host.lower() == name.lower() and origin.port == (port or DEFAULT_PORTS[origin.scheme])


def content_security_policy(websocket_origin: str) -> str:
    """Only our own files (``websocket_origin``: the ws/wss sources the page connects to); no framing.

    Styles may be inline because the terminal (xterm.js, inside the bundled ``textual.js``) creates ``<style>``
    elements at run time with sizes and colours no nonce can reach; styles cannot run script, and the page
    carries no untrusted markup (the terminal draws on a canvas). The page itself has no inline script or style.
    """
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self'",
            "font-src 'self'",
            f"connect-src 'self' {websocket_origin}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
