"""Identifiers used in content files.

Ids name files and folders (``content/<product>/pitches/<pitch>/v<N>.yaml``) and the loader insists that a
file lives where its ids say, so ids are restricted to a small, path-safe alphabet: no id can hold a
separator or "..", and nothing a user writes can point the app outside the library.
"""

from __future__ import annotations

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
