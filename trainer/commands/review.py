"""``trainer review``: today's review queue (everything due, most overdue first, within the daily limit),
and the holiday pause."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ..safe_text import json_text, visible
from .common import format_option, library_option, open_library, open_store, resolve_rep, store_options


@click.command()
@store_options
@library_option
@click.option("--limit", type=click.IntRange(1, 10_000), help="Set the daily review limit (a preference).")
@click.option("--pause-until", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Pause reviews through this day (YYYY-MM-DD), e.g. for a holiday.")
@click.option("--resume", is_flag=True, help="End a holiday pause now.")
@format_option("text", "json")
def review(
    db_path: Path | None,
    rep: str | None,
    library_dir: Path | None,
    limit: int | None,
    pause_until: dt.datetime | None,
    resume: bool,
    output_format: str,
) -> None:
    """Today's review queue: every pitch cut, objection and drill due, most overdue first, up to the daily limit.

    Open assignments come first, and together with the reviews they never exceed the library's daily cap
    (policy.workload.daily_items in roster.yaml); a larger backlog is spread over the coming days.

    \b
    Examples:
      trainer review
      trainer review --limit 20
      trainer review --pause-until 2026-08-14
      trainer review --resume
    """
    from ..practice.review_queue import REVIEWED_KINDS, paused_until, plan_review, start_of_day
    from ..preferences import load_preferences, update_preferences
    from ..store.items import scheduled_items
    from ..team.workload import rep_workload
    from .common import fail

    if pause_until is not None and resume:
        fail("give either --pause-until DATE or --resume, not both")
    changes: dict[str, object] = {}
    if limit is not None:
        changes["review_limit"] = limit
    if pause_until is not None:
        changes["review_paused_until"] = pause_until.date().isoformat()
    if resume:
        changes["review_paused_until"] = None
    preferences = update_preferences(None, **changes) if changes else load_preferences()
    library = open_library(library_dir)
    store = open_store(db_path)
    who = resolve_rep(rep)
    now = dt.datetime.now(dt.UTC)
    done = [a for a in store.attempts(who, since=start_of_day(now)) if a.kind in REVIEWED_KINDS]
    paused = paused_until(preferences.review_paused_until, now.astimezone().date())
    plan = plan_review(
        store.due(who, scheduled_items(library), now, include_new=False),
        now,
        daily_limit=preferences.review_limit,
        reviewed_today=len(done),
        paused=paused,
    )
    workload = rep_workload(store, library, who, now, done_today=len(done),
                            review_room=len(plan.items), reviews_paused=paused is not None)
    handed = {item.ref.key for item in workload.reviews_today}
    reviews = [item for item in plan.items if item.ref.key in handed]  # the cap may hand out fewer than the limit
    if output_format == "json":
        data = {"rep": who, **plan.to_dict(), "items": [item.to_dict() for item in reviews],
                "workload": workload.to_dict()}
        click.echo(json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    click.echo(f"{visible(who)}: {plan.summary()}")
    click.echo(f"Workload (at most {workload.cap} a day): {workload.summary()}")
    for work in workload.assignments_today:
        click.echo(f"  {work.ref.kind:<9} {visible(work.ref.short_name):<32} {'assigned':<8} due {work.due}")
    for item in reviews:
        when = item.due_at.astimezone().strftime("%Y-%m-%d %H:%M") if item.due_at else ""
        click.echo(f"  {item.ref.kind:<9} {visible(item.ref.short_name):<32} {item.reason:<8} due {when}")
