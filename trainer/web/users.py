"""The users file of ``trainer serve --users FILE``: one record per person, a salted argon2id hash each.

Why a file of its own (not the practice database): who may sign in is the server operator's decision, kept
beside the server with mode 0600, and the practice database may be a shared PostgreSQL server that many people
read. Why argon2id (argon2-cffi): a stolen file must not give the passwords back cheaply; every hash carries
its own random salt and cost parameters, so a later, slower setting still verifies the older hashes.

The file is JSON: ``{"version": 1, "users": {"ann": "$argon2id$..."}}``. Names are the rep names of the
practice history and the roster, whitespace collapsed, matched exactly.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..safe_text import visible

MAX_NAME = 100  # the roster's limit on a person's name
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 hashes any length; a megabyte "password" is a denial of service, not a secret
FILE_VERSION = 1

_HASHER = PasswordHasher()
# A hash to verify against when the name is unknown, so that "no such user" takes as long as "wrong password".
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class UsersFileError(Exception):
    """The users file cannot be read or written, or a name or password is not acceptable; one line for users."""


def _has_control(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in text)


def clean_name(name: str) -> str:
    """The name as it is stored: whitespace collapsed; a :class:`UsersFileError` saying why it is refused."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsersFileError("the name is empty")
    if len(cleaned) > MAX_NAME:
        raise UsersFileError(f"the name is longer than {MAX_NAME} characters")
    if _has_control(cleaned):
        raise UsersFileError(f"the name '{visible(cleaned)}' contains control or invisible formatting characters")
    return cleaned


def check_password(password: str) -> None:
    """Refuse passwords that are too short, absurdly long or hold characters a browser form cannot send."""
    if len(password) < MIN_PASSWORD:
        raise UsersFileError(f"the password is shorter than {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsersFileError(f"the password is longer than {MAX_PASSWORD} characters")
    if _has_control(password):
        raise UsersFileError("the password contains control characters (a browser cannot type them)")


class UsersFile:
    """The records of one users file, read once; :meth:`save` writes them back atomically with mode 0600."""

    def __init__(self, path: Path, hashes: dict[str, str]) -> None:
        self.path = path
        self.hashes = hashes

    @classmethod
    def load(cls, path: Path, *, missing_ok: bool = False) -> UsersFile:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if missing_ok:
                return cls(path, {})
            raise UsersFileError(f"{visible(str(path))}: no such users file (`trainer users add` makes one)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsersFileError(f"{visible(str(path))}: cannot read the users file: {exc}") from None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise UsersFileError(f"{visible(str(path))}: not a users file (invalid JSON: {exc})") from None
        users = data.get("users") if isinstance(data, dict) else None
        if not isinstance(users, dict) or data.get("version") != FILE_VERSION:
            raise UsersFileError(f"{visible(str(path))}: not a users file (expected version {FILE_VERSION} and users)")
        hashes: dict[str, str] = {}
        for name, hashed in users.items():
            if not isinstance(hashed, str) or not hashed.startswith("$argon2"):
                where = visible(str(path))
                raise UsersFileError(f"{where}: the record of {visible(str(name))!r} is not an argon2 hash")
            hashes[str(name)] = hashed
        return cls(path, hashes)

    @property
    def names(self) -> list[str]:
        return sorted(self.hashes, key=str.casefold)

    def set_password(self, name: str, password: str) -> str:
        """Add ``name`` or give them a new password; returns the stored name."""
        name = clean_name(name)
        check_password(password)
        self.hashes[name] = _HASHER.hash(password)
        return name

    def remove(self, name: str) -> bool:
        return self.hashes.pop(" ".join(name.split()), None) is not None

    def verify(self, name: str, password: str) -> bool:
        """Whether ``password`` is ``name``'s; as slow for an unknown name as for a wrong password."""
        hashed = self.hashes.get(name)
        if len(password) > MAX_PASSWORD:
            return False
        try:
            return _HASHER.verify(hashed or _DUMMY_HASH, password) and hashed is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def save(self) -> None:
        """Write every record to a temporary file (0600) beside the file, then rename it over: never half a file."""
        text = json.dumps({"version": FILE_VERSION, "users": dict(sorted(self.hashes.items()))}, indent=2,
                          ensure_ascii=False) + "\n"
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".users-", suffix=".tmp", dir=folder)
            try:
                os.fchmod(handle, 0o600)
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise UsersFileError(f"{visible(str(self.path))}: cannot write the users file: {exc}") from None


class LiveUsers:
    """The users file as it is now: read again when it changes, so `trainer users remove` takes effect on a
    running server (the person's session ends at their next request) without a restart.

    A file that becomes unreadable keeps the last good records and logs why, rather than letting everyone in
    or locking everyone out mid-session.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int, int] | None = None
        self._current = UsersFile.load(path)  # at start-up a bad file is the operator's error: raise
        self._stamp = self._stat()

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size, status.st_ino

    def current(self) -> UsersFile:
        stamp = self._stat()
        if stamp is not None and stamp != self._stamp:
            try:
                self._current = UsersFile.load(self.path)
            except UsersFileError:
                return self._current
            self._stamp = stamp
        return self._current

    @property
    def hashes(self) -> dict[str, str]:
        return self.current().hashes

    def verify(self, name: str, password: str) -> bool:
        return self.current().verify(name, password)
