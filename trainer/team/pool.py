"""What a team session deals from: pitch cuts, objections, drills and scenario steps of a product."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..library.catalog import Library
from ..library.models import PitchRef, ScenarioStep
from ..practice.scenario import Turn, resolve_step

POOL_KINDS: tuple[str, ...] = ("pitch", "objection", "drill", "scenario")


def build_pool(
    library: Library, product: str | None, kinds: Sequence[str], cuts: Sequence[str] = ("30s",)
) -> list[Turn]:
    """Every dealable item, in library order (the session shuffles). Unplayable items are left out."""
    products = [product] if product else sorted(library.products)
    pool: list[Turn] = []
    for pid in products:
        content = library.product(pid)
        steps: list[ScenarioStep] = []
        if "pitch" in kinds:
            for pitch_id in sorted(content.pitches):
                version = content.pitches[pitch_id].current
                for cut in cuts if version else ():
                    if version is not None and version.cuts.get(cut) is not None:
                        steps.append(ScenarioStep(pitch=PitchRef(id=pitch_id, cut=cut)))
        if "objection" in kinds and content.objections:
            steps.extend(ScenarioStep(objection=o.id) for o in content.objections.objections)
        if "drill" in kinds and content.drills:
            steps.extend(ScenarioStep(drill=d.id) for d in content.drills.drills)
        pool.extend(resolve_step(len(pool) + n, step, pid, library) for n, step in enumerate(steps))
        if "scenario" in kinds:
            for sid in sorted(library.scenarios):
                scenario = library.scenarios[sid]
                if scenario.product != pid:
                    continue
                for step in scenario.steps:
                    if step.pitch is not None and step.pitch.cut not in cuts:
                        continue  # long cuts don't fit a turn; the pitch kind covers short ones
                    turn = resolve_step(len(pool), step, pid, library)
                    pool.append(dataclasses.replace(turn, prompt=f"{scenario.title}: {turn.prompt}"))
    return [turn for turn in pool if turn.problem is None]
