"""“What we heard”: the plain-language summary residents get when a round closes.

Built from the analysis (themes across the round, who took part) under the same
disclosure control as the report (the cell-key method: counts and shares come from
protected counts keyed to the residents counted): a theme is mentioned only if at least k
people raised it, counts under k are never shown, and no quotes are included (the report is the
place for quotes, after moderation). The facilitator adds what happens next in their own
words before it is sent.
"""

from __future__ import annotations

from analysis.equity import Reference, representation
from analysis.rounddata import RoundData
from analysis.scrub import scrub
from analysis.suppress import Suppressor
from analysis.themes import Theme, find_themes

TOP_THEMES = 5


def top_themes(
    data: RoundData, k: int, limit: int = TOP_THEMES, suppressor: Suppressor | None = None
) -> list[Theme]:
    """The themes most people raised, each with a count that may be shown (at least k
    people), ordered by their protected counts."""
    if not any(q.kind == "free_text" for q in data.questions) or not data.answers:
        return []
    s = suppressor or Suppressor.for_round((r.id for r in data.residents), k)
    result = find_themes(data, scrub=scrub)
    themes = list(result.across.themes) if result.across else result.all_themes()
    counted = [(s.count_of(t.resident_ids, f"theme:{t.id}"), t) for t in themes]
    shown = [
        (c.value if isinstance(c.value, int | float) else 0, t)
        for c, t in counted
        if c.shown and t.residents >= k
    ]
    shown.sort(key=lambda pair: (-pair[0], pair[1].label))
    return [t for _, t in shown[:limit]]


def what_we_heard(data: RoundData, *, reference: Reference | None = None, k: int = 10) -> str:
    everyone = [r.id for r in data.residents]
    s = Suppressor.for_round(everyone, k)
    total = s.count_of(everyone, "residents")
    lines = [f"What we heard: “{data.title}”", ""]
    if total.shown and total.value:
        lines.append(f"{total.render()} people took part. Thank you.")
    else:
        lines.append(f"{k} or fewer people took part, so we cannot share numbers.")
    themes = top_themes(data, k, suppressor=s) if total.shown else []
    if themes:
        lines.append("")
        lines.append("What people talked about most:")
        for theme in themes:
            share = s.share_of(theme.resident_ids, frozenset(everyone), f"theme:{theme.id}")
            about = f" (about {share.render()} of people)" if share.shown else ""
            lines.append(f"  • {theme.label}{about}")
    sentences = representation(data, reference, s).sentences() if reference else []
    if sentences:
        lines.append("")
        lines.append("We want to hear from more people. This time:")
        lines.extend(f"  • {text}" for text in sentences[:4])
    return "\n".join(lines)
