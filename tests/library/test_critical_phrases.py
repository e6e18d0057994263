"""Authors mark a key phrase critical: `{phrase: ..., critical: true}` beside plain strings."""

from __future__ import annotations

from pathlib import Path

from fixture_library import PITCH_V1, LibraryFactory

from trainer.library import load_library
from trainer.library.hashing import content_hash, cut_hash
from trainer.library.problems import Problem
from trainer.library.schema import content_schema

CRITICAL = PITCH_V1.replace(
    "key_phrases: [two-week trial]",
    "key_phrases:\n          - phrase: two-week trial\n            critical: true",
)


def messages(problems: list[Problem]) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}:{p.col}: {p.message}" for p in problems]


def test_a_critical_phrase_is_read_beside_plain_ones(make_library: LibraryFactory) -> None:
    library = load_library(make_library({"content/acme/pitches/acme-core/v1.yaml": CRITICAL}))
    assert library.errors == []
    cut = library.pitch("acme-core").version(1).cuts.get("30s")
    assert cut is not None
    assert cut.key_phrases == ["warn you days before they fail", "two-week trial"]
    assert cut.critical_phrases == ["two-week trial"]
    assert cut.sections[0].critical_phrases == []


def test_a_critical_phrase_missing_from_its_text_is_reported_at_the_phrase(make_library: LibraryFactory) -> None:
    pitch = CRITICAL.replace("phrase: two-week trial", "phrase: three-week trial")
    library = load_library(make_library({"content/acme/pitches/acme-core/v1.yaml": pitch}))
    assert messages(library.errors) == [
        "v1.yaml:17:21: critical key phrase 'three-week trial' does not appear in the text of section 'Ask'"
    ]


def test_a_misspelt_key_in_a_phrase_mapping_is_an_error_at_that_key(make_library: LibraryFactory) -> None:
    pitch = CRITICAL.replace("critical: true", "critcal: true")
    library = load_library(make_library({"content/acme/pitches/acme-core/v1.yaml": pitch}))
    assert messages(library.errors) == ["v1.yaml:18:13: unknown key 'critcal'; did you mean 'critical'?"]


def test_critical_must_be_true_or_false(make_library: LibraryFactory) -> None:
    pitch = CRITICAL.replace("critical: true", "critical: maybe")
    library = load_library(make_library({"content/acme/pitches/acme-core/v1.yaml": pitch}))
    assert messages(library.errors) == [
        "v1.yaml:18:23: cuts.30s.sections[1].key_phrases[0].critical: expected true or false, got 'maybe'"
    ]


def test_marking_a_phrase_critical_keeps_the_seal_and_the_cut_hash(make_library: LibraryFactory) -> None:
    plain = load_library(make_library()).pitch("acme-core").version(1)
    marked = load_library(make_library({"content/acme/pitches/acme-core/v1.yaml": CRITICAL})).pitch("acme-core")
    assert content_hash(marked.version(1)) == content_hash(plain)
    assert cut_hash(marked.version(1), "30s") == cut_hash(plain, "30s")


def test_the_schema_offers_critical_to_editors() -> None:
    defs = content_schema()["$defs"]
    assert defs["KeyPhrase"]["properties"]["critical"]["type"] == "boolean"
    items = defs["Section"]["properties"]["key_phrases"]["items"]
    assert {"$ref": "#/$defs/KeyPhrase"} in items["oneOf"]
    assert {"type": "string", "minLength": 1, "maxLength": 500} in items["oneOf"]
