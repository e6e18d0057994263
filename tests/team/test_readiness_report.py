"""``trainer readiness`` as HTML (the page for the sales director), with --output, --weeks and the weekly trend
in JSON and CSV — through the real command on a real database."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from fixture_library import ROSTER, LibraryFactory

from trainer.cli import main
from trainer.store.attempts import NewAttempt
from trainer.store.database import PracticeStore

HOSTILE = "<script>alert('x')</script>\x1b[31m&amp;\u202e"


def attempt(rep: str, score: float, days_ago: float) -> NewAttempt:
    return NewAttempt(rep=rep, kind="pitch", item_id="acme-core", product="acme", cut="30s", version=1,
                      score=score, tier="", attempt_text="...",
                      started_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago))


class Page(HTMLParser):
    """Collects what a browser would: tags, attribute values, text; and complains about unbalanced tags."""

    VOID = frozenset({"meta", "br", "img", "hr", "input", "link", "polyline", "circle", "line", "rect"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(value or "" for _, value in attrs)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(value or "" for _, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["readiness", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_html_report_escapes_hostile_names_parses_and_fetches_nothing(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    root, db = make_library({}), tmp_path / "p.sqlite3"
    with PracticeStore(db) as store:
        for score, days in ((50, 20), (70, 9), (85, 1)):
            store.record(attempt(HOSTILE, score, days))
            store.record(attempt("sam", score + 10, days))
    code, html, _ = run("--format", "html", "--library", str(root), "--db", str(db))
    assert code == 0
    assert "<script" not in html and "\x1b" not in html and "\u202e" not in html
    assert "&lt;script&gt;" in html
    page = Page()
    page.feed(html)
    page.close()
    assert page.open == [], f"unclosed tags: {page.open}"
    assert "script" not in page.tags and "title" in page.tags and "svg" in page.tags
    assert not [a for a in page.attributes if re.search(r"(https?:|//|url\()", a)]
    assert not re.search(r"https?://|url\(|@import|src=|href=", html)
    shown = "".join(page.text)
    assert "<script>alert('x')</script>\\e[31m&amp;" in shown  # the name, as text, control characters visible
    assert "Team readiness" in shown
    assert "@media print" in html


def test_output_writes_the_page_atomically_and_weeks_sets_the_trend_length(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), tmp_path / "p.sqlite3"
    with PracticeStore(db) as store:
        for score, days in ((60, 15), (80, 8), (90, 0.1)):
            store.record(attempt("sam", score, days))
    out = tmp_path / "ready.html"
    out.write_text("old report")
    code, stdout, stderr = run("--format", "html", "--weeks", "4", "-o", str(out), "--library", str(root),
                               "--db", str(db))
    assert code == 0 and stdout == "" and f"wrote {out}" in stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "north" in page and "south" in page
    assert page.count("<svg") == 2 + 3  # a chart per team, a sparkline per rep
    assert not list(tmp_path.glob(".*tmp*"))  # nothing left behind by the atomic write
    code, _, stderr = run("--output", str(out), "--library", str(root), "--db", str(db))
    assert code == 2 and "--output needs --format json, csv or html" in stderr
    code, _, stderr = run("--weeks", "0", "--library", str(root), "--db", str(db))
    assert code == 2 and "--weeks" in stderr


def test_json_and_csv_carry_the_weekly_trend_with_gaps(make_library: LibraryFactory, tmp_path: Path) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), tmp_path / "p.sqlite3"
    with PracticeStore(db) as store:
        store.record(attempt("sam", 60, 14.5))  # two weeks ago (or so): a week with practice
        store.record(attempt("sam", 90, 0))  # this week
    args = ("--library", str(root), "--db", str(db), "--weeks", "5")
    code, out, _ = run("--format", "json", "--team", "north", *args)
    data = json.loads(out)
    assert code == 0 and len(data["weeks"]) == 5
    [north] = data["teams"]
    sam = north["reps"][1]
    assert sam["rep"] == "sam" and [w["week"] for w in sam["trend"]] == data["weeks"]
    values = [w["proficiency"] for w in sam["trend"]]
    assert values[-1] is not None and values[-1] > 60
    assert values.count(None) == 3  # quiet weeks are gaps, not zeros
    assert [w["attempts"] for w in north["trend"]].count(0) == 3
    alex = north["reps"][0]
    assert all(w["proficiency"] is None for w in alex["trend"])
    code, out, _ = run("--format", "csv", "--team", "north", *args)
    header, alex_row, sam_row = out.splitlines()
    assert header.split(",")[8:] == data["weeks"]
    assert alex_row.endswith(",,,,,")
    assert sam_row.split(",")[-1] == str(values[-1])


def test_the_text_view_draws_each_weekly_trend_with_quiet_weeks_as_dots(
    make_library: LibraryFactory, tmp_path: Path
) -> None:
    root, db = make_library({"roster.yaml": ROSTER}), tmp_path / "p.sqlite3"
    with PracticeStore(db) as store:
        for score in (95, 95, 95):
            store.record(attempt("sam", score, 0))
    code, out, _ = run("--team", "north", "--weeks", "4", "--library", str(root), "--db", str(db))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("north  amber  ···█")  # the team: nobody practised before this week
    sam = next(line for line in lines if line.startswith("sam"))
    alex = next(line for line in lines if line.startswith("alex"))
    assert "···█" in sam and "····" in alex
    assert "· no practice that week" in out
