"""Commands that write content never write into the installed package: its sample is read-only to them.

The sample shipped in the wheel lives in site-packages, where the next upgrade wipes whatever a manager
wrote there; a command that would write must refuse and say how to start a content folder instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main
from trainer.library import ContentError
from trainer.library.locate import LibraryLocation, bundled_library, refuse_unwritable


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[Path, tuple[int, bytes]]:
    """Every file under ``folder`` with its modification time and bytes."""
    return {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in sorted(folder.rglob("*")) if path.is_file()}


def restore(folder: Path, files: dict[Path, tuple[int, bytes]]) -> None:
    """Undo whatever a (buggy) command wrote into ``folder``, so the other tests still see the sample."""
    for path in folder.rglob("*"):
        if path.is_file() and path not in files:
            path.unlink()
    for path, (_, data) in files.items():
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)


@pytest.fixture
def no_library_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder without content/ and no TRAINER_LIBRARY: the library in use is the bundled sample."""
    monkeypatch.delenv("TRAINER_LIBRARY", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [
        ["new-version", "flowguard-core"],
        ["publish", "flowguard-core"],
        ["publish", "flowguard-core", "--version", "1"],
        ["new", "product", "acme"],
        ["new", "pitch", "flowguard", "flowguard-upsell"],
    ],
)
def test_writing_commands_refuse_the_bundled_sample_and_write_nothing(
    no_library_here: Path, command: list[str]
) -> None:
    sample = bundled_library()
    before = {sub: snapshot(sample / sub) for sub in ("content", "scenarios")}
    try:
        code, out, err = run(*command)
        after = {sub: snapshot(sample / sub) for sub in ("content", "scenarios")}
    finally:
        for sub, files in before.items():
            restore(sample / sub, files)
    assert code == 2, out + err
    assert after == before
    assert err.count("\n") == 1, err
    assert f"the library in use is the bundled sample at {sample.resolve()}" in err
    assert "run `trainer init` to start your own content folder, or pass --library DIR" in err
    assert list(no_library_here.iterdir()) == []


def test_reading_commands_still_use_the_bundled_sample(no_library_here: Path) -> None:
    code, out, _ = run("show", "flowguard-core", "--cut", "30s")
    assert code == 0 and "warn you days before they fail" in out
    assert run("check")[0] == 0


def test_a_library_inside_the_installed_package_is_refused(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "trainer"
    sample = package / "sample"
    (sample / "content" / "acme").mkdir(parents=True)
    with pytest.raises(ContentError, match="inside the installed package, where the next upgrade wipes it"):
        refuse_unwritable(LibraryLocation(sample, "--library"), package_dir=package)
    own = tmp_path / "mine"
    (own / "content").mkdir(parents=True)
    assert refuse_unwritable(LibraryLocation(own, "--library"), package_dir=package) == own


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder")
def test_a_library_without_write_permission_is_refused(make_library: LibraryFactory) -> None:
    root = make_library()
    (root / "content").chmod(0o555)
    try:
        code, _, err = run("new", "product", "beta", "--library", str(root))
    finally:
        (root / "content").chmod(0o755)
    assert code == 2 and "permission denied" in err
    assert not (root / "content" / "beta").exists()


def test_an_explicit_library_outside_the_package_is_written(make_library: LibraryFactory) -> None:
    root = make_library()
    code, _, err = run("new-version", "acme-core", "--library", str(root))
    assert code == 0, err
    assert (root / "content/acme/pitches/acme-core/v2.yaml").is_file()
