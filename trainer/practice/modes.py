"""The names of the practice modes and which of them count as the cut's score (no imports: the CLI's
history table reads them without loading the scorer). The modes are explained in
:mod:`trainer.practice.recall_modes`."""

from __future__ import annotations

RECITE, STRICT, FIRST_LETTER, CUE, WEAK_SPOT = "recite", "strict", "first_letter", "cue", "weak-spot"
MODES: tuple[str, ...] = (RECITE, STRICT, FIRST_LETTER, CUE, WEAK_SPOT)
COUNTS_FOR_THE_CUT: frozenset[str] = frozenset({RECITE, STRICT})
"""Modes whose score is the cut's score (best, tier, card, certification); the others are partial practice,
kept apart in the store and read by the mistake memory only."""
MODE_NAMES = {RECITE: "recite", STRICT: "strict", FIRST_LETTER: "first letter", CUE: "cue", WEAK_SPOT: "weak spot"}


def counts_for_the_cut(mode: str) -> bool:
    """Whether an attempt in ``mode`` may set the cut's best score, tier, card or certification."""
    return mode in COUNTS_FOR_THE_CUT
