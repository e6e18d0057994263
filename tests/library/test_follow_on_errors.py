"""One mistake is reported once, against the file that holds it, and never drags valid content down with it.

Each test copies the sample library, breaks one thing, and checks every problem a manager would see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import REPO_ROOT

from trainer.cli import main
from trainer.library import load_library
from trainer.library.catalog import Library

LEDGERLY_SCENARIOS = {"ledgerly-demo-cfo", "ledgerly-discovery-controller", "ledgerly-renewal-price-pressure"}


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled sample library; the working directory is its root, so paths read content/..."""
    for folder in ("content", "scenarios"):
        shutil.copytree(REPO_ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def shown(library: Library) -> list[str]:
    return [str(p) for p in library.problems]


def test_missing_product_yaml_is_one_error_at_its_own_path(sample: Path) -> None:
    (sample / "content/ledgerly/product.yaml").unlink()
    library = load_library(sample)
    assert shown(library) == [
        "content/ledgerly/product.yaml:1:1: missing: every product folder needs a product.yaml (id, name, "
        "language); until it exists, product 'ledgerly' (1 pitch, its objections and drills, 3 scenarios) "
        "cannot be practised"
    ]
    assert set(library.products) == {"flowguard", "yunji"}
    assert not LEDGERLY_SCENARIOS & set(library.scenarios)
    assert len(library.scenarios) == 4


def test_broken_product_yaml_is_reported_in_itself_not_in_another_product(sample: Path) -> None:
    (sample / "content/ledgerly/product.yaml").write_text("id: ledgerly\nname: [Ledgerly\n", encoding="utf-8")
    library = load_library(sample)
    assert [str(p) for p in library.errors] == [
        "content/ledgerly/product.yaml:3:1: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts at line 2, column 7)"
    ]
    assert shown(library) == [
        "content/ledgerly/product.yaml:1:1: warning: until this file is fixed, product 'ledgerly' "
        "(1 pitch, its objections and drills, 3 scenarios) cannot be practised",
        str(library.errors[0]),
    ]
    assert "ledgerly" not in library.products and set(library.products) == {"flowguard", "yunji"}


def test_invalid_product_yaml_leaves_the_product_out_but_still_checks_its_files(sample: Path) -> None:
    (sample / "content/yunji/product.yaml").write_text("id: yunji\nnam: Yunji\nlanguage: zh\n", encoding="utf-8")
    edit(sample / "content/yunji/objections.yaml", "category: price", "category: prise")
    library = load_library(sample)
    assert [p.path for p in library.problems] == [
        "content/yunji/objections.yaml",  # still checked, so one run shows every mistake
        "content/yunji/product.yaml",
        "content/yunji/product.yaml",
        "content/yunji/product.yaml",
    ]
    assert "yunji" not in library.products


def test_check_of_a_product_folder_reports_its_missing_product_yaml(sample: Path, tmp_path: Path) -> None:
    (sample / "content/ledgerly/product.yaml").unlink()
    env = {"TRAINER_DB": str(tmp_path / "p.sqlite3"), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    result = CliRunner().invoke(main, ["check", "content/ledgerly"], env=env, catch_exceptions=False)
    assert result.exit_code == 1
    assert "content/ledgerly/product.yaml:1:1: missing: every product folder needs a product.yaml" in result.stdout
    other = CliRunner().invoke(main, ["check", "content/flowguard"], env=env, catch_exceptions=False)
    assert other.exit_code == 0, other.stdout


def test_one_bad_objection_is_reported_once_and_the_others_still_load(sample: Path) -> None:
    edit(
        sample / "content/ledgerly/objections.yaml",
        "cheaper\n    category: competitor",
        "cheaper\n    category: competitors",
    )
    library = load_library(sample)
    assert shown(library) == [
        "content/ledgerly/objections.yaml:61:15: objections[3].category: 'competitors' is not allowed; expected "
        "one of price, competitor, timing, authority, need, trust, product, contract, other; "
        "did you mean 'competitor'?"
    ]  # not also once for every scenario step that uses this file's objections
    product = library.product("ledgerly")
    assert len(product.objections.objections) == 12
    assert product.objection("three-year-term").category
    assert "competitor-cheaper" not in [o.id for o in product.objections.objections]
    assert set(library.scenarios) >= LEDGERLY_SCENARIOS


def test_one_bad_drill_is_reported_once_and_the_others_still_load(sample: Path) -> None:
    edit(sample / "content/ledgerly/drills.yaml", "topic: key-person", "topc: key-person")
    library = load_library(sample)
    assert shown(library) == [
        "content/ledgerly/drills.yaml:28:5: missing required key 'topic' in drills[2]",
        "content/ledgerly/drills.yaml:29:5: unknown key 'topc'; did you mean 'topic'?",
    ]
    assert len(library.product("ledgerly").drills.drills) == 11


def test_a_reference_to_an_id_that_truly_does_not_exist_is_still_an_error(sample: Path) -> None:
    edit(
        sample / "content/ledgerly/objections.yaml",
        "cheaper\n    category: competitor",
        "cheaper\n    category: competitors",
    )
    edit(sample / "scenarios/ledgerly-renewal-price-pressure.yaml", "objection: three-year-term", "objection: 3-year")
    edit(sample / "scenarios/ledgerly-demo-cfo.yaml", "drill: cfo-priorities", "drill: cfo-priority")
    library = load_library(sample)
    assert [str(p) for p in library.errors][1:] == [
        "scenarios/ledgerly-demo-cfo.yaml:21:12: no drill 'cfo-priority' in product 'ledgerly'; "
        "did you mean 'cfo-priorities'?",
        "scenarios/ledgerly-renewal-price-pressure.yaml:19:16: no objection '3-year' in product 'ledgerly'",
    ]


def test_did_you_mean_knows_the_ids_of_entries_that_failed(sample: Path) -> None:
    edit(
        sample / "content/ledgerly/objections.yaml",
        "cheaper\n    category: competitor",
        "cheaper\n    category: competitors",
    )
    edit(sample / "scenarios/ledgerly-renewal-price-pressure.yaml", "competitor-cheaper", "competitor-cheap")
    library = load_library(sample)
    assert str(library.errors[-1]) == (
        "scenarios/ledgerly-renewal-price-pressure.yaml:12:16: no objection 'competitor-cheap' in product "
        "'ledgerly'; did you mean 'competitor-cheaper'?"
    )


def test_a_bad_file_header_fails_the_whole_file_but_references_into_it_are_not_blamed(sample: Path) -> None:
    """Entry-by-entry recovery is only safe when product and version are valid; otherwise nothing loads."""
    path = sample / "content/ledgerly/objections.yaml"
    edit(path, "version: 1", "version: one")
    edit(path, "cheaper\n    category: competitor", "cheaper\n    category: competitors")
    edit(sample / "scenarios/ledgerly-renewal-price-pressure.yaml", "objection: three-year-term", "objection: 3-year")
    library = load_library(sample)
    assert [str(p) for p in library.errors] == [
        "content/ledgerly/objections.yaml:4:10: version: expected a whole number, got 'one'",
        "content/ledgerly/objections.yaml:61:15: objections[3].category: 'competitors' is not allowed; expected "
        "one of price, competitor, timing, authority, need, trust, product, contract, other; "
        "did you mean 'competitor'?",
        "scenarios/ledgerly-renewal-price-pressure.yaml:19:16: no objection '3-year' in product 'ledgerly'",
    ]
    assert library.product("ledgerly").objections is None


def test_an_unreadable_objections_file_does_not_make_every_reference_an_error(sample: Path) -> None:
    (sample / "content/ledgerly/objections.yaml").write_text("product: ledgerly\nobjections: [\n", encoding="utf-8")
    library = load_library(sample)
    assert [p.path for p in library.problems] == ["content/ledgerly/objections.yaml"]


def test_positions_after_a_left_out_entry_point_at_the_right_entry(sample: Path) -> None:
    path = sample / "content/ledgerly/objections.yaml"
    edit(path, "category: price", "category: prices")  # the first entry is left out
    edit(path, "id: three-year-term", "id: messy-invoices")  # the last entry duplicates the one before it
    library = load_library(sample)
    lines = [(p.line, p.message) for p in library.problems]
    duplicate = next(line for line, message in lines if message == "duplicate id 'messy-invoices' in this file")
    assert path.read_text(encoding="utf-8").splitlines()[duplicate - 1].strip() == "- id: messy-invoices"
    assert duplicate > 170


def test_a_pitch_that_fails_is_reported_in_its_files_only(sample: Path) -> None:
    for version in ("v1", "v2"):
        edit(sample / f"content/ledgerly/pitches/ledgerly-core/{version}.yaml", "title:", "titel:")
    library = load_library(sample)
    assert {p.path for p in library.problems} == {
        "content/ledgerly/pitches/ledgerly-core/v1.yaml",
        "content/ledgerly/pitches/ledgerly-core/v2.yaml",
    }  # and no "no pitch 'ledgerly-core'" in the three scenarios that use it


def test_a_failed_first_version_is_not_reported_as_deleted(sample: Path) -> None:
    edit(sample / "content/ledgerly/pitches/ledgerly-core/v1.yaml", "title:", "titel:")
    library = load_library(sample)
    assert {p.path for p in library.problems} == {"content/ledgerly/pitches/ledgerly-core/v1.yaml"}
    assert library.pitch("ledgerly-core").current.version == 2
