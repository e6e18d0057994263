"""``trainer sync`` on real git repositories built in tmp_path: a bare "origin", an author's clone that pushes,
and the server's checkout that syncs. Nothing is mocked: the real ``git`` binary runs every step."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import DRILLS, OBJECTIONS, PITCH_V1, PRODUCT, SCENARIO, write

from trainer.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the git binary is not installed")

PITCH_V2 = PITCH_V1.replace("version: 1", "version: 2").replace(
    "warn you days before they fail", "warn you weeks before they fail"
)
BROKEN_OBJECTIONS = OBJECTIONS.replace("    category: price\n", "    categroy: price\n")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Maria", "-c", "user.email=maria@example.com", *args],
        capture_output=True, text=True, check=True,
    )
    return done.stdout.strip()


class Repos:
    """origin (bare), the author's clone, and the server's checkout: the library ``trainer serve`` reads."""

    def __init__(self, base: Path) -> None:
        self.origin = base / "origin.git"
        self.author = base / "author"
        self.server = base / "server"
        subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(self.origin)], check=True)
        subprocess.run(["git", "clone", "--quiet", str(self.origin), str(self.author)], check=True,
                       capture_output=True)
        git(self.author, "switch", "--quiet", "-c", "main")
        for rel, text in {
            "content/acme/product.yaml": PRODUCT,
            "content/acme/pitches/acme-core/v1.yaml": PITCH_V1,
            "content/acme/objections.yaml": OBJECTIONS,
            "content/acme/drills.yaml": DRILLS,
            "scenarios/cold-call.yaml": SCENARIO,
        }.items():
            write(self.author / rel, text)
        self.push("Acme content, v1")
        subprocess.run(["git", "clone", "--quiet", str(self.origin), str(self.server)], check=True,
                       capture_output=True)

    def push(self, message: str, files: dict[str, str] | None = None) -> str:
        for rel, text in (files or {}).items():
            write(self.author / rel, text)
        git(self.author, "add", "-A")
        git(self.author, "commit", "--quiet", "-m", message)
        git(self.author, "push", "--quiet", "origin", "main")
        return git(self.author, "rev-parse", "HEAD")

    def head(self) -> str:
        return git(self.server, "rev-parse", "HEAD")

    def files(self) -> dict[str, bytes]:
        """Every file of the server's checkout outside .git, with its bytes."""
        found = {}
        for path in sorted(self.server.rglob("*")):
            if path.is_file() and ".git" not in path.relative_to(self.server).parts:
                found[str(path.relative_to(self.server))] = path.read_bytes()
        return found


@pytest.fixture
def repos(tmp_path: Path) -> Repos:
    return Repos(tmp_path)


def sync(library: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["sync", "--library", str(library), *extra], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_up_to_date(repos: Repos) -> None:
    code, out, _ = sync(repos.server)
    assert code == 0
    assert "Already up to date with origin/main" in out


def test_a_new_published_version_is_checked_then_fast_forwarded(repos: Repos) -> None:
    pushed = repos.push("Publish the Acme core pitch v2", {"content/acme/pitches/acme-core/v2.yaml": PITCH_V2})
    code, out, _ = sync(repos.server)
    assert code == 0, out
    assert "Synced with origin/main" in out
    assert "Publish the Acme core pitch v2" in out
    assert "Acme core pitch v2 (was v1; 30s changed)" in out
    assert repos.head() == pushed
    assert (repos.server / "content/acme/pitches/acme-core/v2.yaml").read_text() == PITCH_V2


def test_json_names_commits_and_changed_items(repos: Repos) -> None:
    repos.push("Objections v2", {"content/acme/objections.yaml": OBJECTIONS.replace("version: 1", "version: 2")})
    code, out, _ = sync(repos.server, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["status"] == "synced"
    assert [c["subject"] for c in data["commits"]] == ["Objections v2"]
    assert data["changes"] == [
        {"item": "objections:acme", "title": "Acme widgets objections", "old_version": 1, "new_version": 2, "cuts": []}
    ]


def test_a_broken_commit_is_refused_and_the_library_stays_exactly_as_it_was(repos: Repos) -> None:
    before, head = repos.files(), repos.head()
    repos.push("Typo in the objections", {"content/acme/objections.yaml": BROKEN_OBJECTIONS})
    code, out, err = sync(repos.server)
    assert code == 1
    shown = os.path.join(str(repos.server), "content", "acme", "objections.yaml")
    assert any(line.startswith(f"{shown}:") and "categroy" in line for line in out.splitlines()), out
    assert "trainer-sync-" not in out  # problems name the checkout's file, never the temporary copy
    assert "sync refused" in err and "left as it was" in err
    assert repos.head() == head
    assert repos.files() == before


def test_a_commit_that_empties_the_library_is_refused(repos: Repos) -> None:
    head = repos.head()
    git(repos.author, "rm", "-r", "--quiet", "content", "scenarios")
    repos.push("Oops")
    code, _, err = sync(repos.server)
    assert code == 1
    assert "holds no content files" in err
    assert repos.head() == head


def test_local_edits_are_refused_never_discarded(repos: Repos) -> None:
    repos.push("v2", {"content/acme/pitches/acme-core/v2.yaml": PITCH_V2})
    edited = repos.server / "content/acme/drills.yaml"
    edited.write_text(DRILLS + "# a manager's edit\n")
    head = repos.head()
    code, _, err = sync(repos.server)
    assert code == 1
    assert "local changes (content/acme/drills.yaml)" in err and "never discards" in err
    assert edited.read_text().endswith("# a manager's edit\n")
    assert repos.head() == head


def test_a_new_uncommitted_content_file_is_refused(repos: Repos) -> None:
    write(repos.server / "content/acme/pitches/acme-core/v2.yaml", PITCH_V2)
    code, _, err = sync(repos.server)
    assert code == 1
    assert "local changes (content/acme/pitches/acme-core/v2.yaml)" in err
    assert (repos.server / "content/acme/pitches/acme-core/v2.yaml").exists()


def test_diverged_history_is_refused(repos: Repos) -> None:
    repos.push("v2 upstream", {"content/acme/pitches/acme-core/v2.yaml": PITCH_V2})
    write(repos.server / "notes.txt", "local\n")
    git(repos.server, "add", "notes.txt")
    git(repos.server, "commit", "--quiet", "-m", "a local commit")
    head = repos.head()
    code, _, err = sync(repos.server)
    assert code == 1
    assert "cannot fast-forward" in err
    assert repos.head() == head


def test_unreachable_remote(repos: Repos, tmp_path: Path) -> None:
    git(repos.server, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    code, _, err = sync(repos.server)
    assert code == 1
    assert "cannot fetch 'main' from 'origin'" in err and "does not appear to be a git repository" in err
    assert len(err.strip().splitlines()) == 1


def test_not_a_checkout(make_library) -> None:  # type: ignore[no-untyped-def]
    code, _, err = sync(make_library())
    assert code == 2
    assert "is not a git checkout" in err
    assert len(err.strip().splitlines()) == 1


def test_git_missing(repos: Repos, tmp_path: Path) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    code, _, err = sync(repos.server, env={"PATH": str(empty)})
    assert code == 2
    assert err.strip() == "Error: git is not installed (or not on PATH): trainer sync needs the `git` command"


def test_unknown_remote_is_a_usage_error(repos: Repos) -> None:
    code, _, err = sync(repos.server, "--remote", "upstream")
    assert code == 2
    assert "no remote 'upstream'" in err


def test_a_library_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    """Content often lives in a folder of a bigger repository: problems still name the checkout's files."""
    repos = Repos(tmp_path)
    (repos.author / "training").mkdir()
    git(repos.author, "mv", "content", "training/content")
    git(repos.author, "mv", "scenarios", "training/scenarios")
    repos.push("Move the library into training/")
    git(repos.server, "pull", "--quiet")
    repos.push("Broken", {"training/content/acme/objections.yaml": BROKEN_OBJECTIONS})
    code, out, _ = sync(repos.server / "training")
    assert code == 1
    assert os.path.join(str(repos.server), "training", "content", "acme", "objections.yaml:") in out


def test_a_synced_version_reopens_assignments(repos: Repos, tmp_path: Path) -> None:
    """Issue 13 end to end: a rep done on v1 has the item open again once v2 arrives through a sync."""
    db = str(tmp_path / "practice.sqlite3")
    library = ["--library", str(repos.server)]

    def cli(*args: str, stdin: str | None = None) -> str:
        result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    def status() -> tuple[str, int]:
        [row] = json.loads(cli("assignments", "--db", db, "--format", "json", *library))
        return row["status"], row["version"]

    cli("assign", "acme-core:30s", "--rep", "alex", "--due", "2026-12-01", "--db", db, *library)
    words = ("Broken widgets stop your line for hours. Acme widgets warn you days before they fail. "
             "Can we run a two-week trial on your worst line?")
    cli("score", "--pitch", "acme-core", "--cut", "30s", "--save", "--rep", "alex", "--db", db, *library, stdin=words)
    assert status() == ("done", 1)
    repos.push("Publish v2", {"content/acme/pitches/acme-core/v2.yaml": PITCH_V2})
    assert sync(repos.server)[0] == 0
    assert status() == ("open", 2)


def test_an_unknown_branch_is_a_usage_error(repos: Repos) -> None:
    code, _, err = sync(repos.server, "--branch", "nope")
    assert code == 2
    assert "'origin' has no branch 'nope'" in err


def test_a_link_out_of_the_library_is_refused_in_one_line(repos: Repos) -> None:
    head = repos.head()
    (repos.author / "content/acme/secrets.yaml").symlink_to("/etc/passwd")
    repos.push("A link out of the repository")
    code, _, err = sync(repos.server)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "would leave the library" in err
    assert repos.head() == head
    assert not (repos.server / "content/acme/secrets.yaml").is_symlink()


def test_a_commit_subject_cannot_drive_the_terminal(repos: Repos) -> None:
    """Commit messages are untrusted text: an escape sequence in one is shown, never sent to the terminal."""
    repos.push("Retitle \x1b]0;pwned\x07 v2", {"content/acme/pitches/acme-core/v2.yaml": PITCH_V2})
    code, out, _ = sync(repos.server)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "pwned" in out
