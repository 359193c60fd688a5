"""The one-page brief: the report cut down to what an organiser hands out before an event.

:func:`brief_view` takes a built :class:`~civicbot_analysis.report.model.Report` (never the raw
data, so every figure in the brief is a cell the disclosure-control layer already
published) and keeps: who took part against the population, the three to five strongest
themes with one quote each, the strongest equity findings in plain sentences, the common
ground from deliberation, and what happens next. :func:`render_brief` writes it as one
self-contained HTML page (``brief.html`` extends ``base.html``, autoescaped, inline CSS,
the report's Content-Security-Policy) laid out to print on one A4 page.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicbot_analysis.equity.ranking import one_per_group
from civicbot_analysis.equity.representation import GroupRepresentation
from civicbot_analysis.report.build import _took_part as took_part_sentence
from civicbot_analysis.report.model import Report, ThemeSetView, ThemeView
from civicbot_analysis.report.templating import cell_fn, environment
from civicbot_analysis.suppress import Cell

MAX_THEMES = 5
MIN_THEMES = 3
MAX_FINDINGS = 4
MAX_GROUPS = 4  # rows in the "who took part" table
MAX_COMMON = 2
QUOTE_CHARS = 90  # a quote is cut at a word boundary to fit the page
STATEMENT_CHARS = 120

NEXT_FROM_OPTION = "the --next option"
NEXT_FROM_ROUND = "the facilitator's “what happens next” for this round"
NEXT_ABSENT = (
    "Not yet decided: no “what happens next” was given. Add it with "
    "civicbot report --next TEXT, or as the facilitator's “what happens next” when the "
    "round's results are sent."
)


@dataclass(frozen=True)
class BriefGroup:
    label: str
    share: Cell
    population: float | None
    under: bool
    over: bool


@dataclass(frozen=True)
class BriefTheme:
    label: str
    share: Cell
    quote: str | None


@dataclass(frozen=True)
class Brief:
    title: str
    period: str
    simulated: bool
    k: int
    residents: Cell
    took_part: str
    reference: str | None
    groups: tuple[BriefGroup, ...]
    theme_scope: str
    themes: tuple[BriefTheme, ...]
    findings: tuple[str, ...]
    common_ground: tuple[str, ...]
    deliberation: bool
    written: bool  # whether the round had written answers at all
    next_steps: str
    next_source: str  # where the next steps came from, or that they are missing


def trim(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word boundary before ``limit`` characters."""
    one = " ".join(text.split())
    if len(one) <= limit:
        return one
    cut = one[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"


def _main_themes(report: Report) -> ThemeSetView | None:
    if report.across is not None:
        return report.across
    sets = [ts for ts in report.theme_sets if ts.themes]
    return max(sets, key=lambda ts: len(ts.themes), default=None)


def _themes(main: ThemeSetView | None) -> tuple[BriefTheme, ...]:
    if main is None:
        return ()
    shown: list[ThemeView] = [t for t in main.themes if t.share.shown]
    picked = shown[:MAX_THEMES]
    seen: set[str] = set()
    out = []
    for t in picked:
        quote = next((q for q in t.quotes if q.strip() and q not in seen), None)
        if quote is not None:
            seen.add(quote)
        out.append(BriefTheme(t.label, t.share, trim(quote, QUOTE_CHARS) if quote else None))
    return tuple(out)


def _groups(report: Report) -> tuple[BriefGroup, ...]:
    """The groups furthest from their population share, under-represented first."""
    who = report.representation
    if who is None:
        return ()
    flagged = [
        g
        for f in who.fields
        for g in f.groups
        if (g.under_represented or g.over_represented) and g.share.shown and g.ratio.shown
    ]

    def distance(g: GroupRepresentation) -> float:
        value = g.ratio.value  # shown, so a number
        r = float(value) if isinstance(value, int | float) else 0.0
        return 1e9 if r <= 0 else max(r, 1 / r)

    flagged.sort(key=lambda g: (not g.under_represented, -distance(g)))
    return tuple(
        BriefGroup(g.label, g.share, g.reference_share, g.under_represented, g.over_represented)
        for g in flagged[:MAX_GROUPS]
    )


def _share_words(share: Cell) -> str:
    """A common-ground share as the opinions view publishes it ("Most" when hidden)."""
    return share.render() if share.shown else "Most"


def _common_ground(report: Report) -> tuple[str, ...]:
    ops = report.opinions
    if ops is None:
        return ()
    out = []
    for st in ops.common_ground[:MAX_COMMON]:
        verb = "agreed" if st.direction == "agree" else "disagreed"
        said = trim(st.text, STATEMENT_CHARS)
        out.append(f"{_share_words(st.share)} of those who voted {verb}: “{said}”")
    return tuple(out)


def brief_view(report: Report, next_steps: str | None, next_source: str | None) -> Brief:
    """The brief of ``report``; ``next_steps`` from ``--next`` or the round, None if absent."""
    main = _main_themes(report)
    text = (next_steps or "").strip()
    return Brief(
        title=report.title,
        period=report.period,
        simulated=report.simulated,
        k=report.k,
        residents=report.residents,
        took_part=took_part_sentence(report),
        reference=report.reference_sentence,
        groups=_groups(report),
        theme_scope="across the round"
        if main is not None and main is report.across
        else (f"answers to “{main.title}”" if main is not None else ""),
        themes=_themes(main),
        findings=tuple(f.sentence for f in one_per_group(report.findings, MAX_FINDINGS)),
        common_ground=_common_ground(report),
        deliberation=report.opinions is not None,
        written=bool(report.theme_sets),
        next_steps=text or NEXT_ABSENT,
        next_source=(next_source or NEXT_FROM_OPTION) if text else "",
    )


def render_brief(
    report: Report, next_steps: str | None = None, next_source: str | None = None
) -> str:
    """The brief as one self-contained HTML page that prints on one A4 sheet."""
    env = environment(True)
    brief = brief_view(report, next_steps, next_source)
    return env.get_template("brief.html").render(brief=brief, cell=cell_fn(report.k))
