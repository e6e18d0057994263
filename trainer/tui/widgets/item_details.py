"""A short description of whatever is highlighted in the library tree, with the keys that act on it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...library.catalog import Library
from ...library.item_ref import ItemRef
from ...library.problems import ContentError
from ...library.speaking import estimate_seconds, format_duration
from ...safe_text import visible
from .library_tree import Group, NodeData

TITLE = "bold $text-accent"
DIM = "$text-muted"
KEY = "bold $text-primary"


def _keys(*pairs: tuple[str, str]) -> Content:
    """One key per line, so the list never wraps in the middle of a pair on a narrow terminal."""
    width = max(len(key) for key, _ in pairs)
    return Content("\n").join(
        Content.assemble((f" {key.center(width)} ", f"{KEY} reverse"), f" {what}") for key, what in pairs
    )


def describe(library: Library, data: NodeData | None) -> Content:
    """What the rep needs to decide whether to open this, as rich content (never raises)."""
    try:
        if isinstance(data, ItemRef):
            return _describe_item(library, data)
        if isinstance(data, Group):
            return _describe_group(library, data)
    except (ContentError, KeyError, IndexError):
        return Content("This item is no longer in the library.")
    return Content.styled("Pick something to practise on the left.", DIM)


def _describe_item(library: Library, ref: ItemRef) -> Content:
    if ref.kind == "pitch":
        pitch = library.pitch(ref.id)
        version = pitch.practice_version
        cut = version.cuts.get(ref.cut or "")
        if cut is None:
            return Content(visible(f"{version.title}: no {ref.cut} cut in v{version.version}."))
        estimate = estimate_seconds(cut.text)
        lines: list[Content | str] = [
            Content.styled(visible(f"{version.title} — {ref.cut}"), TITLE),
            Content.styled(f"v{version.version} {version.status} · target {format_duration(cut.target_seconds)}"
                           f" · about {format_duration(estimate)} to say", DIM),
            "",
        ]
        for section in cut.sections:
            phrases = f"  ({len(section.key_phrases)} key phrase{'s' if len(section.key_phrases) != 1 else ''})"
            counted = (visible(phrases) if section.key_phrases else "", DIM)
            lines.append(Content.assemble("• ", visible(section.name), counted))
        lines += ["", _keys(("enter", "study"), ("m", "memorize"), ("r", "recite"))]
        return Content("\n").join(lines)
    if ref.kind == "objection":
        objection = library.product(ref.product).objection(ref.id)
        return Content("\n").join([
            Content.styled(visible(f"“{' '.join(objection.objection.split())}”"), TITLE),
            Content.styled(visible(f"{objection.category} · {len(objection.key_points)} key points"), DIM),
            "",
            _keys(("enter", "answer it"), ("o", "all cards")),
        ])
    if ref.kind == "drill":
        drill = library.product(ref.product).drill(ref.id)
        return Content("\n").join([
            Content.styled("Closed-question drill", TITLE),
            Content.assemble(("Goal: ", "bold"), visible(" ".join(drill.goal.split()))),
            Content.styled(visible(drill.topic), DIM),
            "",
            _keys(("enter", "drill it"), ("d", "all drills")),
        ])
    scenario = library.scenario(ref.id)
    kinds = ", ".join(step.kind for step in scenario.steps)
    return Content("\n").join([
        Content.styled(visible(scenario.title), TITLE),
        Content.styled(visible(f"{scenario.stage} · {len(scenario.steps)} steps: {kinds}"), DIM),
        "",
        Content.assemble(("Customer: ", "bold"), visible(" ".join(scenario.persona.split()))),
        "",
        _keys(("enter", "play it"),),
    ])


def _describe_group(library: Library, group: Group) -> Content:
    if group.kind == "product":
        content = library.product(group.product)
        lines: list[Content | str] = [Content.styled(visible(content.name), TITLE)]
        if content.product and content.product.audience:
            lines.append(Content.styled(visible(f"For {content.product.audience}"), DIM))
        if content.product and content.product.summary:
            lines += ["", " ".join(content.product.summary.split())]
        counts = (
            f"{len(content.pitches)} pitch{'es' if len(content.pitches) != 1 else ''} · "
            f"{len(content.objections.objections) if content.objections else 0} objections · "
            f"{len(content.drills.drills) if content.drills else 0} drills"
        )
        lines += ["", Content.styled(counts, DIM)]
        return Content("\n").join(lines)
    if group.kind == "pitch":
        pitch = library.pitch(group.id)
        version = pitch.practice_version
        lines = [
            Content.styled(visible(version.title), TITLE),
            Content.styled(
                f"v{version.version} {version.status} · cuts: {', '.join(version.cuts.names())} · "
                f"{len(pitch.versions)} version{'s' if len(pitch.versions) != 1 else ''}", DIM
            ),
        ]
        if version.changes:
            lines += ["", Content.assemble(("What changed: ", "bold"), visible(" ".join(version.changes.split())))]
        lines += ["", _keys(("enter", "study"), ("m", "memorize"), ("r", "recite"))]
        return Content("\n").join(lines)
    if group.kind == "objections":
        return Content("\n").join([
            Content.styled("Objection cards", TITLE),
            "Answer each objection in your own words; you are scored on the key points, then see the approved "
            "answer and rate yourself.",
            "",
            _keys(("enter", "start the deck"),),
        ])
    if group.kind == "drills":
        return Content("\n").join([
            Content.styled("Closed-question drills", TITLE),
            "Write a closed question (yes/no, either/or, one fact) that reaches the discovery goal.",
            "",
            _keys(("enter", "start drilling"),),
        ])
    return Content("\n").join([
        Content.styled("Scenarios", TITLE),
        "Role-plays that chain a pitch, objections and closed questions with one customer.",
    ])


class ItemDetails(Static):
    """Shows :func:`describe` for the highlighted node."""

    def show(self, library: Library, data: NodeData | None) -> None:
        self.update(describe(library, data))
