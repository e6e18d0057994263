"""Certificates for the terminal: one line per rep and subject, with the reason for its status."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from ..safe_text import visible
from ..team.certification import Certificate

STATUS_STYLE = {"certified": "bold green", "renew": "yellow", "expired": "red", "not certified": "dim"}


def render_certificates(found: Sequence[Certificate]) -> Table:
    grid = Table(header_style="bold", pad_edge=False, box=None)
    for name in ("rep", "subject", "status", "why"):
        grid.add_column(name)
    for cert in found:
        grid.add_row(
            Text(visible(cert.rep)),
            Text(visible(cert.title)),
            Text(cert.status, style=STATUS_STYLE[cert.status]),
            Text(visible(cert.why)),
        )
    return grid
