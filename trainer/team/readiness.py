"""Readiness: is a rep ready to meet customers? Red, amber or green, always with the reason.

Opaque readiness numbers are the most common complaint about enablement tools, so every colour comes from three
facts a manager can check, in this order:

- **not enough data** — fewer than :data:`MIN_ATTEMPTS` scored attempts (in scope): no colour is guessed;
- **red** — an overdue assignment, or a proficiency below :data:`RED_BELOW`;
- **green** — no overdue assignment, proficiency at least :data:`GREEN_FROM`, and at least one certificate held
  (certified, or certified on an older version and still within its renew-by date);
- **amber** — everything else (the line says what is missing for green).

**Proficiency** is the recency-weighted mean score of the rep's attempts: an attempt's weight halves every
:data:`HALF_LIFE_DAYS` days, so last week's practice counts far more than last quarter's.

A team is red when any rep is red, green when every rep with enough data is green, else amber.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..store.attempts import NewAttempt
from .assignments import AssignmentProgress
from .certification import Certificate

MIN_ATTEMPTS = 3
HALF_LIFE_DAYS = 14.0
RED_BELOW = 60.0
GREEN_FROM = 80.0

Colour = Literal["green", "amber", "red", "not enough data"]


@dataclass(frozen=True)
class RepReadiness:
    rep: str
    colour: Colour
    why: str
    attempts: int
    proficiency: float | None
    overdue: tuple[str, ...]  # titles of overdue assignments
    certified: tuple[str, ...]  # titles of certificates held

    def to_record(self) -> dict[str, Any]:
        return {
            "rep": self.rep,
            "colour": self.colour,
            "why": self.why,
            "attempts": self.attempts,
            "proficiency": None if self.proficiency is None else round(self.proficiency, 1),
            "overdue": list(self.overdue),
            "certified": list(self.certified),
        }


def proficiency(attempts: Sequence[NewAttempt], now: dt.datetime) -> float | None:
    """Recency-weighted mean score; None without attempts. Attempts dated after ``now`` weigh as today's."""
    total = weights = 0.0
    for attempt in attempts:
        moment = attempt.started_at if attempt.started_at.tzinfo else attempt.started_at.replace(tzinfo=dt.UTC)
        age = max(0.0, (now - moment).total_seconds() / 86_400)
        weight = 0.5 ** (age / HALF_LIFE_DAYS)
        total += weight * attempt.score
        weights += weight
    return total / weights if weights else None


def rep_readiness(
    rep: str, attempts: Sequence[NewAttempt], assignments: Sequence[AssignmentProgress],
    certificates: Sequence[Certificate], now: dt.datetime,
) -> RepReadiness:
    """One rep's colour and the line that says why (see the module's rules)."""
    overdue = tuple(p.title for p in assignments if p.assignment.rep == rep and p.status == "overdue")
    held = tuple(f"{c.title} v{c.version}" for c in certificates if c.rep == rep and c.status in ("certified", "renew"))
    score = proficiency(attempts, now)
    count = len(attempts)
    if count < MIN_ATTEMPTS:
        why = f"{count} scored attempt{'s' if count != 1 else ''}; at least {MIN_ATTEMPTS} are needed for a colour"
        if overdue:
            why += f"; {len(overdue)} overdue assignment{'s' if len(overdue) != 1 else ''}"
        return RepReadiness(rep, "not enough data", why, count, score, overdue, held)
    assert score is not None
    shown = f"proficiency {score:.0f}"
    if overdue:
        listed = ", ".join(overdue[:2]) + (f" and {len(overdue) - 2} more" if len(overdue) > 2 else "")
        return RepReadiness(rep, "red", f"overdue: {listed}; {shown}", count, score, overdue, held)
    if score < RED_BELOW:
        return RepReadiness(rep, "red", f"{shown}, below {RED_BELOW:.0f}", count, score, overdue, held)
    if score >= GREEN_FROM and held:
        listed = ", ".join(held[:2]) + (f" and {len(held) - 2} more" if len(held) > 2 else "")
        return RepReadiness(rep, "green", f"certified on {listed}; nothing overdue; {shown}", count, score, overdue,
                            held)
    lacking = []
    if not held:
        lacking.append("no certificate yet")
    if score < GREEN_FROM:
        lacking.append(f"{shown}, below {GREEN_FROM:.0f}")
    else:
        lacking.append(shown)
    return RepReadiness(rep, "amber", "; ".join(lacking) + "; nothing overdue", count, score, overdue, held)


def team_colour(reps: Sequence[RepReadiness]) -> Colour:
    """Red if any rep is red; green if every rep with enough data is green (and there is one); else amber."""
    judged = [r for r in reps if r.colour != "not enough data"]
    if not judged:
        return "not enough data"
    if any(r.colour == "red" for r in judged):
        return "red"
    return "green" if all(r.colour == "green" for r in judged) else "amber"
