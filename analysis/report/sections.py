"""Report sections built from the round and the theme result, with suppression applied.

Each function turns raw analysis output into view values of :mod:`civicbot_analysis.report.model`
whose every figure passed through the :class:`civicbot_analysis.suppress.Suppressor`: counts are
protected by the cell-key method (keyed by the residents counted), and shares and means
are worked out from the protected counts only. A scale question's average is shown only
when every answer's count is shown: with a hidden count beside it, the average and the
shown counts would give the hidden ones away.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from civicbot_analysis.disclosure import key_sum
from civicbot_analysis.report.charts import bar_chart
from civicbot_analysis.report.model import Bar, ChoiceView, LensRow, ThemeSetView, ThemeView
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.suppress import SECONDARY, SMALL, Cell, Suppressor
from civicbot_analysis.themes import values_lens
from civicbot_analysis.themes.model import ROUND_SCOPE, Theme, ThemeSet
from civicbot_analysis.themes.values_lens import LensHit

CHOICE_KINDS = ("scale", "single_choice", "multi_choice", "yes_no")
SPEAKS_TO_MIN = 0.10


def hidden(kind: str, reason: str = SECONDARY) -> Cell:
    """A figure hidden because another figure it depends on is hidden (for that reason)."""
    return Cell(value=None, n=None, suppressed=True, kind=kind, reason=reason or SECONDARY)


def hidden_text(k: int) -> str:
    """What a chart writes for a count hidden because it is small."""
    return f"{k} or fewer"


_NO_ANSWER = "\0no substantive answer"


def theme_set_view(
    ts: ThemeSet,
    s: Suppressor,
    voice_rows: frozenset[int] = frozenset(),
    questions: Mapping[str, str] | None = None,
) -> ThemeSetView:
    """``voice_rows`` are the answers (indices into ``RoundData.answers``) whose quotes are
    marked as transcribed from a voice note; ``questions`` (id to text) names the question
    each round-level theme comes from."""
    questions = questions or {}
    # Within one question each resident answers once, so themes split the residents and
    # the table rule (secondary suppression against the total) applies; across the round
    # themes overlap and each count stands alone. Residents who gave no substantive
    # answer are a row of the same table, so that no hidden theme can be worked out from
    # the total.
    groups = {t.id: t.resident_ids for t in ts.themes}
    groups[_NO_ANSWER] = ts.non_answer_resident_ids
    counts = {t.id: t.residents for t in ts.themes}
    counts[_NO_ANSWER] = ts.non_answer_residents
    keys = {tid: key_sum(ids) if ids else None for tid, ids in groups.items()}
    everyone = frozenset().union(*groups.values())
    all_key = key_sum(everyone) if len(everyone) == ts.residents else None
    label = f"themes:{ts.scope}"
    if sum(counts.values()) == ts.residents:
        known = {tid: k for tid, k in keys.items() if k is not None}
        present = {tid for tid, n in counts.items() if n}
        full = known if set(known) >= present else None
        cells = s.table(counts, ts.residents, full, (), label)
    else:
        cells = {tid: s.count(n, keys[tid], f"{label}/{tid}") for tid, n in counts.items()}
    no_answer = cells.pop(_NO_ANSWER)
    themes: list[ThemeView] = []
    for t in _largest_first(ts, cells):
        count = cells[t.id]
        share = hidden("share", count.reason)
        answers = hidden("count", count.reason)
        if count.shown:
            share = s.share(t.residents, ts.residents, keys[t.id], all_key, f"{label}/{t.id}")
            answers = s.count(t.answers, None, f"{label}/{t.id}/answers")
        themes.append(
            ThemeView(
                id=t.id,
                label=t.label,
                description=t.description,
                question=questions.get(t.question, "") if ts.scope == ROUND_SCOPE else "",
                terms=t.terms,
                residents=count,
                answers=answers,
                share=share,
                quotes=t.quotes,
                voice=tuple(r in voice_rows for r in t.quote_rows),
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
        residents=s.count(ts.residents, all_key, label),
        answers=s.count(ts.answers, None, f"{label}/answers"),
        themes=tuple(themes),
        note=ts.note,
        chart=chart,
        non_answers=no_answer if ts.non_answer_residents else None,
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
        total_key = key_sum(respondents)
        who = {value: answered.get(value, set()) for value, _ in options}
        rows = {value: len(people) for value, people in who.items()}
        keys = {value: key_sum(people) for value, people in who.items()}
        if q.kind == "multi_choice":
            cells = {v: s.count(n, keys[v], f"{q.id}/{v}") for v, n in rows.items()}
        else:
            cells = s.table(rows, total, keys, (), q.id)
        bars = [
            Bar(
                label,
                cells[v],
                s.share(rows[v], total, keys[v], total_key, f"{q.id}/{v}")
                if cells[v].shown
                else hidden("share", cells[v].reason),
            )
            for v, label in options
        ]
        mean: Cell | None = None
        max_score: int | None = None
        if q.kind == "scale":
            # Scored 1 (the first, worst answer) to N, as in the differences section, from
            # the protected counts, and only when none of them is hidden.
            mean = hidden("mean", SMALL if total < s.k else SECONDARY)
            if all(c.shown for c in cells.values()) and total >= s.k:
                mean = s.mean_of_counts(range(1, len(options) + 1), rows.values(), keys.values())
            max_score = len(options)
        chart = bar_chart(
            f"q-{q.id}",
            q.text,
            f"Residents choosing each answer to: {q.text}",
            bars,
            hidden_text=hidden_text(s.k),
        )
        respondents_cell = s.count(total, total_key, q.id)
        out.append(ChoiceView(q.id, q.text, q.kind, respondents_cell, chart, mean, max_score))
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
        count = s.count_of(speaking[name], f"lens:{name}")
        share = hidden("share", count.reason)
        if count.shown:
            share = s.share_of(speaking[name], writers, f"lens:{name}")
        rows.append(LensRow(name, values_lens.kind_of(name), count, share, tagged))
    return rows
