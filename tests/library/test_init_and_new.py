"""A manager starts a library and its first product and pitch with commands, never by hand-writing a file.

Every file the commands write must load with zero problems and pass `trainer check`; nothing is ever
overwritten, and bad or taken ids are refused with a message and nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main
from trainer.library import ContentError, load_library
from trainer.library.locate import bundled_library
from trainer.library.scaffold import init_library


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, no TRAINER_LIBRARY: what a manager has before `trainer init`."""
    monkeypatch.delenv("TRAINER_LIBRARY", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_the_readme_path_init_new_product_new_pitch_check_uses_no_flags(workdir: Path) -> None:
    code, out, _ = run("init")
    assert code == 0
    assert "trainer new product PRODUCT-ID" in out and "trainer check" in out
    assert (workdir / "content").is_dir() and (workdir / "scenarios").is_dir()

    code, out, err = run("new", "product", "acme", "--name", "Acme widgets")
    assert code == 0, err
    assert "content/acme/product.yaml" in out
    code, out, err = run("new", "pitch", "acme", "acme-core", "--title", "Acme — core pitch")
    assert code == 0, err
    assert "content/acme/pitches/acme-core/v1.yaml" in out

    code, out, err = run("check", "--strict")
    assert code == 0, out + err
    assert "checked 2 file(s): all good" in out + err
    library = load_library(workdir)
    assert library.problems == []
    assert library.products["acme"].name == "Acme widgets"
    draft = library.pitch("acme-core").newest
    assert (draft.version, draft.status, draft.title) == (1, "draft", "Acme — core pitch")
    assert draft.cuts.names() == ["30s", "5min", "demo"]
    assert draft.cuts.get("demo").sections[0].cue  # the demo template shows where a stage cue goes
    listed = json.loads(run("list", "--format", "json")[1])
    assert {i["kind"] for i in listed} == {"pitch"}


def test_scaffolds_explain_their_fields_in_comments(workdir: Path) -> None:
    run("init")
    run("new", "product", "acme")
    run("new", "pitch", "acme", "acme-core")
    product = (workdir / "content/acme/product.yaml").read_text()
    pitch = (workdir / "content/acme/pitches/acme-core/v1.yaml").read_text()
    assert "name: \"Acme\"" in product  # the default name comes from the id
    assert "# The name reps see." in product and "# The language of this product's scripts" in product
    assert "# Phrases that must be said" in pitch and "trainer publish acme-core" in pitch


def test_names_and_titles_are_quoted_not_pasted_into_yaml(workdir: Path) -> None:
    run("init")
    hostile = 'Acme" \n# injected: true\nlanguage: zh'
    code, _, err = run("new", "product", "acme", "--name", hostile)
    assert code == 0, err
    assert load_library(workdir).products["acme"].product.model_dump() == {
        "id": "acme",
        "name": hostile.strip(),
        "language": "en",
        "summary": None,
        "audience": None,
    }
    code, _, err = run("new", "pitch", "acme", "acme-core", "--title", "Pitch: {x} [y] # z")
    assert code == 0, err
    assert load_library(workdir).pitch("acme-core").title == "Pitch: {x} [y] # z"


def test_a_chinese_product_keeps_its_name_readable(workdir: Path) -> None:
    run("init")
    assert run("new", "product", "yunji2", "--name", "云迹 智能仓储", "--language", "zh")[0] == 0
    text = (workdir / "content/yunji2/product.yaml").read_text(encoding="utf-8")
    assert 'name: "云迹 智能仓储"' in text and "language: zh" in text
    assert load_library(workdir).problems == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "product", "Acme_1"], "product id 'Acme_1' is not valid"),
        (["new", "product", "-acme"], None),  # click reads it as an option: still a usage error
        (["new", "product", "../escape"], "product id '../escape' is not valid"),
        (["new", "product", "acme"], "product 'acme' already exists"),
        (["new", "product", "beta", "--language", "english"], "language 'english' is not valid"),
        (["new", "product", "beta", "--name", "   "], "nothing was written"),
        (["new", "pitch", "acm", "new-pitch"], "no product 'acm'; did you mean 'acme'?"),
        (["new", "pitch", "acme", "acme-core"], "pitch 'acme-core' already exists in product 'acme'"),
        (["new", "pitch", "acme", "Bad Id"], "pitch id 'Bad Id' is not valid"),
    ],
)
def test_bad_unknown_or_taken_ids_are_refused_and_nothing_is_written(
    make_library: LibraryFactory, args: list[str], message: str | None
) -> None:
    root = make_library()
    before = files_under(root)
    code, _, err = run(*args, "--library", str(root))
    assert code == 2
    if message:
        assert message in err and err.count("\n") == 1, err
    assert files_under(root) == before


def test_a_pitch_id_taken_by_a_broken_folder_is_not_overwritten(make_library: LibraryFactory) -> None:
    root = make_library({"content/acme/pitches/acme-next/v1.yaml": "pitch: [broken\n"})
    code, _, err = run("new", "pitch", "acme", "acme-next", "--library", str(root))
    assert code == 2 and "already exists; nothing was written" in err
    assert (root / "content/acme/pitches/acme-next/v1.yaml").read_text() == "pitch: [broken\n"


def test_a_new_pitch_cannot_be_published_until_its_placeholders_are_replaced(workdir: Path) -> None:
    run("init")
    run("new", "product", "acme")
    run("new", "pitch", "acme", "acme-core")
    path = workdir / "content/acme/pitches/acme-core/v1.yaml"
    code, _, err = run("publish", "acme-core")
    assert code == 2 and "replace the placeholder texts" in err and "the 30s cut's Hook" in err
    assert "status: draft" in path.read_text()
    # Keep only the 30s cut, with real words.
    text = path.read_text()
    text = text[: text.index("  # The five-minute pitch.")]
    text = text.replace(
        "Replace this with your hook: the problem your customer has and what changes for them.\n"
        "          Put the one phrase reps must say in key_phrases below.",
        "Broken widgets stop your line. Acme widgets warn you days before they fail.",
    )
    text = text.replace("[the one phrase reps must say]", "[warn you days before they fail]")
    text = text.replace("Replace this with the next step you ask for.", "Can we try it on one line?")
    path.write_text(text)
    code, _, err = run("publish", "acme-core")
    assert code == 0, err
    assert run("check", "--strict")[0] == 0


def test_init_with_the_sample_copies_it_and_it_still_checks(workdir: Path) -> None:
    code, out, _ = run("init", "--sample", "team-content")
    assert code == 0
    assert "cd team-content" in out
    lib = workdir / "team-content"
    sample = bundled_library()
    for sub in ("content", "scenarios"):
        copied = {k: v for k, v in files_under(lib / sub).items() if k.endswith(".yaml")}
        assert copied == {k: v for k, v in files_under(sample / sub).items() if k.endswith(".yaml")}
    code, out, err = run("check", "--library", str(lib))
    assert code == 0, out + err
    assert load_library(lib).errors == []


def test_init_refuses_a_folder_that_already_holds_content(workdir: Path) -> None:
    (workdir / "content" / "acme").mkdir(parents=True)
    (workdir / "content" / "acme" / "product.yaml").write_text("id: acme\nname: Mine\n")
    before = files_under(workdir)
    code, _, err = run("init", "--sample")
    assert code == 2
    assert "already exists and is not empty; nothing was written" in err
    assert files_under(workdir) == before
    assert sorted(p.name for p in workdir.iterdir()) == ["content"]  # no staging folder left behind


def test_init_accepts_a_folder_with_other_files_and_empty_library_folders(workdir: Path) -> None:
    (workdir / "README.md").write_text("our sales team\n")
    (workdir / "scenarios").mkdir()
    assert run("init")[0] == 0
    assert (workdir / "README.md").read_text() == "our sales team\n"
    assert sorted(p.name for p in workdir.iterdir()) == ["README.md", "content", "scenarios"]


def test_init_refuses_a_file_in_the_way(workdir: Path) -> None:
    (workdir / "lib").write_text("not a folder")
    code, _, err = run("init", "lib")
    assert code == 2 and "is a file, not a folder" in err


def test_new_product_in_an_empty_library_folder_goes_under_content(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    assert run("new", "product", "acme", "--library", str(tmp_path / "lib"))[0] == 0
    assert (tmp_path / "lib/content/acme/product.yaml").is_file()
    assert run("check", "--library", str(tmp_path / "lib"))[0] == 0


def test_init_never_starts_a_library_inside_the_installed_package(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "trainer"
    package.mkdir(parents=True)
    with pytest.raises(ContentError, match="inside the installed package"):
        init_library(package / "mine", package_dir=package)
    assert list(package.iterdir()) == []
