"""Certification that means something: pure rules over a rep's attempts, with today's date injected.

The rules (numbers from the roster's ``policy.certification``; defaults in brackets):

- **A pitch**: every cut of its current published version passed at Gold (score ≥ 90, which a recitation held
  back below Gold never reaches) at least ``attempts`` [2] times, on at least ``different_days`` [2] different
  days, all within one stretch of ``window_days`` [30] days. The certificate is dated the day the last needed
  attempt was made, and names the version.
- **A product's objections**: every objection of the product's current objections file passed (the answer
  scorer's verdict) under the same three numbers. The certificate names the file's version.
- **A new version** (a newer published pitch, a new ``version`` of the objections file) does not void a
  certificate at once: it becomes "renew" until ``renew_by`` = the new version's publish date +
  ``renew_grace_days`` [14], then "expired". Objection files carry no publish date, so theirs has no renew-by
  date and lasts until it expires.
- **Expiry**: a certificate is valid for ``valid_days`` [365] days from its date (never, when empty).

Days are UTC calendar days, so the same history gives the same answer on every machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..library.catalog import Library, Pitch
from ..library.item_ref import ItemRef
from ..library.roster import CertificationPolicy
from ..scoring.results import TIERS
from ..store.attempts import NewAttempt

GOLD = dict(TIERS)["Gold"]
OBJECTION_PASS = 75.0  # used only for old attempts stored without the scorer's verdict
CertificateStatus = Literal["certified", "renew", "expired", "not certified"]


@dataclass(frozen=True)
class Certificate:
    """A rep's standing on one subject: a pitch, or a product's objections."""

    rep: str
    subject: str  # "pitch:<id>" or "objections:<product>"
    product: str
    title: str
    status: CertificateStatus
    current_version: int | None
    version: int | None = None  # the version the certificate names
    certified_on: dt.date | None = None
    expires_on: dt.date | None = None
    renew_by: dt.date | None = None
    missing: tuple[str, ...] = ()  # what is still needed on the current version, in words

    @property
    def why(self) -> str:
        """One line saying why the rep has this status."""
        if self.status == "certified":
            until = f", valid until {self.expires_on}" if self.expires_on else ""
            return f"certified on v{self.version} since {self.certified_on}{until}"
        if self.status == "renew":
            by = f" by {self.renew_by}" if self.renew_by else ""
            return f"certified on v{self.version}; renew on v{self.current_version}{by}"
        if self.status == "expired":
            return f"certificate on v{self.version} expired" + (f"; {self._short_missing}" if self.missing else "")
        return self._short_missing or "not practised yet"

    @property
    def _short_missing(self) -> str:
        """The missing items, the first three by name: a product's dozen objections must not flood a line."""
        if len(self.missing) <= 3:
            return "; ".join(self.missing)
        return "; ".join(self.missing[:3]) + f"; and {len(self.missing) - 3} more"

    def to_record(self) -> dict[str, Any]:
        return {
            "rep": self.rep,
            "subject": self.subject,
            "product": self.product,
            "title": self.title,
            "status": self.status,
            "version": self.version,
            "current_version": self.current_version,
            "certified_on": _iso(self.certified_on),
            "expires_on": _iso(self.expires_on),
            "renew_by": _iso(self.renew_by),
            "missing": list(self.missing),
            "why": self.why,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def day_of(attempt: NewAttempt) -> dt.date:
    moment = attempt.started_at if attempt.started_at.tzinfo else attempt.started_at.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).date()


def passes(attempt: NewAttempt) -> bool:
    """Gold for a recitation; the scorer's "passed" for an objection answer."""
    if attempt.kind == "objection":
        verdict = attempt.breakdown.get("passed")
        return bool(verdict) if verdict is not None else attempt.score >= OBJECTION_PASS
    return attempt.score >= GOLD


def qualifies(days: Sequence[dt.date], policy: CertificationPolicy) -> bool:
    """Whether passing attempts on these days (one entry per attempt) meet the count and the different days."""
    return len(days) >= policy.attempts and len(set(days)) >= policy.different_days


def certified_on(
    requirements: Sequence[ItemRef], version: int, attempts: Iterable[NewAttempt], policy: CertificationPolicy
) -> dt.date | None:
    """The first day on which every requirement was met on ``version`` within one window; None if never.

    Candidate days are the days of passing attempts: the window ending on each is tried in order.
    """
    keys = {ref.key for ref in requirements}
    passing: dict[str, list[dt.date]] = {key: [] for key in keys}
    for attempt in attempts:
        if attempt.key in keys and attempt.version == version and passes(attempt):
            passing[attempt.key].append(day_of(attempt))
    if not requirements or any(not days for days in passing.values()):
        return None
    for end in sorted({day for days in passing.values() for day in days}):
        start = end - dt.timedelta(days=policy.window_days - 1)
        if all(qualifies([d for d in days if start <= d <= end], policy) for days in passing.values()):
            return end
    return None


def missing_on(
    requirements: Sequence[tuple[ItemRef, str]], version: int, attempts: Sequence[NewAttempt],
    policy: CertificationPolicy, today: dt.date, word: str,
) -> tuple[str, ...]:
    """What each requirement still lacks in the window ending today, e.g. "30s: 1 of 2 Gold (1 day)"."""
    start = today - dt.timedelta(days=policy.window_days - 1)
    needed = f"{policy.attempts} {word}" + (
        f" on {policy.different_days} days" if policy.different_days > 1 else ""
    )
    lines = []
    for ref, name in requirements:
        days = [
            day_of(a) for a in attempts
            if a.key == ref.key and a.version == version and passes(a) and start <= day_of(a) <= today
        ]
        if not qualifies(days, policy):
            have, spread = len(days), len(set(days))
            days_note = f" ({spread} day{'s' if spread != 1 else ''})" if have else ""
            lines.append(f"{name}: {have} of {needed}{days_note}")
    return tuple(lines)


def _judge(
    rep: str, subject: str, product: str, title: str, attempts: Sequence[NewAttempt], today: dt.date,
    policy: CertificationPolicy, versions: Sequence[tuple[int, list[tuple[ItemRef, str]]]],
    current_published_on: dt.date | None, word: str,
) -> Certificate:
    """``versions``: (version, its requirements with names), newest (the current one) first."""
    current, requirements = versions[0]
    missing = missing_on(requirements, current, attempts, policy, today, word)
    base = Certificate(rep, subject, product, title, "not certified", current, missing=missing)

    def expiry(day: dt.date) -> dt.date | None:
        return day + dt.timedelta(days=policy.valid_days) if policy.valid_days else None

    day = certified_on([ref for ref, _ in requirements], current, attempts, policy)
    if day is not None and day <= today:
        expires = expiry(day)
        status: CertificateStatus = "certified" if expires is None or today < expires else "expired"
        return Certificate(rep, subject, product, title, status, current, current, day, expires, None,
                           missing if status == "expired" else ())
    for older, older_requirements in versions[1:]:
        day = certified_on([ref for ref, _ in older_requirements], older, attempts, policy)
        if day is None or day > today:
            continue
        expires = expiry(day)
        renew_by = current_published_on + dt.timedelta(days=policy.renew_grace_days) if current_published_on else None
        lapsed = (renew_by is not None and today > renew_by) or (expires is not None and today >= expires)
        return Certificate(rep, subject, product, title, "expired" if lapsed else "renew", current, older, day,
                           expires, renew_by, missing)
    return base


def pitch_certificate(
    rep: str, pitch: Pitch, attempts: Sequence[NewAttempt], today: dt.date, policy: CertificationPolicy
) -> Certificate | None:
    """The rep's standing on a pitch; None for a pitch with no published version (nothing to certify)."""
    current = pitch.current
    if current is None:
        return None
    published = sorted((n for n, v in pitch.versions.items() if v.status != "draft" and n <= current.version),
                       reverse=True)
    versions = [
        (n, [(ItemRef("pitch", pitch.product, pitch.id, cut), str(cut)) for cut in pitch.versions[n].cuts.names()])
        for n in published
    ]
    return _judge(rep, f"pitch:{pitch.id}", pitch.product, current.title, attempts, today, policy, versions,
                  current.published_on, "Gold")


def objections_certificate(
    rep: str, library: Library, product_id: str, attempts: Sequence[NewAttempt], today: dt.date,
    policy: CertificationPolicy,
) -> Certificate | None:
    """The rep's standing on a product's objections; None when the product has none.

    Older versions of the objections file are not kept in the library, so a certificate on an older version is
    judged on the objections the current file still has (an objection added since is not asked of it).
    """
    content = library.products.get(product_id)
    if content is None or content.objections is None:
        return None
    faq = content.objections
    requirements = [(ItemRef("objection", product_id, o.id), o.id) for o in faq.objections]
    older = sorted({a.version for a in attempts if a.kind == "objection" and a.product == product_id
                    and a.version is not None and a.version < faq.version}, reverse=True)
    versions = [(faq.version, requirements), *((n, requirements) for n in older)]
    return _judge(rep, f"objections:{product_id}", product_id, f"{content.name} objections", attempts, today,
                  policy, versions, None, "passes")


def certificates(
    rep: str, library: Library, attempts: Sequence[NewAttempt], today: dt.date, policy: CertificationPolicy,
    product: str | None = None,
) -> list[Certificate]:
    """Every pitch and objections certificate of one rep (of ``product`` only, when given), in library order."""
    found: list[Certificate] = []
    for product_id in sorted(library.products):
        if product is not None and product_id != product:
            continue
        content = library.products[product_id]
        for pitch_id in sorted(content.pitches):
            cert = pitch_certificate(rep, content.pitches[pitch_id], attempts, today, policy)
            if cert is not None:
                found.append(cert)
        objections = objections_certificate(rep, library, product_id, attempts, today, policy)
        if objections is not None:
            found.append(objections)
    return found
