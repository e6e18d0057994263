"""``trainer mistakes``: the words and key phrases of a cut a rep keeps getting wrong, worst first."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ..safe_text import json_text, visible
from .common import fail, format_option, library_option, open_library, open_store, resolve_rep, store_options

SHOWN = 20
"""Words listed in the text format: a rep drills a handful, not the whole script."""


@click.command()
@store_options
@library_option
@click.option("--pitch", "pitch_id", required=True, help="The pitch whose mistakes to show.")
@click.option("--cut", type=click.Choice(["30s", "5min", "demo"]), default="30s", show_default=True, help="Cut.")
@format_option("text", "json")
def mistakes(
    db_path: Path | None, rep: str | None, library_dir: Path | None, pitch_id: str, cut: str, output_format: str
) -> None:
    """The words and key phrases of a cut a rep keeps getting wrong, worst first.

    Each mistake weighs 1 (a near miss ½), halves every week and halves again with each later attempt that
    gets it right; the map is drawn over the version reps practise now.

    \b
    Examples:
      trainer mistakes --pitch flowguard-core --cut 30s
      trainer mistakes --rep dana --pitch flowguard-core --cut 5min --format json
    """
    from ..library.item_ref import ItemRef
    from ..practice.mistakes import build_mistake_map

    library = open_library(library_dir)
    try:
        pitch = library.pitch(pitch_id)
    except Exception as exc:  # ContentError: an unknown pitch
        fail(str(exc))
    version = pitch.practice_version
    selected = version.cuts.get(cut)
    if selected is None:
        fail(f"version {version.version} of {pitch_id!r} has no {cut} cut (it has {', '.join(version.cuts.names())})")
    who = resolve_rep(rep)
    ref = ItemRef("pitch", pitch.product, pitch.id, cut)
    store = open_store(db_path)
    history = [(a.started_at, a.breakdown) for a in store.attempts(who, key=ref)]
    history += [(when, breakdown) for when, _, _, breakdown in store.partial_attempts(who, ref)]  # drills count
    found = build_mistake_map(selected, history, dt.datetime.now(dt.UTC))
    if output_format == "json":
        data = {"rep": who, "item_key": ref.key, "version": version.version, **found.to_dict()}
        click.echo(json_text(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    words, phrases = found.worst_words(), found.worst_phrases()
    title = f"{visible(pitch_id)} {cut} · v{version.version} · {visible(who)}"
    if not words and not phrases:
        click.echo(f"{title}: no mistakes to drill "
                   f"({found.attempts} attempt{'s' if found.attempts != 1 else ''} looked at).")
        return
    click.echo(f"{title}: what trips you up, worst first ({found.attempts} attempts looked at)")
    for word in words[:SHOWN]:
        how = ", ".join(
            f"{n} {label}" for n, label in
            ((word.missed, "missed"), (word.substituted, "substituted"), (word.mistyped, "mistyped")) if n
        )
        key = " · key phrase" if word.key_phrase else ""
        click.echo(f"  {word.weight:5.2f}  {visible(word.text):<16} {visible(word.section)} word {word.position + 1}"
                   f"  ({how}){key}")
    if len(words) > SHOWN:
        click.echo(f"  … and {len(words) - SHOWN} more (--format json lists them all)")
    for phrase in phrases:
        click.echo(f"  {phrase.weight:5.2f}  key phrase “{visible(phrase.phrase)}” in {visible(phrase.section)}"
                   f"  ({phrase.missed} not said)")
