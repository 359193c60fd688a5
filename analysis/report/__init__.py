"""The equity-aware theme report: :func:`build_report` assembles a plain
:class:`Report`, :func:`render` writes it as HTML, Markdown, JSON or CSV."""

from civicbot_analysis.report.build import build_report
from civicbot_analysis.report.model import Report
from civicbot_analysis.report.render import FORMATS, render

__all__ = ["FORMATS", "Report", "build_report", "render"]
