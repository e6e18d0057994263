"""Key points may list alternative wordings; `trainer check` catches the useless ones at their line and column."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fixture_library import LibraryFactory

from trainer.cli import main
from trainer.library import load_library
from trainer.library.problems import Problem

OBJECTIONS = """\
product: acme
version: 1
objections:
  - id: too-expensive
    category: price
    objection: Too dear.
    answer: It costs less than one hour of downtime, and the total cost of ownership is lower.
    key_points:
      - costs less than one hour of downtime
      - point: total cost of ownership
        alternatives: [{alternatives}]
  - {{id: have-supplier, category: competitor, objection: We have one., answer: Keep them., key_points: [keep]}}
"""


def messages(problems: list[Problem]) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}:{p.col}: {p.message}" for p in problems]


def test_a_key_point_with_alternatives_loads_beside_a_plain_one(make_library: LibraryFactory) -> None:
    text = OBJECTIONS.format(alternatives="lifetime cost, what it costs over its whole life")
    library = load_library(make_library({"content/acme/objections.yaml": text}))
    assert library.errors == []
    objection = library.product("acme").objection("too-expensive")
    assert objection.point_names == ["costs less than one hour of downtime", "total cost of ownership"]
    assert objection.key_points[0].alternatives == []
    assert objection.key_points[1].alternatives == ["lifetime cost", "what it costs over its whole life"]


def test_an_empty_alternative_is_reported_at_its_position(make_library: LibraryFactory) -> None:
    library = load_library(make_library({"content/acme/objections.yaml": OBJECTIONS.format(alternatives='"  "')}))
    assert messages(library.errors) == [
        "objections.yaml:11:24: objections[0].key_points[1].alternatives[0]: must not be empty"
    ]


def test_an_alternative_repeating_its_point_or_another_is_reported_where_it_is(
    make_library: LibraryFactory,
) -> None:
    text = OBJECTIONS.format(alternatives="Total cost of ownership, TCO, lifetime cost, tco")
    library = load_library(make_library({"content/acme/objections.yaml": text}))
    assert messages(library.errors) == [
        "objections.yaml:11:24: alternative 'Total cost of ownership' is the key point itself",
        "objections.yaml:11:69: alternative 'tco' is listed twice",
    ]


def test_trainer_check_prints_the_problem_as_one_line(make_library: LibraryFactory) -> None:
    text = OBJECTIONS.format(alternatives="lifetime cost, lifetime  cost")
    root = make_library({"content/acme/objections.yaml": text})
    result = CliRunner().invoke(main, ["check", "--library", str(root)])
    assert result.exit_code != 0
    assert "objections.yaml:11:39: alternative 'lifetime  cost' is listed twice" in result.output
    assert "Traceback" not in result.output


def test_the_schema_offers_both_forms_of_a_key_point() -> None:
    from trainer.library.models import ObjectionFAQ

    schema = ObjectionFAQ.model_json_schema()
    items = schema["$defs"]["Objection"]["properties"]["key_points"]["items"]
    assert {"type": "string", "minLength": 1, "maxLength": 500} in items["anyOf"]
    assert {"$ref": "#/$defs/KeyPoint"} in items["anyOf"]
    assert schema["$defs"]["KeyPoint"]["properties"]["alternatives"]["type"] == "array"


WEAK = """\
product: acme
version: 1
objections:
  - id: too-expensive
    category: price
    objection: Your valves cost twice what we pay.
    answer: You only need them on the critical valves, and one hour of downtime costs more than the valve.
    key_points:
      - point: only on the critical valves
        alternatives: ["not on every valve", "only where a failure stops the line", "under 3 valves"]
  - {id: have-supplier, category: competitor, objection: We have one., answer: Keep them., key_points: [keep]}
"""


def test_a_wording_matched_only_on_the_objections_own_words_is_a_warning(make_library: LibraryFactory) -> None:
    # "not on every valve" matches on "valve" alone, and the objection is about valves: any answer covers it
    # ("you need them everywhere, not on the critical valves" did). A wording with a figure is checked by value.
    library = load_library(make_library({"content/acme/objections.yaml": WEAK}))
    warnings = [p for p in library.problems if p.severity == "warning" and "objections" in p.path]
    assert messages(warnings) == [
        "objections.yaml:10:24: 'not on every valve' is matched only on words the objection itself uses (valve): "
        "any answer that mentions them covers it; add the words that make the point"
    ]
    assert library.errors == []


def test_the_sample_library_has_no_wording_any_answer_would_cover() -> None:
    from trainer.library import find_library

    library = load_library(find_library(None))
    assert [p.message for p in library.problems if "matched only on words" in p.message] == []
