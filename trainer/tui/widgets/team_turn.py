"""How a team turn reads on screen: what the rep must do, how it went, and what the team missed.

Pure text-building (Content), kept apart from the session screen so the screen is only about state and keys.
"""

from __future__ import annotations

import contextlib

from textual.content import Content

from ...library.catalog import Library
from ...practice.scenario import Turn, TurnResult
from ...safe_text import visible
from ...scoring.results import score_text
from ...team.session import TeamTurn

KIND_LABEL = {"pitch": "Pitch", "objection": "Objection", "drill": "Closed question"}


def scenario_title(turn: Turn, library: Library) -> str | None:
    """The scenario a dealt step comes from: the pool prefixes a scenario step's prompt with its title."""
    for scenario in library.scenarios.values():
        if turn.prompt.startswith(f"{scenario.title}: "):
            return scenario.title
    return None


def item_content(turn: Turn, library: Library) -> Content:
    """What the rep must do — never the words of a pitch, which they recite from memory."""
    product = library.products.get(turn.ref.product)
    context = [product.name if product is not None else turn.ref.product]
    scenario = scenario_title(turn, library)
    if scenario:
        context.append(f"scenario: {scenario}")
    lines = [Content.assemble((KIND_LABEL[turn.kind].upper(), "bold $text-accent"),
                              (f"  ·  {'  ·  '.join(context)}", "$text-muted"))]
    if turn.customer:
        said = visible("“" + " ".join(turn.customer.split()) + "”")
        lines.append(Content.assemble(("Customer: ", "bold"), (said, "italic")))
    if turn.kind == "pitch":
        title = turn.ref.id  # if a reloaded library lost the pitch, the id still says what to recite
        with contextlib.suppress(Exception):
            title = library.pitch(turn.ref.id).version(turn.version).title
        lines.append(Content.assemble(("Recite the ", "bold"), (f"{turn.ref.cut} pitch", "bold $text-accent"),
                                      (f": {title}", "bold")))
        lines.append(Content.styled("From memory: the words are not shown.", "$text-muted"))
    elif turn.kind == "objection":
        lines.append(Content.styled("Answer the objection in your own words.", "$text-muted"))
    elif turn.drill is not None:
        lines.append(Content.assemble(("Goal: ", "bold"), visible(turn.drill.goal)))
        lines.append(Content.styled("Ask one closed question: yes/no, either/or, or one fact.", "$text-muted"))
    if turn.note:
        lines.append(Content.styled(visible(f"Coach: {turn.note}", multiline=True), "italic $text-secondary"))
    return Content("\n").join(lines)


def result_content(turn: TeamTurn, result: TurnResult, next_rep: str | None, *, can_rate: bool = False) -> Content:
    """The score, passed or not, the first thing to fix, and what happens next (the peer scorecard first, when
    teammates can rate the turn)."""
    score = score_text(result.score)
    detail = result.headline.removeprefix(f"{score} · ")
    mark = ("✔ Passed", "bold $text-success") if result.passed else ("✘ Not yet", "bold $text-error")
    late = ("  ·  late: answered after time was up", "bold $text-warning") if turn.late else ""
    lines = [Content.assemble((f"{visible(turn.rep)}  ", "bold"), (score, "bold $text-accent"), "  ", mark,
                              (f"  ·  {detail}" if detail != score else "", "$text-muted"), late)]
    if result.fixes:
        lines.append(Content.assemble(("Fix first: ", "bold"), " ".join(result.fixes[0].split())))
    follow = (f"Next: {visible(next_rep)} — press ctrl+n or enter." if next_rep
              else "That was the last turn — press ctrl+n for the summary.")
    if can_rate:
        follow = "Teammates rate it: ctrl+r.  " + follow
    lines.append(Content.styled(follow, "$text-muted"))
    return Content("\n").join(lines)
