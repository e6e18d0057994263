"""A real PostgreSQL server for the tests, in a temporary folder: ``initdb``, ``pg_ctl``, a unix socket, no TCP.

Why a real server and not a mock: what the PostgreSQL store must get right (transactions, locks between
processes, types, the SQL rewrites) is exactly what a mock would assume. The server is started once per test
process and every test gets a database of its own.

``initdb`` refuses to run as root, so as root the cluster belongs to ``nobody``, in a folder ``nobody`` owns.
When no server can be started, the tests that need one are skipped with the reason — unless
``TRAINER_REQUIRE_POSTGRES=1`` (CI sets it after installing PostgreSQL), where that is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REQUIRE_ENV = "TRAINER_REQUIRE_POSTGRES"

StoreFactory = Callable[..., Any]
"""``new_store(name)``: opens the practice store of that name (see the ``new_store`` fixture)."""


class NoPostgres(Exception):
    """Why no PostgreSQL server could be started here."""


def _bin_dir() -> Path:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH), else those on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise NoPostgres("PostgreSQL's initdb was not found (install it: apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    folder: Path
    bin_dir: Path
    port: int
    run_as: dict[str, Any]
    tcp: bool = False

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "postgres") -> str:
        if self.tcp:
            return f"postgresql://trainer@127.0.0.1:{self.port}/{database}"
        return f"postgresql://trainer@/{database}?host={self.socket_dir}&port={self.port}"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def restart(self, mode: str = "fast") -> None:
        """Restart the server (``fast``: as an administrator would; ``immediate``: as after a crash)."""
        subprocess.run(
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-l", str(self.folder / "server.log"),
             "-m", mode, "-w", "-t", "60", "restart"],
            capture_output=True, check=True, timeout=120, **self.run_as,
        )

    def stop(self) -> None:
        subprocess.run(
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"],
            capture_output=True, check=False, timeout=60, **self.run_as,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(*, tcp: bool = False, durable: bool = False) -> PostgresServer:
    """Start a throw-away cluster; raises NoPostgres saying why it could not.

    The tests want speed: a unix socket, no fsync. ``benchmarks/bench_team.py`` measures what a team's server
    would do, so it asks for TCP on 127.0.0.1 (``tcp``) and commits that reach the disk (``durable``).
    """
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        raise NoPostgres("psycopg is not installed (pip install -e '.[postgres]')") from None
    bin_dir = _bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="trainer-pg-"))
    run_as: dict[str, Any] = {}
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        run_as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": [], "cwd": str(folder)}
    port = _free_port()
    server = PostgresServer(folder, bin_dir, port, run_as, tcp)
    listen = "127.0.0.1" if tcp else ""
    speed = "" if durable else " -c fsync=off -c full_page_writes=off"
    environment = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    steps = [
        [str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", "trainer", "-A", "trust", "-E", "UTF8",
         "--no-sync", "--no-instructions"],
        [str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"), "-w", "-t", "60",
         "-o", f"-k {folder} -p {port} -c listen_addresses='{listen}'{speed} "
               "-c shared_buffers=16MB -c max_connections=200", "start"],
    ]
    for command in steps:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment, **run_as)
        except (OSError, subprocess.SubprocessError) as exc:
            server.stop()
            raise NoPostgres(f"{Path(command[0]).name} could not run: {exc}") from None
        if done.returncode != 0:
            log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
            server.stop()
            raise NoPostgres(
                f"{Path(command[0]).name} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-500:]}"
                f" {log.strip()[-500:]}"
            )
    return server
