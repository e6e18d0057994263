"""The `trainer` commands as a manager or a content repo's CI uses them: output, JSON and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_on_a_valid_library(make_library: LibraryFactory) -> None:
    code, out, err = run("check", "--library", str(make_library()))
    assert code == 0
    assert "checked 5 file(s)" in out + err


def test_check_reports_file_line_col_and_exits_1(make_library: LibraryFactory) -> None:
    root = make_library({"content/acme/objections.yaml": "product: acme\nversion: 1\nobjectoins: []\n"})
    code, out, _ = run("check", "--library", str(root))
    assert code == 1
    assert "objections.yaml:3:1: unknown key 'objectoins'; did you mean 'objections'?" in out


def test_check_single_file_is_checked_in_its_library(make_library: LibraryFactory) -> None:
    root = make_library(
        {
            "scenarios/cold-call.yaml": (
                "id: cold-call\ntitle: T\nproduct: acme\npersona: P\nstage: discovery\nsteps:\n  - drill: nope\n"
            )
        }
    )
    code, out, _ = run("check", str(root / "scenarios" / "cold-call.yaml"), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["files"] == 1 and report["errors"] == 1
    assert report["problems"][0]["message"] == "no drill 'nope' in product 'acme'"
    assert (report["problems"][0]["line"], report["problems"][0]["col"]) == (7, 12)


def test_strict_check_fails_on_warnings(make_library: LibraryFactory) -> None:
    root = make_library()  # v1 is published by hand, without a content hash: a warning
    assert run("check", "--library", str(root))[0] == 0
    assert run("check", "--library", str(root), "--strict")[0] == 1


def test_list_json_describes_every_item(make_library: LibraryFactory) -> None:
    code, out, _ = run("list", "--library", str(make_library()), "--format", "json")
    items = json.loads(out)
    assert code == 0
    assert {i["kind"] for i in items} == {"pitch", "objection", "drill", "scenario"}
    pitch = next(i for i in items if i["kind"] == "pitch")
    assert pitch | {"versions": None} == {
        "kind": "pitch",
        "id": "acme-core",
        "product": "acme",
        "title": "Acme core pitch",
        "version": 1,
        "status": "published",
        "cuts": ["30s", "demo"],
        "versions": None,
    }
    assert all({"kind", "id", "product", "title"} <= set(i) for i in items)


def test_show_prints_the_cut_with_cues(make_library: LibraryFactory) -> None:
    code, out, _ = run("show", "acme-core", "--cut", "demo", "--library", str(make_library()))
    assert code == 0
    assert "[cue] Open the dashboard." in out and "live view of every widget" in out
    assert "Hook" not in out  # only the demo cut


def test_show_unknown_pitch_is_a_usage_error(make_library: LibraryFactory) -> None:
    code, _, err = run("show", "acme-cor", "--library", str(make_library()))
    assert code == 2 and "did you mean 'acme-core'" in err


def test_missing_library_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("list", "--library", str(tmp_path / "nope"))
    assert code == 2 and "does not exist" in err


def test_new_version_publish_and_diff_from_the_command_line(make_library: LibraryFactory) -> None:
    root = make_library()
    assert run("publish", "acme-core", "--version", "1", "--library", str(root))[0] == 0
    code, out, _ = run("new-version", "acme-core", "--library", str(root))
    assert code == 0 and "created draft version 2" in out
    draft = root / "content/acme/pitches/acme-core/v2.yaml"
    draft.write_text(
        draft.read_text()
        .replace("Describe what changed since version 1.", "A sharper hook.")
        .replace("stop your line for hours", "stop your line for a whole shift")
    )
    assert run("publish", "acme-core", "--library", str(root))[0] == 0
    code, out, _ = run("diff", "acme-core", "1", "2", "--library", str(root))
    assert code == 0
    assert "[-hours.-]" in out and "{+a whole shift.+}" in out
    assert run("check", "--library", str(root), "--strict")[0] == 0


def test_publish_without_a_draft_explains(make_library: LibraryFactory) -> None:
    code, _, err = run("publish", "acme-core", "--library", str(make_library()))
    assert code == 2 and "has no draft to publish" in err


def test_schema_is_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert run("schema", "--output", str(target))[0] == 0
    schema = json.loads(target.read_text())
    assert schema["title"] == "Pitch Trainer content file"


def test_library_lookup_order(make_library: LibraryFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_library()
    work = tmp_path / "work"
    shutil.copytree(root, work)
    (work / "content" / "acme" / "product.yaml").write_text("id: acme\nname: Acme from cwd\n")
    monkeypatch.chdir(work)
    names = lambda out: {i["product"] for i in json.loads(out)}  # noqa: E731
    # ./content wins over the bundled sample...
    assert json.loads(run("list", "--format", "json")[1])[0]["product"] == "acme"
    # ...TRAINER_LIBRARY wins over ./content, and --library over both.
    other = make_library({"content/acme/product.yaml": "id: acme\nname: Other\n"})
    out = run("list", "--format", "json", env={"TRAINER_LIBRARY": str(other)})[1]
    assert names(out) == {"acme"}
    code, _, err = run("list", "--library", str(tmp_path / "missing"), env={"TRAINER_LIBRARY": str(other)})
    assert code == 2 and "--library" in err


def test_installed_command_finds_the_bundled_library_from_any_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_LIBRARY"}
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "list", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    kinds = {item["kind"] for item in json.loads(result.stdout)}
    assert kinds == {"pitch", "objection", "drill", "scenario"}


def test_check_on_a_folder_without_content_fails(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path))
    assert code == 1 and "found no content files" in out + err
