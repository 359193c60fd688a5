"""Assembles the :class:`~civicbot_analysis.series.model.SeriesReport` of a series of rounds."""

from __future__ import annotations

from civicbot_analysis.equity import Reference
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.scrub import scrub
from civicbot_analysis.series import compare, protect
from civicbot_analysis.series.data import SeriesData
from civicbot_analysis.series.model import SeriesReport
from civicbot_analysis.series.recurring import THRESHOLD, recurring_themes
from civicbot_analysis.themes import ThemeResult, find_themes

METHOD = (
    "Each round's figures are protected as in that round's own report: every count goes "
    "through the disclosure-control layer (counts of {hidden} residents are hidden, and "
    "shown counts carry the cell-key method's small fixed noise), and shares, averages and "
    "intervals are worked out from protected counts only. Figures about the whole series "
    "(who took part in more than one round) are protected the same way with a key of "
    "everyone in the series.",
    "Shares of who took part are of the residents who answered that question in that round; "
    "the population column is the reference population's share.",
    "A rating of a value or service principle pools the answers to every scale question "
    "tagged with it in that round, each scored from 0 (the worst option) to 100 (the best). "
    "Its 95% interval counts each resident once, so it allows for one person's answers "
    "hanging together. A change compares the first and last rounds where the rating is "
    "shown; it is called clear when the 95% interval of the difference leaves out zero "
    "(treating the rounds as independent, which errs on the wide side when the same "
    "residents answer both). Rounds that asked different questions rate a value through "
    "different questions: read such changes with care.",
    "Themes are found in each round per question, then matched across rounds by what their "
    "answers say: the cosine similarity of the themes' TF-IDF centroids, one vocabulary "
    "for the whole series, mutual closest matches at or above {threshold}. Labels play no "
    "part in the matching.",
    "Residents who took part in more than one round are counted by their pseudonym, the "
    "same in every round: no one is identified, and the counts are protected like any "
    "other.",
)


def round_themes(data: RoundData, seed: int) -> ThemeResult:
    return find_themes(data, scrub=scrub, seed=seed)


def build_series_report(
    series: SeriesData,
    *,
    k_min: int = 10,
    seed: int = 0,
    reference: Reference | None = None,
    threshold: float = THRESHOLD,
) -> SeriesReport:
    """The series report: every figure resting on fewer than ``k_min`` residents hidden."""
    sups = [protect.suppressor([r.id for r in d.residents], k_min) for d in series.rounds]
    rated, errors = compare.ratings(series, sups)
    notes: list[str] = []
    if len(series.rounds) < 2:
        notes.append("This series has fewer than two rounds: there is nothing to compare yet.")
    results = [round_themes(d, seed) for d in series.rounds]
    recurring = recurring_themes(
        results,
        [[a.value for a in d.answers] for d in series.rounds],
        sups,
        scrub,
        threshold,
    )
    return SeriesReport(
        name=series.name,
        k=k_min,
        simulated=series.simulated,
        reference=getattr(reference, "title", None),
        rounds=compare.columns(series, sups),
        groups=compare.groups(series, sups, reference),
        ratings=rated,
        changes=compare.changes(rated, errors, k_min),
        recurring=recurring,
        repeats=compare.repeats(series, k_min),
        threshold=threshold,
        notes=tuple(notes),
        hidden_rule=protect.hidden_rule(k_min),
        method=tuple(
            m.format(hidden=protect.hidden_rule(k_min), threshold=threshold) for m in METHOD
        ),
    )
