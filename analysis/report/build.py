"""Assembles the :class:`~civicbot_analysis.report.model.Report` of a round from all the analyses.

Themes come from :mod:`civicbot_analysis.themes`; who took part, differences between groups and the
inverse care view from :mod:`civicbot_analysis.equity`; opinion groups from
:mod:`civicbot_analysis.opinions` when residents voted. Each part that cannot run on the data (no
demographics, no votes, no free text) is left out with a plain note rather than failing the report.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from civicbot_analysis.disclosure import METHOD
from civicbot_analysis.equity import (
    Outcome,
    Reference,
    Representation,
    choice_outcomes,
    differences,
    inverse_care,
    representation,
    scale_outcomes,
)
from civicbot_analysis.equity.compare import Comparison
from civicbot_analysis.equity.differences import Differences, ScaleOutcome
from civicbot_analysis.equity.inverse_care import InverseCare
from civicbot_analysis.equity.plan import comparison_plan
from civicbot_analysis.equity.ranking import (
    Finding,
    difference_sentence,
    one_per_group,
    ranked_findings,
)
from civicbot_analysis.opinions.svg import MAP_METHOD
from civicbot_analysis.polis_meta import demographics_from_meta
from civicbot_analysis.progress import SILENT, Progress
from civicbot_analysis.report import sections
from civicbot_analysis.report.equity_views import care_plot, difference_plots, source_views
from civicbot_analysis.report.languages import languages_view, main_language_data
from civicbot_analysis.report.layout import lay_out
from civicbot_analysis.report.makeup_across import makeup_across
from civicbot_analysis.report.model import Report, ThemeSetView
from civicbot_analysis.report.polis_groups import report_opinions
from civicbot_analysis.report.statement_texts import splits_shown, statements_scrubbed
from civicbot_analysis.report.topics_reading import topics_sentence
from civicbot_analysis.report.topics_view import TOPICS_METHOD, statement_topics
from civicbot_analysis.report.voice import voice_rows, voice_view
from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS, RoundData
from civicbot_analysis.scrub import scrub
from civicbot_analysis.suppress import Suppressor
from civicbot_analysis.themes import Edit, ThemeResult, find_themes

if TYPE_CHECKING:
    from civicbot_analysis.opinions import PolisMath

STEPS = 8  # progress steps besides the per-question theme steps


def build_report(
    data: RoundData,
    *,
    k_min: int = 10,
    seed: int = 0,
    edits: Sequence[Edit] | None = None,
    reference: Reference | None = None,
    themes_k: int | None = None,
    progress: Progress = SILENT,
    opinion_math: PolisMath | None = None,
    opinion_meta: Collection[str] = (),
    opinion_data: RoundData | None = None,
    embeddings: bool = False,
) -> Report:
    """The report of ``data``: every figure resting on fewer than ``k_min`` residents hidden.

    ``reference`` is an :class:`civicbot_analysis.equity.Reference` (``load_reference("england")``)
    or None; ``edits`` are facilitators' theme renames and merges; ``themes_k`` fixes the
    number of themes per question instead of choosing it from the data.
    ``opinion_math`` (a :class:`civicbot_analysis.opinions.PolisMath`) and ``opinion_meta`` (ids of
    statements about the voter) tune the opinion groups for data from a Pol.is export, drawn
    from ``opinion_data`` when given (:mod:`civicbot_analysis.report.polis_groups`).
    """
    notices: list[str] = []
    if opinion_meta:
        data = _about_you_from_meta(data, opinion_meta, notices)
    # Every published figure is protected by the cell-key method, keyed to this release.
    s = Suppressor.for_round((r.id for r in data.residents), k_min)
    themes = find_themes(
        main_language_data(data),
        scrub=scrub,
        seed=seed,
        k=themes_k,
        edits=edits or (),
        progress=progress,
        embeddings=embeddings,
    )
    progress.step("theme tables")
    voiced = voice_rows(data)
    question_texts = {q.id: q.text for q in data.questions}
    theme_sets = tuple(sections.theme_set_view(ts, s, voiced) for ts in themes.per_question)
    across = (
        sections.theme_set_view(themes.across, s, voiced, question_texts) if themes.across else None
    )
    progress.step("values and principles")
    lens = tuple(sections.lens_rows(data, s))
    progress.step("scale and choice questions")
    choices = tuple(sections.choice_views(data, s))
    notices += [
        f"Theme edits name {t}, which is not a theme of this report." for t in themes.unknown_edits
    ]
    progress.step("who took part")
    who = _representation(data, reference, s, notices)
    progress.step("differences between groups")
    outcomes, diffs = _differences(data, themes, s, notices)
    progress.step("inverse care view")
    care = _inverse_care(data, reference, s, notices)
    asked = [f for f in DEMOGRAPHIC_FIELDS if any(f in r.demographics for r in data.residents)]
    plan = comparison_plan(data, outcomes, diffs, care, asked) if diffs is not None else None
    findings = ranked_findings(who, diffs.comparisons if diffs else (), care)
    diff_sentences = [f.sentence for f in findings if f.kind == "difference"]
    diff_rows = _by_importance(diffs.significant() if diffs else [], findings)
    ic_sentences = care.sentences() if care else []
    ic_rows = [f for f in care.findings if f.sentence] if care else []
    progress.step("opinion groups and topics of statements")
    # Scrub first: every statement text the report shows (opinion groups, common ground,
    # equity lens, topics, summary, brief) comes from these scrubbed texts.
    said = statements_scrubbed(data)
    opinion_args = (opinion_math, opinion_meta, opinion_data)
    opinions, grouped = report_opinions(said, seed, k_min, notices, *opinion_args)
    topics = statement_topics(said, seed=seed, k=k_min, opinions=grouped, meta=opinion_meta)
    opinions = makeup_across(splits_shown(opinions, grouped, topics), grouped, said, k_min)
    languages = languages_view(data, s, seed=seed, k=themes_k)
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
        residents=s.count_of([r.id for r in data.residents], "residents"),
        answers=s.count(answers_n, None, "answers"),
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
        method=_method(themes, k_min, seed, reference)
        + ((languages.method,) if languages is not None else ()),
        caveats=_caveats(data, k_min),
        notices=tuple(notices),
        reference_sentence=reference.describe() if reference is not None else None,
        reference_notes=_reference_notes(reference, who),
        findings=tuple(findings),
        plan=plan,
        votes=s.count(len(data.votes), None, "votes"),
        voice=voice_view(data, s),
        difference_plots=difference_plots(diff_rows, sections.hidden_text(k_min)),
        care_plot=care_plot(ic_rows, sections.hidden_text(k_min)),
        sources=source_views(data, who, reference, s),
        languages=languages,
        topics=topics,
    )
    summary = _summary(report, across or (theme_sets[0] if len(theme_sets) == 1 else None))
    progress.close()
    shown, not_shown = lay_out(
        report, statements_first=bool(data.statements) and not data.questions
    )
    method = tuple(x for x in report.method if data.questions or x != themes.method)
    if topics is not None:
        method = (*method, TOPICS_METHOD)
    if report.opinions is not None and report.opinions.k >= 2:
        method = (*method, MAP_METHOD)
    return replace(
        report, summary=tuple(summary), sections=shown, not_shown=not_shown, method=method
    )


def _about_you_from_meta(data: RoundData, meta: Collection[str], notes: list[str]) -> RoundData:
    """Pol.is meta statements ("My ethnicity is ...") read as "about you" answers."""
    with_meta, mapping = demographics_from_meta(data, meta)
    if mapping.mapped:
        fields = sorted({f.replace("_", " ") for f, _ in mapping.mapped.values()})
        notes.append(
            f"{len(mapping.mapped)} statements about the voter were read as “about you” answers "
            f"({', '.join(fields)}): a voter who agreed with one of them is counted in that "
            f"group; {mapping.residents_with} voters gave at least one."
        )
    if mapping.unmapped:
        listed = "; ".join(f"“{t}”" for t in mapping.unmapped.values())
        notes.append(
            f"{len(mapping.unmapped)} statements that read as being about the voter were left "
            f"out of the opinion groups and could not be used as “about you” answers: {listed}."
        )
    return with_meta


def _representation(
    data: RoundData, reference: Reference | None, s: Suppressor, notes: list[str]
) -> Representation | None:
    if not any(r.demographics for r in data.residents):
        return None
    result = representation(data, reference, s)
    return result if result.fields else None


def _differences(
    data: RoundData, themes: ThemeResult, s: Suppressor, notes: list[str]
) -> tuple[list[Outcome | ScaleOutcome], Differences | None]:
    if not any(r.demographics for r in data.residents):
        return [], None
    outcomes: list[Outcome | ScaleOutcome] = [*choice_outcomes(data), *scale_outcomes(data)]
    for ts in themes.per_question:
        asked = frozenset(r for t in ts.themes for r in t.resident_ids)
        for t in ts.themes:
            phrase = f"mention “{t.label}” when asked “{ts.title}”"
            outcomes.append(Outcome(f"theme:{t.id}", phrase, t.resident_ids, asked))
    return outcomes, differences(data, outcomes, s)


def _by_importance(rows: list[Comparison], findings: list[Finding]) -> list[Comparison]:
    """Significant comparisons in the order of the ranked findings (strongest first)."""
    rank = {f.sentence: i for i, f in enumerate(findings)}
    return sorted(rows, key=lambda c: rank.get(difference_sentence(c) or "", len(rank)))


def _inverse_care(
    data: RoundData, reference: Reference | None, s: Suppressor, notes: list[str]
) -> InverseCare | None:
    if not any(r.demographics for r in data.residents):
        return None
    return inverse_care(data, reference, s)


def _period(data: RoundData) -> str:
    times = [a.answered_at for a in data.answers if a.answered_at]
    start = data.opened_at or (min(times) if times else None)
    end = data.closed_at or (max(times) if times else None)
    if start and end:
        return f"{start:%-d %B %Y} to {end:%-d %B %Y}"
    return "dates not recorded"


SUMMARY_FINDINGS = 6  # equity findings in the summary, strongest first


def _summary(report: Report, main: ThemeSetView | None) -> list[str]:
    out: list[str] = []
    if report.simulated:
        out.append("These are simulated data, made to show how the report works.")
    out.append(_took_part(report))
    if main and len(main.themes) == 1 and main.note:  # one group of everything: no finding
        out.append("The free-text answers had too little variety to find themes.")
    elif main and main.themes:
        # The three largest by the share the reader sees (published figures only), so the
        # sentence never lists "most common" themes in an order its numbers contradict.
        shares = {
            t.id: float(t.share.value)
            for t in main.themes
            if t.share.shown and isinstance(t.share.value, int | float)
        }
        top = sorted((t for t in main.themes if t.id in shares), key=lambda t: -shares[t.id])[:3]
        if top:
            listed = "; ".join(f"{t.label} ({t.share.render()} of residents)" for t in top)
            out.append(f"The most common themes were: {listed}.")
    if report.voice is not None:
        out.append(report.voice.sentence)
    if report.topics is not None and report.topics.topics:
        out.append(topics_sentence(report.topics))
    if report.opinions is not None and report.opinions.common_ground:
        st = report.opinions.common_ground[0]
        verb = "agreed" if st.direction == "agree" else "disagreed"
        share = st.share.render() if st.share.shown else "most"
        out.append(
            f"Common ground: {share} of those who voted {verb} with "
            f"“{st.text.strip()}” ({report.opinions.fig(st.votes)} votes)."
        )
    strongest = one_per_group(report.findings, SUMMARY_FINDINGS)
    out.extend(f.sentence for f in strongest)
    if len(report.findings) > len(strongest):
        out.append(
            f"{len(report.findings) - len(strongest)} more equity findings follow in the report, "
            "strongest first."
        )
    return out


def _took_part(report: Report) -> str:
    if not report.residents.shown:
        return f"{report.k} or fewer residents took part, so most figures are hidden."
    head = f"{report.residents.render()} residents took part ({report.period})"
    votes = report.votes.render() if report.votes.shown and report.votes.value else ""
    statements = report.opinions.n_statements if report.opinions is not None else 0
    # No questions at all (a Pol.is conversation): a count of 0 answers may be hidden by
    # its cell key, but there is nothing to count.
    no_questions = not report.theme_sets and not report.choices
    if votes and (no_questions or (report.answers.shown and report.answers.value == 0)):
        # A Pol.is conversation: its answers are votes (never "gave 0 answers").
        return f"{head} and cast {votes} votes on {statements} statements."
    tail = f" and cast {votes} votes on statements" if votes else ""
    return f"{head} and gave {report.answers.render()} answers{tail}."


def _reference_notes(
    reference: Reference | None, who: Representation | None
) -> tuple[tuple[str, str], ...]:
    if reference is None or who is None:
        return ()
    notes = ((f.field, reference.field_note(f.field)) for f in who.fields)
    return tuple((field, note) for field, note in notes if note)


def _reference_method(reference: Reference | None) -> list[str]:
    """How the population figures were chosen, and where they are not like with like."""
    if reference is None:
        return ["No reference population was used."]
    out = [f"Who took part is compared with {reference.title}. {reference.describe()}"]
    for field_name in reference.fields():
        note = reference.field_note(field_name)
        if note:
            out.append(f"{field_name.replace('_', ' ').capitalize()}: {note}.")
    return out


def _method(themes: ThemeResult, k: int, seed: int, reference: Reference | None) -> tuple[str, ...]:
    return (
        themes.method,
        "Values and principles: from the tags of each question and a short list of words "
        "residents use when they speak to each value or principle.",
        f"Small numbers: any count, share or average resting on fewer than {k} residents is "
        "hidden. Some other figures are hidden too, so that hidden ones cannot be worked out "
        "from the rest (a total minus the figures shown beside it).",
        METHOD.format(k=k),
        "One denominator rule: every share is of the residents who answered that question; "
        "those who preferred not to say or did not answer are counted beside the share, never "
        "inside it. A group is under-represented below 0.8 times its population share and "
        "over-represented above 1.25 times.",
        "Differences between groups: each group is compared with everyone else, with 95% "
        "intervals and false discovery rate control (Benjamini-Hochberg) over every test of "
        "differences in the report (the inverse care view is a family of its own). The "
        "comparisons were planned in advance (each scale question across each “about you” "
        "question, and each higher-need group’s experience of services); the appendix lists "
        "every one, tested or with the reason it could not be.",
        "Power: beside each test is the smallest standardised difference (Cohen’s d, in "
        "standard deviations) it would find 8 times in 10 at the strictest threshold the "
        "false discovery control can apply (q divided by the number of tests): "
        "(z(1 − α/2) + z(0.8)) × √(1/n₁ + 1/n₂).",
        "Ranking: equity findings are ordered by importance = size of the effect (standardised) "
        "× n / (n + 20), where n is the number of residents in the group, so large effects "
        "about many people come first.",
        "When a small number must be protected by hiding another figure, the other figure is "
        "taken from groups other than disabled residents, carers, residents finding it "
        "difficult to manage financially and minority ethnic groups wherever possible.",
        *_reference_method(reference),
        f"Random seed {seed}: the same data and seed give the same report.",
    )


def _caveats(data: RoundData, k: int) -> tuple[str, ...]:
    out = [
        "Residents chose to take part; they speak for themselves, not for everyone in the area.",
        "Themes are found by a computer from the words people used; read the quotes, and "
        "treat theme names as a starting point for discussion.",
        f"Hidden figures say why: “{k} or fewer” (too few residents), or “hidden so that "
        "another small number cannot be worked out”. Counts carry a little fixed noise (see "
        "the method), so figures may not add up exactly.",
    ]
    if data.simulated:
        out.insert(0, "SIMULATED DATA: nothing here was said by a real resident.")
    return tuple(out)
