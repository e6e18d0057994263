"""Managers version pitches: new drafts never overwrite, publishing seals, edits to a published file show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixture_library import LibraryFactory

from trainer.library import ContentError, load_library
from trainer.library.authoring import new_version, publish
from trainer.library.hashing import content_hash

TODAY = dt.date(2026, 11, 23)


def pitch_dir(root: Path) -> Path:
    return root / "content" / "acme" / "pitches" / "acme-core"


def test_new_version_then_publish_round_trip(make_library: LibraryFactory) -> None:
    root = make_library()
    publish(load_library(root), "acme-core", 1, today=TODAY)  # seal v1, which was published by hand
    v1_text = (pitch_dir(root) / "v1.yaml").read_text()
    assert "content_hash: sha256:" in v1_text and "published_on: 2026-11-23" in v1_text
    assert v1_text.startswith("# The Acme core pitch, first version.")  # comments survive

    result = new_version(load_library(root), "acme-core")
    draft = pitch_dir(root) / "v2.yaml"
    assert result.path == draft and result.version == 2
    text = draft.read_text()
    assert "status: draft" in text and "content_hash" not in text and "published_on" not in text

    draft.write_text(
        text.replace("Describe what changed since version 1.", "Sharper hook.").replace(
            "for hours", "for a whole shift"
        )
    )
    with pytest.raises(ContentError, match="already has a draft"):
        new_version(load_library(root), "acme-core")
    publish(load_library(root), "acme-core", today=TODAY)

    library = load_library(root)
    assert library.problems == []
    pitch = library.pitch("acme-core")
    assert pitch.current.version == 2
    assert pitch.current.content_hash == content_hash(pitch.current)
    assert "whole shift" in pitch.current.cuts.get("30s").text
    assert (pitch_dir(root) / "v1.yaml").read_text() == v1_text  # the old version is untouched


def test_publishing_needs_a_changes_note(make_library: LibraryFactory) -> None:
    root = make_library()
    new_version(load_library(root), "acme-core")
    before = (pitch_dir(root) / "v2.yaml").read_text()
    with pytest.raises(ContentError, match="say what changed in version 2"):
        publish(load_library(root), "acme-core")
    assert (pitch_dir(root) / "v2.yaml").read_text() == before


def test_editing_a_published_version_is_detected(make_library: LibraryFactory) -> None:
    root = make_library()
    publish(load_library(root), "acme-core", 1, today=TODAY)
    file = pitch_dir(root) / "v1.yaml"
    file.write_text(file.read_text().replace("Can we run", "Shall we run"))
    library = load_library(root)
    assert [p.message for p in library.errors] == [
        "version 1 is published and must not change, but its text was edited after publishing; "
        "undo the edit, or run `trainer new-version acme-core` and edit the draft"
    ]


def test_reformatting_or_commenting_a_published_version_keeps_its_seal(make_library: LibraryFactory) -> None:
    root = make_library()
    publish(load_library(root), "acme-core", 1, today=TODAY)
    file = pitch_dir(root) / "v1.yaml"
    file.write_text("# reviewed by Sam\n" + file.read_text().replace("fail.\n", "fail.   \n"))
    assert load_library(root).errors == []


def test_new_version_never_overwrites_an_existing_file(make_library: LibraryFactory) -> None:
    root = make_library()
    library = load_library(root)
    stray = pitch_dir(root) / "v2.yaml"
    stray.write_text("not yaml: [")  # appears between loading and writing
    with pytest.raises(ContentError, match="already exists"):
        new_version(library, "acme-core")
    assert stray.read_text() == "not yaml: ["


def test_a_draft_with_errors_cannot_be_published(make_library: LibraryFactory) -> None:
    root = make_library()
    new_version(load_library(root), "acme-core")
    draft = pitch_dir(root) / "v2.yaml"
    draft.write_text(
        draft.read_text()
        .replace("Describe what changed since version 1.", "New ask.")
        .replace("key_phrases: [two-week trial]", "key_phrases: [free trial]")
    )
    with pytest.raises(ContentError, match="fix these problems before publishing") as caught:
        publish(load_library(root), "acme-core")
    assert "free trial" in str(caught.value)
    assert "status: draft" in draft.read_text()


def test_publishing_an_unknown_pitch_says_what_exists(make_library: LibraryFactory) -> None:
    with pytest.raises(ContentError, match="no pitch 'acme-cor'; did you mean 'acme-core'"):
        publish(load_library(make_library()), "acme-cor")


def test_publishing_keeps_the_file_readable_by_others(make_library: LibraryFactory) -> None:
    root = make_library()
    file = pitch_dir(root) / "v1.yaml"
    file.chmod(0o644)
    publish(load_library(root), "acme-core", 1, today=TODAY)
    assert file.stat().st_mode & 0o777 == 0o644
    draft = new_version(load_library(root), "acme-core").path
    assert draft.stat().st_mode & 0o044  # group/others may read a new draft (subject to the umask)
