"""The content library: pitch scripts, objection FAQs, drills and scenarios, loaded from YAML.

Pure domain code: no UI imports. Start with :func:`load_library` and :func:`find_library`.
"""

from .catalog import Library, Pitch, ProductContent
from .loader import load_library
from .locate import find_library
from .problems import ContentError, Problem

__all__ = ["ContentError", "Library", "Pitch", "Problem", "ProductContent", "find_library", "load_library"]
