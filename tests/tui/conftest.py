"""A small, fixed practice library written to a temporary folder, and an app factory with a frozen clock.

The wording here is ours, not the sample library's, so the tests keep passing while the sample is edited.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_support import FrozenClock

from trainer.library import Library, load_library
from trainer.practice.log import SessionLog
from trainer.tui.app import TrainerApp

PRODUCT = """\
id: acme
name: Acme widgets
language: en
audience: plant managers
summary: Smart widgets that warn before they fail.
"""

PITCH_V1 = """\
pitch: acme-core
version: 1
status: published
title: Acme core pitch
cuts:
  30s:
    target_seconds: 30
    sections:
      - name: Hook
        text: Broken widgets stop your line for hours. Acme widgets warn you before they fail.
        key_phrases: [warn you before they fail]
      - name: Ask
        text: Can we run a trial on your worst line?
        key_phrases: [run a trial]
"""

PITCH_V2 = """\
pitch: acme-core
version: 2
status: published
title: Acme core pitch
changes: Warn days ahead; a two-week trial.
cuts:
  30s:
    target_seconds: 30
    sections:
      - name: Hook
        text: Broken widgets stop your line for hours. Acme widgets warn you days before they fail.
        key_phrases: [warn you days before they fail]
      - name: Ask
        text: Can we run a two-week trial on your worst line?
        key_phrases: [two-week trial]
  demo:
    target_seconds: 120
    sections:
      - name: Dashboard
        cue: Open the dashboard on the Health tab.
        text: This is the live view of every widget on your line, sorted by risk.
        key_phrases: [sorted by risk]
"""

PITCH_V3 = """\
pitch: acme-core
version: 3
status: draft
title: Acme core pitch
changes: Work in progress.
cuts:
  30s:
    target_seconds: 30
    sections:
      - name: Hook
        text: Broken widgets stop your line for hours. Acme widgets warn you days before they fail.
        key_phrases: [warn you days before they fail]
"""

OBJECTIONS = """\
product: acme
version: 1
objections:
  - id: too-expensive
    category: price
    objection: Your widgets cost twice what we pay now.
    answer: >-
      One hour of downtime costs more than a widget, and the total cost of ownership is lower
      over three years.
    key_points:
      - one hour of downtime costs more than a widget
      - {point: total cost of ownership, alternatives: [lifetime cost]}
    follow_up: How many hours of downtime did you log last quarter?
  - id: have-supplier
    category: competitor
    objection: We already have a supplier.
    answer: Keep them for standard parts; use us for the lines where failures hurt most.
    key_points: [keep your supplier for standard parts, lines where failures hurt most]
  - id: no-time
    category: timing
    objection: We have no time for this right now.
    answer: The trial takes one hour of your team's time, and we do the installation.
    key_points: [one hour of your team's time, we do the installation]
"""

DRILLS = """\
product: acme
version: 1
drills:
  - id: who-signs
    topic: decision-process
    goal: Find out who signs off on maintenance purchases.
    avoid: Who makes the decisions around here?
    examples:
      - Is it you or procurement who signs the purchase order?
      - Does the plant manager approve purchases above ten thousand dollars?
    key_terms: [sign, approve, purchase order]
  - id: downtime
    topic: goals-pressure
    goal: Find out how much unplanned downtime the line had last quarter.
    avoid: How is your downtime?
    examples: [Did the line stop for more than ten hours last quarter?]
    key_terms: [downtime, stop, hours]
"""

ZH_PRODUCT = """\
id: yun
name: 云迹
language: zh
"""

ZH_PITCH = """\
pitch: yun-core
version: 1
status: published
title: 云迹核心话术
cuts:
  30s:
    target_seconds: 30
    sections:
      - name: 开场
        text: 设备故障会让生产线停工数小时。云迹能提前几天预警。
        key_phrases: [提前几天预警]
"""

SCENARIO = """\
id: cold-call
title: Cold call to a plant manager
product: acme
persona: Bob, plant manager. Busy and sceptical.
stage: first-contact
steps:
  - customer: Hello, Bob speaking.
    pitch: {id: acme-core, cut: 30s}
  - customer: We already have a supplier.
    objection: have-supplier
  - drill: who-signs
    note: Find out who signs before offering a trial.
"""

FILES: dict[str, str] = {
    "content/acme/product.yaml": PRODUCT,
    "content/acme/pitches/acme-core/v1.yaml": PITCH_V1,
    "content/acme/pitches/acme-core/v2.yaml": PITCH_V2,
    "content/acme/pitches/acme-core/v3.yaml": PITCH_V3,
    "content/acme/objections.yaml": OBJECTIONS,
    "content/acme/drills.yaml": DRILLS,
    "content/yun/product.yaml": ZH_PRODUCT,
    "content/yun/pitches/yun-core/v1.yaml": ZH_PITCH,
    "scenarios/cold-call.yaml": SCENARIO,
}

V2_30S_TEXT = (
    "Broken widgets stop your line for hours. Acme widgets warn you days before they fail.\n\n"
    "Can we run a two-week trial on your worst line?"
)


def write_library(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """Write :data:`FILES` (overridden by ``files``; None deletes one) under ``root``."""
    merged: dict[str, str | None] = {**FILES, **(files or {})}
    for rel, text in merged.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Preferences go to a temporary folder, never the developer's own config."""
    folder = tmp_path / "config"
    monkeypatch.setenv("TRAINER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def library_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_library(tmp_path / "lib")
    monkeypatch.chdir(root)  # problem paths print relative to the library, the same on every machine
    return root


@pytest.fixture
def library(library_root: Path) -> Library:
    return load_library(library_root)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


AppFactory = Callable[..., TrainerApp]


@pytest.fixture
def make_app(library: Library, clock: FrozenClock) -> AppFactory:
    """``make_app()`` builds the app on the fixed library with the frozen clock and a fresh session log; text
    cursors do not blink, so pictures do not depend on when they are taken."""

    def make(lib: Library | Path | None = None, **kwargs: object) -> TrainerApp:
        options: dict[str, object] = {"clock": clock, "log": SessionLog(), "seed": 7, "rep": "ann",
                                      "cursor_blink": False}
        options.update(kwargs)
        return TrainerApp(lib if lib is not None else library, **options)  # type: ignore[arg-type]

    return make
