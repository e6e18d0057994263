"""Preferences: remembered between runs, written atomically, never able to break the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.preferences import Preferences, load_preferences, preferences_path, save_preferences, update_preferences


def test_nothing_saved_means_defaults(tmp_path: Path) -> None:
    assert load_preferences(tmp_path) == Preferences()


def test_a_saved_theme_comes_back(tmp_path: Path) -> None:
    update_preferences(tmp_path, theme="nord")
    assert load_preferences(tmp_path).theme == "nord"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "no temporary file left behind"


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"theme": 42}', "\xff\xfe", ""])
def test_a_corrupt_file_reads_as_defaults(tmp_path: Path, text: str) -> None:
    preferences_path(tmp_path).write_text(text, encoding="latin-1")
    assert load_preferences(tmp_path) == Preferences()


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    preferences_path(tmp_path).write_text('{"theme": "dracula", "from_the_future": true}', encoding="utf-8")
    assert load_preferences(tmp_path).theme == "dracula"


def test_the_environment_variable_chooses_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_CONFIG_DIR", str(tmp_path / "cfg"))
    update_preferences(theme="gruvbox")
    assert (tmp_path / "cfg" / "preferences.json").is_file()


def test_an_unwritable_folder_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a folder")
    assert save_preferences(Preferences(theme="nord"), blocker / "sub") is False


def test_the_review_limit_and_holiday_pause_are_remembered_and_bad_values_read_as_defaults(tmp_path: Path) -> None:
    update_preferences(tmp_path, review_limit=20, review_paused_until="2026-08-14")
    assert load_preferences(tmp_path) == Preferences(review_limit=20, review_paused_until="2026-08-14")
    preferences_path(tmp_path).write_text('{"review_limit": true, "review_paused_until": "next week"}')
    assert load_preferences(tmp_path) == Preferences()
    preferences_path(tmp_path).write_text('{"review_limit": 0}')
    assert load_preferences(tmp_path).review_limit == 50
