"""Scheduling from a rep's own history: how honest the schedule has been, and fitting it to the rep.

The review log is the rep's attempts (:meth:`~trainer.store.sql_store.SqlStore.review_log`): per item, the
rating, the time and the words practised. Replaying it through a scheduler gives, before every review, the
probability of recall the scheduler predicted then (FSRS's retrievability of the card as it stood); whether the
rep then recalled it (any rating but Again) is the outcome. Grouping the predictions in buckets and comparing
each bucket's predicted and actual pass rate is a calibration table: it is what lets a rep see that "due today"
means something. Only reviews on a later day than the card's previous review count, as in FSRS's own optimizer:
a same-day repeat says nothing about forgetting.

Fitting uses ``fsrs-rs-python`` (FSRS's Rust optimizer, a 0.6 MB wheel; the ``[optimizer]`` extra) rather than
``fsrs[optimizer]``, which needs torch (hundreds of MB). A fit is kept only when it predicts the rep's own
reviews better (lower log-loss) than the schedule in use; otherwise the schedule in use stays.

Pure: the log and the clock come in, nothing is stored here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from fsrs import Scheduler
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from ..store.scheduling import AGAIN, SCHEDULER, new_card, review, scheduler_for

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

ReviewLog = Mapping[str, Sequence[tuple[int, dt.datetime, str | None]]]
"""Per item key: (rating, when, content hash practised), oldest first."""

MIN_REVIEWS = 100
"""Reviews (on a later day than the card's previous one) a fit needs. FSRS's Rust optimizer has no fixed
minimum (below some amount of data it returns its defaults unchanged); 100 is where a rep's fit starts to move
away from the defaults in our trials, and is still reachable in a few weeks of daily practice."""

BUCKET_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
"""Predicted-recall buckets: FSRS aims at 90 % recall, so most reviews fall in the top buckets."""

_EPSILON = 1e-4


class OptimizerMissing(RuntimeError):
    """The optional optimizer is not installed (``pip install 'pitch-trainer[optimizer]'``)."""


@dataclass(frozen=True)
class Prediction:
    """One review: what the scheduler predicted just before it, and what happened."""

    key: str
    when: dt.datetime
    predicted: float
    recalled: bool


@dataclass(frozen=True)
class Bucket:
    low: float
    high: float
    count: int
    predicted: float  # mean predicted recall in the bucket
    actual: float  # share of the bucket's reviews recalled

    @property
    def label(self) -> str:
        return f"{round(self.low * 100)}–{round(self.high * 100)}%"

    def to_dict(self) -> dict[str, object]:
        return {"bucket": self.label, "reviews": self.count, "predicted": round(self.predicted, 4),
                "actual": round(self.actual, 4)}


@dataclass(frozen=True)
class Calibration:
    """Predicted against actual recall over a rep's reviews, with two overall errors."""

    buckets: tuple[Bucket, ...]
    reviews: int
    log_loss: float | None  # mean binary cross-entropy; None without reviews
    rmse: float | None  # root mean square of (predicted − actual) over buckets, weighted by their reviews

    def to_dict(self) -> dict[str, object]:
        return {
            "reviews": self.reviews,
            "log_loss": None if self.log_loss is None else round(self.log_loss, 4),
            "rmse": None if self.rmse is None else round(self.rmse, 4),
            "buckets": [bucket.to_dict() for bucket in self.buckets],
        }


def predictions(log: ReviewLog, scheduler: Scheduler = SCHEDULER) -> list[Prediction]:
    """Replay every item's reviews through ``scheduler``, noting the predicted recall before each counted review.

    The card starts afresh on new words, as :func:`~trainer.store.scheduling.replay` does; a review on the same
    day as the card's previous one is replayed but not predicted.
    """
    found: list[Prediction] = []
    for key, reviews in log.items():
        card = None
        practised: str | None = None
        for rating, when, digest in reviews:
            moment = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
            if card is None or (digest and practised and digest != practised):
                card = new_card()
            elif card.last_review is not None and (moment - card.last_review).days >= 1:
                chance = float(scheduler.get_card_retrievability(card, moment))
                found.append(Prediction(key, moment, chance, rating != AGAIN))
            card = review(card, rating, moment, scheduler)
            practised = digest or practised
    found.sort(key=lambda p: (p.when, p.key))
    return found


def calibrate(found: Sequence[Prediction]) -> Calibration:
    """The calibration table and errors of a list of predictions."""
    buckets: list[Bucket] = []
    for low, high in pairwise(BUCKET_EDGES):
        last = high == BUCKET_EDGES[-1]
        inside = [p for p in found if low <= p.predicted < high or (last and p.predicted >= high)]
        if inside:
            buckets.append(Bucket(low, high, len(inside), sum(p.predicted for p in inside) / len(inside),
                                  sum(p.recalled for p in inside) / len(inside)))
    if not found:
        return Calibration((), 0, None, None)
    loss = 0.0
    for p in found:
        chance = min(max(p.predicted, _EPSILON), 1 - _EPSILON)
        loss -= math.log(chance) if p.recalled else math.log(1 - chance)
    squared = sum(b.count * (b.predicted - b.actual) ** 2 for b in buckets) / len(found)
    return Calibration(tuple(buckets), len(found), loss / len(found), math.sqrt(squared))


@dataclass(frozen=True)
class FitResult:
    """What `trainer schedule fit` reports: the fit (when there was enough to fit) and the errors around it."""

    reviews: int
    before: Calibration
    parameters: tuple[float, ...] | None = None  # the fitted parameters; None below MIN_REVIEWS
    after: Calibration | None = None
    minimum: int = MIN_REVIEWS
    notes: list[str] = field(default_factory=list)

    @property
    def needed(self) -> int:
        """More reviews needed before a fit (0 once there are enough)."""
        return max(self.minimum - self.reviews, 0)

    @property
    def improved(self) -> bool:
        """The fit predicts the rep's own reviews better than the schedule in use: worth keeping."""
        return (
            self.parameters is not None and self.after is not None and self.after.log_loss is not None
            and self.before.log_loss is not None and self.after.log_loss < self.before.log_loss - 1e-9
        )


def training_items(log: ReviewLog) -> list[FSRSItem]:
    """The log as the Rust optimizer's items: one per counted review, with the card's history up to it."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    items: list[FSRSItem] = []
    for reviews in log.values():
        history: list[FSRSReview] = []
        last: dt.datetime | None = None
        practised: str | None = None
        for rating, when, digest in reviews:
            moment = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
            if last is None or (digest and practised and digest != practised):
                history, last = [], None
            elapsed = 0 if last is None else (moment - last).days
            history.append(FSRSReview(int(rating), int(elapsed)))
            if elapsed > 0:
                items.append(FSRSItem(list(history)))
            last, practised = moment, digest or practised
    return items


def clip(parameters: Sequence[float]) -> tuple[float, ...]:
    """Parameters inside the bounds this FSRS accepts (the two implementations round differently at the edges)."""
    return tuple(min(max(float(x), low), high)
                 for x, low, high in zip(parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True))


def fit(log: ReviewLog, current: Sequence[float] | None = None, minimum: int = MIN_REVIEWS) -> FitResult:
    """Fit FSRS's parameters to a rep's log; compare with the schedule in use (``current``, None for defaults)."""
    before = calibrate(predictions(log, scheduler_for(current)))
    if before.reviews < minimum:
        return FitResult(before.reviews, before, minimum=minimum)
    try:
        from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS
    except ImportError as error:
        raise OptimizerMissing(
            "fitting a schedule needs the optional optimizer: pip install 'pitch-trainer[optimizer]'"
        ) from error
    raw = FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(training_items(log))
    parameters = clip(raw)
    after = calibrate(predictions(log, scheduler_for(parameters)))
    return FitResult(before.reviews, before, parameters, after, minimum=minimum)


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def calibration_lines(calibration: Calibration) -> list[str]:
    """The calibration table as plain lines, for the CLI and the app's progress panel alike."""
    if not calibration.reviews:
        return ["No review on a later day yet: nothing to check the schedule against."]
    lines = [f"{'predicted':<10} {'reviews':>7} {'expected':>9} {'recalled':>9}"]
    lines += [f"{b.label:<10} {b.count:>7} {percent(b.predicted):>9} {percent(b.actual):>9}"
              for b in calibration.buckets]
    lines.append(errors_line(calibration))
    return lines


def errors_line(calibration: Calibration) -> str:
    if calibration.log_loss is None or calibration.rmse is None:
        return "no reviews to measure"
    return f"log-loss {calibration.log_loss:.3f} · RMSE {calibration.rmse:.3f} over {calibration.reviews} reviews"
