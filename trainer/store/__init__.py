"""Practice history: every attempt kept in SQLite, spaced repetition deciding what is due.

Pure domain code: no UI imports. Start with :class:`PracticeStore`.
"""

from .attempts import Attempt, NewAttempt
from .database import PracticeStore, default_db_path
from .errors import StoreError
from .scheduling import DueItem, rating_for_score

__all__ = ["Attempt", "DueItem", "NewAttempt", "PracticeStore", "StoreError", "default_db_path", "rating_for_score"]
