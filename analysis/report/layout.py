"""Which sections a report shows, in which order, and the one line that names the rest.

A section with nothing to show (no free-text questions, so no themes; no "about you"
answers, so no comparison with the population) is not printed as an empty heading: it is
named, with why, in one line of "How this report was made". A report of statements only
(a Pol.is conversation, or a round of nothing but a deliberation step) leads with the
topics, the opinion groups and their common ground.
"""

from __future__ import annotations

from civicbot_analysis.report.model import Report

# Section keys, in the order of a round of questions; each is a partial of its own.
ANSWERS_ORDER = (
    "summary",
    "participation",
    "sources",
    "themes",
    "languages",
    "values",
    "choices",
    "differences",
    "inverse",
    "topics",
    "opinions",
    "plan",
    "method",
)
STATEMENTS_FIRST = ("summary", "topics", "opinions")
TITLES = {
    "participation": "who took part compared with the local population",
    "themes": "themes of free-text answers",
    "values": "values and principles",
    "choices": "answers to scale and choice questions",
    "differences": "differences between groups",
    "inverse": "inverse care: need and experience",
    "plan": "the appendix of planned comparisons",
    "topics": "topics of the statements residents voted on",
    "opinions": "opinion groups",
}


def _why_empty(report: Report, key: str) -> str | None:
    """Why section ``key`` has nothing to show, or None when it has something (or is one of
    the sections that are simply absent when they do not apply)."""
    no_about_you = report.representation is None
    if key == "participation" and no_about_you:
        return "no “about you” answers were given"
    if key == "themes" and not report.theme_sets:
        return "there were no free-text questions"
    if key == "values" and not report.theme_sets and not any(r.questions for r in report.lens):
        return "no free-text answers and no question tagged with a value or principle"
    if key == "choices" and not report.choices:
        return "there were no scale or choice questions"
    planned = report.plan is not None and bool(report.plan.entries)
    if key == "differences" and not report.difference_rows:
        if no_about_you:
            return "no “about you” answers were given"
        if not planned:
            return "no question whose answers could be compared between groups"
    if key == "plan" and report.plan is not None and not planned:
        return "no comparison between groups could be planned"
    if key == "inverse" and not report.inverse_care_rows and not report.inverse_care:
        if no_about_you:
            return "no “about you” answers were given"
        if not any(c.kind == "scale" for c in report.choices):
            return "there were no questions about experience of services"
    if key == "topics" and (report.topics is None or not report.topics.topics):
        return (
            "residents voted on no statements"
            if report.topics is None
            else (report.topics.note or "too few statements to group")
        )
    if key == "opinions" and report.opinions is None:
        return "residents voted on no statements"
    return None


def _present(report: Report, key: str) -> bool:
    """Sections that are left out without a word when they do not apply."""
    if key == "sources":
        return report.sources is not None
    if key == "languages":
        return report.languages is not None
    if key == "plan":
        return report.plan is not None
    return True


def lay_out(report: Report, statements_first: bool) -> tuple[tuple[str, ...], str]:
    """The sections to render, in order, and the one line naming those left out."""
    order = list(ANSWERS_ORDER)
    if statements_first:
        order = [*STATEMENTS_FIRST, *(k for k in order if k not in STATEMENTS_FIRST)]
    shown: list[str] = []
    empty: list[str] = []
    for key in order:
        why = _why_empty(report, key)
        if why is not None:
            empty.append(f"{TITLES[key]} ({why})")
        elif _present(report, key):
            shown.append(key)
    line = ""
    if empty:
        line = "Not shown, because this round had nothing for them: " + "; ".join(empty) + "."
    return tuple(shown), line
