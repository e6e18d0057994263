"""Load a library folder: every file read safely, validated, placed; one bad file never stops the rest."""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalog import Library, Pitch, ProductContent
from .checks import check_library
from .models import DOCUMENT_MODELS, DrillSet, ObjectionFAQ, PitchVersion, Product, Scenario
from .problems import Problem, display_path
from .validation import validate_document
from .yaml_source import YamlDocument, YamlProblem, parse_yaml, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")
_VERSION_FILE = re.compile(r"^v(\d+)$")


def content_dir(root: Path) -> Path:
    """``root/content`` when it exists, else ``root`` itself (a folder of products)."""
    candidate = root / "content"
    return candidate if candidate.is_dir() else root


def scenario_dir(root: Path) -> Path:
    return root / "scenarios"


def detect_kind(data: Any, path: Path) -> str | None:
    """What kind of file this is: from its top-level keys, else from its name and place.

    Keys first, so a single file can be checked anywhere; the name is the fallback, so a misspelt
    top-level key still gets a "did you mean" instead of "unknown file".
    """
    if isinstance(data, dict):
        for key, kind in (
            ("pitch", "pitch"),
            ("objections", "objections"),
            ("drills", "drills"),
            ("steps", "scenario"),
        ):
            if key in data:
                return kind
    stem = path.stem
    if stem in ("product", "objections", "drills"):
        return stem
    if _VERSION_FILE.match(stem) and path.parent.parent.name == "pitches":
        return "pitch"
    if path.parent.name == "scenarios":
        return "scenario"
    return None


def yaml_files(folder: Path) -> list[Path]:
    """YAML files under ``folder``, sorted, skipping hidden folders and never following symlinked folders."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / name for name in sorted(filenames) if name.endswith(YAML_SUFFIXES))
    return found


class LoadedFile:
    """One file that parsed and validated: its model, its positions, where it lives."""

    def __init__(self, path: Path, shown: str, kind: str, doc: YamlDocument, model: BaseModel) -> None:
        self.path, self.shown, self.kind, self.doc, self.model = path, shown, kind, doc, model

    def problem(self, loc: tuple[str | int, ...], message: str, severity: str = "error", key: bool = False) -> Problem:
        pos = self.doc.position(loc, prefer_key=key)
        return Problem(self.shown, pos.line, pos.col, message, severity)  # type: ignore[arg-type]


def load_file(path: Path, root: Path | None = None, text: str | None = None) -> tuple[LoadedFile | None, list[Problem]]:
    """Read (or take ``text`` as the content of ``path``), parse and validate one file.

    Problems come back instead of exceptions.
    """
    shown = display_path(path)
    try:
        doc = read_yaml(path) if text is None else parse_yaml(text)
    except YamlProblem as exc:
        return None, [Problem(shown, exc.position.line, exc.position.col, exc.message)]
    kind = detect_kind(doc.data, path)
    if not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [Problem(shown, 1, 1, f"a content file holds keys and values (like `pitch: ...`), not {found}")]
    if kind is None:
        return None, [
            Problem(
                shown,
                1,
                1,
                "cannot tell what this file holds: expected a top-level key 'pitch', 'objections', 'drills' "
                "or 'steps' (a scenario), or a file named product.yaml",
            )
        ]
    model, problems = validate_document(doc, DOCUMENT_MODELS[kind], shown)
    if model is None:
        return None, problems
    return LoadedFile(path, shown, kind, doc, model), problems


def _placement_problems(item: LoadedFile, cdir: Path, sdir: Path) -> list[Problem]:
    """Files must live where their ids say, so ids and paths never disagree."""
    problems: list[Problem] = []
    model = item.model
    rel = item.path.relative_to(cdir).parts if item.path.is_relative_to(cdir) else None
    if isinstance(model, Scenario):
        if item.path.parent != sdir:
            problems.append(item.problem((), f"scenarios belong in {display_path(sdir)}/", "warning"))
        if item.path.stem != model.id:
            problems.append(item.problem(("id",), f"id {model.id!r} does not match the file name {item.path.name!r}"))
        return problems
    if rel is None or len(rel) < 2:
        problems.append(item.problem((), "content files belong in content/<product>/", "error"))
        return problems
    folder_product = rel[0]
    product_id = getattr(model, "product", None) if not isinstance(model, Product) else model.id
    if product_id is not None and product_id != folder_product:
        loc = ("id",) if isinstance(model, Product) else ("product",)
        problems.append(item.problem(loc, f"product {product_id!r} does not match its folder {folder_product!r}"))
    if isinstance(model, PitchVersion):
        expected = ("pitches", model.pitch, f"v{model.version}")
        actual = (*rel[1:-1], item.path.stem)
        if actual != expected:
            where = f"{folder_product}/pitches/{model.pitch}/v{model.version}.yaml"
            problems.append(item.problem(("version",), f"this pitch version must be stored as content/{where}"))
    return problems


def load_library(root: Path) -> Library:
    """Load every product and scenario under ``root``; never raises for content problems.

    The cyclic garbage collector is paused while loading: loading allocates hundreds of thousands of
    small objects that are all kept, and repeated full collections over them cost more than the parsing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_library(Path(root))
    finally:
        if enabled:
            gc.enable()


def _load_library(root: Path) -> Library:
    library = Library(root=root)
    cdir, sdir = content_dir(root), scenario_dir(root)
    loaded: list[LoadedFile] = []
    paths = yaml_files(cdir) + [p for p in yaml_files(sdir) if not p.is_relative_to(cdir)]
    for path in paths:
        library.files_read += 1
        item, problems = load_file(path, root)
        library.problems.extend(problems)
        if item is None:
            continue
        placement = _placement_problems(item, cdir, sdir)
        library.problems.extend(placement)
        if any(p.severity == "error" for p in placement):
            continue
        loaded.append(item)
    _assemble(library, loaded)
    library.problems.extend(check_library(library, loaded))
    library.problems.sort()
    return library


def _assemble(library: Library, loaded: list[LoadedFile]) -> None:
    def product(pid: str) -> ProductContent:
        return library.products.setdefault(pid, ProductContent(id=pid))

    owners: dict[str, Pitch] = {}

    for item in loaded:
        model = item.model
        if isinstance(model, Product):
            product(model.id).product = model
        elif isinstance(model, ObjectionFAQ):
            product(model.product).objections = model
        elif isinstance(model, DrillSet):
            product(model.product).drills = model
        elif isinstance(model, Scenario):
            if model.id in library.scenarios:
                library.problems.append(item.problem(("id",), f"duplicate scenario id {model.id!r}"))
                continue
            library.scenarios[model.id] = model
        elif isinstance(model, PitchVersion):
            pid = model.product or item.path.relative_to(content_dir(library.root)).parts[0]
            owner = owners.get(model.pitch)
            if owner is not None and owner.product != pid:
                library.problems.append(
                    item.problem(("pitch",), f"pitch id {model.pitch!r} is already used by product {owner.product!r}")
                )
                continue
            pitch = product(pid).pitches.setdefault(model.pitch, Pitch(id=model.pitch, product=pid))
            owners[model.pitch] = pitch
            if model.version in pitch.versions:
                library.problems.append(
                    item.problem(("version",), f"version {model.version} of {model.pitch!r} exists twice")
                )
                continue
            pitch.versions[model.version] = model
            pitch.files[model.version] = item.path
