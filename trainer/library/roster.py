"""The team roster: who is on which team, who manages it, and the library's practice policy.

Why in the content repository: who reports to whom and what "certified" takes are decisions a sales
organisation reviews like its scripts (a pull request, `trainer check` in CI), not settings hidden in one
machine's database. The file is ``roster.yaml`` at the library root (beside ``content/``).

Roles: a name listed under a team's ``members`` is a *rep* of that team; one under ``managers`` is its
*manager*. A person may manage one team and be a rep of another. Names are the rep names the practice store
uses (``--rep NAME``), matched exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .models import Id, ShortText, _Strict
from .problems import ContentError
from .validation import did_you_mean

ROSTER_FILE = "roster.yaml"
ROSTER_NAMES = ("roster.yaml", "roster.yml")

Role = Literal["rep", "manager"]

PersonName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    Field(description="A rep name as the practice history knows it (`--rep NAME`), matched exactly."),
]


class CertificationPolicy(_Strict):
    """What it takes to be certified, and how long a certificate lasts.

    Defaults follow the common complaint that one lucky attempt is not proof: Gold twice, on two different days,
    within 30 days.
    """

    attempts: int = Field(default=2, ge=1, le=20, description="Passing attempts needed on each cut or objection.")
    different_days: int = Field(
        default=2, ge=1, le=20, description="On how many different days (UTC) those attempts must fall."
    )
    window_days: int = Field(
        default=30, ge=1, le=3650, description="All the attempts that count fall within this many days."
    )
    renew_grace_days: int = Field(
        default=14,
        ge=0,
        le=3650,
        description="After a new version is published, days a certificate on the old version stays valid.",
    )
    valid_days: int | None = Field(
        default=365, ge=1, le=3650, description="Days a certificate lasts; leave empty for never."
    )

    @model_validator(mode="after")
    def _days_fit_attempts(self) -> CertificationPolicy:
        if self.different_days > self.attempts:
            raise ValueError(
                f"different_days ({self.different_days}) cannot be more than attempts ({self.attempts})"
            )
        if self.different_days > self.window_days:
            raise ValueError(
                f"different_days ({self.different_days}) cannot be more than window_days ({self.window_days})"
            )
        return self


class Criterion(_Strict):
    """One line of the peer scorecard: what teammates rate a turn on, 1 (poor) to 5 (excellent)."""

    id: Id
    label: ShortText = Field(description="Shown to reviewers and in reports, e.g. 'Confidence'.")
    description: ShortText | None = Field(default=None, description="What a 5 looks like, for reviewers.")


def default_rubric() -> list[Criterion]:
    """What a team rates when the library defines no rubric: the three things sales coaches ask about first."""
    return [
        Criterion(id="accuracy", label="Accuracy", description="The facts, figures and key points are right."),
        Criterion(id="confidence", label="Confidence", description="Sounds sure, no hedging or filler."),
        Criterion(id="pace", label="Pace", description="Neither rushed nor dragging; pauses where they help."),
    ]


RATING_SCALE = (1, 2, 3, 4, 5)
"""Every criterion is rated on this scale: one scale keeps averages across criteria and sessions comparable."""


class WorkloadPolicy(_Strict):
    """How much practice a rep is handed in one day, assignments and spaced-repetition reviews together.

    Counted in items, not minutes: an item's length is known only once it is practised (a 30-second cut and a
    five-minute pitch differ tenfold, a rep may take three tries), while an item count is what the review queue
    and the assignment list already show, so a rep can check the cap by counting their list.
    """

    daily_items: int = Field(
        default=20, ge=1, le=500,
        description="The most items (assignments and due reviews together) a rep is handed in one day.",
    )


class Policy(_Strict):
    """Practice rules for the whole library."""

    rubric: list[Criterion] = Field(
        default_factory=default_rubric, min_length=1, max_length=8,
        description="What teammates rate each turn of a team session on (1-5 each); "
        "accuracy, confidence and pace when left out.",
    )
    workload: WorkloadPolicy = Field(default_factory=WorkloadPolicy)

    certification: CertificationPolicy = Field(default_factory=CertificationPolicy)
    min_score: float = Field(
        default=90, ge=0, le=100, description="The minimum score of an assignment when the manager gives none."
    )


class Team(_Strict):
    """One team: its reps and the managers who assign them work."""

    id: Id
    name: ShortText | None = Field(default=None, description="Shown name, e.g. 'North region'.")
    managers: list[PersonName] = Field(default_factory=list, description="Who assigns this team work.")
    members: list[PersonName] = Field(min_length=1, description="The team's reps.")


class Roster(_Strict):
    """``roster.yaml``: the teams, their members and managers, and the library's practice policy."""

    teams: list[Team] = Field(min_length=1)
    policy: Policy = Field(default_factory=Policy)

    def team(self, team_id: str) -> Team:
        """The team with this id; a :class:`ContentError` with a "did you mean" otherwise."""
        for team in self.teams:
            if team.id == team_id:
                return team
        known = [t.id for t in self.teams]
        raise ContentError(f"no team {team_id!r} in the roster{did_you_mean(team_id, known)}")

    def teams_of(self, name: str) -> list[Team]:
        """The teams ``name`` is a rep of."""
        return [team for team in self.teams if name in team.members]

    def roles(self, name: str) -> set[Role]:
        roles: set[Role] = set()
        for team in self.teams:
            if name in team.members:
                roles.add("rep")
            if name in team.managers:
                roles.add("manager")
        return roles

    def visible_to(self, name: str) -> frozenset[str]:
        """Whose practice history ``name`` may see when signed in: their own, and the members of every team
        they manage. Nobody else's: a rep of a team does not see their teammates."""
        seen = {name}
        for team in self.teams:
            if name in team.managers:
                seen.update(team.members)
        return frozenset(seen)

    @property
    def reps(self) -> list[str]:
        """Every rep of every team, each once, in roster order."""
        return list(dict.fromkeys(name for team in self.teams for name in team.members))


@dataclass(frozen=True)
class RosterIssue:
    """A fact about the roster as a whole that one file's schema cannot say; ``loc`` is where to point."""

    loc: tuple[str | int, ...]
    message: str
    severity: Literal["error", "warning"] = "error"


def roster_issues(roster: Roster) -> list[RosterIssue]:
    """Duplicate team ids, people listed twice and a rubric criterion listed twice: each would make assignments
    (or ratings) land twice or nowhere."""
    issues: list[RosterIssue] = []
    criteria: set[str] = set()
    for index, criterion in enumerate(roster.policy.rubric):
        if criterion.id in criteria:
            issues.append(RosterIssue(
                ("policy", "rubric", index, "id"), f"rubric criterion {criterion.id!r} is listed twice"
            ))
        criteria.add(criterion.id)
    seen: dict[str, int] = {}
    for index, team in enumerate(roster.teams):
        if team.id in seen:
            issues.append(RosterIssue(("teams", index, "id"), f"team id {team.id!r} is used twice"))
        seen.setdefault(team.id, index)
        for field_name in ("members", "managers"):
            names: list[str] = getattr(team, field_name)
            for position, name in enumerate(names):
                if name in names[:position]:
                    issues.append(RosterIssue(
                        ("teams", index, field_name, position), f"{name!r} is listed twice in team {team.id!r}"
                    ))
        for position, name in enumerate(team.managers):
            if name in team.members:
                issues.append(RosterIssue(
                    ("teams", index, "managers", position),
                    f"{name!r} is both a manager and a member of team {team.id!r}",
                    "warning",
                ))
    return issues
