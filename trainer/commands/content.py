"""Commands for managers and content CI: check, list, show, diff, init, new, new-version, publish, schema."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from ..library import ContentError, Library, find_library
from ..library.models import CUT_NAMES
from ..safe_text import json_text, visible
from .common import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    console,
    fail,
    format_option,
    library_option,
    open_library,
    write_output,
)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@library_option
@format_option("text", "json")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(paths: tuple[Path, ...], library_dir: Path | None, output_format: str, strict: bool) -> None:
    """Validate a library (default) or the given files and folders.

    Every problem is printed as FILE:LINE:COL: MESSAGE. Exit 1 when there are errors (or warnings with
    --strict), so a content repository's CI can run it.
    """
    from ..library.checking import check_paths

    if paths:
        report = check_paths(list(paths))
    else:
        try:
            root = find_library(library_dir)
        except ContentError as exc:
            fail(str(exc))
        report = check_paths([root])
    if output_format == "json":
        click.echo(json_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False)))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(report.summary(), err=bool(report.problems))
    if not report.files or report.errors or (strict and report.warnings):
        sys.exit(EXIT_PROBLEMS)


@click.command(name="list")
@library_option
@format_option("text", "json")
def list_command(library_dir: Path | None, output_format: str) -> None:
    """List the products, pitches, objections, drills and scenarios in the library."""
    from ..library.listing import library_items

    library = open_library(library_dir)
    items = library_items(library)
    if output_format == "json":
        click.echo(json_text(json.dumps(items, indent=2, ensure_ascii=False)))
        return
    from ..render.listing import render_listing

    console().print(render_listing(library))


def _pitch_version(library: Library, pitch_id: str, version: int | None) -> tuple[Any, Any]:
    try:
        pitch = library.pitch(pitch_id)
        return pitch, pitch.version(version)
    except ContentError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


@click.command()
@click.argument("pitch_id", metavar="PITCH")
@click.option("--cut", type=click.Choice(CUT_NAMES), help="Only this cut (default: all).")
@click.option("--version", "version", type=click.IntRange(min=1), help="Version number (default: newest published).")
@library_option
def show(pitch_id: str, cut: str | None, version: int | None, library_dir: Path | None) -> None:
    """Print a pitch readably, key phrases highlighted and demo cues set apart."""
    from ..render.pitch import render_version

    library = open_library(library_dir)
    pitch, chosen = _pitch_version(library, pitch_id, version)
    if cut and chosen.cuts.get(cut) is None:
        fail(f"version {chosen.version} of {pitch_id!r} has no {cut} cut (it has {', '.join(chosen.cuts.names())})")
    language = library.products[pitch.product].language
    console().print(render_version(pitch, chosen, [cut] if cut else list(chosen.cuts.names()), language))


@click.command()
@click.argument("pitch_id", metavar="PITCH")
@click.argument("old", type=click.IntRange(min=1), metavar="A")
@click.argument("new", type=click.IntRange(min=1), metavar="B")
@click.option("--cut", type=click.Choice(CUT_NAMES), help="Only this cut (default: all).")
@library_option
def diff(pitch_id: str, old: int, new: int, cut: str | None, library_dir: Path | None) -> None:
    """Word-level differences between versions A and B of a pitch: [-removed-] {+added+}."""
    from ..library.diff import diff_versions
    from ..render.diff import render_diffs

    library = open_library(library_dir)
    _, first = _pitch_version(library, pitch_id, old)
    _, second = _pitch_version(library, pitch_id, new)
    console().print(render_diffs(pitch_id, old, new, diff_versions(first, second, [cut] if cut else None)))


@click.command(name="new-version")
@click.argument("pitch_id", metavar="PITCH")
@library_option
def new_version_command(pitch_id: str, library_dir: Path | None) -> None:
    """Copy the newest version of PITCH to a new draft file (never overwrites a file)."""
    from ..library.authoring import new_version

    library = open_library(library_dir, for_writing=True)
    try:
        result = new_version(library, pitch_id)
    except ContentError as exc:
        fail(str(exc), EXIT_PROBLEMS if exc.problems else EXIT_USAGE)
    click.echo(visible(result.message))
    click.echo("Edit it, say what changed in `changes:`, then run `trainer publish " + pitch_id + "`.")


@click.command()
@click.argument("pitch_id", metavar="PITCH")
@click.option("--version", "version", type=click.IntRange(min=1), help="Version to publish (default: the draft).")
@library_option
def publish(pitch_id: str, version: int | None, library_dir: Path | None) -> None:
    """Publish the draft of PITCH: it becomes what reps practise, sealed with a content hash."""
    from ..library.authoring import publish as publish_version

    library = open_library(library_dir, quiet=True, for_writing=True)
    try:
        result = publish_version(library, pitch_id, version)
    except ContentError as exc:
        fail(str(exc), EXIT_PROBLEMS if exc.problems else EXIT_USAGE)
    click.echo(visible(result.message))


@click.command()
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout."
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of content files (for editor autocompletion)."""
    from ..library.schema import content_schema

    text = json.dumps(content_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    if write_output(output, text):  # a symlink keeps pointing at its target; - is stdout
        click.echo(f"wrote {visible(str(output))}", err=True)


@click.command()
@click.argument("folder", type=click.Path(path_type=Path), default=".", metavar="[DIR]")
@click.option(
    "--sample/--empty",
    "from_sample",
    default=False,
    help="Copy the bundled sample library to learn from, or start empty (the default).",
)
def init(folder: Path, from_sample: bool) -> None:
    """Start your own library in DIR (default: here): a content/ and a scenarios/ folder.

    DIR may hold other files, but not a content/ or scenarios/ folder that is not empty. Run the trainer
    from DIR afterwards and it uses this library without --library.
    """
    from ..library.problems import display_path
    from ..library.scaffold import init_library

    try:
        started = init_library(folder, from_sample=from_sample)
    except ContentError as exc:
        fail(str(exc))
    here = started.root.resolve() == Path.cwd().resolve()
    where = "this folder" if here else display_path(started.root)
    what = f"a copy of the sample library ({started.files} files)" if from_sample else "an empty library"
    click.echo(f"Started {what} in {visible(str(where))}: content/ for products, scenarios/ for role-plays.")
    steps = [] if here else [f"cd {shlex.quote(where)}"]
    if from_sample:
        steps.append("trainer list      (what the sample holds; delete the products you do not sell)")
    steps += [
        'trainer new product PRODUCT-ID --name "Product name"',
        "trainer new pitch PRODUCT-ID PITCH-ID",
        "edit the files, then: trainer check",
        "trainer publish PITCH-ID",
    ]
    click.echo("Next:\n" + "\n".join(f"  {step}" for step in steps))


@click.group()
def new() -> None:
    """Start a product or a pitch from a template with every field explained (never overwrites a file)."""


@new.command(name="product")
@click.argument("product_id", metavar="ID")
@click.option("--name", help="The name reps see (default: from the id).")
@click.option("--language", default="en", show_default=True, help="Language of the product's scripts: en, zh, ...")
@library_option
def new_product_command(product_id: str, name: str | None, language: str, library_dir: Path | None) -> None:
    """Start a product: writes content/ID/product.yaml."""
    from ..library.scaffold import new_product

    library = open_library(library_dir, quiet=True, for_writing=True)
    try:
        created = new_product(library, product_id, name, language)
    except ContentError as exc:
        fail(str(exc))
    click.echo(visible(created.message))
    click.echo(f"Next: trainer new pitch {product_id} PITCH-ID")


@new.command(name="pitch")
@click.argument("product_id", metavar="PRODUCT")
@click.argument("pitch_id", metavar="ID")
@click.option("--title", help="The title reps see (default: from the id).")
@library_option
def new_pitch_command(product_id: str, pitch_id: str, title: str | None, library_dir: Path | None) -> None:
    """Start a pitch of PRODUCT: writes its first draft, v1.yaml, with the 30s, 5min and demo cuts."""
    from ..library.scaffold import new_pitch

    library = open_library(library_dir, quiet=True, for_writing=True)
    try:
        created = new_pitch(library, product_id, pitch_id, title)
    except ContentError as exc:
        fail(str(exc))
    click.echo(visible(created.message))
    click.echo(f"Replace the placeholder texts, run `trainer check`, then `trainer publish {pitch_id}`.")
