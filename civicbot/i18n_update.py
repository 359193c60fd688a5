"""Bring a gettext catalogue up to date with the English the code has now.

``python -m civicbot.i18n_update cy`` rewrites ``civicbot/locale/cy/LC_MESSAGES/
civicbot.po``: a message whose English is unchanged keeps its translation and its
reviewed state; one whose English changed keeps the old translation flagged ``fuzzy``
(gettext's "needs checking", never used at run time) with the old English beside it;
a new message is added empty for the translator. Translators may use any .po editor
(Poedit, Lokalize, Weblate); removing ``#, unreviewed`` marks a message as reviewed.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from civicbot import i18n
from civicbot.languages import english_name


def build(
    language: str,
    english: Mapping[str, str],
    old: Catalog | None,
    new_words: Mapping[str, str] | None = None,
) -> Catalog:
    """A catalogue for ``language`` over ``english`` (context -> English), keeping what
    ``old`` has; ``new_words`` fills messages it lacks (flagged unreviewed)."""
    catalog = Catalog(
        locale=language,
        domain=i18n.DOMAIN,
        project="civicbot",
        fuzzy=False,
        last_translator="first draft, not reviewed by a fluent speaker",
        language_team=f"{english_name(language)} reviewers wanted",
        header_comment=(
            f"# civicbot's own messages in {english_name(language)}.\n"
            "# msgctxt says where a message is used; msgid is the English it translates.\n"
            "# '#, unreviewed': a first draft that no fluent speaker has checked yet.\n"
            "# Update after the English changes: python -m civicbot.i18n_update "
            f"{language}"
        ),
    )
    previous = {m.context: m for m in old} if old is not None else {}
    for context, words in english.items():
        before = previous.get(context)
        flags: set[str] = set()
        text = ""
        if before is not None and isinstance(before.string, str) and before.string:
            text = before.string
            flags = set(before.flags) - {"fuzzy"}
            if before.id != words:
                flags.add("fuzzy")
        elif new_words and new_words.get(context):
            text = new_words[context]
            flags = {i18n.UNREVIEWED}
        message = catalog.add(words, text, context=context, flags=sorted(flags))
        # Babel guesses python-format from "{" (printf style); ours are str.format.
        message.flags.discard("python-format")
    return catalog


def update(language: str, new_words: Mapping[str, str] | None = None) -> Path:
    from civicbot.bot.texts import english_messages

    path = i18n.po_path(language)
    old = i18n.read_catalogue(path) if path.is_file() else None
    catalog = build(language, english_messages(), old, new_words)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
    i18n.entries.cache_clear()
    return path


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for code in sys.argv[1:]:
        print(update(code))
