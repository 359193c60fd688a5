"""The report as plain data: what :func:`analysis.report.build.build_report` assembles and the
renderers turn into HTML, Markdown, JSON and CSV.

Every number a reader sees is an :class:`analysis.suppress.Cell`, so a figure resting on
fewer than k residents holds no value at all and no renderer can leak it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from analysis.suppress import Cell


@dataclass(frozen=True)
class Bar:
    label: str
    count: Cell
    share: Cell


@dataclass(frozen=True)
class Chart:
    """A bar chart and the table that always stands beside it."""

    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    svg: Markup = field(repr=False)


@dataclass(frozen=True)
class ThemeView:
    id: str
    label: str
    terms: tuple[str, ...]
    residents: Cell
    answers: Cell
    share: Cell  # of the residents who answered in the scope
    quotes: tuple[str, ...]
    values: tuple[str, ...]
    principles: tuple[str, ...]
    renamed: bool
    merged_from: tuple[str, ...]
    voice: tuple[bool, ...] = ()  # per quote: transcribed from a voice note
    description: str = ""  # one sentence from its most central answers
    question: str = ""  # for a round-level theme: the question it comes from


@dataclass(frozen=True)
class ThemeSetView:
    scope: str
    title: str
    residents: Cell
    answers: Cell
    themes: tuple[ThemeView, ...]
    note: str
    chart: Chart | None
    non_answers: Cell | None = None  # residents who gave no substantive answer


@dataclass(frozen=True)
class LensRow:
    name: str
    kind: str  # "value" or "principle"
    residents: Cell  # residents whose free text speaks to it
    share: Cell  # of residents who wrote free text
    questions: tuple[str, ...]  # questions tagged with it


@dataclass(frozen=True)
class ChoiceView:
    question_id: str
    text: str
    kind: str
    respondents: Cell
    chart: Chart
    mean: Cell | None  # scales: mean position, 0 = worst
    max_score: int | None


@dataclass(frozen=True)
class Report:
    round_id: str
    title: str
    simulated: bool
    k: int
    seed: int
    period: str
    summary: tuple[str, ...]
    residents: Cell
    answers: Cell
    representation: Any | None  # analysis.equity.Representation
    theme_sets: tuple[ThemeSetView, ...]
    across: ThemeSetView | None
    lens: tuple[LensRow, ...]
    choices: tuple[ChoiceView, ...]
    differences: tuple[str, ...]
    difference_rows: tuple[Any, ...]  # analysis.equity.Comparison, significant ones
    inverse_care: tuple[str, ...]
    inverse_care_rows: tuple[Any, ...]  # analysis.equity.NeedFinding
    opinions: Any | None  # analysis.opinions.view.OpinionsView
    method: tuple[str, ...]
    caveats: tuple[str, ...]
    notices: tuple[str, ...] = ()  # things the organiser must know (missing parts, edits)
    findings: tuple[Any, ...] = ()  # analysis.equity.ranking.Finding, strongest first
    plan: Any | None = None  # analysis.equity.plan.ComparisonPlan: every planned comparison
    votes: Cell = field(default_factory=lambda: Cell(0, 0, False, "count"))
    # The reference population in one sentence (geography, age base, source), and per
    # field where its figures are not like with like (other ages, unconfirmed figures).
    # analysis.report.languages.LanguagesView: None when every answer is in one language.
    languages: Any | None = None
    reference_sentence: str | None = None
    reference_notes: tuple[tuple[str, str], ...] = ()
    voice: Any | None = None  # analysis.report.voice.VoiceView: answers given by voice
    # Dot plots of the clear differences (one per scale) and of need against experience.
    difference_plots: tuple[Any, ...] = ()  # analysis.report.plots.DotPlot
    care_plot: Any | None = None  # analysis.report.plots.DotPlot
    sources: Any | None = None  # analysis.report.equity_views.SourcesView
    # Topics of the statements residents voted on, crossed with opinion groups.
    topics: Any | None = None  # analysis.report.topics_view.TopicsView
    # The sections rendered, in order (analysis.report.layout), and the one line of the
    # method that names the sections with nothing to show.
    sections: tuple[str, ...] = ()
    not_shown: str = ""

    def reference_note(self, field: str) -> str | None:
        return dict(self.reference_notes).get(field)
