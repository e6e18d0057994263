"""Certification rules: Gold on every cut, twice, on different days, within the window; renewal and expiry.

Every date is injected; the attempts are real stored-attempt records.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner
from fixture_library import OBJECTIONS, PITCH_V1, ROSTER, LibraryFactory

from trainer.cli import main
from trainer.library import load_library
from trainer.library.catalog import Library
from trainer.library.roster import CertificationPolicy
from trainer.store.attempts import NewAttempt
from trainer.store.database import PracticeStore
from trainer.team.certification import certificates, objections_certificate, pitch_certificate

DAY1 = dt.date(2026, 11, 2)
POLICY = CertificationPolicy()
PITCH_V2 = (PITCH_V1.replace("version: 1", "version: 2")
            .replace("status: published", "status: published\npublished_on: 2026-11-20"))


def on(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def recital(cut: str, day: dt.date, score: float = 95, version: int = 1, hour: int = 10) -> NewAttempt:
    return NewAttempt(rep="alex", kind="pitch", item_id="acme-core", product="acme", cut=cut, version=version,
                      score=score, tier="Gold" if score >= 90 else "Silver", attempt_text="...",
                      started_at=on(day, hour))


def both_cuts(*days: dt.date, version: int = 1) -> list[NewAttempt]:
    return [recital(cut, day, version=version) for day in days for cut in ("30s", "demo")]


def library(make_library: LibraryFactory, **files: str) -> Library:
    return load_library(make_library(files))


def cert(lib: Library, attempts: list[NewAttempt], today: dt.date, policy: CertificationPolicy = POLICY):  # type: ignore[no-untyped-def]
    found = pitch_certificate("alex", lib.pitch("acme-core"), attempts, today, policy)
    assert found is not None
    return found


def test_gold_on_every_cut_twice_on_two_days_certifies_naming_the_version(make_library: LibraryFactory) -> None:
    day2 = DAY1 + dt.timedelta(days=3)
    found = cert(library(make_library), both_cuts(DAY1, day2), day2)
    assert (found.status, found.version, found.certified_on) == ("certified", 1, day2)
    assert found.expires_on == day2 + dt.timedelta(days=365)
    assert found.why == f"certified on v1 since {day2}, valid until {found.expires_on}"


def test_twice_on_the_same_day_is_one_lucky_day_not_a_certificate(make_library: LibraryFactory) -> None:
    attempts = [recital(cut, DAY1, hour=h) for h in (9, 15) for cut in ("30s", "demo")]
    found = cert(library(make_library), attempts, DAY1)
    assert found.status == "not certified"
    assert found.missing == ("30s: 2 of 2 Gold on 2 days (1 day)", "demo: 2 of 2 Gold on 2 days (1 day)")


def test_the_window_holds_its_last_day_and_not_one_more(make_library: LibraryFactory) -> None:
    lib = library(make_library)
    day30 = DAY1 + dt.timedelta(days=29)
    assert cert(lib, both_cuts(DAY1, day30), day30).status == "certified"
    day31 = DAY1 + dt.timedelta(days=30)
    assert cert(lib, both_cuts(DAY1, day31), day31).status == "not certified"


def test_a_missing_cut_or_an_attempt_held_below_gold_keeps_it_open(make_library: LibraryFactory) -> None:
    lib = library(make_library)
    day2 = DAY1 + dt.timedelta(days=1)
    only_30s = [recital("30s", DAY1), recital("30s", day2), recital("demo", DAY1)]
    found = cert(lib, only_30s, day2)
    assert found.status == "not certified" and found.missing == ("demo: 1 of 2 Gold on 2 days (1 day)",)
    held_back = [*only_30s, recital("demo", day2, score=89)]  # a recitation held below Gold scores at most 89
    assert cert(lib, held_back, day2).status == "not certified"


def test_a_new_published_version_moves_the_certificate_to_renew_by(make_library: LibraryFactory) -> None:
    lib = library(make_library, **{"content/acme/pitches/acme-core/v2.yaml": PITCH_V2})
    attempts = both_cuts(DAY1, DAY1 + dt.timedelta(days=1))
    renew_by = dt.date(2026, 11, 20) + dt.timedelta(days=14)
    found = cert(lib, attempts, renew_by)
    assert (found.status, found.version, found.current_version, found.renew_by) == ("renew", 1, 2, renew_by)
    assert found.why == f"certified on v1; renew on v2 by {renew_by}"
    assert cert(lib, attempts, renew_by + dt.timedelta(days=1)).status == "expired"
    renewed = [*attempts, *both_cuts(dt.date(2026, 11, 21), dt.date(2026, 11, 22), version=2)]
    assert cert(lib, renewed, renew_by + dt.timedelta(days=1)).version == 2


def test_a_certificate_expires_after_its_valid_days(make_library: LibraryFactory) -> None:
    lib = library(make_library)
    day2 = DAY1 + dt.timedelta(days=1)
    attempts = both_cuts(DAY1, day2)
    assert cert(lib, attempts, day2 + dt.timedelta(days=364)).status == "certified"
    assert cert(lib, attempts, day2 + dt.timedelta(days=365)).status == "expired"
    forever = CertificationPolicy(valid_days=None)
    assert cert(lib, attempts, day2 + dt.timedelta(days=3000), forever).status == "certified"


def test_the_numbers_come_from_the_policy(make_library: LibraryFactory) -> None:
    lib = library(make_library)
    three_in_a_day = CertificationPolicy(attempts=3, different_days=1, window_days=7)
    attempts = [recital(cut, DAY1, hour=h) for h in (9, 10, 11) for cut in ("30s", "demo")]
    assert cert(lib, attempts, DAY1, three_in_a_day).status == "certified"
    assert cert(lib, attempts[:4], DAY1, three_in_a_day).status == "not certified"


def answer(objection: str, day: dt.date, passed: bool, version: int = 1) -> NewAttempt:
    return NewAttempt(rep="alex", kind="objection", item_id=objection, product="acme", version=version,
                      score=80 if passed else 40, tier="Silver", attempt_text="...", started_at=on(day),
                      breakdown={"passed": passed})


def test_objections_need_each_passed_twice_on_different_days(make_library: LibraryFactory) -> None:
    lib = library(make_library)
    day2 = DAY1 + dt.timedelta(days=2)
    attempts = [answer(o, d, True) for o in ("too-expensive", "have-supplier") for d in (DAY1, day2)]
    found = objections_certificate("alex", lib, "acme", attempts, day2, POLICY)
    assert found is not None and (found.status, found.version, found.certified_on) == ("certified", 1, day2)
    failed = [*attempts[:-1], answer("have-supplier", day2, False)]
    found = objections_certificate("alex", lib, "acme", failed, day2, POLICY)
    assert found is not None and found.status == "not certified"
    assert found.missing == ("have-supplier: 1 of 2 passes on 2 days (1 day)",)
    newer = library(make_library, **{"content/acme/objections.yaml": OBJECTIONS.replace("version: 1", "version: 2")})
    found = objections_certificate("alex", newer, "acme", attempts, day2, POLICY)
    assert found is not None and (found.status, found.version, found.current_version) == ("renew", 1, 2)


def test_every_subject_of_a_rep_is_listed(make_library: LibraryFactory, tmp_path: Path) -> None:
    found = certificates("alex", library(make_library), [], DAY1, POLICY)
    assert [(c.subject, c.status, c.why) for c in found] == [
        ("pitch:acme-core", "not certified", "30s: 0 of 2 Gold on 2 days; demo: 0 of 2 Gold on 2 days"),
        ("objections:acme", "not certified",
         "too-expensive: 0 of 2 passes on 2 days; have-supplier: 0 of 2 passes on 2 days"),
    ]


def test_trainer_certify_shows_each_reps_certificates_and_why(make_library: LibraryFactory, tmp_path: Path) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), tmp_path / "p.sqlite3"
    today = dt.date.today()
    with PracticeStore(db) as store:
        for attempt in both_cuts(today - dt.timedelta(days=3), today - dt.timedelta(days=1)):
            store.record(attempt)
    runner = CliRunner()
    result = runner.invoke(main, ["certify", "--team", "north", "--format", "json", "--library", str(root),
                                  "--db", str(db)], catch_exceptions=False)
    records = json.loads(result.stdout)
    assert [(r["rep"], r["subject"], r["status"], r["version"]) for r in records] == [
        ("alex", "pitch:acme-core", "certified", 1),
        ("alex", "objections:acme", "not certified", None),
        ("sam", "pitch:acme-core", "not certified", None),
        ("sam", "objections:acme", "not certified", None),
    ]
    assert records[0]["certified_on"] == (today - dt.timedelta(days=1)).isoformat()
    text = runner.invoke(main, ["certify", "--rep", "alex", "--library", str(root), "--db", str(db)]).stdout
    assert "certified on v1 since" in text and "30s: 0 of 2 Gold" not in text
    unknown = runner.invoke(main, ["certify", "--rep", "alx", "--library", str(root), "--db", str(db)])
    assert unknown.exit_code == 2 and "did you mean 'alex'?" in unknown.stderr


def test_a_hostile_rep_name_is_escaped_in_the_certificate_table(make_library: LibraryFactory, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["certify", "--rep", "eve\x1b[2J", "--library", str(make_library()),
                                       "--db", str(tmp_path / "p.sqlite3")], catch_exceptions=False)
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "eve" in result.stdout
