"""JSON Schema for content files, generated from the models, for editor autocompletion and validation."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .models import DrillSet, ObjectionFAQ, PitchVersion, Product, Scenario
from .roster import Roster

SCHEMA_ID = "https://pitch-trainer.invalid/schema/content.json"


def content_schema() -> dict[str, Any]:
    """One schema accepting any content file: a product, pitch version, objection FAQ, drill set, scenario or
    the roster."""
    adapter = TypeAdapter(Product | PitchVersion | ObjectionFAQ | DrillSet | Scenario | Roster)
    schema = adapter.json_schema(by_alias=True, ref_template="#/$defs/{model}")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Pitch Trainer content file"
    return schema
