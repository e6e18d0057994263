"""Cross-file checks: a library with one broken file still loads the rest, and references are verified."""

from __future__ import annotations

from pathlib import Path

from fixture_library import PITCH_V1, LibraryFactory

from trainer.library import load_library
from trainer.library.problems import Problem


def messages(problems: list[Problem]) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}:{p.col}: {p.message}" for p in problems]


def test_valid_library_loads_everything(make_library: LibraryFactory) -> None:
    library = load_library(make_library())
    assert library.errors == []
    assert set(library.products) == {"acme"}
    assert library.pitch("acme-core").current.version == 1
    assert library.product("acme").objection("too-expensive").category == "price"
    assert library.scenario("cold-call").steps[1].kind == "objection"


def test_one_broken_file_is_reported_and_the_rest_still_loads(make_library: LibraryFactory) -> None:
    root = make_library({"content/acme/drills.yaml": "product: acme\nversion: 1\ndrills: [\n"})
    library = load_library(root)
    assert any(p.path.endswith("drills.yaml") for p in library.errors)
    assert library.pitch("acme-core").current is not None
    assert library.product("acme").objections is not None
    # The scenario's drill reference is a follow-on of the broken file: reported there, once, not at the step.
    assert {Path(p.path).name for p in library.errors} == {"drills.yaml"}


def test_broken_scenario_references_are_reported_with_did_you_mean(make_library: LibraryFactory) -> None:
    scenario = (
        "id: cold-call\ntitle: T\nproduct: acme\npersona: P\nstage: discovery\nsteps:\n"
        "  - pitch: {id: acme-cor, cut: 30s}\n"
        "  - pitch: {id: acme-core, cut: 5min}\n"
        "  - objection: too-expensiv\n"
        "  - drill: who-sign\n"
    )
    library = load_library(make_library({"scenarios/cold-call.yaml": scenario}))
    assert messages(library.errors) == [
        "cold-call.yaml:7:17: no pitch 'acme-cor'; did you mean 'acme-core'?",
        "cold-call.yaml:8:33: version 1 of 'acme-core' has no 5min cut (it has 30s, demo)",
        "cold-call.yaml:9:16: no objection 'too-expensiv' in product 'acme'; did you mean 'too-expensive'?",
        "cold-call.yaml:10:12: no drill 'who-sign' in product 'acme'; did you mean 'who-signs'?",
    ]


def test_duplicate_objection_ids_are_reported_at_the_second(make_library: LibraryFactory) -> None:
    text = (
        "product: acme\nversion: 1\nobjections:\n"
        "  - {id: dup, category: price, objection: A, answer: B, key_points: [c]}\n"
        "  - {id: dup, category: trust, objection: D, answer: E, key_points: [f]}\n"
    )
    library = load_library(make_library({"content/acme/objections.yaml": text}))
    assert "objections.yaml:5:10: duplicate id 'dup' in this file" in messages(library.errors)


def test_key_phrase_missing_from_its_text_is_an_error(make_library: LibraryFactory) -> None:
    pitch = PITCH_V1.replace("key_phrases: [two-week trial]", "key_phrases: [three-week trial]")
    library = load_library(make_library({"content/acme/pitches/acme-core/v1.yaml": pitch}))
    assert messages(library.errors) == [
        "v1.yaml:16:23: key phrase 'three-week trial' does not appear in the text of section 'Ask'"
    ]


def test_file_must_live_where_its_ids_say(make_library: LibraryFactory) -> None:
    root = make_library({"content/acme/pitches/acme-core/v2.yaml": PITCH_V1})  # says version 1
    library = load_library(root)
    assert any("must be stored as content/acme/pitches/acme-core/v1.yaml" in m for m in messages(library.errors))


def test_same_pitch_id_in_two_products_is_an_error(make_library: LibraryFactory) -> None:
    root = make_library(
        {
            "content/other/product.yaml": "id: other\nname: Other\n",
            "content/other/pitches/acme-core/v1.yaml": PITCH_V1,
        }
    )
    library = load_library(root)
    assert any("already used by product 'acme'" in m for m in messages(library.errors))


def test_gap_in_versions_is_a_warning(make_library: LibraryFactory) -> None:
    v3 = PITCH_V1.replace("version: 1", "version: 3").replace("status: published", "status: draft")
    library = load_library(make_library({"content/acme/pitches/acme-core/v3.yaml": v3}))
    warnings = [p for p in library.problems if p.severity == "warning"]
    assert any("has no version 2" in p.message for p in warnings)
    assert library.errors == []


def test_product_folder_and_id_must_agree(make_library: LibraryFactory) -> None:
    library = load_library(make_library({"content/acme/product.yaml": "id: acme-widgets\nname: Acme\n"}))
    assert messages(library.errors) == ["product.yaml:1:5: product 'acme-widgets' does not match its folder 'acme'"]


def test_symlinked_folders_are_not_followed(make_library: LibraryFactory, tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "secret"
    outside.mkdir(parents=True)
    (outside / "v9.yaml").write_text(PITCH_V1)
    root = make_library()
    (root / "content" / "acme" / "pitches" / "linked").symlink_to(outside, target_is_directory=True)
    library = load_library(root)
    assert library.files_read == 5
