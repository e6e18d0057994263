"""The practice store on a PostgreSQL server: one database a whole team's apps and served sessions share.

The same queries as the SQLite store (:class:`~trainer.store.sql_store.SqlStore`), run through psycopg 3 with a
connection pool, so a served app with many sessions holds a few connections rather than one each. Every write
is one transaction (``BEGIN`` ... ``COMMIT`` on a connection otherwise in autocommit mode), and writers of the
same card wait for each other (an advisory lock), so concurrent writers never lose an attempt or a review.

psycopg is optional (``pip install 'pitch-trainer[postgres]'``); without it, a PostgreSQL URL gives a one-line
error saying so.
"""

from __future__ import annotations

import re
import select
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from . import errors
from .dialect import POSTGRES, Connection
from .errors import StoreError, StoreUnavailable
from .migrations import SCHEMA_VERSION, TABLES, DatabaseTooNew, check_version, migrate
from .sql_store import SqlStore

URL_SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 10
POOL_TIMEOUT_S = 15.0


def is_postgres_url(target: object) -> bool:
    """Whether ``--db``/``TRAINER_DB`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.strip().lower().startswith(URL_SCHEMES)


def shown_url(url: str) -> str:
    """The URL with its password replaced by ``***``: what messages and reports may show."""
    try:
        parts = urlsplit(url)
        query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
        netloc = parts.netloc
        if parts.password is not None:
            host = parts.hostname or ""
            if ":" in host:
                host = f"[{host}]"
            port = f":{parts.port}" if parts.port else ""
            netloc = f"{parts.username or ''}:***@{host}{port}"
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "the PostgreSQL database given by --db or TRAINER_DB"


def _drivers() -> tuple[Any, Any]:
    try:
        import psycopg
        import psycopg_pool
    except ImportError:
        raise StoreUnavailable(
            "a PostgreSQL practice database needs the PostgreSQL driver: pip install 'pitch-trainer[postgres]'"
        ) from None
    return psycopg, psycopg_pool


@contextmanager
def postgres_errors(url: str) -> Iterator[None]:
    """Turn a psycopg or pool failure raised inside into the :class:`StoreError` for ``url``."""
    psycopg, psycopg_pool = _drivers()
    try:
        yield
    except StoreError:
        raise
    except (psycopg.Error, psycopg_pool.PoolTimeout, psycopg_pool.PoolClosed) as exc:
        raise errors.translate_postgres(exc, url) from exc


class PostgresStore(SqlStore):
    """Thread-safe access to one practice database on a PostgreSQL server, through a connection pool."""

    def __init__(self, url: str, *, max_connections: int = 10, timeout_s: float = POOL_TIMEOUT_S) -> None:
        """Connect, check the database is ours and current, migrate it; raises a StoreError saying why not."""
        self.url = url.strip()
        self.location = shown_url(self.url)
        psycopg, psycopg_pool = _drivers()
        with postgres_errors(self.location):
            # One plain connection first: it reports why a server cannot be used ("password authentication
            # failed"), where a pool would only say it timed out; it also runs the migrations.
            with psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S) as raw:
                self._open(Connection(raw, POSTGRES))
            self._pool = psycopg_pool.ConnectionPool(
                self.url,
                min_size=1,
                max_size=max(1, max_connections),
                kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
                timeout=timeout_s,
                check=_still_connected,  # a server restart does not break the app
                open=True,
                name="pitch-trainer",
            )

    @property
    def recordings_beside(self) -> Path:
        """Spoken attempts' recordings stay on this machine, in the user data folder."""
        import platformdirs

        return Path(platformdirs.user_data_dir("pitch-trainer", appauthor=False)) / "practice.sqlite3"

    def _open(self, db: Connection) -> None:
        try:
            found = check_version(db)
        except DatabaseTooNew as exc:
            raise errors.too_new(self.location, exc.found, SCHEMA_VERSION) from None
        if found:
            expected = TABLES if found >= SCHEMA_VERSION else ("attempts",)
            missing = [name for name in expected if name not in db.table_names()]
            if missing:
                raise errors.damaged(self.location, f"table {', '.join(missing)} missing")
        if found < SCHEMA_VERSION:
            migrate(db)

    def close(self) -> None:
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self, *, batched: bool = False) -> Iterator[Connection]:
        # batched: psycopg's pipeline mode sends BEGIN and each statement without waiting for its reply; reading
        # a result (or leaving the pipeline, after COMMIT) collects every reply up to it in one round trip.
        with postgres_errors(self.location), self._pool.connection() as raw, \
                raw.pipeline() if batched else nullcontext():
            db = Connection(raw, POSTGRES)
            db.begin()
            try:
                yield db
            except BaseException:
                _quietly_roll_back(db)
                raise
            try:
                db.commit()
            except BaseException:
                _quietly_roll_back(db)
                raise

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with postgres_errors(self.location), self._pool.connection() as raw:
            yield Connection(raw, POSTGRES)


def _still_connected(raw: Any) -> None:
    """The pool's check before it hands out a connection: raise if the server has gone since it was last used.

    psycopg's own check (an empty query) costs a round trip on every write and every read, and a round trip is
    what a busy server makes slow. But an idle connection in the pool is never sent anything unasked (the app
    does not LISTEN) except when the server ends it — a restart, a crash, a session timeout — and says so
    before closing the socket. So only a connection with something waiting on its socket gets the full check.
    """
    if raw.broken or raw.closed:
        raise _drivers()[0].OperationalError("the connection to the server was lost")
    poller = select.poll()  # not select.select: a server with many open sessions may hold descriptors past 1024
    poller.register(raw.pgconn.socket, select.POLLIN)
    if poller.poll(0):
        _drivers()[1].ConnectionPool.check_connection(raw)


def _quietly_roll_back(db: Connection) -> None:
    """Roll back after a failure; a connection that broke cannot, and the pool then discards it."""
    with suppress(Exception):
        db.rollback()
