"""Exports of practice history: one record per attempt, with stable column names (see the README)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ..safe_text import csv_cell, json_text
from .attempts import EXPORT_COLUMNS, Attempt


def csv_safe(row: dict[str, Any]) -> dict[str, Any]:
    """Text cells made safe for a spreadsheet (:func:`~trainer.safe_text.csv_cell`): no formula, no control.

    Rep names and answers come from anyone who can open the app (``trainer serve``); a manager opening the
    export in a spreadsheet must not run what they typed.
    """
    return {key: csv_cell(value) if isinstance(value, str) else value for key, value in row.items()}


def to_json(attempts: Sequence[Attempt]) -> str:
    return json_text(json.dumps([a.to_record() for a in attempts], ensure_ascii=False, indent=2))


def to_csv(attempts: Sequence[Attempt]) -> str:
    """CSV with a header row; ``breakdown`` is embedded as compact JSON so nothing is lost."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for attempt in attempts:
        record = attempt.to_record()
        record["breakdown"] = json_text(json.dumps(record["breakdown"], ensure_ascii=False, separators=(",", ":")))
        writer.writerow(csv_safe(record))
    return buffer.getvalue()
