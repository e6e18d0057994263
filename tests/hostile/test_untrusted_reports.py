"""Session reports and exports carry hostile names and titles as text: no link, image, HTML or formula.

A real team session on the hostile library, with reps named like Markdown, HTML, Rich markup, a formula and an
escape sequence; its Markdown is rendered with a CommonMark renderer (tables on), its HTML parsed, its CSV read.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixture_library import LibraryFactory
from hostile_text import FORMULA, HOSTILE_REP, HTML, MARKDOWN, RETITLE, hostile_library
from markdown_it import MarkdownIt

from trainer.cli import main
from trainer.library import load_library
from trainer.store import PracticeStore
from trainer.team.pool import build_pool
from trainer.team.report import to_csv, to_html, to_markdown
from trainer.team.session import SessionConfig, TeamSession

ROSTER = (MARKDOWN, HTML, HOSTILE_REP, FORMULA, f"eve{RETITLE}")
SESSION_NAME = f"Monday {HTML} {MARKDOWN}"


@pytest.fixture
def db(make_library: LibraryFactory, tmp_path: Path) -> Path:
    path = tmp_path / "practice.sqlite3"
    library = load_library(hostile_library(make_library))
    config = SessionConfig(name=SESSION_NAME, roster=ROSTER, product="acme", rounds=1, seconds_per_turn=60, seed=7)
    session = TeamSession(config, build_pool(library, config.product, config.kinds, config.cuts),
                          store=PracticeStore(path))
    while not session.finished:
        session.submit("Widgets are nice. [/x] <b>bold</b> =1+1")
    return path


@pytest.fixture
def record(db: Path) -> dict[str, Any]:
    store = PracticeStore(db)
    ((session_id, _, _),) = store.sessions()
    found = store.session(session_id)
    assert found is not None
    return found


def test_markdown_report_has_no_link_image_or_html(record: dict[str, Any]) -> None:
    text = to_markdown(record)
    page = MarkdownIt("commonmark").enable("table").render(text)
    assert "<a " not in page and "<img" not in page and "<b>" not in page and "<strong>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # shown as text
    assert "\x1b" not in text and "\x07" not in text
    rows = [line for line in page.split("<tr>") if "<td" in line]
    assert rows and all(row.count("<td") in (5, 7) for row in rows)  # no name split a table row


def test_html_report_is_well_formed_and_shows_names_as_text(record: dict[str, Any]) -> None:
    page = to_html(record)
    root = ET.fromstring(page.split("\n", 1)[1])
    assert not root.findall(".//img") and not root.findall(".//a") and not root.findall(".//script")
    texts = "".join(root.itertext())
    assert HTML in texts and HOSTILE_REP in texts and "eve\\e]0;pwned\\x07" in texts
    assert "\x1b" not in page and "\x07" not in page


def test_csv_report_cells_are_never_formulas(record: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(record))))
    assert rows
    assert all(not (value or "").startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    assert "'" + FORMULA in {row["rep"] for row in rows}
    assert "\x1b" not in to_csv(record)


def test_report_command_lists_and_prints_hostile_sessions_safely(db: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["report", "--db", str(db)])
    assert listing.exit_code == 0 and "\x1b" not in listing.stdout
    session_id = listing.stdout.split()[0]
    for fmt in ("md", "html", "csv"):
        shown = runner.invoke(main, ["report", session_id, "--format", fmt, "--db", str(db)])
        assert shown.exit_code == 0, shown.stderr
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
