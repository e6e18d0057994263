"""Shared fixtures: small real libraries written to temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_library import DRILLS, OBJECTIONS, PITCH_V1, PRODUCT, SCENARIO, LibraryFactory, write


@pytest.fixture
def make_library(tmp_path: Path) -> LibraryFactory:
    """Write a small valid library (one product, one pitch, objections, drills, a scenario); override files
    by passing ``{"relative/path.yaml": "text"}``; a value of None deletes that file."""

    def make(files: dict[str, str | None] | None = None) -> Path:
        root = tmp_path / "lib"
        base = {
            "content/acme/product.yaml": PRODUCT,
            "content/acme/pitches/acme-core/v1.yaml": PITCH_V1,
            "content/acme/objections.yaml": OBJECTIONS,
            "content/acme/drills.yaml": DRILLS,
            "scenarios/cold-call.yaml": SCENARIO,
        }
        base.update(files or {})
        for rel, text in base.items():
            if text is not None:
                write(root / rel, text)
        return root

    return make
