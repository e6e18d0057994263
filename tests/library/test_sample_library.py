"""The bundled sample library is what a new user sees first: it must be valid, varied and realistic."""

from __future__ import annotations

import re
from collections import Counter

import jsonschema
import pytest
from fixture_library import REPO_ROOT

from trainer.library import load_library
from trainer.library.loader import yaml_files
from trainer.library.models import DRILL_TOPICS
from trainer.library.schema import content_schema
from trainer.library.yaml_source import read_yaml

LIBRARY = load_library(REPO_ROOT)
CJK = re.compile(r"[\u4e00-\u9fff]")


def words(text: str) -> int:
    return len(CJK.findall(text)) or len(text.split())


def test_sample_library_has_no_problems_at_all() -> None:
    assert [str(p) for p in LIBRARY.problems] == []


def test_products_cover_two_english_kinds_and_chinese() -> None:
    languages = Counter(p.language for p in LIBRARY.products.values())
    assert languages["en"] >= 2 and languages["zh"] >= 1


@pytest.mark.parametrize("product_id", sorted(LIBRARY.products))
def test_each_product_is_complete(product_id: str) -> None:
    product = LIBRARY.products[product_id]
    english = product.language == "en"
    assert product.objections and product.drills and product.pitches
    objections, drills = product.objections.objections, product.drills.drills
    assert len(objections) >= (12 if english else 5)
    assert len(drills) >= (10 if english else 5)
    assert len({o.category for o in objections}) >= (6 if english else 4)
    assert {d.topic for d in drills} == set(DRILL_TOPICS)
    for pitch in product.pitches.values():
        published = [v for v in pitch.versions.values() if v.status == "published"]
        assert len(published) >= 2, "two published versions to compare"
        for version in pitch.versions.values():
            assert version.cuts.names() == ["30s", "5min", "demo"]


@pytest.mark.parametrize("pitch_id", sorted(LIBRARY.pitches))
def test_cut_lengths_are_realistic(pitch_id: str) -> None:
    pitch = LIBRARY.pitches[pitch_id]
    chinese = LIBRARY.products[pitch.product].language == "zh"
    for version in pitch.versions.values():
        short, long = version.cuts.get("30s"), version.cuts.get("5min")
        low, high = (100, 160) if chinese else (60, 85)
        assert low <= words(short.text) <= high
        low, high = (900, 1400) if chinese else (600, 800)
        assert low <= words(long.text) <= high
        assert all(section.cue for section in version.cuts.get("demo").sections)


def test_versions_differ_meaningfully() -> None:
    for pitch in LIBRARY.pitches.values():
        v1, v2 = pitch.versions[1], pitch.versions[2]
        assert v2.changes and v1.cuts.get("30s").text != v2.cuts.get("30s").text


def test_scenarios_cover_four_funnel_stages_and_every_product() -> None:
    scenarios = LIBRARY.scenarios.values()
    assert len({s.stage for s in scenarios}) >= 4
    assert {s.product for s in scenarios} == set(LIBRARY.products)


def test_json_schema_accepts_every_sample_file() -> None:
    schema = content_schema()
    validator = jsonschema.Draft202012Validator(schema)
    files = yaml_files(REPO_ROOT / "content") + yaml_files(REPO_ROOT / "scenarios")
    assert len(files) >= 20
    for path in files:
        data = read_yaml(path).data
        # JSON has no dates; the schema describes them as ISO strings, as editors send them.
        if "published_on" in data:
            data["published_on"] = data["published_on"].isoformat()
        errors = list(validator.iter_errors(data))
        assert errors == [], f"{path}: {errors[0].message}"


def test_json_schema_rejects_a_misspelt_key() -> None:
    validator = jsonschema.Draft202012Validator(content_schema())
    assert not validator.is_valid({"pitch": "x", "version": 1, "status": "draft", "title": "t", "cutz": {}})
