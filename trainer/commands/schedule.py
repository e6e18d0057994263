"""``trainer schedule``: how honest a rep's spaced-repetition schedule has been, and fitting it to the rep.

``check`` replays the rep's review log through the schedule in use and shows predicted against actual recall;
``fit`` fits FSRS's parameters to the log (with the optional optimizer) and keeps them for that rep when they
predict the rep's own reviews better. See :mod:`trainer.practice.schedule_fit`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..safe_text import json_text, visible
from .common import EXIT_PROBLEMS, fail, format_option, open_store, resolve_rep, store_options


@click.group()
def schedule() -> None:
    """A rep's spaced-repetition schedule: check it against their reviews, or fit it to them."""


def _schedule_in_use(store: Any, who: str) -> tuple[list[float] | None, str]:
    fitted = store.schedule_parameters(who)
    if fitted is None:
        return None, "FSRS's default schedule"
    parameters, when, reviews = fitted
    return parameters, f"a schedule fitted {when.astimezone():%Y-%m-%d} to {reviews} of your reviews"


@schedule.command()
@store_options
@format_option("text", "json")
def check(db_path: Path | str | None, rep: str | None, output_format: str) -> None:
    """Predicted against actual recall: how often the rep recalled what the schedule said they would.

    \b
    Example:
      trainer schedule check --rep ann
    """
    from ..practice.schedule_fit import calibrate, calibration_lines, predictions
    from ..store.scheduling import scheduler_for

    store = open_store(db_path)
    who = resolve_rep(rep)
    parameters, described = _schedule_in_use(store, who)
    calibration = calibrate(predictions(store.review_log(who), scheduler_for(parameters)))
    if output_format == "json":
        data = {"rep": who, "fitted": parameters is not None, **calibration.to_dict()}
        click.echo(json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    click.echo(f"{visible(who)}: {described}, predicted against actual recall")
    for line in calibration_lines(calibration):
        click.echo(f"  {line}")


@schedule.command()
@store_options
@format_option("text", "json")
def fit(db_path: Path | str | None, rep: str | None, output_format: str) -> None:
    """Fit the schedule to the rep's own reviews; keep it for that rep when it predicts them better.

    Needs enough reviews taken on a later day than the item's previous one (the command says how many more),
    and the optional optimizer: pip install 'pitch-trainer[optimizer]'.

    \b
    Example:
      trainer schedule fit --rep ann
    """
    from ..practice.schedule_fit import OptimizerMissing, calibration_lines, errors_line
    from ..practice.schedule_fit import fit as fit_schedule

    store = open_store(db_path)
    who = resolve_rep(rep)
    current, described = _schedule_in_use(store, who)
    try:
        result = fit_schedule(store.review_log(who), current)
    except OptimizerMissing as error:
        fail(str(error), EXIT_PROBLEMS)
    kept = result.improved
    if kept and result.parameters is not None and result.after is not None:
        store.save_schedule_parameters(who, result.parameters, reviews=result.reviews,
                                       loss_before=result.before.log_loss, loss_after=result.after.log_loss)
    if output_format == "json":
        data = {
            "rep": who, "reviews": result.reviews, "minimum": result.minimum, "needed": result.needed,
            "fitted": result.parameters is not None, "kept": kept,
            "parameters": list(result.parameters) if result.parameters is not None else None,
            "before": result.before.to_dict(), "after": result.after.to_dict() if result.after else None,
        }
        click.echo(json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    name = visible(who)
    if result.parameters is None or result.after is None:
        click.echo(f"{name}: {result.reviews} reviews on a later day than the item's previous one; a fit needs "
                   f"{result.minimum}: {result.needed} more. Keeping {described}.")
        return
    click.echo(f"{name}: fitted to {result.reviews} reviews.")
    click.echo(f"  before ({described}): {errors_line(result.before)}")
    click.echo(f"  after (fitted):  {errors_line(result.after)}")
    if kept:
        click.echo("  Kept: your cards are rescheduled with the fitted schedule. Predicted against actual recall now:")
        for line in calibration_lines(result.after):
            click.echo(f"    {line}")
    else:
        click.echo(f"  Not kept: the fit predicts your reviews no better than {described}, which stays.")
