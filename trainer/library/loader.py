"""Load a library folder: every file read safely, validated, placed; one bad file never stops the rest."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalog import Library, Pitch, ProductContent
from .checks import check_library
from .failed import FailedContent, content_parts
from .models import DOCUMENT_MODELS, DrillSet, ObjectionFAQ, PitchVersion, Product, Scenario
from .problems import Problem, display_path
from .roster import ROSTER_NAMES, Roster, roster_issues
from .scan import check_file, scan
from .validation import validate_document, validate_entries
from .yaml_source import YamlDocument, YamlProblem, parse_yaml, read_yaml

_VERSION_FILE = re.compile(r"^v(\d+)$")
_MODELS: dict[str, type[BaseModel]] = {**DOCUMENT_MODELS, "roster": Roster}


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
            ("teams", "roster"),
        ):
            if key in data:
                return kind
    stem = path.stem
    if stem in ("product", "objections", "drills", "roster"):
        return stem
    if _VERSION_FILE.match(stem) and path.parent.parent.name == "pitches":
        return "pitch"
    if path.parent.name == "scenarios":
        return "scenario"
    return None


def yaml_files(folder: Path) -> list[Path]:
    """YAML files under ``folder`` that are safe to read (see :func:`scan.scan`), sorted."""
    return scan(folder)[0]


class LoadedFile:
    """One file that parsed and validated: its model, its positions, where it lives.

    ``left_out`` holds the indices (in the file) of objection or drill entries that failed validation and
    were left out while the rest of the file loaded; positions for the model's entries are mapped back
    through it, so a problem about the model's third entry points at the file's fourth when one was left out.
    """

    def __init__(
        self, path: Path, shown: str, kind: str, doc: YamlDocument, model: BaseModel, left_out: list[int] | None = None
    ) -> None:
        self.path, self.shown, self.kind, self.doc, self.model = path, shown, kind, doc, model
        self.left_out = left_out or []

    def problem(self, loc: tuple[str | int, ...], message: str, severity: str = "error", key: bool = False) -> Problem:
        pos = self.doc.position(self._file_loc(loc), prefer_key=key)
        return Problem(self.shown, pos.line, pos.col, message, severity)  # type: ignore[arg-type]

    def _file_loc(self, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
        if not self.left_out or len(loc) < 2 or loc[0] != self.kind or not isinstance(loc[1], int):
            return loc
        index = loc[1]
        for skipped in self.left_out:  # sorted: each entry left out before this one shifts it by one
            if skipped <= index:
                index += 1
        return (loc[0], index, *loc[2:])


class FileResult:
    """What reading one file gave: the loaded file if it validated, its problems, and the raw data (if it
    parsed) so that the ids of a file that failed are still known."""

    def __init__(self, item: LoadedFile | None, problems: list[Problem], kind: str | None, data: Any) -> None:
        self.item, self.problems, self.kind, self.data = item, problems, kind, data


def load_file(path: Path, root: Path | None = None, text: str | None = None) -> tuple[LoadedFile | None, list[Problem]]:
    """Read (or take ``text`` as the content of ``path``), parse and validate one file.

    Problems come back instead of exceptions.
    """
    result = read_file(path, text)
    return result.item, result.problems


def read_file(path: Path, text: str | None = None) -> FileResult:
    """:func:`load_file`, keeping what a failed file still tells (its kind and raw data)."""
    shown = display_path(path)
    try:
        doc = read_yaml(path) if text is None else parse_yaml(text)
    except YamlProblem as exc:
        return FileResult(None, [Problem(shown, exc.position.line, exc.position.col, exc.message)], None, None)
    kind = detect_kind(doc.data, path)
    if not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else "a single value"
        message = f"a content file holds keys and values (like `pitch: ...`), not {found}"
        return FileResult(None, [Problem(shown, 1, 1, message)], kind, doc.data)
    if kind is None:
        message = (
            "cannot tell what this file holds: expected a top-level key 'pitch', 'objections', 'drills' "
            "or 'steps' (a scenario), 'teams' (the roster), or a file named product.yaml"
        )
        return FileResult(None, [Problem(shown, 1, 1, message)], kind, doc.data)
    left_out: list[int] = []
    if kind in ("objections", "drills"):
        model, problems, left_out = validate_entries(doc, DOCUMENT_MODELS[kind], shown, kind)
    else:
        model, problems = validate_document(doc, _MODELS[kind], shown)
    item = None if model is None else LoadedFile(path, shown, kind, doc, model, left_out)
    return FileResult(item, problems, kind, doc.data)


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
    failed = FailedContent()
    folders: dict[str, list[Path]] = {}
    content_files, content_problems = scan(cdir, root)
    scenario_files, scenario_problems = scan(sdir, root)
    library.problems.extend(content_problems)
    library.problems.extend(p for p in scenario_problems if p not in content_problems)
    paths = content_files + [p for p in scenario_files if not p.is_relative_to(cdir)]
    roster_path = _roster_path(root)
    if roster_path is not None:
        paths = [p for p in paths if p != roster_path]
        library.files_read += 1
        _load_roster(library, roster_path, root)
    for path in paths:
        library.files_read += 1
        rel = content_parts(path, cdir)
        if rel is not None and len(rel) >= 2 and not path.is_relative_to(sdir):
            folders.setdefault(rel[0], []).append(path)
        result = read_file(path)
        library.problems.extend(result.problems)
        if result.kind == "roster":
            message = f"a roster belongs at the library root, as {display_path(root / ROSTER_NAMES[0])}; not read"
            library.problems.append(Problem(display_path(path), 1, 1, message))
            continue
        item = result.item
        if item is not None:
            placement = _placement_problems(item, cdir, sdir)
            library.problems.extend(placement)
            if any(p.severity == "error" for p in placement):
                item = None
        if rel is not None and item is None:
            failed.note_file(rel, path.stem, result.kind or detect_kind(result.data, path), result.data)
        if item is None:
            continue
        if item.left_out and isinstance(item.model, (ObjectionFAQ, DrillSet)):
            entries = result.data[item.kind]
            failed.note_entries(item.kind, item.model.product, [entries[i] for i in item.left_out])
        loaded.append(item)
    _assemble(library, loaded)
    library.problems.extend(check_library(library, loaded, failed))
    library.problems.extend(_hold_back_products_without_product_file(library, cdir, folders))
    library.problems.sort()
    return library


def _roster_path(root: Path) -> Path | None:
    """``roster.yaml`` (or ``.yml``) at the library root, if there is one."""
    for name in ROSTER_NAMES:
        candidate = root / name
        if candidate.is_symlink() or candidate.exists():
            return candidate
    return None


def _load_roster(library: Library, path: Path, root: Path) -> None:
    """Read the roster like any content file (safely, with positions); a broken roster leaves ``roster`` None.

    Why None rather than a partial roster: assigning work to half a team, because the other half's entry had a
    typo, would fail silently; the problem is shown instead and team commands say the roster did not load.
    """
    library.roster_file = path
    refused = check_file(path, str(root.resolve()))
    if refused is not None:
        library.problems.append(refused)
        return
    result = read_file(path)
    library.problems.extend(result.problems)
    item = result.item
    if item is None:
        return
    if not isinstance(item.model, Roster):
        library.problems.append(item.problem((), "the roster file must hold `teams:` (and optionally `policy:`)"))
        return
    issues = roster_issues(item.model)
    library.problems.extend(item.problem(issue.loc, issue.message, issue.severity) for issue in issues)
    if not any(issue.severity == "error" for issue in issues):
        library.roster = item.model


def _hold_back_products_without_product_file(
    library: Library, cdir: Path, folders: dict[str, list[Path]]
) -> list[Problem]:
    """Leave out a product whose product.yaml is missing or broken; say so once, at that product.yaml.

    Why not load its pitches, objections and drills under the folder name: the product's language decides
    how speech is split into words and how pace is estimated, so a Chinese pitch practised as English would
    be scored wrongly without any sign of why. Its files are still read and checked (above) so that one run
    of `trainer check` shows every mistake in them, and references to them are not reported as broken; they
    only become practisable once product.yaml is fixed. The problem is reported once, against the product's
    own product.yaml, never against some other file of the library.
    """
    problems: list[Problem] = []
    for folder, files in sorted(folders.items()):
        content = library.products.get(folder)
        if content is not None and content.product is not None:
            continue
        product_file = cdir / folder / "product.yaml"
        scenarios = sorted(sid for sid, s in library.scenarios.items() if s.product == folder)
        left_out = _describe_left_out(folder, content, len(scenarios))
        if product_file not in files:
            message = "missing: every product folder needs a product.yaml (id, name, language)"
            if left_out:
                message += f"; until it exists, {left_out} cannot be practised"
            problems.append(Problem(display_path(product_file), 1, 1, message))
        elif left_out:
            problems.append(
                Problem(
                    display_path(product_file),
                    1,
                    1,
                    f"until this file is fixed, {left_out} cannot be practised",
                    "warning",
                )
            )
        library.products.pop(folder, None)
        for sid in scenarios:
            del library.scenarios[sid]
    return problems


def _describe_left_out(folder: str, content: ProductContent | None, scenarios: int) -> str:
    """What is left out, like "product 'acme' (1 pitch, its objections, 2 scenarios)"; "" when nothing loaded."""
    parts = []
    if content is not None:
        if content.pitches:
            parts.append(f"{len(content.pitches)} pitch{'es' if len(content.pitches) != 1 else ''}")
        kinds = [name for name, value in (("objections", content.objections), ("drills", content.drills)) if value]
        if kinds:
            parts.append("its " + " and ".join(kinds))
    if scenarios:
        parts.append(f"{scenarios} scenario{'s' if scenarios != 1 else ''}")
    if not parts:
        return ""
    return f"product {folder!r} ({', '.join(parts)})"


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
