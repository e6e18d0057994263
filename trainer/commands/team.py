"""Commands for managers and teams: session reports, the team table, serving the app to browsers."""

from __future__ import annotations

import csv
import io
import ipaddress
import json
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..safe_text import json_text, visible
from ..web.guard import DEFAULT_MAX_SESSIONS

if TYPE_CHECKING:
    from ..web.server import SignIn

from .common import console, fail, format_option, library_option, open_library, open_store, store_options, write_output


@click.command()
@click.argument("session_id", required=False)
@click.option("--format", "output_format", type=click.Choice(["md", "html", "csv", "json"]), default="md",
              show_default=True, help="Markdown, HTML, one CSV row per turn, or JSON (with peer-scorecard averages).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@store_options
def report(
    session_id: str | None, output_format: str, output: Path | None, db_path: Path | str | None, rep: str | None
) -> None:
    """Report of a team practice session (without SESSION_ID: list the sessions)."""
    from ..team.report import RENDERERS

    store = open_store(db_path)
    if session_id is None:
        sessions = store.sessions()
        if not sessions:
            click.echo("No team sessions yet. Run one in the app: press s on the home screen.")
        for sid, name, started in sessions:
            click.echo(f"{visible(sid)}  {started.astimezone():%Y-%m-%d %H:%M}  {visible(name)}")
        return
    record = store.session(session_id)
    if record is None:
        known = [sid for sid, _, _ in store.sessions()]
        from ..library.validation import did_you_mean

        fail(f"no session {session_id!r}{did_you_mean(session_id, known)}; `trainer report` lists them")
    stored = store.peer_ratings(session_id)
    if stored:  # the ratings table is the source of truth; the record's copy is for reports of a live session
        record["ratings"] = [rating.to_record() for rating in stored]
    text = RENDERERS[output_format](record)
    if output is None:
        click.echo(text, nl=False)
        return
    if write_output(output, text):
        click.echo(f"wrote {visible(str(output))}", err=True)


@click.command()
@click.option("--product", help="Only this product's items.")
@store_options
@library_option
@format_option("text", "json", "csv")
def team(
    product: str | None, db_path: Path | str | None, rep: str | None, library_dir: Path | None, output_format: str
) -> None:
    """The team table: every rep × item with best score, last practised and whether it is due."""
    from ..store.export import csv_safe
    from ..team.progress import team_table, weakest_items, weakest_points

    library = open_library(library_dir)
    if product is not None and product not in library.products:
        from ..library.validation import did_you_mean

        fail(f"no product {product!r}{did_you_mean(product, list(library.products))}")
    store = open_store(db_path)
    table = team_table(store, library, product=product, reps=[rep] if rep else None)
    records = table.to_records()
    if output_format == "json":
        click.echo(json_text(json.dumps(records, indent=2, ensure_ascii=False)))
        return
    if output_format == "csv":
        buffer = io.StringIO()
        columns = ["rep", "kind", "product", "item_id", "cut", "item_key", "title", "best", "attempts", "status",
                   "last_practised"]
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_safe(record) for record in records)
        click.echo(buffer.getvalue(), nl=False)
        return
    if not table.reps:
        click.echo("No rep has practised yet.")
        return
    from ..render.team import render_team

    console().print(render_team(table, weakest_items(table), weakest_points(store, table.reps, product)))


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _sign_in(users_file: Path | None, trusted_proxy: str | None, identity_header: str) -> SignIn:
    """The sign-in the options ask for; a one-line error for a bad users file, address or header name."""
    from ..web.auth import parse_proxies
    from ..web.server import SignIn
    from ..web.users import LiveUsers, UsersFileError

    users = None
    if users_file is not None:
        try:
            users = LiveUsers(users_file)
        except UsersFileError as exc:
            fail(str(exc))
        if not users.hashes:
            fail(f"{visible(str(users_file))}: no users yet; add one with `trainer users add NAME --users FILE`")
    proxies: frozenset = frozenset()
    if trusted_proxy is not None:
        try:
            proxies = parse_proxies(trusted_proxy)
        except ValueError as exc:
            fail(f"--trusted-proxy: {exc}")
    if not identity_header.isascii() or not identity_header.replace("-", "").isalnum():
        fail(f"--identity-header: not a header name: {visible(identity_header)!r}")
    return SignIn(users=users, proxies=proxies, identity_header=identity_header)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (any port), e.g. behind a reverse proxy. Repeatable.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="URL",
              help="Also let pages at this origin (https://name[:port]) open the app. Repeatable.")
@click.option("--public-url", metavar="URL",
              help="The address browsers use (e.g. https://trainer.example behind a proxy); "
              "by default the address in the browser's request.")
@click.option("--max-sessions", type=click.IntRange(1, 1000), default=DEFAULT_MAX_SESSIONS, show_default=True,
              help="Open browser tabs at once (each runs its own app process); more get 'try again later'.")
@click.option("--users", "users_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Sign in with the names and passwords of FILE (made by `trainer users add`).")
@click.option("--trusted-proxy", metavar="ADDR[,ADDR]",
              help="Take who signed in from --identity-header, only on requests from these proxy IP addresses.")
@click.option("--identity-header", default="X-Forwarded-User", show_default=True, metavar="NAME",
              help="The header an authenticating proxy (e.g. oauth2-proxy) sets to the signed-in name.")
@click.option("--insecure-no-login", is_flag=True,
              help="Serve a non-loopback address without sign-in: anyone who reaches it can practise as anyone.")
@store_options
@library_option
def serve(
    host: str,
    port: int,
    allow_hosts: tuple[str, ...],
    allow_origins: tuple[str, ...],
    public_url: str | None,
    max_sessions: int,
    users_file: Path | None,
    trusted_proxy: str | None,
    identity_header: str,
    insecure_no_login: bool,
    db_path: Path | str | None,
    rep: str | None,
    library_dir: Path | None,
) -> None:
    """Serve the practice app to web browsers (textual-serve): one app per browser tab.

    Every session shares the one practice database and is practice-only: nothing in it can write or delete
    library files. The server answers only requests for its own address (plus --allow-host) and websockets
    from its own page (plus --allow-origin).

    With --users or --trusted-proxy people sign in, practise as themselves only, and see the history their
    roster role allows (a rep their own, a manager their teams'). Without either, each tab picks a rep name,
    which is allowed on a loopback address only, unless --insecure-no-login.
    """
    from ..library import ContentError, find_library
    from ..web.guard import parse_origin

    try:
        root = find_library(library_dir)
    except ContentError as exc:
        fail(str(exc))
    for origin in (*allow_origins, *([public_url] if public_url else [])):
        if parse_origin(origin) is None:
            fail(f"not an origin: {origin!r} (expected http://name:port or https://name)")
    sign_in = _sign_in(users_file, trusted_proxy, identity_header)
    if not sign_in.enabled and not _is_loopback(host):
        if not insecure_no_login:
            fail(f"refusing to serve {host} without sign-in: add --users FILE (see `trainer users add`) or "
                 "--trusted-proxy ADDR behind an authenticating proxy, or --insecure-no-login on a trusted network")
        click.secho(
            f"Warning: listening on {host} without sign-in (--insecure-no-login): anyone who can reach this "
            f"machine on port {port} can open the app, pick any rep name, read every rep's history and add "
            "attempts to it.",
            fg="yellow",
            err=True,
        )
    command = [sys.executable, "-m", "trainer", "--library", str(root.resolve()), "--served"]
    if isinstance(db_path, str):
        # A server URL reaches each session's app through the environment, not its command line, where any
        # user of the machine could read its password (ps).
        import os

        os.environ["TRAINER_DB"] = db_path
    elif db_path is not None:
        command += ["--db", str(db_path.resolve())]
    from ..web.server import CannotServe, TrainerServer

    shown = f"[{host}]" if ":" in host else host

    server = TrainerServer(
        shlex.join(command), host=host, port=port, title="Pitch Trainer", public_url=public_url,
        allow_hosts=allow_hosts, allow_origins=allow_origins, max_sessions=max_sessions, sign_in=sign_in,
        on_listening=lambda: click.echo(
            f"Serving Pitch Trainer on http://{shown}:{port} (library {root}); press Ctrl+C to stop.", err=True
        ),
    )
    try:
        server.serve()
    except CannotServe as exc:
        fail(f"cannot serve on {host}:{port}: {exc}")
