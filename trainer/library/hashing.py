"""Content hashes that seal published pitch versions.

The hash covers what a rep practises (text, key phrases, cues, targets, titles), not formatting or comments,
so re-wrapping a folded block or fixing a comment keeps the seal while any change to the words breaks it.

Marking a key phrase ``critical`` is not part of the seal: it changes how strictly an attempt is graded, not a
word the rep learns, so a team can mark the headline figure of a published version critical without a new
version, and the hashes of every existing cut (which attempts and schedules remember) stay what they were.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .models import PitchVersion

_UNSEALED_FIELDS = {"status", "content_hash", "published_on"}


def _phrases_as_text(data: Any) -> Any:
    """The dumped model with every ``{phrase, critical}`` key phrase written as its plain phrase."""
    if isinstance(data, dict):
        return {
            key: [item["phrase"] if isinstance(item, dict) else item for item in value]
            if key == "key_phrases" and isinstance(value, list)
            else _phrases_as_text(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_phrases_as_text(item) for item in data]
    return data


def content_hash(version: PitchVersion) -> str:
    data = version.model_dump(mode="json", by_alias=True, exclude=_UNSEALED_FIELDS, exclude_none=True)
    data = _phrases_as_text(data)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def cut_hash(version: PitchVersion, cut: str) -> str | None:
    """Hash of one cut alone: attempts and schedules use it to tell whether a cut's words changed."""
    selected = version.cuts.get(cut)
    if selected is None:
        return None
    data = _phrases_as_text(selected.model_dump(mode="json", by_alias=True))
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
