"""Themes in residents' free text: vectorise, cluster, label, quote, values lens, edits.

Start with :func:`find_themes`; the stages live in their own modules
(:mod:`~civicbot_analysis.themes.vectorise`, :mod:`~civicbot_analysis.themes.cluster`,
:mod:`~civicbot_analysis.themes.label`, :mod:`~civicbot_analysis.themes.quotes`,
:mod:`~civicbot_analysis.themes.values_lens`, :mod:`~civicbot_analysis.themes.edits`).
"""

from civicbot_analysis.themes.edits import (
    Edit,
    EditsError,
    Merge,
    Rename,
    load_edits,
    parse_edits,
    save_edits,
    theme_id,
)
from civicbot_analysis.themes.find import find_themes
from civicbot_analysis.themes.model import ROUND_SCOPE, Theme, ThemeResult, ThemeSet
from civicbot_analysis.themes.values_lens import PRINCIPLES, VALUES, LensHit

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
