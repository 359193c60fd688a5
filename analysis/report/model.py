"""The report as plain data: what :func:`civicbot_analysis.report.build.build_report` assembles and
the renderers turn into HTML, Markdown, JSON and CSV.

Every number a reader sees is an :class:`civicbot_analysis.suppress.Cell`, so a figure resting on
fewer than k residents holds no value at all and no renderer can leak it. The parts made
elsewhere (who took part, differences, opinion groups, ...) are typed with their own
classes, imported for type checking only: those modules build on this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from civicbot_analysis.suppress import Cell

if TYPE_CHECKING:
    from civicbot_analysis.equity.compare import Comparison
    from civicbot_analysis.equity.inverse_care import NeedFinding
    from civicbot_analysis.equity.plan import ComparisonPlan
    from civicbot_analysis.equity.ranking import Finding
    from civicbot_analysis.equity.representation import Representation
    from civicbot_analysis.opinions.view import OpinionsView
    from civicbot_analysis.report.equity_views import SourcesView
    from civicbot_analysis.report.languages import LanguagesView
    from civicbot_analysis.report.plots import DotPlot
    from civicbot_analysis.report.topics_view import TopicsView
    from civicbot_analysis.report.voice import VoiceView


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
    representation: Representation | None
    theme_sets: tuple[ThemeSetView, ...]
    across: ThemeSetView | None
    lens: tuple[LensRow, ...]
    choices: tuple[ChoiceView, ...]
    differences: tuple[str, ...]
    difference_rows: tuple[Comparison, ...]  # the significant ones
    inverse_care: tuple[str, ...]
    inverse_care_rows: tuple[NeedFinding, ...]
    opinions: OpinionsView | None
    method: tuple[str, ...]
    caveats: tuple[str, ...]
    notices: tuple[str, ...] = ()  # things the organiser must know (missing parts, edits)
    findings: tuple[Finding, ...] = ()  # strongest first
    plan: ComparisonPlan | None = None  # every planned comparison
    votes: Cell = field(default_factory=lambda: Cell(0, 0, False, "count"))
    # The reference population in one sentence (geography, age base, source), and per
    # field where its figures are not like with like (other ages, unconfirmed figures).
    # None when every answer is in one language.
    languages: LanguagesView | None = None
    reference_sentence: str | None = None
    reference_notes: tuple[tuple[str, str], ...] = ()
    voice: VoiceView | None = None  # answers given by voice
    # Dot plots of the clear differences (one per scale) and of need against experience.
    difference_plots: tuple[DotPlot, ...] = ()
    care_plot: DotPlot | None = None
    sources: SourcesView | None = None
    # Topics of the statements residents voted on, crossed with opinion groups.
    topics: TopicsView | None = None
    # The sections rendered, in order (civicbot_analysis.report.layout), and the one line of the
    # method that names the sections with nothing to show.
    sections: tuple[str, ...] = ()
    not_shown: str = ""

    def reference_note(self, field: str) -> str | None:
        return dict(self.reference_notes).get(field)
