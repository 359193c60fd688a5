"""“What we heard”: the plain-language summary residents get when a round closes.

Built from the analysis (themes across the round, who took part) under the same
small-number suppression as the report: a theme is mentioned only if at least k people
raised it, counts under k are never shown, and no quotes are included (the report is the
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


def top_themes(data: RoundData, k: int, limit: int = TOP_THEMES) -> list[Theme]:
    """The themes most people raised, each raised by at least k people."""
    if not any(q.kind == "free_text" for q in data.questions) or not data.answers:
        return []
    result = find_themes(data, scrub=scrub)
    themes = list(result.across.themes) if result.across else result.all_themes()
    themes = [t for t in themes if t.residents >= k]
    themes.sort(key=lambda t: (-t.residents, t.label))
    return themes[:limit]


def what_we_heard(data: RoundData, *, reference: Reference | None = None, k: int = 10) -> str:
    s = Suppressor(k)
    total = s.count(len(data.residents))
    lines = [f"What we heard: “{data.title}”", ""]
    if total.shown and total.value:
        lines.append(f"{total.render()} people took part. Thank you.")
    else:
        lines.append(f"Fewer than {k} people took part, so we cannot share numbers.")
    themes = top_themes(data, k) if total.shown else []
    if themes:
        lines.append("")
        lines.append("What people talked about most:")
        for theme in themes:
            share = s.share(theme.residents, len(data.residents))
            about = f" (about {share.render()} of people)" if share.shown else ""
            lines.append(f"  • {theme.label}{about}")
    sentences = representation(data, reference, s).sentences() if reference else []
    if sentences:
        lines.append("")
        lines.append("We want to hear from more people. This time:")
        lines.extend(f"  • {text}" for text in sentences[:4])
    return "\n".join(lines)
