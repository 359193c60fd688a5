"""Assembles the :class:`~analysis.report.model.Report` of a round from all the analyses.

Themes come from :mod:`analysis.themes`; who took part, differences between groups and the
inverse care view from :mod:`analysis.equity`; opinion groups from :mod:`analysis.opinions`
when residents voted. Each part that cannot run on the data (no demographics, no votes, no
free text) is left out with a plain note rather than failing the report.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from analysis.equity import (
    Outcome,
    choice_outcomes,
    differences,
    inverse_care,
    representation,
    scale_outcomes,
)
from analysis.progress import SILENT, Progress
from analysis.report import sections
from analysis.report.model import Report, ThemeSetView
from analysis.rounddata import RoundData
from analysis.scrub import scrub
from analysis.suppress import Suppressor
from analysis.themes import Edit, ThemeResult, find_themes

STEPS = 8  # progress steps besides the per-question theme steps


def build_report(
    data: RoundData,
    *,
    k_min: int = 10,
    seed: int = 0,
    edits: Sequence[Edit] | None = None,
    reference: Any | None = None,
    themes_k: int | None = None,
    progress: Progress = SILENT,
    opinion_math: Any | None = None,
    opinion_meta: Collection[str] = (),
    embeddings: bool = False,
) -> Report:
    """The report of ``data``: every figure resting on fewer than ``k_min`` residents hidden.

    ``reference`` is an :class:`analysis.equity.Reference` (``load_reference("england")``)
    or None; ``edits`` are facilitators' theme renames and merges; ``themes_k`` fixes the
    number of themes per question instead of choosing it from the data.
    ``opinion_math`` (a :class:`analysis.opinions.PolisMath`) and ``opinion_meta`` (ids of
    statements about the voter) tune the opinion groups for data from a Pol.is export.
    """
    s = Suppressor(k_min)
    themes = find_themes(
        data,
        scrub=scrub,
        seed=seed,
        k=themes_k,
        edits=edits or (),
        progress=progress,
        embeddings=embeddings,
    )
    progress.step("theme tables")
    theme_sets = tuple(sections.theme_set_view(ts, s) for ts in themes.per_question)
    across = sections.theme_set_view(themes.across, s) if themes.across else None
    progress.step("values and principles")
    lens = tuple(sections.lens_rows(data, s))
    progress.step("scale and choice questions")
    choices = tuple(sections.choice_views(data, s))
    notices: list[str] = [
        f"Theme edits name {t}, which is not a theme of this report." for t in themes.unknown_edits
    ]
    progress.step("who took part")
    who = _representation(data, reference, s, notices)
    progress.step("differences between groups")
    diff_sentences, diff_rows = _differences(data, themes, s, notices)
    progress.step("inverse care view")
    ic_sentences, ic_rows = _inverse_care(data, reference, s, notices)
    progress.step("opinion groups")
    opinions = _opinions(data, seed, k_min, notices, opinion_math, opinion_meta)
    progress.step("summary")
    answers_n = len(data.answers)
    report = Report(
        round_id=data.round_id,
        title=data.title,
        simulated=data.simulated,
        k=k_min,
        seed=seed,
        period=_period(data),
        summary=(),
        residents=s.count(len(data.residents)),
        answers=s.count(answers_n),
        representation=who,
        theme_sets=theme_sets,
        across=across,
        lens=lens,
        choices=choices,
        differences=tuple(diff_sentences),
        difference_rows=tuple(diff_rows),
        inverse_care=tuple(ic_sentences),
        inverse_care_rows=tuple(ic_rows),
        opinions=opinions,
        method=_method(themes, k_min, seed, reference),
        caveats=_caveats(data, k_min),
        notices=tuple(notices),
        reference_sentence=reference.describe() if reference is not None else None,
        reference_notes=_reference_notes(reference, who),
    )
    summary = _summary(report, across or (theme_sets[0] if len(theme_sets) == 1 else None))
    progress.close()
    return replace(report, summary=tuple(summary))


def _representation(data: RoundData, reference: Any, s: Suppressor, notes: list[str]) -> Any:
    if not any(r.demographics for r in data.residents):
        return None
    result = representation(data, reference, s)
    return result if result.fields else None


def _differences(
    data: RoundData, themes: ThemeResult, s: Suppressor, notes: list[str]
) -> tuple[list[str], list[Any]]:
    if not any(r.demographics for r in data.residents):
        return [], []
    outcomes: list[Any] = [*choice_outcomes(data), *scale_outcomes(data)]
    for ts in themes.per_question:
        asked = frozenset(r for t in ts.themes for r in t.resident_ids)
        for t in ts.themes:
            phrase = f"mention “{t.label}” when asked “{ts.title}”"
            outcomes.append(Outcome(f"theme:{t.id}", phrase, t.resident_ids, asked))
    result = differences(data, outcomes, s)
    return result.sentences(), result.significant()


def _inverse_care(
    data: RoundData, reference: Any, s: Suppressor, notes: list[str]
) -> tuple[list[str], list[Any]]:
    if not any(r.demographics for r in data.residents):
        return [], []
    result = inverse_care(data, reference, s)
    return result.sentences(), [f for f in result.findings if f.sentence]


def _opinions(
    data: RoundData,
    seed: int,
    k: int,
    notes: list[str],
    math: Any | None = None,
    meta: Collection[str] = (),
) -> Any:
    if not data.votes:
        return None
    try:
        from analysis.opinions import opinion_groups
        from analysis.opinions.view import opinions_view
    except ModuleNotFoundError:  # the opinions analysis is an optional part
        notes.append("Residents voted on statements, but opinion groups are not available.")
        return None
    options: dict[str, Any] = {"meta": meta}
    if math is not None:
        options["math"] = math
    return opinions_view(opinion_groups(data, seed=seed, **options), data, k=k)


def _period(data: RoundData) -> str:
    times = [a.answered_at for a in data.answers if a.answered_at]
    start = data.opened_at or (min(times) if times else None)
    end = data.closed_at or (max(times) if times else None)
    if start and end:
        return f"{start:%-d %B %Y} to {end:%-d %B %Y}"
    return "dates not recorded"


def _summary(report: Report, main: ThemeSetView | None) -> list[str]:
    out: list[str] = []
    if report.simulated:
        out.append("These are simulated data, made to show how the report works.")
    out.append(
        f"{report.residents.render()} residents took part ({report.period}) and gave "
        f"{report.answers.render()} answers."
        if report.residents.shown
        else f"Fewer than {report.k} residents took part, so most figures are hidden."
    )
    if main and len(main.themes) == 1 and main.note:  # one group of everything: no finding
        out.append("The free-text answers had too little variety to find themes.")
    elif main and main.themes:
        top = [t for t in main.themes if t.share.shown][:3]
        if top:
            listed = "; ".join(f"{t.label} ({t.share.render()} of residents)" for t in top)
            out.append(f"The most common themes were: {listed}.")
    if report.representation is not None:
        out.extend(report.representation.sentences()[:3])
    out.extend(report.differences[:3])
    out.extend(report.inverse_care[:2])
    return out


def _reference_notes(reference: Any, who: Any) -> tuple[tuple[str, str], ...]:
    if reference is None or who is None:
        return ()
    notes = ((f.field, reference.field_note(f.field)) for f in who.fields)
    return tuple((field, note) for field, note in notes if note)


def _reference_method(reference: Any) -> list[str]:
    """How the population figures were chosen, and where they are not like with like."""
    if reference is None:
        return ["No reference population was used."]
    out = [f"Who took part is compared with {reference.title}. {reference.describe()}"]
    for field_name in reference.fields():
        note = reference.field_note(field_name)
        if note:
            out.append(f"{field_name.replace('_', ' ').capitalize()}: {note}.")
    return out


def _method(themes: ThemeResult, k: int, seed: int, reference: Any) -> tuple[str, ...]:
    return (
        themes.method,
        "Values and principles: from the tags of each question and a short list of words "
        "residents use when they speak to each value or principle.",
        f"Small numbers: any count, share or average resting on fewer than {k} residents is "
        "hidden, and so is any figure from which a hidden one could be worked out.",
        "Differences between groups: each group is compared with everyone else, with 95% "
        "intervals and false discovery rate control (Benjamini-Hochberg).",
        *_reference_method(reference),
        f"Random seed {seed}: the same data and seed give the same report.",
    )


def _caveats(data: RoundData, k: int) -> tuple[str, ...]:
    out = [
        "Residents chose to take part; they speak for themselves, not for everyone in the area.",
        "Themes are found by a computer from the words people used; read the quotes, and "
        "treat theme names as a starting point for discussion.",
        f"Figures resting on fewer than {k} residents are shown as “fewer than {k}” or “–”.",
    ]
    if data.simulated:
        out.insert(0, "SIMULATED DATA: nothing here was said by a real resident.")
    return tuple(out)
