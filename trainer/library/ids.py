"""Identifiers used in content files.

Ids name files and folders (``content/<product>/pitches/<pitch>/v<N>.yaml``) and the loader insists that a
file lives where its ids say, so ids are restricted to a small, path-safe alphabet: no id can hold a
separator or "..", and nothing a user writes can point the app outside the library.
"""

from __future__ import annotations

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Za-z0-9]{2,8})?$"
"""A language code: ``en``, ``zh``, optionally with a region or script (``en-GB``, ``zh-Hans``)."""
