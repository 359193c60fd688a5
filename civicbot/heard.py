"""“What we heard”: the plain-language summary residents get when a round closes.

Built from the analysis (themes across the round, who took part) under the same
disclosure control as the report (the cell-key method: counts and shares come from
protected counts keyed to the residents counted): a theme is mentioned only if at least k
people raised it, counts under k are never shown, and no quotes are included (the report
is the place for quotes, after moderation). Themes are named by their phrase labels, or
by the names facilitators gave them (the round's theme edits, as in the report). One
equity finding is included in plain words: the top-ranked one in the report's summary,
which is built under the same disclosure rules. The facilitator adds what happens next in
their own words and sees the whole message before it is sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from civicbot_analysis.equity import Reference, representation
from civicbot_analysis.report import build_report
from civicbot_analysis.report.languages import main_language_data
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.scrub import scrub
from civicbot_analysis.suppress import Suppressor
from civicbot_analysis.themes import Edit, Theme, find_themes

TOP_THEMES = 5


def top_themes(
    data: RoundData,
    k: int,
    limit: int = TOP_THEMES,
    suppressor: Suppressor | None = None,
    edits: Sequence[Edit] = (),
) -> list[Theme]:
    """The themes most people raised, each with a count that may be shown (at least k
    people), ordered by their protected counts, named as the facilitators' ``edits``
    rename them."""
    if not any(q.kind == "free_text" for q in data.questions) or not data.answers:
        return []
    s = suppressor or Suppressor.for_round((r.id for r in data.residents), k)
    # As the report's main themes: answers in the round's first language (themes in other
    # languages are found on their own, see civicbot_analysis.languages), so edits name the same
    # ids.
    result = find_themes(main_language_data(data), scrub=scrub, edits=edits)
    themes = list(result.across.themes) if result.across else result.all_themes()
    counted = [(s.count_of(t.resident_ids, f"theme:{t.id}"), t) for t in themes]
    shown = [
        (c.value if isinstance(c.value, int | float) else 0, t)
        for c, t in counted
        if c.shown and t.residents >= k
    ]
    shown.sort(key=lambda pair: (-pair[0], pair[1].label))
    return [t for _, t in shown[:limit]]


def equity_finding(
    data: RoundData, reference: Reference | None, k: int, edits: Sequence[Edit] = ()
) -> str | None:
    """The report summary's top-ranked equity finding (who took part, differences between
    groups, inverse care), in plain words; None when the summary has none."""
    if not any(r.demographics for r in data.residents):
        return None
    report = build_report(data, k_min=k, reference=reference, edits=edits)
    findings = {f.sentence for f in report.findings}
    for sentence in report.summary:
        if sentence in findings:
            return _plain(sentence)
    return None


def _plain(sentence: str) -> str:
    for jargon, plain in _PLAIN.items():
        if sentence.startswith(jargon):
            return plain + sentence[len(jargon) :]
    return sentence


_PLAIN = {
    "Higher need, worse experience: ": "Some of those who need services most had the worst "
    "experience of them: ",
}


def what_we_heard(
    data: RoundData,
    *,
    reference: Reference | None = None,
    k: int = 10,
    edits: Sequence[Edit] = (),
) -> str:
    everyone = [r.id for r in data.residents]
    s = Suppressor.for_round(everyone, k)
    total = s.count_of(everyone, "residents")
    lines = [f"What we heard: “{data.title}”", ""]
    if total.shown and total.value:
        lines.append(f"{total.render()} people took part. Thank you.")
    else:
        lines.append(f"{k} or fewer people took part, so we cannot share numbers.")
    themes = top_themes(data, k, suppressor=s, edits=edits) if total.shown else []
    if themes:
        lines.append("")
        lines.append("What people talked about most:")
        for theme in themes:
            share = s.share_of(theme.resident_ids, frozenset(everyone), f"theme:{theme.id}")
            about = f" (about {share.render()} of people)" if share.shown else ""
            lines.append(f"  • {theme.label}{about}")
    finding = equity_finding(data, reference, k, edits) if total.shown else None
    if finding:
        lines.append("")
        lines.append("One thing we noticed:")
        lines.append(f"  • {finding}")
    sentences = representation(data, reference, s).sentences() if reference else []
    sentences = [text for text in sentences if text != finding]  # said once is enough
    if sentences:
        lines.append("")
        lines.append("We want to hear from more people. This time:")
        lines.extend(f"  • {text}" for text in sentences[:4])
    return "\n".join(lines)
