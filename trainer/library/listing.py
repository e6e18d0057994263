"""What the library holds, as plain records (the JSON of ``trainer list``)."""

from __future__ import annotations

from typing import Any

from .catalog import Library


def library_items(library: Library) -> list[dict[str, Any]]:
    """One record per pitch, objection, drill and scenario, in a stable order."""
    items: list[dict[str, Any]] = []
    for pid in sorted(library.products):
        product = library.products[pid]
        for pitch_id in sorted(product.pitches):
            pitch = product.pitches[pitch_id]
            version = pitch.practice_version
            items.append(
                {
                    "kind": "pitch",
                    "id": pitch_id,
                    "product": pid,
                    "title": version.title,
                    "version": version.version,
                    "status": version.status,
                    "cuts": list(version.cuts.names()),
                    "versions": [{"version": n, "status": v.status} for n, v in sorted(pitch.versions.items())],
                }
            )
        if product.objections:
            for objection in product.objections.objections:
                items.append(
                    {
                        "kind": "objection",
                        "id": objection.id,
                        "product": pid,
                        "title": objection.objection,
                        "category": objection.category,
                        "version": product.objections.version,
                    }
                )
        if product.drills:
            for drill in product.drills.drills:
                items.append(
                    {
                        "kind": "drill",
                        "id": drill.id,
                        "product": pid,
                        "title": drill.goal,
                        "topic": drill.topic,
                        "version": product.drills.version,
                    }
                )
    for sid in sorted(library.scenarios):
        scenario = library.scenarios[sid]
        items.append(
            {
                "kind": "scenario",
                "id": sid,
                "product": scenario.product,
                "title": scenario.title,
                "stage": scenario.stage,
                "steps": len(scenario.steps),
            }
        )
    return items
