"""The library as a readable overview for ``trainer list``."""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..library.catalog import Library
from ..safe_text import visible


def render_listing(library: Library) -> RenderableType:
    parts: list[RenderableType] = [Text(f"Library: {visible(str(library.root))}", style="dim")]
    for pid in sorted(library.products):
        product = library.products[pid]
        parts.append(Text(""))
        parts.append(Text.assemble((visible(product.name), "bold"), visible(f"  [{pid}, {product.language}]")))
        table = Table(box=None, show_header=True, pad_edge=False, header_style="dim")
        for column in ("pitch", "title", "version", "status", "cuts"):
            table.add_column(column)
        for pitch_id in sorted(product.pitches):
            pitch = product.pitches[pitch_id]
            version = pitch.practice_version
            others = [f"v{n} {visible(v.status)}" for n, v in sorted(pitch.versions.items()) if n != version.version]
            table.add_row(
                visible(pitch_id),
                visible(version.title),
                f"v{version.version}" + (f" ({', '.join(others)})" if others else ""),
                visible(version.status),
                visible(", ".join(version.cuts.names())),
            )
        parts.append(table)
        if product.objections:
            by_category = Counter(o.category for o in product.objections.objections)
            spread = visible(", ".join(f"{name} {count}" for name, count in sorted(by_category.items())))
            parts.append(
                Text(f"  {len(product.objections.objections)} objections (v{product.objections.version}): {spread}")
            )
        if product.drills:
            parts.append(Text(f"  {len(product.drills.drills)} closed-question drills (v{product.drills.version})"))
    if library.scenarios:
        parts.append(Text(""))
        parts.append(Text("Scenarios", style="bold"))
        table = Table(box=None, show_header=True, pad_edge=False, header_style="dim")
        for column in ("scenario", "title", "product", "stage", "steps"):
            table.add_column(column)
        for sid in sorted(library.scenarios):
            scenario = library.scenarios[sid]
            shown = (visible(v) for v in (sid, scenario.title, scenario.product, scenario.stage))
            table.add_row(*shown, str(len(scenario.steps)))
        parts.append(table)
    if not library.products and not library.scenarios:
        parts.append(Text("The library is empty."))
    return Group(*parts)
