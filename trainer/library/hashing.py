"""Content hashes that seal published pitch versions.

The hash covers what a rep practises (text, key phrases, cues, targets, titles), not formatting or comments,
so re-wrapping a folded block or fixing a comment keeps the seal while any change to the words breaks it.
"""

from __future__ import annotations

import hashlib
import json

from .models import PitchVersion

_UNSEALED_FIELDS = {"status", "content_hash", "published_on"}


def content_hash(version: PitchVersion) -> str:
    data = version.model_dump(mode="json", by_alias=True, exclude=_UNSEALED_FIELDS, exclude_none=True)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def cut_hash(version: PitchVersion, cut: str) -> str | None:
    """Hash of one cut alone: attempts and schedules use it to tell whether a cut's words changed."""
    selected = version.cuts.get(cut)
    if selected is None:
        return None
    canonical = json.dumps(selected.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
