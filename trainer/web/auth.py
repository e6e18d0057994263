"""Who is asking: signed session cookies, the brake on guessing passwords, and the trusted-proxy rule.

Why signed cookies and not a session table: the server keeps no state a restart must carry, and a cookie
cannot be forged or edited without the secret (HMAC-SHA256, compared in constant time). The secret is random
per server start, so stopping the server signs everyone out; a session also ends after ``SESSION_SECONDS``.

Why a brake per name *and* per address: guessing one person's password from many addresses and many names
from one address are both slowed; a correct password after failures still has to wait out the pause, so the
pause cannot be probed for.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

COOKIE_NAME = "trainer_session"
IDENTITY_ENV = "TRAINER_SIGNED_IN"  # how a session's app process learns who signed in (never its command line)
SESSION_SECONDS = 12 * 60 * 60  # a working day
MAX_TRACKED = 10_000  # failure records kept at once; the oldest go first, so a flood cannot fill memory
FREE_FAILURES = 3  # mistakes before any pause
FIRST_PAUSE = 5.0  # seconds after the next one, doubling with each further failure
MAX_PAUSE = 300.0


class SessionSigner:
    """Makes and checks ``name · expiry`` tokens signed with a secret only this server process knows."""

    def __init__(self, secret: bytes | None = None, *, clock: Callable[[], float] = time.time,
                 lifetime: int = SESSION_SECONDS) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self._clock = clock
        self.lifetime = lifetime

    def _signature(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()

    def issue(self, name: str) -> str:
        expires = int(self._clock()) + self.lifetime
        payload = f"{expires}:{secrets.token_hex(8)}:{name}".encode()
        return f"{_b64(payload)}.{_b64(self._signature(payload))}"

    def identity(self, token: str | None) -> str | None:
        """The signed-in name, or None for a missing, malformed, tampered or expired token."""
        if not token or len(token) > 2000 or token.count(".") != 1:
            return None
        payload_text, signature_text = token.split(".")
        try:
            payload, signature = _unb64(payload_text), _unb64(signature_text)
        except ValueError:
            return None
        if not hmac.compare_digest(signature, self._signature(payload)):
            return None
        try:
            expires, _nonce, name = payload.decode().split(":", 2)
            if int(expires) < self._clock():
                return None
        except ValueError:
            return None
        return name or None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    if not text.isascii():
        raise ValueError("not base64")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class _Record:
    failures: int = 0
    until: float = 0.0


@dataclass
class SignInBrake:
    """Counts failed sign-ins per name and per address; past ``FREE_FAILURES`` each key waits, doubling."""

    clock: Callable[[], float] = time.monotonic
    _records: dict[str, _Record] = field(default_factory=dict)

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before another try is looked at for any of ``keys`` (0 when it may go ahead)."""
        now = self.clock()
        return max([0.0, *(record.until - now for key in keys if (record := self._records.get(key)))])

    def failed(self, keys: Iterable[str]) -> None:
        now = self.clock()
        for key in keys:
            record = self._records.pop(key, None) or _Record()
            record.failures += 1
            if record.failures > FREE_FAILURES:
                record.until = now + min(MAX_PAUSE, FIRST_PAUSE * 2.0 ** (record.failures - FREE_FAILURES - 1))
            self._records[key] = record  # re-inserted: the dict's order is the order of last failure
        while len(self._records) > MAX_TRACKED:
            del self._records[next(iter(self._records))]

    def succeeded(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._records.pop(key, None)


def parse_proxies(text: str) -> frozenset[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """``--trusted-proxy 127.0.0.1,10.0.0.5``: IP addresses only (a name could resolve to anyone)."""
    found = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            found.add(ipaddress.ip_address(part))
        except ValueError:
            raise ValueError(f"not an IP address: {part!r}") from None
    if not found:
        raise ValueError("no address given")
    return frozenset(found)


def is_trusted_peer(peer: str | None, proxies: frozenset[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> bool:
    """Whether the TCP peer (never a header) is one of the configured proxies; IPv4-mapped IPv6 counts as IPv4."""
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address in proxies
