"""``trainer certify``: who is certified on what, on which version, and why not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ..safe_text import json_text
from .assign import who
from .common import console, db_option, fail, format_option, library_option, open_library, open_store


@click.command()
@click.option("--rep", "reps", multiple=True, metavar="NAME", help="Only this rep (repeatable).")
@click.option("--team", "teams", multiple=True, metavar="NAME", help="Only this roster team's reps.")
@click.option("--product", help="Only this product's pitches and objections.")
@db_option
@library_option
@format_option("text", "json")
def certify(
    reps: tuple[str, ...], teams: tuple[str, ...], product: str | None, db_path: Path | str | None,
    library_dir: Path | None, output_format: str,
) -> None:
    """Certificates: Gold on every cut (or each objection passed) twice, on different days, within the window.

    Without --rep or --team: every rep of the roster, else every rep in the practice history. The numbers
    come from the roster's policy.certification.
    """
    from ..library.roster import CertificationPolicy
    from ..team.certification import certificates

    library = open_library(library_dir)
    if product is not None and product not in library.products:
        from ..library.validation import did_you_mean

        fail(f"no product {product!r}{did_you_mean(product, list(library.products))}")
    store = open_store(db_path)
    if reps or teams:
        names = [rep for rep, _ in who(library, reps, teams)]
    else:
        names = library.roster.reps if library.roster else store.reps()
    policy = library.roster.policy.certification if library.roster else CertificationPolicy()
    today = dt.date.today()
    found = [cert for rep in names for cert in certificates(rep, library, store.attempts(rep), today, policy, product)]
    if output_format == "json":
        click.echo(json_text(json.dumps([c.to_record() for c in found], indent=2, ensure_ascii=False)))
        return
    if not found:
        click.echo("Nothing to certify: no rep, or no published pitch or objections.")
        return
    from ..render.certification import render_certificates

    console().print(render_certificates(found))
