"""The signposting reply and its review date, read from ``civicbot/data/signposting.yaml``.

One file holds the fixed text sent to a resident whose message discloses a risk of harm
(and the gentle check-in, ``check_in``, for a message that only may disclose one),
the date someone last checked its numbers (``verified_on``) and where they checked them.
:func:`is_stale` says when that check is older than :data:`MAX_AGE_DAYS`; the test suite
and ``civicbot doctor`` both fail then, so an out-of-date number is never shipped quietly.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from civicbot import i18n
from civicbot.languages import for_direction

MAX_AGE_DAYS = 90


class SignpostingError(ValueError):
    """The signposting file is missing a field or is malformed."""


@dataclass(frozen=True)
class Source:
    name: str
    number: str
    url: str


# The second tier's gentle check-in, when the file does not set ``check_in``.
DEFAULT_CHECK_IN = (
    "Thank you for telling us. It sounds like things might be hard at the moment. "
    "If you would like to talk to someone, Samaritans are there any time, day or night, "
    "free on 116 123. One of the people running this conversation may read your answer. "
    "You can carry on with the questions whenever you like."
)


@dataclass(frozen=True)
class Signposting:
    reply: str
    verified_on: date
    sources: tuple[Source, ...]
    check_in: str = DEFAULT_CHECK_IN

    def age_days(self, today: date) -> int:
        return (today - self.verified_on).days

    def is_stale(self, today: date) -> bool:
        return is_stale(self, today)


def is_stale(signposting: Signposting, today: date) -> bool:
    """True when the numbers were last checked more than :data:`MAX_AGE_DAYS` ago."""
    return signposting.age_days(today) > MAX_AGE_DAYS


def default_path() -> Path:
    return Path(str(resources.files("civicbot").joinpath("data", "signposting.yaml")))


def parse_signposting(text: str, origin: str = "signposting.yaml") -> Signposting:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SignpostingError(f"{origin}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise SignpostingError(f"{origin}: expected a mapping with verified_on, sources, reply")
    verified = raw.get("verified_on")
    if not isinstance(verified, date):
        raise SignpostingError(f"{origin}: verified_on must be a date like 2026-11-26")
    reply = raw.get("reply")
    if not isinstance(reply, str) or not reply.strip():
        raise SignpostingError(f"{origin}: reply must be the text to send")
    if len(reply) > 4096:
        raise SignpostingError(f"{origin}: reply is longer than Telegram's 4096 characters")
    check_in = raw.get("check_in", DEFAULT_CHECK_IN)
    if not isinstance(check_in, str) or not check_in.strip() or len(check_in) > 4096:
        raise SignpostingError(f"{origin}: check_in must be the text to send (4096 at most)")
    sources: list[Source] = []
    for entry in raw.get("sources") or []:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), str | int) for key in ("name", "number", "url")
        ):
            raise SignpostingError(f"{origin}: each source needs a name, a number and a url")
        sources.append(Source(str(entry["name"]), str(entry["number"]), str(entry["url"])))
    if not sources:
        raise SignpostingError(f"{origin}: list the sources the numbers were checked against")
    return Signposting(
        reply=reply.strip(),
        verified_on=verified,
        sources=tuple(sources),
        check_in=check_in.strip(),
    )


def load_signposting(path: Path | None = None) -> Signposting:
    """The signposting in ``path``, or the one shipped with civicbot."""
    if path is None:
        return _default()
    return parse_signposting(path.read_text(encoding="utf-8"), str(path))


@functools.cache
def _default() -> Signposting:
    path = default_path()
    return parse_signposting(path.read_text(encoding="utf-8"), str(path))


_NUMBER = re.compile(r"[0-9][0-9 ]*[0-9]|[0-9]")


def numbers_in(text: str) -> list[str]:
    """The phone numbers and short codes of a reply, spaces removed, in order."""
    return sorted(m.group(0).replace(" ", "") for m in _NUMBER.finditer(text))


def reply_in(language: str, signposting: Signposting) -> str:
    """The reply in ``language`` (gettext context ``safety.reply``), readable in its
    direction. English unless a current translation exists that gives exactly the same
    numbers: a wrong digit in a helpline is worse than English."""
    english = signposting.reply
    text = i18n.translate(language, "safety.reply", english)
    if text == english or numbers_in(text) != numbers_in(english):
        return english
    return for_direction(language, text)
