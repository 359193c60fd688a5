"""Flood control: one resident sending very many messages is slowed, kindly, once.

Each person in a private chat has a token bucket (``burst`` updates at once, refilled at
``rate`` per second). An update over the limit is dropped before any handler runs: it
is already committed to the inbox, and the runner marks it processed like any other, so
nothing of it is stored and it is never handled later. The first drop of a flood
episode gets one notice; the episode ends only once the bucket is full again (the person
has been quiet for ``burst / rate`` seconds), so a steady flood gets exactly one notice,
not one per refill.

State lives in memory: a restart forgets it, which only means a flooder gets a fresh
burst after a restart (at worst ``burst`` more stored answers), never a lost answer from
a person who was not flooding. Group and channel updates are not limited here; they are
ignored by every handler anyway.

Hooked in as a ``TypeHandler`` in group -1 (see :func:`civicbot.bot.app.add_handlers`):
``ApplicationHandlerStop`` there keeps every later handler from seeing the update.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from civicbot.bot.sending import with_retry
from civicbot.bot.services import services

log = logging.getLogger(__name__)

NOTICE = (
    "You're sending messages very fast; I'll pause for a moment. "
    "Please wait a few seconds, then carry on where you were."
)
KEY = "civicbot.flood"
# Buckets untouched this long are full again anyway; forget them so memory stays bounded.
_FORGET_AFTER = 600.0


class Verdict(Enum):
    ALLOW = "allow"
    NOTICE = "notice"  # over the limit, the first time in this episode: tell them
    DROP = "drop"  # over the limit, told already


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float
    noticed: bool = False


class FloodGate:
    """Per-key token buckets. ``rate`` <= 0 turns the limit off."""

    def __init__(
        self, burst: int, rate: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = max(1, burst)
        self.rate = rate
        self.clock = clock
        self.dropped = 0
        self.notices = 0
        self._buckets: dict[int, _Bucket] = {}
        self._swept = clock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def admit(self, key: int) -> Verdict:
        if not self.enabled:
            return Verdict.ALLOW
        now = self.clock()
        self._sweep(now)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens >= self.burst:
            bucket.noticed = False  # quiet long enough: a new episode may get a notice
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return Verdict.ALLOW
        self.dropped += 1
        if bucket.noticed:
            return Verdict.DROP
        bucket.noticed = True
        self.notices += 1
        return Verdict.NOTICE

    def _sweep(self, now: float) -> None:
        if now - self._swept < _FORGET_AFTER:
            return
        self._swept = now
        stale = [k for k, b in self._buckets.items() if now - b.at > _FORGET_AFTER]
        for key in stale:
            del self._buckets[key]


def gate_of(context: ContextTypes.DEFAULT_TYPE) -> FloodGate:
    data = context.application.bot_data
    gate = data.get(KEY)
    if not isinstance(gate, FloodGate):
        settings = services(context).settings
        gate = data[KEY] = FloodGate(settings.flood_burst, settings.flood_rate)
    return gate


async def check(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Group -1 handler: let the update through, or drop it (with one notice)."""
    if not isinstance(update, Update):
        return
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    verdict = gate_of(context).admit(user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTICE:
        log.info("flood: a resident is over the message limit; updates dropped for now")
        with contextlib.suppress(TelegramError):
            await with_retry(lambda: context.bot.send_message(chat.id, NOTICE))
    raise ApplicationHandlerStop
