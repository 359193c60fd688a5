"""Themes in residents' free text: vectorise, cluster, label, quote, values lens, edits.

Start with :func:`find_themes`; the stages live in their own modules
(:mod:`~analysis.themes.vectorise`, :mod:`~analysis.themes.cluster`,
:mod:`~analysis.themes.label`, :mod:`~analysis.themes.quotes`,
:mod:`~analysis.themes.values_lens`, :mod:`~analysis.themes.edits`).
"""

from analysis.themes.edits import (
    Edit,
    EditsError,
    Merge,
    Rename,
    load_edits,
    parse_edits,
    save_edits,
    theme_id,
)
from analysis.themes.find import find_themes
from analysis.themes.model import ROUND_SCOPE, Theme, ThemeResult, ThemeSet
from analysis.themes.values_lens import PRINCIPLES, VALUES, LensHit

__all__ = [
    "PRINCIPLES",
    "ROUND_SCOPE",
    "VALUES",
    "Edit",
    "EditsError",
    "LensHit",
    "Merge",
    "Rename",
    "Theme",
    "ThemeResult",
    "ThemeSet",
    "find_themes",
    "load_edits",
    "parse_edits",
    "save_edits",
    "theme_id",
]
