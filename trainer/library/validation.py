"""Turn pydantic's validation errors into friendly, positioned problems.

The model layer says *what* is wrong; this module says *where* (via :class:`YamlDocument` positions) and
phrases it for a sales manager, with a "did you mean" for misspelt keys and choices.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from .limits import MAX_SUGGESTION_COMPARISONS
from .models import UNION_TAGS
from .problems import Problem
from .yaml_source import Loc, YamlDocument

M = TypeVar("M", bound=BaseModel)


class SuggestionBudget:
    """How many more id comparisons "did you mean" may spend, shared by all the hints of one library check.

    Why: every unknown reference is compared with every known id, so tens of thousands of both would take
    hours. Once the budget (:data:`~.limits.MAX_SUGGESTION_COMPARISONS`) is spent the problems are still
    reported, only without a hint — the first ones, which a manager reads first, keep theirs.
    """

    def __init__(self, comparisons: int = MAX_SUGGESTION_COMPARISONS) -> None:
        self.left = comparisons

    def spend(self, comparisons: int) -> bool:
        if comparisons > self.left:
            self.left = 0
            return False
        self.left -= comparisons
        return True


def did_you_mean(word: str, choices: Sequence[str], budget: SuggestionBudget | None = None) -> str:
    """``; did you mean 'x'?`` when a close choice exists (and the budget allows looking), else ``""``.

    rapidfuzz's ratio is difflib's (2 * matches / total length) computed in C, so a single lookup among
    thousands of ids stays fast; the cutoff of 60 is difflib's usual 0.6.
    """
    if budget is not None and not budget.spend(len(choices)):
        return ""
    close = process.extractOne(str(word), [str(c) for c in choices], scorer=fuzz.ratio, score_cutoff=60)
    return f"; did you mean {close[0]!r}?" if close else ""


def render_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unwrap(annotation: Any) -> Any:
    """The model or container inside Optional/Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in map(_unwrap, args) if isinstance(a, type) and issubclass(a, BaseModel)]
            if len(args) != 1 and len(models) == 1:  # "text or mapping": a key can only be the mapping's
                return models[0]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (to list the keys it accepts)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for name, f in current.model_fields.items() if part in (name, f.alias)),
                None,
            )
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) is list and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _message(error: Any, model: type[BaseModel]) -> tuple[str, bool]:
    """Message for one pydantic error, and whether it concerns the key rather than the value."""
    kind = error["type"]
    loc: Loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    value = error.get("input")
    where = render_loc(loc)
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = _allowed_keys(parent) if parent else []
        hint = did_you_mean(str(loc[-1]), allowed)
        if not hint and allowed:
            hint = f"; allowed keys: {', '.join(allowed)}"
        return f"unknown key {loc[-1]!r}{hint}", True
    if kind == "missing":
        container = render_loc(loc[:-1])
        return f"missing required key {loc[-1]!r}" + (f" in {container}" if container else ""), False
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        choices = [part.strip(" '\"") for part in expected.replace(" or ", ", ").split(",") if part.strip()]
        hint = did_you_mean(str(value), choices)
        return f"{where}: {_describe(value)} is not allowed; expected one of {', '.join(choices)}{hint}", False
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(ctx.get("pattern", "")):
            return (
                f"{where}: {_describe(value)} is not a valid id; use lower-case letters, digits and dashes "
                "(at most 64, not starting with a dash)",
                False,
            )
        return f"{where}: {_describe(value)} has the wrong format", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{where}: expected a whole number, got {_describe(value)}", False
    if kind == "string_type":
        return f"{where}: expected text, got {_describe(value)}", False
    if kind in ("bool_parsing", "bool_type"):
        return f"{where}: expected true or false, got {_describe(value)}", False
    if kind == "list_type":
        return f"{where}: expected a list, got {_describe(value)}", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where or 'file'}: expected a mapping of keys to values, got {_describe(value)}", False
    if kind == "too_short":
        return f"{where}: needs at least {ctx.get('min_length', 1)} item(s)", False
    if kind == "string_too_short":
        return f"{where}: must not be empty", False
    if kind == "string_too_long":
        return f"{where}: is too long (at most {ctx.get('max_length')} characters)", False
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"{where}: must be {word} {bound}, got {_describe(value)}", False
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"{where}: expected a date like 2026-10-01, got {_describe(value)}", False
    if kind == "value_error":
        reason = str(ctx.get("error", error["msg"]))
        return (f"{where}: {reason}" if where else reason), False
    return (f"{where}: {error['msg']}" if where else error["msg"]), False


def validate_document(doc: YamlDocument, model: type[M], path: str) -> tuple[M | None, list[Problem]]:
    """Validate ``doc`` against ``model``; every error becomes a :class:`Problem` at its YAML position."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _problems(exc.errors(include_url=False), doc, model, path)


def _problems(errors: list[Any], doc: YamlDocument, model: type[BaseModel], path: str) -> list[Problem]:
    problems = []
    for error in errors:
        error = {**error, "loc": tuple(part for part in error["loc"] if part not in UNION_TAGS)}
        message, about_key = _message(error, model)
        pos = doc.position(tuple(error["loc"]), prefer_key=about_key)
        if error["type"] == "missing":
            pos = doc.position(tuple(error["loc"])[:-1], prefer_key=True)
        problems.append(Problem(path, pos.line, pos.col, message))
    return sorted(set(problems))


def validate_entries(
    doc: YamlDocument, model: type[M], path: str, list_key: str
) -> tuple[M | None, list[Problem], list[int]]:
    """Validate a file that holds a list of independent entries (objections, drills), entry by entry.

    One bad objection must not take the other twenty with it: when every error lies inside entries of
    ``list_key``, those entries are left out and the rest load. This is only safe when everything outside
    the entries (product, version, the list itself) is valid, so that the file is still the file it claims
    to be; otherwise the whole file fails as before. Returns the model, the problems (each reported once, at
    its place in the file) and the indices in the file of the entries that were left out.
    """
    try:
        return model.model_validate(doc.data), [], []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = _problems(errors, doc, model, path)

    def in_entry(loc: Loc) -> bool:
        return len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int)

    if not all(in_entry(tuple(error["loc"])) for error in errors):
        return None, problems, []
    bad = {index for error in errors if isinstance(index := error["loc"][1], int)}  # all of them, as in_entry said
    entries = doc.data[list_key]
    kept = {**doc.data, list_key: [entry for index, entry in enumerate(entries) if index not in bad]}
    try:
        return model.model_validate(kept), problems, sorted(bad)
    except ValidationError:  # nothing valid left: the entries' own problems say it all
        return None, problems, sorted(bad)
