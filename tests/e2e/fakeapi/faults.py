"""Fault injection and call statistics for the stand-in server.

Tests plan failures (429 with ``retry_after``, 403 for a blocked resident, 5xx), slow methods
down, and afterwards read what the bot called, when, and for which chat, so they can check the
bot's global and per-chat sending rates.
"""

from __future__ import annotations

import math
import time
from collections import Counter, deque
from dataclasses import dataclass, field

from .validate import ApiError

# Methods that put something in front of a person; Telegram's flood limits count these.
SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVoice",
        "editMessageText",
        "editMessageReplyMarkup",
        "copyMessage",
        "forwardMessage",
    }
)
# Methods that fail with 403 when the resident has blocked the bot.
CHAT_METHODS = SEND_METHODS | {"sendChatAction"}

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def error_for(status: int, retry_after: int | None, description: str | None) -> ApiError:
    if description is None:
        if status == 429:
            description = f"Too Many Requests: retry after {retry_after or 1}"
        else:
            description = _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")
    if status == 429 and retry_after is None:
        retry_after = 1
    return ApiError(status, description, retry_after)


@dataclass(slots=True)
class Fault:
    method: str  # canonical method name, or "*" for any method
    error: ApiError
    remaining: int
    chat_id: int | None


class Faults:
    """Planned failures, blocked chats and artificial delays."""

    def __init__(self) -> None:
        self.planned: list[Fault] = []
        self.blocked: set[int] = set()
        self.delays: dict[str, float] = {}

    def fail_next(
        self,
        method: str,
        status: int,
        *,
        count: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        self.planned.append(
            Fault(method, error_for(status, retry_after, description), count, chat_id)
        )

    def take(self, method: str, chat_id: int | None) -> ApiError | None:
        """The planned error for this call, if any, used up once."""
        for fault in self.planned:
            if fault.method not in ("*", method):
                continue
            if fault.chat_id is not None and fault.chat_id != chat_id:
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self.planned.remove(fault)
            return fault.error
        if method in CHAT_METHODS and chat_id is not None and chat_id in self.blocked:
            private = chat_id > 0
            detail = "bot was blocked by the user" if private else "bot was kicked from the chat"
            return ApiError(403, f"Forbidden: {detail}")
        return None

    def delay_for(self, method: str) -> float:
        return self.delays.get(method, 0.0) + self.delays.get("*", 0.0)


@dataclass(frozen=True, slots=True)
class Call:
    time: float  # time.monotonic() when the request arrived
    method: str
    chat_id: int | None
    status: int


class Stats:
    """Every call the bot made, and the successful sends among them."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.calls: list[Call] = []
        self.sends: list[Call] = []
        self.last_call_at = 0.0

    def record(self, method: str, chat_id: int | None, status: int, started: float) -> None:
        call = Call(started, method, chat_id, status)
        self.counts[method] += 1
        self.calls.append(call)
        if method != "getUpdates":
            self.last_call_at = time.monotonic()
        if status == 200 and method in SEND_METHODS:
            self.sends.append(call)

    def send_times(self, chat_id: int | None = None) -> list[float]:
        return [c.time for c in self.sends if chat_id is None or c.chat_id == chat_id]

    def max_sends_in(self, window: float = 1.0, chat_id: int | None = None) -> int:
        """The most successful sends within any ``window`` seconds (to one chat, or all)."""
        times = self.send_times(chat_id)
        best, start = 0, 0
        for end, moment in enumerate(times):
            while moment - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def errors(self) -> list[Call]:
        return [c for c in self.calls if c.status != 200]


@dataclass(slots=True)
class RateLimits:
    """Telegram's flood limits, off until set: successful sends beyond ``per_chat`` per second
    to one chat, ``per_group_minute`` per minute to one group, or ``overall`` per second in
    total are refused with 429 and a ``retry_after`` until the window frees up."""

    overall: int | None = None
    per_chat: int | None = None
    per_group_minute: int | None = None
    _recent: deque[tuple[float, int]] = field(default_factory=deque)

    def check(self, method: str, chat_id: int | None, moment: float) -> ApiError | None:
        if method not in SEND_METHODS or chat_id is None:
            return None
        recent = self._recent
        while recent and moment - recent[0][0] >= 60.0:
            recent.popleft()
        limits: list[tuple[int | None, float, bool]] = [
            (self.overall, 1.0, False),
            (self.per_chat if chat_id > 0 else None, 1.0, True),
            (self.per_group_minute if chat_id < 0 else None, 60.0, True),
        ]
        wait = 0
        for limit, window, same_chat in limits:
            if limit is None:
                continue
            times = [
                t for t, c in recent if moment - t < window and (not same_chat or c == chat_id)
            ]
            if len(times) >= limit:
                # The longest of the broken limits decides when sending works again.
                wait = max(wait, 1, math.ceil(window - (moment - times[-limit])))
        return error_for(429, wait, None) if wait else None

    def record(self, chat_id: int | None, moment: float) -> None:
        if chat_id is not None and (self.overall or self.per_chat or self.per_group_minute):
            self._recent.append((moment, chat_id))
