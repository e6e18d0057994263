"""Practice history: every attempt kept in a database, spaced repetition deciding what is due.

Pure domain code: no UI imports. SQLite (:class:`PracticeStore`) is the embedded default; a team's PostgreSQL
server (:class:`~trainer.store.postgres.PostgresStore`) has the same interface (:class:`Store`).
:func:`~trainer.store.location.open_store` opens whichever ``--db``/``$TRAINER_DB`` names.
"""

from .attempts import Attempt, NewAttempt
from .database import PracticeStore, default_db_path
from .errors import StoreError
from .interface import Store
from .scheduling import DueItem, rating_for_score

__all__ = [
    "Attempt",
    "DueItem",
    "NewAttempt",
    "PracticeStore",
    "Store",
    "StoreError",
    "default_db_path",
    "rating_for_score",
]
