"""The ``trainer`` program's entry point: a Ctrl+C while Python is still loading the program ends quietly.

Loading the command line takes a few hundred milliseconds (click, pydantic, YAML); an interrupt in that time
would otherwise print a traceback of the import machinery. Once click runs, it handles Ctrl+C itself
("Aborted!"), and the store's one-transaction writes keep an interrupted ``score --save`` whole or absent.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a program stopped by Ctrl+C


def main() -> None:
    try:
        from .cli import main as trainer
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    try:
        trainer()
    except KeyboardInterrupt:  # after click's own handling (while it exits)
        sys.stderr.write("\nAborted!\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
