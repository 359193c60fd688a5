"""Report sections built from the round and the theme result, with suppression applied.

Each function turns raw analysis output into view values of :mod:`analysis.report.model`
whose every figure passed through the :class:`analysis.suppress.Suppressor`.
"""

from __future__ import annotations

from collections import defaultdict

from analysis.report.charts import bar_chart
from analysis.report.model import Bar, ChoiceView, LensRow, ThemeSetView, ThemeView
from analysis.rounddata import RoundData
from analysis.suppress import Cell, Suppressor
from analysis.themes import values_lens
from analysis.themes.model import ROUND_SCOPE, Theme, ThemeSet
from analysis.themes.values_lens import LensHit

CHOICE_KINDS = ("scale", "single_choice", "multi_choice", "yes_no")
SPEAKS_TO_MIN = 0.10


def hidden(kind: str) -> Cell:
    """A figure hidden because another figure it depends on is hidden."""
    return Cell(value=None, n=None, suppressed=True, kind=kind, reason="secondary")


def hidden_text(k: int) -> str:
    return f"fewer than {k}"


def theme_set_view(
    ts: ThemeSet, s: Suppressor, voice_quotes: frozenset[str] = frozenset()
) -> ThemeSetView:
    # Within one question each resident answers once, so themes split the residents and
    # the table rule (secondary suppression against the total) applies; across the round
    # themes overlap and each count stands alone.
    counts = {t.id: t.residents for t in ts.themes}
    if sum(counts.values()) == ts.residents:
        cells = s.table(counts, ts.residents)
    else:
        cells = {tid: s.count(n) for tid, n in counts.items()}
    themes: list[ThemeView] = []
    for t in _largest_first(ts, cells):
        count = cells[t.id]
        share = s.share(t.residents, ts.residents) if count.shown else hidden("share")
        answers = s.count(t.answers) if count.shown else hidden("count")
        themes.append(
            ThemeView(
                id=t.id,
                label=t.label,
                terms=t.terms,
                residents=count,
                answers=answers,
                share=share,
                quotes=t.quotes,
                voice=tuple(q in voice_quotes for q in t.quotes),
                values=_speaks_to(t.lens, "value"),
                principles=_speaks_to(t.lens, "principle"),
                renamed=t.renamed,
                merged_from=t.merged_from,
            )
        )
    chart = None
    if themes:
        chart = bar_chart(
            f"themes-{ts.scope}",
            "Residents per theme across the whole round"
            if ts.scope == ROUND_SCOPE
            else f"Residents per theme: {ts.title}",
            "Number of residents whose answer falls in each theme; the table beside the chart "
            "gives the same figures.",
            [Bar(t.label, t.residents, t.share) for t in themes],
            hidden_text=hidden_text(s.k),
        )
    return ThemeSetView(
        scope=ts.scope,
        title=ts.title,
        residents=s.count(ts.residents),
        answers=s.count(ts.answers),
        themes=tuple(themes),
        note=ts.note,
        chart=chart,
    )


def _largest_first(ts: ThemeSet, cells: dict[str, Cell]) -> list[Theme]:
    """Themes in the order a reader scans a chart: most residents first, hidden ones last.

    Hidden themes keep their own order among themselves, so their place says nothing
    about their size.
    """
    shown = [t for t in ts.themes if cells[t.id].shown]
    hidden_ = [t for t in ts.themes if not cells[t.id].shown]
    return sorted(shown, key=lambda t: -t.residents) + hidden_


def _speaks_to(lens: tuple[LensHit, ...], kind: str) -> tuple[str, ...]:
    """The values (or principles) a theme's words speak to most, for its one-line summary.

    A question's tags put every tagged value in the lens even when the answers never use
    its words; listing all of them under each theme says nothing, so only those matched by
    at least one answer in ten are shown, strongest first, at most three.
    """
    hits = [h for h in lens if h.kind == kind and h.share >= SPEAKS_TO_MIN]
    return tuple(h.name for h in sorted(hits, key=lambda h: -h.share)[:3])


def choice_views(data: RoundData, s: Suppressor) -> list[ChoiceView]:
    """Counts and shares for every scale and choice question, with a chart each."""
    by_q: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a in data.answers:
        by_q[a.question][a.value].add(a.resident)
    out: list[ChoiceView] = []
    for q in data.questions:
        if q.kind not in CHOICE_KINDS:
            continue
        options = list(q.options) or [("yes", "Yes"), ("no", "No")]
        answered = by_q.get(q.id, {})
        respondents = set().union(*answered.values()) if answered else set()
        total = len(respondents)
        rows = {value: len(answered.get(value, ())) for value, _ in options}
        if q.kind == "multi_choice":
            cells = {v: s.count(n) for v, n in rows.items()}
        else:
            cells = s.table(rows, total)
        bars = [
            Bar(label, cells[v], s.share(rows[v], total) if cells[v].shown else hidden("share"))
            for v, label in options
        ]
        mean: Cell | None = None
        max_score: int | None = None
        if q.kind == "scale":
            # Scored 1 (the first, worst answer) to N, as in the differences section.
            position = {v: i + 1 for i, (v, _) in enumerate(options)}
            scores = [
                float(position[v]) for v, who in answered.items() if v in position for _ in who
            ]
            mean = s.mean(scores)
            max_score = len(options)
        chart = bar_chart(
            f"q-{q.id}",
            q.text,
            f"Residents choosing each answer to: {q.text}",
            bars,
            hidden_text=hidden_text(s.k),
        )
        out.append(ChoiceView(q.id, q.text, q.kind, s.count(total), chart, mean, max_score))
    return out


def lens_rows(data: RoundData, s: Suppressor) -> list[LensRow]:
    """How many residents' free text speaks to each value and principle, and tagged questions."""
    kinds = {q.id: q.kind for q in data.questions}
    writers: set[str] = set()
    speaking: dict[str, set[str]] = defaultdict(set)
    for a in data.answers:
        if kinds.get(a.question) != "free_text" or not a.value.strip():
            continue
        writers.add(a.resident)
        for name in values_lens.matches(a.value):
            speaking[name].add(a.resident)
    rows: list[LensRow] = []
    for name in values_lens.VALUES + values_lens.PRINCIPLES:
        tagged = tuple(q.text for q in data.questions if name in q.tags)
        n = len(speaking[name])
        count = s.count(n)
        share = s.share(n, len(writers)) if count.shown else hidden("share")
        rows.append(LensRow(name, values_lens.kind_of(name), count, share, tagged))
    return rows
