"""Hostile strings and a library that carries them, shared by the untrusted-text tests.

A plain module (not conftest) so tests import it by a name no other folder shares."""

from __future__ import annotations

from pathlib import Path

from fixture_library import DRILLS, OBJECTIONS, PITCH_V1, PRODUCT, SCENARIO, LibraryFactory, write

RETITLE = "\x1b]0;pwned\x07"  # OSC 0: sets the terminal's title
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: writes `rm -rf ~` into the clipboard
MARKUP = "[/x] [bold red]loud[/] [@click=app.quit]q[/]"
HTML = "<img src=x onerror=alert(1)>"
MARKDOWN = "![x](http://evil.example/x.png) [click](http://evil.example) **b** `c` # h |"
FORMULA = "=cmd|' /C calc'!A0"

HOSTILE_TITLE = f"Pitch {RETITLE}{CLIPBOARD} {MARKUP} {HTML} {MARKDOWN}"
HOSTILE_REP = "[/x]"
ESCAPE_REP = f"eve{RETITLE}\x9b2J"  # and a C1 CSI: "clear the screen" on terminals that read C1


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar (ESC and BEL written as YAML escapes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e").replace("\x07", "\\a") + '"'


def _hostile_files() -> dict[str, str]:
    """The test library's files with hostile text in the product name, pitch title and section name, an objection,
    a drill goal and the scenario title."""
    pitch = PITCH_V1.replace("title: Acme core pitch", f"title: {_yaml(HOSTILE_TITLE)}").replace(
        "name: Hook", f"name: {_yaml('Hook ' + CLIPBOARD + MARKUP)}"
    )
    objections = OBJECTIONS.replace(
        "objection: Your widgets cost twice what we pay now.",
        f"objection: {_yaml('Too dear ' + RETITLE + MARKUP + HTML)}",
    )
    drills = DRILLS.replace("goal: Find out", f"goal: {_yaml(MARKUP + RETITLE + ' Find out')} #")
    scenario = SCENARIO.replace("title: Cold call", f"title: {_yaml('Cold ' + RETITLE + MARKUP)}")
    product = PRODUCT.replace("name: Acme widgets", f"name: {_yaml('Acme ' + CLIPBOARD + MARKUP + FORMULA)}")
    return {
        "content/acme/product.yaml": product,
        "content/acme/pitches/acme-core/v1.yaml": pitch,
        "content/acme/objections.yaml": objections,
        "content/acme/drills.yaml": drills,
        "scenarios/cold-call.yaml": scenario,
    }


HOSTILE_FILES = _hostile_files()


def hostile_library(make_library: LibraryFactory) -> Path:
    """The test library (see ``make_library``) with :data:`HOSTILE_FILES`."""
    return make_library(HOSTILE_FILES)


def write_hostile_library(root: Path) -> Path:
    """:data:`HOSTILE_FILES` alone, written under ``root``."""
    for rel, text in HOSTILE_FILES.items():
        write(root / rel, text)
    return root
