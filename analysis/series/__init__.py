"""Series of rounds compared side by side: who took part, ratings over time, recurring
themes, and residents who came back. Start with :func:`build_series_report` and
:func:`render_series`; the input is a :class:`SeriesData`."""

from civicbot_analysis.series.build import build_series_report
from civicbot_analysis.series.data import SeriesData
from civicbot_analysis.series.model import SeriesReport
from civicbot_analysis.series.render import FORMATS, render_series

__all__ = ["FORMATS", "SeriesData", "SeriesReport", "build_series_report", "render_series"]
