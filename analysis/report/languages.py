"""The report's language section: how many answered in each language, and the themes
and quotes of each language other than the round's first, as written.

See :mod:`civicbot_analysis.languages` for why themes are found per language.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicbot_analysis.languages import (
    METHOD,
    LanguageRow,
    english_name,
    in_language,
    languages_used,
    rows,
)
from civicbot_analysis.report import sections
from civicbot_analysis.report.model import ThemeSetView
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.scrub import scrub
from civicbot_analysis.suppress import Suppressor
from civicbot_analysis.themes import find_themes


@dataclass(frozen=True)
class LanguageThemes:
    row: LanguageRow
    themes: ThemeSetView | None  # None: too few residents or answers for themes


@dataclass(frozen=True)
class LanguagesView:
    rows: tuple[LanguageRow, ...]
    others: tuple[LanguageThemes, ...]
    main: str  # the round's first language, by name
    method: str


def main_language_data(data: RoundData) -> RoundData:
    """What the main themes are found in: free-text answers in the round's first
    language (all of ``data`` when only one language was used)."""
    if len(languages_used(data)) <= 1:
        return data
    return in_language(data, data.language)


def languages_view(
    data: RoundData, s: Suppressor, *, seed: int = 0, k: int | None = None
) -> LanguagesView | None:
    """None when every answer is in one language."""
    used = languages_used(data)
    if len(used) <= 1:
        return None
    table = rows(data, s)
    others = []
    for row in table:
        if row.code == data.language:
            continue
        if not s.ok(row.n):
            # Themes, labels and quotes named with a language so few people answered in
            # would rest on fewer than k residents: the count alone, hidden as usual.
            others.append(LanguageThemes(row, None))
            continue
        found = find_themes(in_language(data, row.code), scrub=scrub, seed=seed, k=k)
        sets = [ts for ts in found.per_question if ts.themes]
        chosen = found.across if found.across and found.across.themes else None
        if chosen is None and len(sets) == 1:
            chosen = sets[0]
        view = sections.theme_set_view(chosen, s) if chosen is not None else None
        others.append(LanguageThemes(row, view))
    main = english_name(data.language)
    return LanguagesView(tuple(table), tuple(others), main, METHOD.format(main=main))
