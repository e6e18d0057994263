"""Team practice: sessions where reps take turns on dealt items, scoreboards, reports, team progress.

Pure domain code on top of the library, the scorer and the practice store; no UI imports.
"""
