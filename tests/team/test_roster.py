"""The roster: teams, members and managers live in the content repository and are checked like content."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fixture_library import ROSTER, LibraryFactory

from trainer.cli import main
from trainer.library import load_library
from trainer.library.loader import content_dir

SAMPLE = Path(__file__).resolve().parents[2]


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def test_a_roster_names_teams_members_managers_and_their_roles(make_library: LibraryFactory) -> None:
    library = load_library(make_library({"roster.yaml": ROSTER}))
    assert [p for p in library.problems if p.path.endswith("roster.yaml")] == []
    roster = library.roster
    assert roster is not None
    assert roster.team("north").members == ["alex", "sam"]
    assert roster.roles("maria") == {"manager"}
    assert roster.roles("alex") == {"rep"}
    assert [t.id for t in roster.teams_of("lee")] == ["south"]
    assert roster.reps == ["alex", "sam", "lee"]
    policy = roster.policy.certification
    assert (policy.attempts, policy.different_days, policy.window_days) == (2, 2, 30)


def test_a_library_without_a_roster_says_where_one_goes(make_library: LibraryFactory) -> None:
    library = load_library(make_library())
    assert library.roster is None
    try:
        library.require_roster()
    except Exception as exc:  # ContentError: the message is what the CLI shows
        assert "roster.yaml" in str(exc)
    else:
        raise AssertionError("require_roster() must refuse a library without a roster")


def test_a_misspelt_roster_key_is_reported_at_its_line_and_column(make_library: LibraryFactory) -> None:
    root = make_library({"roster.yaml": "teams:\n  - id: north\n    membrs: [alex]\n"})
    code, out = check("--library", str(root))
    assert code == 1
    assert "roster.yaml:3:5: unknown key 'membrs'; did you mean 'members'?" in out


def test_a_team_id_used_twice_is_an_error_at_the_second(make_library: LibraryFactory) -> None:
    roster = "teams:\n  - id: north\n    members: [alex]\n  - id: north\n    members: [sam]\n"
    root = make_library({"roster.yaml": roster})
    code, out = check("--library", str(root))
    assert code == 1
    assert "roster.yaml:4:9: team id 'north' is used twice" in out
    assert load_library(root).roster is None  # never half a roster: assignments would silently miss people


def test_a_person_listed_twice_and_a_manager_who_is_also_a_member(make_library: LibraryFactory) -> None:
    roster = "teams:\n  - id: north\n    managers: [alex]\n    members: [alex, sam, sam]\n"
    code, out = check("--library", str(make_library({"roster.yaml": roster})))
    assert code == 1
    assert "roster.yaml:4:26: 'sam' is listed twice in team 'north'" in out
    assert "roster.yaml:3:16: warning: 'alex' is both a manager and a member of team 'north'" in out


def test_a_policy_that_cannot_be_met_is_refused(make_library: LibraryFactory) -> None:
    roster = ROSTER + "policy:\n  certification:\n    attempts: 1\n    different_days: 2\n"
    code, out = check("--library", str(make_library({"roster.yaml": roster})))
    assert code == 1
    assert "roster.yaml:" in out and "different_days (2) cannot be more than attempts (1)" in out


def test_checking_only_the_roster_file_checks_it_in_its_library(make_library: LibraryFactory) -> None:
    root = make_library({"roster.yaml": "teams:\n  - id: North\n    members: [alex]\n"})
    code, out = check(str(root / "roster.yaml"))
    assert code == 1
    assert "roster.yaml:2:9:" in out and "checked 1 file(s)" in out


def test_a_roster_inside_a_product_folder_is_not_read(make_library: LibraryFactory) -> None:
    root = make_library({"content/acme/roster.yaml": ROSTER})
    library = load_library(root)
    assert library.roster is None
    assert any("a roster belongs at the library root" in p.message for p in library.problems)


def test_the_sample_library_has_a_small_roster_that_loads_cleanly() -> None:
    library = load_library(SAMPLE)
    assert content_dir(SAMPLE).name == "content"
    assert library.roster is not None
    assert not [p for p in library.problems if p.path.endswith("roster.yaml")]
    assert library.roster.teams and all(team.managers for team in library.roster.teams)


def test_a_library_started_from_the_sample_gets_its_roster(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "mine"), "--sample"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    library = load_library(tmp_path / "mine")
    assert library.roster is not None and library.roster.team("field-sales").managers == ["maria"]


def test_the_editor_schema_knows_the_roster() -> None:
    result = CliRunner().invoke(main, ["schema"], catch_exceptions=False)
    assert '"Roster"' in result.stdout and '"different_days"' in result.stdout
