"""Checks that need more than one file, or more than the schema can say about one file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import TYPE_CHECKING

from .failed import FailedContent
from .hashing import content_hash
from .models import DrillSet, KeyPoint, ObjectionFAQ, PitchRef, PitchVersion, Scenario
from .problems import Problem
from .validation import SuggestionBudget, did_you_mean

if TYPE_CHECKING:
    from .catalog import Library, Pitch
    from .loader import LoadedFile


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check_pitch_file(item: LoadedFile, model: PitchVersion) -> list[Problem]:
    problems: list[Problem] = []
    for cut_name, cut in model.cuts.items():
        for s_index, section in enumerate(cut.sections):
            if not section.key_phrases:
                continue
            text = _squash(section.text)
            for p_index, (phrase, entry) in enumerate(zip(section.key_phrases, section.key_phrase_items, strict=True)):
                if _squash(phrase) not in text:
                    where: tuple[str | int, ...] = ("cuts", cut_name, "sections", s_index, "key_phrases", p_index)
                    kind = "key phrase"
                    if not isinstance(entry, str):  # written as a mapping: point at its `phrase:`
                        where += ("phrase",)
                        kind = "critical key phrase" if entry.critical else kind
                    message = f"{kind} {phrase!r} does not appear in the text of section {section.name!r}"
                    problems.append(item.problem(where, message))
    if model.status in ("published", "retired"):
        if model.content_hash is None:
            if model.status == "published":
                problems.append(
                    item.problem(
                        ("status",),
                        "published without a content_hash, so later edits cannot be detected; "
                        f"run `trainer publish {model.pitch} --version {model.version}` to seal it",
                        "warning",
                    )
                )
        elif model.content_hash != content_hash(model):
            problems.append(
                item.problem(
                    ("content_hash",),
                    f"version {model.version} is {model.status} and must not change, but its text was edited "
                    f"after publishing; undo the edit, or run `trainer new-version {model.pitch}` and edit the draft",
                )
            )
    elif model.content_hash is not None:
        problems.append(item.problem(("content_hash",), "a draft has no content_hash; remove it", "warning"))
    return problems


def _check_alternatives(item: LoadedFile, model: ObjectionFAQ) -> list[Problem]:
    """An alternative that repeats its point or another alternative adds nothing, and hides a forgotten edit."""
    problems: list[Problem] = []
    for o_index, objection in enumerate(model.objections):
        for k_index, key_point in enumerate(objection.key_points):
            seen = {_squash(key_point.point)}
            for a_index, alternative in enumerate(key_point.alternatives):
                where = ("objections", o_index, "key_points", k_index, "alternatives", a_index)
                if _squash(alternative) == _squash(key_point.point):
                    problems.append(item.problem(where, f"alternative {alternative!r} is the key point itself"))
                elif _squash(alternative) in seen:
                    problems.append(item.problem(where, f"alternative {alternative!r} is listed twice"))
                seen.add(_squash(alternative))
            problems.extend(_check_wording_strength(item, o_index, k_index, objection.objection, key_point))
    return problems


def _check_wording_strength(
    item: LoadedFile, o_index: int, k_index: int, objection_text: str, key_point: KeyPoint
) -> list[Problem]:
    """A wording whose matched words all come from the objection is covered by any answer that mentions them.

    Example: "not on every valve" for the point "only on the critical valves" matches on "valve" alone, and the
    customer's objection is about valves, so "you need them everywhere, not on the critical valves" covered it.
    """
    from ..scoring.answers import matching_words  # the scorer decides which words count

    heard = matching_words(objection_text)
    problems: list[Problem] = []
    base = ("objections", o_index, "key_points", k_index)
    for where, wording in [(base, key_point.point)] + [
        ((*base, "alternatives", a), alternative) for a, alternative in enumerate(key_point.alternatives)
    ]:
        words = matching_words(wording)
        if words and words.keys() <= heard.keys():
            shown = ", ".join(sorted(set(words.values())))
            problems.append(item.problem(
                where,
                f"{wording!r} is matched only on words the objection itself uses ({shown}): any answer that "
                "mentions them covers it; add the words that make the point",
                "warning",
            ))
    return problems


def _duplicate_ids(item: LoadedFile, list_key: str, ids: list[str]) -> list[Problem]:
    counts = Counter(ids)
    seen: set[str] = set()
    problems = []
    for index, value in enumerate(ids):
        if counts[value] > 1 and value in seen:
            problems.append(item.problem((list_key, index, "id"), f"duplicate id {value!r} in this file"))
        seen.add(value)
    return problems


def _check_versions(library: Library, files: dict[tuple[str, int], LoadedFile], failed: FailedContent) -> list[Problem]:
    problems: list[Problem] = []
    for pitch in library.pitches.values():
        numbers = sorted(pitch.versions)
        newest_item = files[(pitch.id, numbers[-1])]
        missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers) - failed.failed_versions(pitch.id))
        if missing:
            problems.append(
                newest_item.problem(
                    ("version",),
                    f"pitch {pitch.id!r} has no version {', '.join(map(str, missing))}; versions are never deleted",
                    "warning",
                )
            )
        drafts = [n for n in numbers if pitch.versions[n].status == "draft"]
        if len(drafts) > 1:
            problems.append(
                files[(pitch.id, drafts[-1])].problem(
                    ("status",),
                    f"pitch {pitch.id!r} has several drafts (versions {', '.join(map(str, drafts))})",
                    "warning",
                )
            )
        published_after = [n for n in numbers if pitch.versions[n].status != "draft" and drafts and n > drafts[0]]
        if published_after:
            problems.append(
                files[(pitch.id, drafts[0])].problem(
                    ("status",),
                    f"draft version {drafts[0]} is older than published version {published_after[-1]}; "
                    "retire it or make a new version",
                    "warning",
                )
            )
    return problems


def _check_scenario(
    item: LoadedFile, model: Scenario, library: Library, failed: FailedContent, budget: SuggestionBudget
) -> list[Problem]:
    """Every reference of a scenario must point at something that loaded.

    A reference to something that exists but failed to load (a broken objection, a pitch file with an
    error) is not reported: its own file's problem is, once, and fixing that fixes this reference too.
    """
    if model.product not in library.products:
        if failed.has_product(model.product):
            return []
        return [
            item.problem(
                ("product",),
                f"no product {model.product!r}{_hint(model.product, budget, library.products)}",
            )
        ]
    product = library.products[model.product]
    problems: list[Problem] = []
    objection_ids = [o.id for o in product.objections.objections] if product.objections else []
    drill_ids = [d.id for d in product.drills.drills] if product.drills else []
    known = {"objection": (objection_ids, set(objection_ids)), "drill": (drill_ids, set(drill_ids))}
    pitches = library.pitches
    for index, step in enumerate(model.steps):
        if step.pitch is not None:
            problem = _check_pitch_ref(item, index, step.pitch, pitches, failed, budget)
            if problem is not None:
                problems.append(problem)
        elif step.objection is not None:
            problems.extend(
                _check_entry_ref(
                    item,
                    ("steps", index, "objection"),
                    "objection",
                    step.objection,
                    model.product,
                    known["objection"],
                    failed,
                    budget,
                )
            )
        elif step.drill is not None:
            problems.extend(
                _check_entry_ref(
                    item, ("steps", index, "drill"), "drill", step.drill, model.product, known["drill"], failed, budget
                )
            )
    return problems


def _check_entry_ref(
    item: LoadedFile,
    loc: tuple[str | int, ...],
    kind: str,
    ref: str,
    product: str,
    ids: tuple[list[str], set[str]],
    failed: FailedContent,
    budget: SuggestionBudget,
) -> list[Problem]:
    """An objection or drill reference: fine when it loaded, silent when it failed, else "no ..."."""
    ordered, members = ids
    if ref in members or failed.has_entry(kind, product, ref):
        return []
    hint = _hint(ref, budget, ordered, failed.entry_ids(kind, product))
    return [item.problem(loc, f"no {kind} {ref!r} in product {product!r}{hint}")]


def _hint(ref: str, budget: SuggestionBudget, *groups: Collection[str]) -> str:
    """A "did you mean" over all ``groups`` of ids, when the budget allows; nothing is copied when it does not."""
    if not budget.spend(sum(len(group) for group in groups)):
        return ""
    return did_you_mean(ref, [one for group in groups for one in group])


def _check_pitch_ref(
    item: LoadedFile,
    index: int,
    ref: PitchRef,
    pitches: dict[str, Pitch],
    failed: FailedContent,
    budget: SuggestionBudget,
) -> Problem | None:
    if ref.id not in pitches:
        if failed.has_pitch(ref.id):
            return None
        known = list(pitches) + list(failed.pitches)
        return item.problem(
            ("steps", index, "pitch", "id"), f"no pitch {ref.id!r}{did_you_mean(ref.id, known, budget)}"
        )
    pitch = pitches[ref.id]
    if ref.version is not None and ref.version not in pitch.versions:
        if failed.has_pitch(ref.id, ref.version):
            return None
        return item.problem(("steps", index, "pitch", "version"), f"pitch {ref.id!r} has no version {ref.version}")
    version = pitch.versions[ref.version] if ref.version else pitch.practice_version
    if version.cuts.get(ref.cut) is not None:
        return None
    if ref.version is None and any(n > version.version for n in failed.failed_versions(ref.id)):
        return None  # a newer version that failed to load may be the one with this cut
    return item.problem(
        ("steps", index, "pitch", "cut"),
        f"version {version.version} of {ref.id!r} has no {ref.cut} cut (it has {', '.join(version.cuts.names())})",
    )


def check_library(library: Library, loaded: list[LoadedFile], failed: FailedContent | None = None) -> list[Problem]:
    """Cross-file and content checks on what loaded; returns problems, never raises.

    ``failed`` names what exists but did not load: references to it are follow-ons of a problem already
    reported, so they are not reported again.
    """
    failed = failed or FailedContent()
    problems: list[Problem] = []
    pitch_files: dict[tuple[str, int], LoadedFile] = {}
    seen_products: dict[str, tuple[str, LoadedFile]] = {}
    for item in loaded:
        model = item.model
        if isinstance(model, PitchVersion):
            pitch_files.setdefault((model.pitch, model.version), item)
            problems.extend(_check_pitch_file(item, model))
        elif isinstance(model, ObjectionFAQ):
            problems.extend(_duplicate_ids(item, "objections", [o.id for o in model.objections]))
            problems.extend(_check_alternatives(item, model))
        elif isinstance(model, DrillSet):
            problems.extend(_duplicate_ids(item, "drills", [d.id for d in model.drills]))
        if isinstance(model, (ObjectionFAQ, DrillSet)):
            key = "objections" if isinstance(model, ObjectionFAQ) else "drills"
            previous = seen_products.get(f"{key}:{model.product}")
            if previous is not None:
                problems.append(
                    item.problem(("product",), f"product {model.product!r} already has {key} in {previous[0]}")
                )
            seen_products[f"{key}:{model.product}"] = (item.shown, item)
    budget = SuggestionBudget()
    for item in loaded:
        if isinstance(item.model, Scenario):
            problems.extend(_check_scenario(item, item.model, library, failed, budget))
    problems.extend(_check_versions(library, pitch_files, failed))
    return problems
