"""Bring a library that is a git checkout up to date, checking the new content BEFORE it is served.

A team keeps its content in a git repository reviewed like code, and the server runs on a checkout of it.
``trainer sync`` fetches, materialises the fetched commit in a temporary folder (``git archive``: nothing in the
checkout or its ``.git`` changes), loads and checks it there exactly as ``trainer check`` would, and only when
it has no errors fast-forwards the checkout. So a broken commit never reaches the reps, and a manager's local
edits are never touched: a checkout with local changes, or one that cannot be fast-forwarded, is refused.

``git`` runs as a subprocess with argument lists (never a shell), never prompts for a password (a cron job
would hang), and has a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .catalog import Library
from .loader import load_library, yaml_files
from .problems import ContentError, Problem, display_path
from .published import VersionChange, published_changes
from .roster import ROSTER_NAMES

GIT_TIMEOUT = 300.0  # seconds for one git command (a slow fetch); a hung remote must not hang cron forever
LIBRARY_PARTS = ("content", "scenarios", *ROSTER_NAMES)

SyncStatus = Literal["synced", "up-to-date", "refused"]


class SyncUsageError(ContentError):
    """The command cannot apply here: no git, not a checkout, a detached HEAD, an unknown branch (exit 2)."""


class SyncRefused(ContentError):
    """Syncing would be unsafe: local changes, an unreachable remote, a diverged branch (exit 1)."""


@dataclass(frozen=True)
class Commit:
    sha: str
    subject: str

    def to_dict(self) -> dict[str, str]:
        return {"commit": self.sha, "subject": self.subject}


@dataclass
class SyncResult:
    """What ``trainer sync`` did: the status, the commits it brought, what reps now practise, what was found."""

    status: SyncStatus
    source: str  # "origin/main"
    old: str  # the checkout's commit before
    new: str  # the checked fetched commit (the checkout's commit after, when synced)
    commits: list[Commit] = field(default_factory=list)
    changes: list[VersionChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    note: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def to_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "source": self.source,
            "from": self.old,
            "to": self.new,
            "commits": [c.to_dict() for c in self.commits],
            "changes": [c.to_dict() for c in self.changes],
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
            "note": self.note,
        }


class Git:
    """The ``git`` binary on one checkout: every call an argument list, no prompts, a time limit."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("git")
        if binary is None:
            raise SyncUsageError("git is not installed (or not on PATH): trainer sync needs the `git` command")
        self.binary = binary
        self.folder = folder
        self.env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
        self.env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        try:
            done = subprocess.run(
                [self.binary, "-C", str(self.folder), *args], capture_output=True, text=True, errors="replace",
                env=self.env, stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SyncRefused(f"git {args[0]} took longer than {GIT_TIMEOUT:.0f} s and was stopped") from exc
        except OSError as exc:
            raise SyncUsageError(f"cannot run git: {exc.strerror or exc}") from exc
        if check and done.returncode != 0:
            raise SyncRefused(f"git {args[0]} failed: {last_line(done.stderr)}")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0


def last_line(text: str) -> str:
    """The line of git's message that says what went wrong: its first ``fatal:`` or ``error:`` line (git
    adds advice after it, such as "Please make sure you have the correct access rights"), else its last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line.removeprefix(prefix).rstrip(".")
    return lines[-1].rstrip(".") if lines else "no message"


def _checkout_of(root: Path) -> tuple[Git, str]:
    """Git on the checkout's top folder, and the library's path inside it ("" at the top)."""
    if not root.is_dir():
        raise SyncUsageError(f"library folder {display_path(root)} does not exist")
    git = Git(root)
    done = git.run("rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0:
        raise SyncUsageError(
            f"{display_path(root)} is not a git checkout: clone the content repository and pass it with --library"
        )
    top = Path(done.stdout.strip())
    inside = os.path.relpath(os.path.realpath(root), os.path.realpath(top))
    return Git(top), "" if inside == "." else inside


def _branch_and_source(git: Git, remote: str | None, branch: str | None) -> tuple[str, str, str]:
    """The checked-out branch, the remote and the remote branch to fast-forward it to (its upstream by default)."""
    done = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if done.returncode != 0:
        raise SyncUsageError("the checkout is not on a branch (detached HEAD): `git switch BRANCH` first")
    local = done.stdout.strip()
    upstream_remote = git.run("config", f"branch.{local}.remote", check=False).stdout.strip()
    upstream_merge = git.run("config", f"branch.{local}.merge", check=False).stdout.strip()
    remote = remote or upstream_remote or "origin"
    if branch is None:
        branch = upstream_merge.removeprefix("refs/heads/") if upstream_merge and remote == upstream_remote else local
    if not git.ok("check-ref-format", "--branch", branch):
        raise SyncUsageError(f"{branch!r} is not a branch name")
    known = git.out("remote").split()
    if remote not in known:
        raise SyncUsageError(f"the checkout has no remote {remote!r} (it has: {', '.join(known) or 'none'})")
    return local, remote, branch


def _in_library(path: str, prefix: str) -> bool:
    inside = path if not prefix else path[len(prefix) + 1 :] if path.startswith(prefix + "/") else None
    return inside is not None and inside.split("/", 1)[0] in LIBRARY_PARTS


def _local_changes(git: Git, prefix: str) -> list[str]:
    """Edited or staged tracked files anywhere, and new content files in the library: a sync never touches them."""
    changed: list[str] = []
    for line in git.run("status", "--porcelain=v1", "-z", "--untracked-files=all").stdout.split("\0"):
        if len(line) < 4:
            continue
        code, path = line[:2], line[3:]
        if code == "??" and not _in_library(path, prefix):
            continue  # an untracked file outside the content: not served; git refuses to overwrite it anyway
        changed.append(path)
    return changed


def _materialise(git: Git, commit: str, prefix: str, into: Path) -> Path:
    """The library of ``commit`` as plain files under ``into`` (``git archive``; the checkout is not touched)."""
    tree = into / "tree"
    tree.mkdir()
    root = tree / prefix if prefix else tree
    if not git.out("ls-tree", "--name-only", commit, *([f"{prefix}/"] if prefix else [])):
        root.mkdir(parents=True, exist_ok=True)  # an empty tree: git archive writes no tar at all
        return root
    archive = into / "fetched.tar"
    with archive.open("wb") as handle:
        try:
            done = subprocess.run(
                [git.binary, "-C", str(git.folder), "archive", "--format=tar", commit, *([prefix] if prefix else [])],
                stdout=handle, stderr=subprocess.PIPE, text=False, env=git.env, stdin=subprocess.DEVNULL,
                timeout=GIT_TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SyncRefused(f"git archive took longer than {GIT_TIMEOUT:.0f} s and was stopped") from exc
    if done.returncode != 0:
        raise SyncRefused(f"git archive failed: {last_line(done.stderr.decode('utf-8', 'replace'))}")
    with tarfile.open(archive) as tar:
        try:
            tar.extractall(tree, filter="data")  # refuses absolute paths and links out of the folder
        except tarfile.FilterError as exc:
            raise SyncRefused(f"the fetched commit holds a path that would leave the library: {exc}") from exc
    archive.unlink()
    root.mkdir(parents=True, exist_ok=True)
    return root


def _shown_as_checkout(problem: Problem, temp_root: Path, real_root: Path) -> Problem:
    """A problem found in the temporary copy, named by the file it will be in the checkout."""
    for form in (display_path(temp_root), str(temp_root), os.path.realpath(temp_root)):
        if problem.path.startswith(form + os.sep):
            rest = problem.path[len(form) + 1 :]
            return Problem(display_path(real_root / rest), problem.line, problem.col, problem.message, problem.severity)
    return problem


def check_commit(git: Git, commit: str, prefix: str, real_root: Path) -> tuple[Library, list[Problem], int]:
    """Load the library of ``commit`` in a temporary folder: the library, its problems and how many files it has."""
    with tempfile.TemporaryDirectory(prefix="trainer-sync-") as temp:
        root = _materialise(git, commit, prefix, Path(temp))
        library = load_library(root)
        files = len(yaml_files(root / "content" if (root / "content").is_dir() else root))
        problems = sorted(_shown_as_checkout(p, root, real_root) for p in library.problems)
        library.root = real_root
        return library, problems, files


def sync_library(root: Path, remote: str | None = None, branch: str | None = None) -> SyncResult:
    """Fetch, check the fetched commit, and fast-forward the checkout only when it has no errors.

    Raises :class:`SyncUsageError` or :class:`SyncRefused` (one-line messages) before anything changed; a
    result with status ``refused`` lists the content errors of the fetched commit. In every refusal the
    checkout, its branch and its files are exactly as they were.
    """
    git, prefix = _checkout_of(Path(root))
    local, remote, branch = _branch_and_source(git, remote, branch)
    changed = _local_changes(git, prefix)
    if changed:
        listed = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise SyncRefused(
            f"the checkout has local changes ({listed}); commit or remove them first — sync never discards them"
        )
    source = f"{remote}/{branch}"
    done = git.run("fetch", "--quiet", "--no-tags", remote, f"refs/heads/{branch}", check=False)
    if done.returncode != 0:
        reason = last_line(done.stderr)
        if "couldn't find remote ref" in reason:
            raise SyncUsageError(f"{remote!r} has no branch {branch!r}")
        raise SyncRefused(f"cannot fetch {branch!r} from {remote!r}: {reason}")
    head = git.out("rev-parse", "--verify", "HEAD^{commit}")
    fetched = git.out("rev-parse", "--verify", "FETCH_HEAD^{commit}")
    short = git.out("rev-parse", "--short", fetched)
    old_short = git.out("rev-parse", "--short", head)
    if git.ok("merge-base", "--is-ancestor", fetched, head):
        ahead = int(git.out("rev-list", "--count", f"{fetched}..{head}"))
        note = f"the checkout is {ahead} commit(s) ahead of {source}" if ahead else ""
        return SyncResult("up-to-date", source, old_short, short, note=note)
    if not git.ok("merge-base", "--is-ancestor", head, fetched):
        raise SyncRefused(
            f"{local} has commits that {source} does not (the histories diverged): cannot fast-forward; "
            "merge or rebase by hand"
        )
    commits = [
        Commit(*line.split(" ", 1)) if " " in line else Commit(line, "")
        for line in git.out("log", "--format=%h %s", f"{head}..{fetched}").splitlines()
    ]
    real_root = Path(root)
    new_library, problems, files = check_commit(git, fetched, prefix, real_root)
    result = SyncResult("refused", source, old_short, short, commits, problems=problems)
    if not files:
        result.note = f"{short} holds no content files; a sync would empty the library"
        return result
    if result.errors:
        result.note = f"{short} has {len(result.errors)} error(s)"
        return result
    old_library = load_library(real_root)
    result.changes = published_changes(old_library, new_library)
    merged = git.run("merge", "--ff-only", "--quiet", fetched, check=False)
    if merged.returncode != 0:
        raise SyncRefused(f"cannot fast-forward {local} to {short}: {last_line(merged.stderr)}")
    result.status = "synced"
    return result
