"""Exports of practice history: one record per attempt, with stable column names (see the README)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from .attempts import EXPORT_COLUMNS, Attempt


def to_json(attempts: Sequence[Attempt]) -> str:
    return json.dumps([a.to_record() for a in attempts], ensure_ascii=False, indent=2)


def to_csv(attempts: Sequence[Attempt]) -> str:
    """CSV with a header row; ``breakdown`` is embedded as compact JSON so nothing is lost."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for attempt in attempts:
        record = attempt.to_record()
        record["breakdown"] = json.dumps(record["breakdown"], ensure_ascii=False, separators=(",", ":"))
        writer.writerow(record)
    return buffer.getvalue()
