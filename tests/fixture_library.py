"""A small, real content library for tests: its files, and how to write them to a folder.

A plain module (not conftest) so tests import it by a name no other folder shares."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

PITCH_V1 = """\
# The Acme core pitch, first version.
pitch: acme-core
version: 1
status: published
title: Acme core pitch
cuts:
  30s:
    target_seconds: 30
    sections:
      - name: Hook
        text: >-
          Broken widgets stop your line for hours. Acme widgets warn you days before they fail.
        key_phrases: [warn you days before they fail]
      - name: Ask
        text: Can we run a two-week trial on your worst line?
        key_phrases: [two-week trial]
  demo:
    target_seconds: 120
    sections:
      - name: Dashboard
        cue: Open the dashboard.
        text: This is the live view of every widget on your line.
"""

PRODUCT = "id: acme\nname: Acme widgets\nlanguage: en\n"

OBJECTIONS = """\
product: acme
version: 1
objections:
  - id: too-expensive
    category: price
    objection: Your widgets cost twice what we pay now.
    answer: One hour of downtime costs more than a widget, and the total cost of ownership is lower.
    key_points: [one hour of downtime costs more, total cost of ownership]
  - id: have-supplier
    category: competitor
    objection: We already have a supplier.
    answer: Keep them for standard parts; use us for the lines where failures hurt most.
    key_points: [keep your supplier, lines where failures hurt most]
"""

DRILLS = """\
product: acme
version: 1
drills:
  - id: who-signs
    topic: decision-process
    goal: Find out who signs off on maintenance purchases.
    avoid: Who makes the decisions around here?
    examples: [Is it you or procurement who signs the purchase order?]
    key_terms: [sign, approve, purchase order]
"""

SCENARIO = """\
id: cold-call
title: Cold call
product: acme
persona: Bob, plant manager. Busy.
stage: first-contact
steps:
  - pitch: {id: acme-core, cut: 30s}
  - customer: We already have a supplier.
    objection: have-supplier
  - drill: who-signs
"""

LibraryFactory = Callable[..., Path]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path

ROSTER = """\
# Who is on which team: reviewed like the scripts.
teams:
  - id: north
    name: North region
    managers: [maria]
    members: [alex, sam]
  - id: south
    managers: [maria]
    members: [lee]
"""
