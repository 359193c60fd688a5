"""Offline analysis: themes, opinion groups, equity statistics and reports.

This package never imports ``civicbot`` or ``telegram``. Its one input is a
:class:`analysis.rounddata.RoundData` value.
"""

from analysis.rounddata import (
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
