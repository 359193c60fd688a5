"""Answers given by voice note: how many, and which quotes came from one.

A voice answer counts like any other once a facilitator has typed up its words (it is
then text, marked ``voice``); until then it is counted here and left out of themes.
Counts rest on residents, so they are hidden below k like every other figure, and the
voice quotes are shown only when that count is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.scrub import scrub
from civicbot_analysis.suppress import Cell, Suppressor
from civicbot_analysis.themes.quotes import trim

MAX_QUOTES = 3
_EARLIEST = datetime.min.replace(tzinfo=UTC)
MARK = "transcribed from a voice note"


@dataclass(frozen=True)
class VoiceView:
    residents: Cell  # residents who answered at least one question by voice
    transcribed: Cell  # voice answers typed up, counted and read like text
    waiting: Cell  # voice answers not typed up yet: counted, not read
    quotes: tuple[str, ...]  # scrubbed words of some transcribed voice answers
    sentence: str


def voice_quotes(data: RoundData) -> frozenset[str]:
    """Quotes as the themes show them (scrubbed, trimmed) that only transcribed voice
    answers gave. A quote someone also typed word for word is not marked: the mark never
    claims a voice note that may not be the quote's source."""
    voiced: set[str] = set()
    typed: set[str] = set()
    for a in data.answers:
        if a.value.strip():
            (voiced if a.voice else typed).add(trim(scrub(a.value)))
    return frozenset(voiced - typed)


def voice_rows(data: RoundData) -> frozenset[int]:
    """The answers (indices into ``data.answers``) given by voice whose words no one typed
    word for word: a quote from one of them is marked as transcribed from a voice note."""
    only_voiced = voice_quotes(data)
    return frozenset(
        i
        for i, a in enumerate(data.answers)
        if a.voice and a.value.strip() and trim(scrub(a.value)) in only_voiced
    )


def voice_view(data: RoundData, s: Suppressor) -> VoiceView | None:
    voiced = [a for a in data.answers if a.voice]
    if not voiced and not data.voice_waiting:
        return None
    residents = {a.resident for a in voiced} | {who for who, _ in data.voice_waiting}
    # Protected like every count of the report (the cell-key method, keyed by residents).
    people = s.count_of(sorted(residents), "voice:residents")
    transcribed = s.count(len(voiced), None, "voice:typed")
    waiting = s.count(len(data.voice_waiting), None, "voice:waiting")
    if people.shown:
        typed, left = (
            c.render() if c.shown else c.why(s.k, short=True) for c in (transcribed, waiting)
        )
        sentence = (
            f"{people.render()} residents answered by voice note: {typed} voice"
            f" answers have been typed up by a facilitator (counted and quoted like written"
            f" ones, marked “{MARK}”), and {left} are waiting to be typed up."
        )
        # The latest first: what the team typed up most recently.
        latest = sorted(voiced, key=lambda a: a.answered_at or _EARLIEST, reverse=True)
        quotes = tuple(
            dict.fromkeys(trim(scrub(a.value)) for a in latest if a.quotable and a.value.strip())
        )[:MAX_QUOTES]
    else:
        sentence = (
            f"Some residents answered by voice note; {s.k} or fewer did, so no figures are shown."
        )
        quotes = ()
    return VoiceView(people, transcribed, waiting, quotes, sentence)
