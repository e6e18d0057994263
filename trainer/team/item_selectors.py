"""What a manager types to name the items to assign, turned into item identities.

Accepted forms (the README's "Practising as a team" lists them too):

- an item key, exactly as exports and ``trainer due`` show it: ``pitch:flowguard:flowguard-core:30s``,
  ``objection:flowguard:too-expensive``, ``drill:flowguard:who-signs``, ``scenario:flowguard:cold-call``;
- ``PITCH`` — every cut of the pitch's current published version; ``PITCH:CUT`` — one cut;
- ``objections:PRODUCT`` — all of a product's objections; ``objections:PRODUCT/CATEGORY`` — one category
  (price, competitor, …); ``objections:PRODUCT/ID`` — one objection;
- ``drills:PRODUCT`` — all of a product's drills; ``drills:PRODUCT/ID`` — one drill;
- ``scenario:ID`` or a scenario's id alone — a role-play scenario.

Why resolve against the library as reps see it (published versions only): an assignment to a cut that only a
draft has could never be completed.
"""

from __future__ import annotations

from ..library.catalog import Library
from ..library.item_ref import ITEM_KINDS, BadItemKey, ItemRef
from ..library.models import OBJECTION_CATEGORIES
from ..library.problems import ContentError
from ..library.validation import did_you_mean

_GROUPS = ("objections", "drills")


def resolve_items(library: Library, selector: str) -> list[ItemRef]:
    """The items ``selector`` names, in library order; a :class:`ContentError` saying why for anything else."""
    text = selector.strip()
    head, _, rest = text.partition(":")
    if head in _GROUPS and rest:
        return _group(library, head, rest)
    if head == "scenario" and rest and ":" not in rest:
        return [_scenario(library, rest)]
    if head in ITEM_KINDS and text.count(":") >= 2:
        return [_existing(library, _parse(text))]
    if head in library.pitches and ":" not in rest:
        return _pitch_cuts(library, head, rest or None)
    if not rest and head in library.scenarios:
        return [_scenario(library, head)]
    known = [*library.pitches, *library.scenarios]
    raise ContentError(
        f"no item {selector!r}{did_you_mean(head, known)}: name a pitch (with :CUT for one cut), objections:PRODUCT"
        "[/CATEGORY|/ID], drills:PRODUCT[/ID], a scenario, or an item key like pitch:PRODUCT:PITCH:CUT"
    )


def _parse(text: str) -> ItemRef:
    try:
        return ItemRef.parse(text)
    except BadItemKey as exc:
        raise ContentError(str(exc)) from None


def _published_pitch_cuts(library: Library, pitch_id: str) -> list[str]:
    pitch = library.pitch(pitch_id)
    current = pitch.current
    if current is None:
        raise ContentError(
            f"pitch {pitch_id!r} has no published version yet; publish it (`trainer publish {pitch_id}`) first"
        )
    return list(current.cuts.names())


def _pitch_cuts(library: Library, pitch_id: str, cut: str | None) -> list[ItemRef]:
    product = library.pitch(pitch_id).product
    cuts = _published_pitch_cuts(library, pitch_id)
    if cut is None:
        return [ItemRef("pitch", product, pitch_id, name) for name in cuts]
    if cut not in cuts:
        raise ContentError(
            f"pitch {pitch_id!r} has no cut {cut!r} in its current version (it has {', '.join(cuts)})"
        )
    return [ItemRef("pitch", product, pitch_id, cut)]


def _group(library: Library, group: str, rest: str) -> list[ItemRef]:
    product_id, _, which = rest.partition("/")
    content = library.product(product_id)
    if group == "objections":
        objections = content.objections.objections if content.objections else []
        if not which:
            chosen = objections
        elif which in OBJECTION_CATEGORIES:
            chosen = [o for o in objections if o.category == which]
        else:
            chosen = [content.objection(which)]
        if not chosen:
            raise ContentError(f"product {product_id!r} has no {which + ' ' if which else ''}objections")
        return [ItemRef("objection", product_id, o.id) for o in chosen]
    drills = content.drills.drills if content.drills else []
    chosen_drills = [content.drill(which)] if which else drills
    if not chosen_drills:
        raise ContentError(f"product {product_id!r} has no drills")
    return [ItemRef("drill", product_id, d.id) for d in chosen_drills]


def _scenario(library: Library, scenario_id: str) -> ItemRef:
    scenario = library.scenario(scenario_id)
    return ItemRef("scenario", scenario.product, scenario.id)


def _existing(library: Library, ref: ItemRef) -> ItemRef:
    """An item key is taken only when the library has that item (published), so a typo is not assigned."""
    if ref.kind == "pitch":
        pitch = library.pitch(ref.id)
        if pitch.product != ref.product:
            raise ContentError(f"pitch {ref.id!r} belongs to product {pitch.product!r}, not {ref.product!r}")
        return _pitch_cuts(library, ref.id, ref.cut)[0]
    if ref.kind == "scenario":
        found = _scenario(library, ref.id)
        if found.product != ref.product:
            raise ContentError(f"scenario {ref.id!r} belongs to product {found.product!r}, not {ref.product!r}")
        return found
    content = library.product(ref.product)
    if ref.kind == "objection":
        content.objection(ref.id)
    else:
        content.drill(ref.id)
    return ref
