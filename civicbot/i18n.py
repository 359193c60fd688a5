"""The bot's own words in other languages: gettext catalogues, read with Babel.

``civicbot/locale/<lang>/LC_MESSAGES/civicbot.po`` holds one language. Each message's
context says where it is used (``ui.skip`` a button of the dialogue engine, ``bot.HELP``
a notice of the Telegram adapter, ``cmd.start`` a command in Telegram's menu,
``safety.reply`` the signposting reply) and its msgid is the English it translates.
When the English in the code changes, the msgid no longer matches: that message is out
of date, the English is used, and ``civicbot script check`` says so. A message flagged
``#, unreviewed`` is a first draft no fluent speaker has checked yet; organisers see how
many there are per language.

The ``.po`` files are read as they are at run time, so a fresh clone needs no build
step; a test compiles each one with Babel (``write_mo``) to prove it would compile.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

DOMAIN = "civicbot"
UNREVIEWED = "unreviewed"


@dataclass(frozen=True)
class Entry:
    english: str  # the msgid: the English this translates
    text: str
    reviewed: bool


@dataclass
class CatalogueStatus:
    """How complete one catalogue is against the English the code has now."""

    language: str
    total: int = 0
    translated: int = 0
    unreviewed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    out_of_date: list[str] = field(default_factory=list)


def locale_dir() -> Path:
    return Path(str(resources.files("civicbot").joinpath("locale")))


def po_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available() -> tuple[str, ...]:
    """Languages with a catalogue, in code order."""
    root = locale_dir()
    if not root.is_dir():
        return ()
    return tuple(sorted(p.parent.parent.name for p in root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


@functools.lru_cache(maxsize=32)
def entries(language: str) -> Mapping[str, Entry]:
    """Context -> entry for ``language``; empty when it has no catalogue."""
    path = po_path(language)
    if not path.is_file():
        return {}
    out: dict[str, Entry] = {}
    for message in read_catalogue(path):
        if not message.id or not message.context or not isinstance(message.id, str):
            continue
        text = message.string if isinstance(message.string, str) else ""
        if text:
            reviewed = UNREVIEWED not in message.flags and "fuzzy" not in message.flags
            out[message.context] = Entry(message.id, text, reviewed)
    return out


def translate(language: str, context: str, english: str) -> str:
    """The ``language`` words for ``context``, or ``english`` when there is no current
    translation (none, or one made from different English)."""
    if language == "en":
        return english
    entry = entries(language).get(context)
    if entry is None or entry.english != english:
        return english
    return entry.text


def has(language: str, context: str, english: str) -> bool:
    entry = entries(language).get(context)
    return entry is not None and entry.english == english


def status(language: str, english: Mapping[str, str]) -> CatalogueStatus:
    """Missing, out-of-date and unreviewed messages of ``language`` against ``english``
    (context -> the English the code has now)."""
    found = entries(language)
    result = CatalogueStatus(language, total=len(english))
    for context, words in english.items():
        entry = found.get(context)
        if entry is None:
            result.missing.append(context)
        elif entry.english != words:
            result.out_of_date.append(context)
        else:
            result.translated += 1
            if not entry.reviewed:
                result.unreviewed.append(context)
    return result
