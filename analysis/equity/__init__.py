"""Equity statistics: who took part, where experiences differ, and the inverse care view.

- :mod:`~civicbot_analysis.equity.reference`: reference populations (Census 2021 or your own CSV).
- :mod:`~civicbot_analysis.equity.reference_select`: choosing one safely by name, code or file.
- :mod:`~civicbot_analysis.equity.representation`: who took part against the reference.
- :mod:`~civicbot_analysis.equity.differences`: outcomes by group, tested, false discovery
  controlled.
- :mod:`~civicbot_analysis.equity.inverse_care`: higher need set beside experience of services.
- :mod:`~civicbot_analysis.equity.stats`: Wilson intervals, two-proportion and Welch tests, BH,
  effect sizes and power.
- :mod:`~civicbot_analysis.equity.plan`: every planned comparison, tested or with why it was not.
- :mod:`~civicbot_analysis.equity.ranking`: the equity findings, strongest first, for the summary.
- :mod:`~civicbot_analysis.equity.planted`: simulated rounds with planted effects, for tests and
  bench.

Every published figure is a :class:`civicbot_analysis.suppress.Cell` under small-number suppression.
"""

from civicbot_analysis.equity.compare import Comparison, Estimate
from civicbot_analysis.equity.differences import (
    Differences,
    Outcome,
    ScaleOutcome,
    choice_outcomes,
    differences,
    scale_outcomes,
)
from civicbot_analysis.equity.inverse_care import InverseCare, NeedFinding, inverse_care
from civicbot_analysis.equity.labels import group_label
from civicbot_analysis.equity.reference import Reference, ReferenceError
from civicbot_analysis.equity.reference_select import load_reference
from civicbot_analysis.equity.representation import (
    FieldRepresentation,
    GroupRepresentation,
    Representation,
    representation,
)

__all__ = [
    "Comparison",
    "Differences",
    "Estimate",
    "FieldRepresentation",
    "GroupRepresentation",
    "InverseCare",
    "NeedFinding",
    "Outcome",
    "Reference",
    "ReferenceError",
    "Representation",
    "ScaleOutcome",
    "choice_outcomes",
    "differences",
    "group_label",
    "inverse_care",
    "load_reference",
    "representation",
    "scale_outcomes",
]
