"""Commands for reps: history, due, export (and score, once the scorer lands)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import click

from ..safe_text import json_text, visible
from ..store.attempts import PartialAttempt
from .common import (
    EXIT_PROBLEMS,
    FiniteNumber,
    console,
    fail,
    format_option,
    library_option,
    open_library,
    open_store,
    resolve_rep,
    store_options,
    write_output,
)
from .speech import keep_or_fail, speech_model_option, transcribe_or_fail

MAX_LIMIT = 1_000_000_000
"""The most attempts ``history --limit`` asks for: more than any database holds, small enough for SQLite."""
MAX_SECONDS = 86_400.0
"""The longest recitation ``--seconds``/``--target`` accept: a day (a typo or ``inf`` must not reach the scorer)."""


@click.command()
@store_options
@click.option("--all-reps", is_flag=True, help="Every rep's attempts, not just one rep's.")
@click.option(
    "--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=50, show_default=True, help="Newest N attempts."
)
@format_option("text", "json")
def history(db_path: Path | str | None, rep: str | None, all_reps: bool, limit: int, output_format: str) -> None:
    """Show a rep's practice attempts and weak-spot drills, newest first.

    A drill's score is listed as a "partial drill": a few sentences of a cut, never the cut's score or tier.
    In JSON each entry's "record" says which it is ("attempt" or "partial drill").
    """
    store = open_store(db_path)
    who = None if all_reps else resolve_rep(rep)
    attempts = store.attempts(who, newest_first=True, limit=limit)
    drills = store.partial_history(who, newest_first=True, limit=limit)
    entries = sorted([*attempts, *drills], key=lambda entry: entry.started_at, reverse=True)[:limit]
    if output_format == "json":
        records = [entry.to_record() if isinstance(entry, PartialAttempt) else {"record": "attempt",
                                                                                 **entry.to_record()}
                   for entry in entries]
        click.echo(json_text(json.dumps(records, indent=2, ensure_ascii=False)))
        return
    if not entries:
        who = "anyone" if all_reps else resolve_rep(rep)
        click.echo(f"No attempts by {visible(who)} yet. "
                   "Practise in the app, or record one with `trainer score --save`.")
        return
    from ..render.history import render_history

    console().print(render_history(entries, show_rep=all_reps))


@click.command()
@store_options
@library_option
@click.option("--no-new", is_flag=True, help="Only items practised before that are due again.")
@click.option("--all", "show_all", is_flag=True,
              help="Every due item, even past the library's daily cap (policy.workload.daily_items).")
@format_option("text", "json")
def due(
    db_path: Path | str | None,
    rep: str | None,
    library_dir: Path | None,
    no_new: bool,
    show_all: bool,
    output_format: str,
) -> None:
    """What a rep should practise now: changed, overdue and due items first, then new ones.

    Due reviews are handed out within the library's daily cap, together with open assignments (most overdue
    first); the rest waits for the coming days. --all lists everything due.
    """
    from ..practice.review_queue import REVIEWED_KINDS, start_of_day
    from ..store.items import scheduled_items
    from ..team.workload import rep_workload

    library = open_library(library_dir)
    store = open_store(db_path)
    who = resolve_rep(rep)
    now = dt.datetime.now(dt.UTC)
    items = store.due(who, scheduled_items(library), now, include_new=not no_new)
    summary = ""
    if not show_all:
        done = sum(1 for a in store.attempts(who, since=start_of_day(now)) if a.kind in REVIEWED_KINDS)
        work = rep_workload(store, library, who, now, done_today=done)
        handed = {item.ref.key for item in work.today}
        held = {item.ref.key for _, later in work.later for item in later}
        items = [item for item in items if item.ref.key not in held or item.ref.key in handed]
        summary = f"Today's work (at most {work.cap} a day): {work.summary()}"
    if output_format == "json":
        click.echo(json_text(json.dumps([item.to_dict() for item in items], indent=2, ensure_ascii=False)))
        return
    from ..render.history import render_due

    console().print(render_due(items, library))
    if summary:
        click.echo(summary)


@click.command()
@store_options
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), required=True, help="Output format.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only attempts on or after DATE (YYYY-MM-DD).")
@click.option("--all-reps/--one-rep", default=True, show_default=True, help="Export every rep, or only --rep.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
def export(
    db_path: Path | str | None, rep: str | None, output_format: str, since: Any, all_reps: bool, output: Path | None
) -> None:
    """Export practice attempts, one record each (columns are listed in the README)."""
    from ..store.export import to_csv, to_json

    store = open_store(db_path)
    start = since.replace(tzinfo=dt.UTC) if since else None
    attempts = store.attempts(None if all_reps else resolve_rep(rep), since=start)
    text = to_csv(attempts) if output_format == "csv" else to_json(attempts) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    if write_output(output, text):
        click.echo(f"wrote {len(attempts)} attempt(s) to {visible(str(output))}", err=True)


def _read_attempt(attempt_file: str | None) -> str:
    """The attempt from a file or stdin (at most 2 MB of text), or a usage error saying why not."""
    if attempt_file in (None, "-") and sys.stdin is None:
        fail("no attempt to score: stdin is closed; give ATTEMPT_FILE, or pipe the attempt into `trainer score`")
    try:
        with click.open_file(attempt_file or "-", encoding="utf-8", errors="replace") as stream:
            return stream.read(2_000_000)
    except OSError as exc:
        fail(f"cannot read {attempt_file or 'stdin'}: {exc.strerror or exc}")


@click.command()
@click.argument("attempt_file", required=False, metavar="[ATTEMPT_FILE]")
@click.option("--pitch", "pitch_id", help="Score against this pitch of the library.")
@click.option(
    "--objection", "objection_ref", metavar="PRODUCT/ID", help="Score an answer to this objection of the library."
)
@click.option("--cut", type=click.Choice(["30s", "5min", "demo"]), default="30s", show_default=True, help="Cut.")
@click.option("--version", "version", type=click.IntRange(min=1), help="Version (default: newest published).")
@click.option(
    "--reference",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score against any text file instead of a pitch.",
)
@click.option("--key-phrase", "key_phrases", multiple=True, help="With --reference: a phrase that must be said.")
@click.option(
    "--critical-phrase",
    "critical_phrases",
    multiple=True,
    help="With --reference: a phrase without which the recitation is never Gold.",
)
@click.option("--target", "target_seconds", type=FiniteNumber(1, MAX_SECONDS, "seconds"),
              help="With --reference: target seconds.")
@click.option(
    "--seconds", type=FiniteNumber(0.1, MAX_SECONDS, "seconds"), help="How long the recitation took (else estimated)."
)
@click.option("--save", is_flag=True, help="Record the attempt in the practice history (needs --pitch).")
@click.option(
    "--audio",
    "audio_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Score a spoken recitation: a 16-bit PCM WAV, transcribed offline (needs the voice extra).",
)
@speech_model_option
@store_options
@library_option
@format_option("text", "json")
def score(
    attempt_file: str | None,
    pitch_id: str | None,
    objection_ref: str | None,
    cut: str,
    version: int | None,
    reference: Path | None,
    key_phrases: tuple[str, ...],
    critical_phrases: tuple[str, ...],
    target_seconds: float | None,
    seconds: float | None,
    save: bool,
    audio_file: Path | None,
    speech_model: str | None,
    db_path: Path | str | None,
    rep: str | None,
    library_dir: Path | None,
    output_format: str,
) -> None:
    """Score a recitation (ATTEMPT_FILE, or stdin) against a pitch cut or a reference text.

    \b
    Examples:
      trainer score --pitch flowguard-core --cut 30s attempt.txt --seconds 34
      trainer score --reference pitch.txt attempt.txt --format json
      trainer score --objection flowguard/too-expensive answer.txt
      trainer score --pitch flowguard-core --cut 30s --audio take1.wav --save
    """
    from ..library.hashing import cut_hash
    from ..library.speaking import speaking_target
    from ..practice.scenario import cut_reference
    from ..scoring import ReferenceSection, TextTooLong, score_recitation
    from .common import fail

    if objection_ref is not None:
        if pitch_id is not None or reference is not None or save:
            fail("--objection scores an answer on its own; leave out --pitch, --reference and --save")
        _score_objection(objection_ref, _read_attempt(attempt_file), library_dir, output_format)
        return
    if (pitch_id is None) == (reference is None):
        fail("give either --pitch ID (with --cut), --reference FILE or --objection PRODUCT/ID")
    if save and pitch_id is None:
        fail("--save records practice of a library pitch; use it with --pitch")
    if audio_file is not None and attempt_file is not None:
        fail("give either an ATTEMPT_FILE (typed) or --audio FILE.wav (spoken), not both")
    if audio_file is not None and seconds is not None:
        fail("--seconds is for typed attempts; a recording is timed by its words")
    if audio_file is None and speech_model is not None:
        fail("--speech-model is for --audio")
    attempt = _read_attempt(attempt_file) if audio_file is None else ""
    if pitch_id is not None:
        library = open_library(library_dir)
        try:
            pitch = library.pitch(pitch_id)
            chosen = pitch.version(version)
        except Exception as exc:  # ContentError: an unknown pitch or version
            fail(str(exc))
        selected = chosen.cuts.get(cut)
        if selected is None:
            fail(f"version {chosen.version} of {pitch_id!r} has no {cut} cut (it has {', '.join(chosen.cuts.names())})")
        sections = cut_reference(selected)
        target: float | None = speaking_target(cut, selected.target_seconds, selected.text)
        title = f"{chosen.title} · {cut} · v{chosen.version}"
    else:
        assert reference is not None  # exactly one of --pitch and --reference, checked above
        text = reference.read_text(encoding="utf-8", errors="replace")
        if not text.strip():
            fail(f"the reference file {reference} is empty")
        sections = [ReferenceSection("", text, tuple(key_phrases), tuple(critical_phrases))]
        target = target_seconds
        title = str(reference)
    spoken = None
    try:
        if audio_file is not None:
            from ..speech.languages import unsupported_language

            language = library.product(pitch.product).language if pitch_id is not None else "en"
            refusal = unsupported_language(language)
            if refusal:
                fail(refusal)
            from ..speech.scoring import score_speech

            spoken = score_speech(sections, transcribe_or_fail(audio_file, speech_model), target_seconds=target)
            attempt = spoken.transcript.text
            result = spoken.result
            seconds = spoken.pace.speaking_seconds or None
        else:
            result = score_recitation(sections, attempt, target_seconds=target, elapsed_seconds=seconds)
    except TextTooLong as exc:
        fail(str(exc))
    if save:
        from ..store.attempts import NewAttempt, utc_now
        from ..store.breakdown import compact_breakdown
        from ..store.database import StoreError
        from ..store.location import open_store as open_practice_store

        try:
            with closing(open_practice_store(db_path)) as store:
                started_at = utc_now()
                kept = None
                if audio_file is not None:
                    label = f"{resolve_rep(rep)}-{pitch.id}-{cut}"
                    kept = keep_or_fail(audio_file, store.recordings_beside, label, started_at)
                stored = store.record(
                    NewAttempt(
                        rep=resolve_rep(rep),
                        kind="pitch",
                        item_id=pitch.id,
                        product=pitch.product,
                        cut=cut,
                        version=chosen.version,
                        content_hash=cut_hash(chosen, cut),
                        score=result.score,
                        tier=result.tier,
                        attempt_text=attempt,
                        breakdown=compact_breakdown(result.to_dict()),
                        duration_seconds=seconds,
                        source="cli",
                        started_at=started_at,
                        medium="spoken" if spoken is not None else "typed",
                        transcript=attempt if spoken is not None else None,
                        audio_path=str(kept) if kept is not None else None,
                    )
                )
        except StoreError as exc:
            fail(f"the attempt was not saved: {exc}", EXIT_PROBLEMS)
        click.echo(f"saved attempt {stored.id} for {visible(stored.rep)}", err=True)
    if output_format == "json":
        data = spoken.to_dict() if spoken is not None else result.to_dict()
        click.echo(json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    from ..render.score import render_recitation

    console().print(render_recitation(result, [s.text for s in sections], title))
    if spoken is not None:
        from ..render.speech import render_speech

        console().print(render_speech(spoken))


def _score_objection(ref: str, attempt: str, library_dir: Path | None, output_format: str) -> None:
    """Score an objection answer: key points by meaning, with the evidence per point beside the approved answer."""
    from ..scoring import score_answer
    from .common import fail

    product_id, _, objection_id = ref.partition("/")
    if not product_id or not objection_id:
        fail(f"--objection takes PRODUCT/ID, e.g. flowguard/too-expensive (got {ref!r})")
    library = open_library(library_dir)
    try:
        objection = library.product(product_id).objection(objection_id)
    except Exception as exc:  # ContentError: an unknown product or objection
        fail(str(exc))
    result = score_answer(objection.answer, objection.key_points, attempt, objection=objection.objection)
    if output_format == "json":
        click.echo(json_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False)))
        return
    from ..render.answer import render_answer

    console().print(render_answer(result, objection.answer, f"{product_id}/{objection_id}"))
