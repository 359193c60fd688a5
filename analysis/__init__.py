"""Offline analysis: themes, opinion groups, equity statistics and reports.

This package never imports ``civicbot`` or ``telegram``. Its one input is a
:class:`civicbot_analysis.rounddata.RoundData` value.
"""

from civicbot_analysis.rounddata import (
    DEMOGRAPHIC_FIELDS,
    Answer,
    Question,
    Resident,
    RoundData,
    Statement,
    Vote,
)

__all__ = [
    "DEMOGRAPHIC_FIELDS",
    "Answer",
    "Question",
    "Resident",
    "RoundData",
    "Statement",
    "Vote",
]
