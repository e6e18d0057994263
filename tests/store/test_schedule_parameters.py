"""A rep's fitted schedule is kept per rep on either database and used for that rep's cards from then on."""

from __future__ import annotations

import datetime as dt

from postgres_server import StoreFactory
from test_scheduling import ITEMS, MONDAY, attempt

from trainer.practice.schedule_fit import predictions
from trainer.store.scheduling import SCHEDULER, scheduler_for

# Slower forgetting than the defaults: initial stabilities four times FSRS-6's, everything else as it was.
SLOWER = [x * 4 if i < 4 else x for i, x in enumerate(SCHEDULER.parameters)]


def test_fitted_parameters_move_the_reps_due_dates_and_schedule_their_next_reviews(new_store: StoreFactory) -> None:
    store = new_store()
    store.record(attempt(80, MONDAY))
    store.record(attempt(80, MONDAY + dt.timedelta(days=2)))
    store.record(attempt(80, MONDAY, rep="bob"))
    [before] = store.cards("ann").values()
    bobs = store.cards("bob")

    assert store.save_schedule_parameters("ann", SLOWER, reviews=120, loss_before=0.4, loss_after=0.3) == 1
    [after] = store.cards("ann").values()
    assert after[0] > before[0]  # the same reviews, a later due date: ann's card was rescheduled
    assert store.cards("bob") == bobs  # another rep's schedule is theirs
    parameters, _, reviews = store.schedule_parameters("ann")
    assert parameters == SLOWER and reviews == 120 and store.schedule_parameters("bob") is None

    # A new review is scheduled with ann's parameters too (the same as replaying her log through them).
    store.record(attempt(80, MONDAY + dt.timedelta(days=9)))
    log = store.review_log("ann")
    [(_, reviews_of_item)] = log.items()
    assert [rating for rating, _, _ in reviews_of_item] == [3, 3, 3]
    predicted = predictions(log, scheduler_for(SLOWER))
    assert len(predicted) == 2
    assert store.due("ann", ITEMS[:1], MONDAY + dt.timedelta(days=10), include_new=False) == []

    # Reopened (as a restarted app would), the fit is still there; forgetting it goes back to the defaults.
    again = new_store()
    assert again.schedule_parameters("ann") is not None
    again.save_schedule_parameters("ann", None)
    assert again.schedule_parameters("ann") is None
    assert again.counts()["schedule_parameters"] == 0
