"""Shared fixtures: small real libraries written to temporary folders, and a test run that never writes into the
developer's own folders.

Every test gets its own HOME, XDG folders, practice database, config folder, log folder and tmux socket folder
in a fresh temporary folder; processes the tests start (subprocess, tmux) inherit that environment. A session guard
records the real user folders of ``pitch-trainer`` before anything runs and fails the run if any of them changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixture_library import DRILLS, OBJECTIONS, PITCH_V1, PRODUCT, SCENARIO, LibraryFactory, write
from postgres_server import REQUIRE_ENV, NoPostgres, PostgresServer, StoreFactory, start_server
from user_folders import REAL_USER_FOLDERS, USER_FOLDER_VARIABLES, Listing, listing

_BEFORE = pytest.StashKey[Listing]()  # the real user folders as they were before the first test


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _is_xdist_worker(session.config):
        session.config.stash[_BEFORE] = listing(REAL_USER_FOLDERS)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a test created or changed anything in the real user folders."""
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    after = listing(REAL_USER_FOLDERS)
    touched = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
    if not touched:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    message = "the tests wrote into the real user folders: " + ", ".join(touched)
    if reporter is not None:
        reporter.write("\n")  # the progress line may still be open
        reporter.write_sep("=", "USER FOLDERS TOUCHED", red=True)
        reporter.write_line(message)
    else:
        print(message)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point every user folder at a fresh temporary folder, so no test (or process it starts) writes the developer's.

    The folder sits beside the test's ``tmp_path``, not in it, so a test that lists ``tmp_path`` sees only what
    the code under test wrote there. The tmux folder is created because tmux ignores a ``TMUX_TMPDIR`` that does
    not exist and falls back to ``/tmp``.
    """
    base = tmp_path_factory.mktemp("user")
    folders = {name: base / relative for name, relative in USER_FOLDER_VARIABLES.items()}
    for name, folder in folders.items():
        monkeypatch.setenv(name, str(folder))
    folders["TMUX_TMPDIR"].mkdir(parents=True)
    monkeypatch.delenv("TMUX", raising=False)  # a tmux client inside a developer's tmux would talk to it
    return folders


@pytest.fixture
def make_library(tmp_path: Path) -> LibraryFactory:
    """Write a small valid library (one product, one pitch, objections, drills, a scenario); override files
    by passing ``{"relative/path.yaml": "text"}``; a value of None deletes that file."""

    def make(files: dict[str, str | None] | None = None) -> Path:
        root = tmp_path / "lib"
        base = {
            "content/acme/product.yaml": PRODUCT,
            "content/acme/pitches/acme-core/v1.yaml": PITCH_V1,
            "content/acme/objections.yaml": OBJECTIONS,
            "content/acme/drills.yaml": DRILLS,
            "scenarios/cold-call.yaml": SCENARIO,
        }
        base.update(files or {})
        for rel, text in base.items():
            if text is not None:
                write(root / rel, text)
        return root

    return make


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for this test process (see ``postgres_server.py``), or a skip saying why not."""
    try:
        server = start_server()
    except NoPostgres as exc:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but no PostgreSQL server could be started: {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a new, empty database on the test server."""
    return postgres_server.create_database()



@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Open a practice store by name, on SQLite and then on PostgreSQL: the same test runs on both databases.

    Each name is its own database; opening a name again opens the same one again (as a restarted app would).
    Every store opened is closed after the test (a PostgreSQL store holds a pool of connections).
    """
    from trainer.store import PracticeStore

    opened: list[Any] = []
    urls: dict[str, str] = {}
    server: PostgresServer | None = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")

    def open_store(name: str = "practice") -> Any:
        if server is None:
            store: Any = PracticeStore(tmp_path / f"{name}.sqlite3")
        else:
            from trainer.store.postgres import PostgresStore

            if name not in urls:
                urls[name] = server.create_database()
            store = PostgresStore(urls[name], max_connections=4)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()
