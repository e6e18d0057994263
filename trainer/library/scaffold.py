"""Starting content without hand-writing a first file: a new library folder, a product, a pitch's first draft.

Every file written here is a template with its fields explained in comments; it is parsed and validated
before it is written, written create-only (never over an existing file), and loads with zero problems, so
``trainer check`` passes on a fresh scaffold. Names and titles a manager types are quoted, never pasted into
YAML or comments as they are. Whether the library may be written at all is decided by
:func:`.locate.writable_library` before these functions are called.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .catalog import Library
from .files import create_new
from .ids import ID_PATTERN, LANGUAGE_PATTERN
from .loader import load_file, yaml_files
from .locate import PACKAGE_DIR, bundled_library
from .models import PitchVersion, Product
from .problems import ContentError, display_path
from .roster import ROSTER_FILE

LIBRARY_FOLDERS = ("content", "scenarios")
PLACEHOLDER = "Replace this with"
"""How every placeholder text of a new pitch starts, so that publishing one left unedited can be refused."""
M = TypeVar("M", bound=BaseModel)

CONTENT_README = """\
# Pitch Trainer content

One folder per product, created with `trainer new product ID --name "Name"`; a product's pitches are
started with `trainer new pitch PRODUCT ID`. Role-play scenarios go in ../scenarios/.

Edit the files, run `trainer check`, then `trainer publish PITCH`. For a later change, `trainer new-version
PITCH` copies the newest version to a new draft. `trainer schema --output pitch-trainer.schema.json` gives
your editor autocompletion. Run the trainer from the folder that holds this content/ folder, or point it here
with --library or $TRAINER_LIBRARY.
"""

PRODUCT_TEMPLATE = """\
# Product {id}: one folder per product (content/{id}/), holding this file, its pitches (pitches/<pitch>/),
# its objection answers (objections.yaml) and its discovery drills (drills.yaml).
# Start a pitch with `trainer new pitch {id} PITCH-ID`; check your edits with `trainer check`.

# The product's id: equals its folder name, and never changes once reps practise its content.
id: {id}
# The name reps see.
name: {name}
# The language of this product's scripts (en, zh, ...): sets pace estimates and how recitations are scored.
language: {language}
# Optional: who buys it (shown to reps), and a paragraph reps read before they practise. Remove the # to use.
# audience: plant and maintenance managers
# summary: >-
#   What it is, what it does for the customer, and what it costs.
"""

PITCH_TEMPLATE = """\
# Pitch {pitch}, version 1: a draft. Replace every text with the words reps should learn, keep the cuts you
# need and delete the others (at least one), then run `trainer check` and `trainer publish {pitch}`.
# Reps practise the newest published version; later changes start with `trainer new-version {pitch}`.

# The pitch's id: equals its folder name and is the same in every version.
pitch: {pitch}
# The version number: equals the file name, v1.yaml.
version: 1
# draft while you write it; `trainer publish` sets published, the date and a content hash.
status: draft
# The title reps see.
title: {title}
cuts:
  # The elevator pitch. target_seconds: how long saying the cut should take.
  30s:
    target_seconds: 30
    # Sections, in speaking order: a name reps see and the exact words to say.
    sections:
      - name: Hook
        text: >-
          Replace this with your hook: the problem your customer has and what changes for them.
          Put the one phrase reps must say in key_phrases below.
        # Phrases that must be said; each must appear word for word in the text above.
        # Mark one critical (the headline figure, the ask) and a recitation without it is never Gold:
        #   key_phrases:
        #     - phrase: the one phrase reps must say
        #       critical: true
        key_phrases: [the one phrase reps must say]
      - name: Ask
        text: >-
          Replace this with the next step you ask for.

  # The five-minute pitch.
  5min:
    target_seconds: 300
    sections:
      - name: Opener
        text: >-
          Replace this with why you are here and what the customer will know in five minutes.
      - name: The problem
        text: >-
          Replace this with the customer's problem and what it costs them.
      - name: How it works
        text: >-
          Replace this with how the product solves it, in plain words.
      - name: Proof
        text: >-
          Replace this with a customer story with numbers.
      - name: Next step
        text: >-
          Replace this with the next step you ask for.

  # The demo script: each section may have a cue, a stage direction shown to the rep and never recited.
  demo:
    target_seconds: 600
    sections:
      - name: Overview
        cue: Replace this with what to open or click.
        text: >-
          Replace this with what to say while showing it.
      - name: Next step
        text: >-
          Replace this with the next step you ask for.
"""


@dataclass(frozen=True)
class Created:
    """What a scaffolding command wrote, and a one-line message saying so."""

    path: Path
    message: str


@dataclass(frozen=True)
class StartedLibrary:
    """A library folder started by :func:`init_library`."""

    root: Path
    files: int
    from_sample: bool


def check_id(value: str, what: str) -> str:
    """``value`` if it is a valid id; ids become folder names, so anything else is refused."""
    if re.fullmatch(ID_PATTERN, value) is None:
        raise ContentError(
            f"{what} id {value!r} is not valid: use up to 64 lower-case letters, digits and dashes, "
            "starting with a letter or digit (like flowguard-core)"
        )
    return value


def yaml_string(text: str) -> str:
    """A one-line double-quoted YAML scalar for ``text``: line breaks and control characters are escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in quoted)


def humanize(identifier: str) -> str:
    """A readable default name for an id: ``acme-cloud`` → ``Acme cloud``."""
    words = identifier.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def products_dir(root: Path) -> Path:
    """Where product folders go: ``root/content``, unless ``root`` is itself a folder of products."""
    content = root / "content"
    if content.is_dir() or not any(root.glob("*/product.yaml")):
        return content
    return root


def _validated(path: Path, root: Path, text: str, model_type: type[M]) -> M:
    """Parse and validate a file's text before it is written; the message names the value to fix."""
    item, problems = load_file(path, root, text=text)
    if item is None or not isinstance(item.model, model_type) or any(p.severity == "error" for p in problems):
        detail = "; ".join(p.message for p in problems) or "unknown problem"
        raise ContentError(f"cannot write {display_path(path)}: {detail}; nothing was written")
    return item.model


def _create(path: Path, text: str) -> None:
    try:
        create_new(path, text)
    except FileExistsError:
        raise ContentError(f"{display_path(path)} already exists; nothing was written") from None


def new_product(library: Library, product_id: str, name: str | None = None, language: str = "en") -> Created:
    """Write ``content/<id>/product.yaml`` from the template; refuse an existing or invalid id."""
    check_id(product_id, "product")
    folder = products_dir(library.root) / product_id
    if product_id in library.products or folder.exists():
        raise ContentError(f"product {product_id!r} already exists ({display_path(folder)}); nothing was written")
    name = (name if name is not None else humanize(product_id)).strip()
    path = folder / "product.yaml"
    if re.fullmatch(LANGUAGE_PATTERN, language) is None:
        raise ContentError(f"language {language!r} is not valid: use a code like en, zh or en-GB")
    text = PRODUCT_TEMPLATE.format(id=product_id, name=yaml_string(name), language=language)
    model = _validated(path, library.root, text, Product)
    if model.name != name or model.language != language:
        raise ContentError(f"cannot write {display_path(path)}: the name did not survive quoting; nothing was written")
    _create(path, text)
    return Created(path, f"created product {product_id}: {display_path(path)}")


def new_pitch(library: Library, product_id: str, pitch_id: str, title: str | None = None) -> Created:
    """Write the first draft of a pitch, ``content/<product>/pitches/<pitch>/v1.yaml``, with all three cuts."""
    check_id(product_id, "product")
    check_id(pitch_id, "pitch")
    library.product(product_id)  # an unknown product: "no product 'x'; did you mean ..."
    owner = library.pitches.get(pitch_id)
    if owner is not None:
        raise ContentError(f"pitch {pitch_id!r} already exists in product {owner.product!r}; nothing was written")
    folder = products_dir(library.root) / product_id / "pitches" / pitch_id
    if folder.exists():
        raise ContentError(f"{display_path(folder)} already exists; nothing was written")
    title = (title if title is not None else humanize(pitch_id)).strip()
    path = folder / "v1.yaml"
    text = PITCH_TEMPLATE.format(pitch=pitch_id, title=yaml_string(title))
    model = _validated(path, library.root, text, PitchVersion)
    if model.title != title:
        raise ContentError(f"cannot write {display_path(path)}: the title did not survive quoting; nothing was written")
    _create(path, text)
    return Created(path, f"created draft version 1 of pitch {pitch_id}: {display_path(path)}")


def placeholder_sections(version: PitchVersion) -> list[str]:
    """Where a pitch still holds a placeholder text from :data:`PITCH_TEMPLATE`, e.g. "the 30s cut's Hook"."""
    return [
        f"the {cut_name} cut's {section.name}"
        for cut_name, cut in version.cuts.items()
        for section in cut.sections
        if PLACEHOLDER in section.text or PLACEHOLDER in (section.cue or "")
    ]


def _refuse_occupied(target: Path, package_dir: Path) -> None:
    if target.resolve().is_relative_to(package_dir.resolve()):
        raise ContentError(f"{target.resolve()} is inside the installed package, where the next upgrade wipes it")
    if target.exists() and not target.is_dir():
        raise ContentError(f"{display_path(target)} is a file, not a folder; nothing was written")
    for name in LIBRARY_FOLDERS:
        sub = target / name
        if sub.exists() and (not sub.is_dir() or any(sub.iterdir())):
            raise ContentError(
                f"{display_path(sub)} already exists and is not empty; nothing was written "
                "(use that library as it is, or choose another folder)"
            )


def _fill(staging: Path, from_sample: bool) -> int:
    """Write the new library's files into ``staging``; returns how many sample files were copied."""
    for name in LIBRARY_FOLDERS:
        (staging / name).mkdir()
    count = 0
    if from_sample:
        sample = bundled_library()
        for name in LIBRARY_FOLDERS:
            for source in yaml_files(sample / name):
                copy = staging / name / source.relative_to(sample / name)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(source.read_bytes())  # the same bytes, so published files stay sealed
                count += 1
    (staging / "content" / "README.md").write_text(CONTENT_README, encoding="utf-8")
    return count


def _copy_sample_roster(target: Path) -> int:
    """The sample's roster.yaml beside the copied content, unless the folder already has one of its own."""
    source = bundled_library() / ROSTER_FILE
    if not source.is_file() or (target / ROSTER_FILE).exists():
        return 0
    try:
        create_new(target / ROSTER_FILE, source.read_text(encoding="utf-8"))
    except FileExistsError:
        return 0
    return 1


def init_library(target: Path, *, from_sample: bool = False, package_dir: Path = PACKAGE_DIR) -> StartedLibrary:
    """Start a library in ``target``: ``content/`` and ``scenarios/``, empty or copied from the sample.

    ``target`` may hold other files (a git repository, say), but not a non-empty content/ or scenarios/.
    Both folders are built beside their destination and moved into place, so a failure leaves no half-copied
    library behind.
    """
    _refuse_occupied(target, package_dir)
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".trainer-init-", dir=target))
    moved: list[str] = []
    try:
        count = _fill(staging, from_sample)
        _refuse_occupied(target, package_dir)  # again: someone may have written there meanwhile
        for name in LIBRARY_FOLDERS:
            os.replace(staging / name, target / name)  # replaces an empty folder, fails on a non-empty one
            moved.append(name)
        if from_sample:
            count += _copy_sample_roster(target)
    except OSError as exc:
        for name in moved:  # only what this call put there
            shutil.rmtree(target / name, ignore_errors=True)
        raise ContentError(f"cannot start a library in {display_path(target)}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return StartedLibrary(target, count, from_sample)

