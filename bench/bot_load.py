"""The machinery behind ``bot_throughput.py``: bot subprocesses, simulated residents, load
loops (closed and open), the generated dialogue script and pre-populated databases.

Replies are timed with a tap on the stand-in's ``World.bot_sends``: each expected reply is a
future keyed by (chat, key), resolved the moment the bot's ``sendMessage`` reaches the
stand-in, so waiting costs O(1) per message however many residents are waiting.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.fakeapi.objects import keyboard_buttons

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:BENCH-token-for-civicbot"
SECRET = "bench-secret-0123456789abcdef"
QUIET_ADMIN = 987654321  # an admin who never writes: someone could receive an alert
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
QUESTION = re.compile(r"Question (\d+)\?")

KeyOf = Callable[[str], str | None]


# --- replies --------------------------------------------------------------------------------


class Replies:
    """Resolves ``expect``-ed replies as the bot sends them, from construction until
    :meth:`close`."""

    def __init__(self, tg: FakeTelegram, key_of: KeyOf) -> None:
        self._world = tg.world
        self._key_of = key_of
        self._waiting: dict[tuple[int, str], asyncio.Future[float]] = {}
        original = type(self._world).bot_sends
        world = self._world

        def tapped(chat_id: int, fields: dict[str, Any]) -> dict[str, Any]:
            message = original(world, chat_id, fields)
            key = self._key_of(str(fields.get("text") or ""))
            waiter = None if key is None else self._waiting.pop((chat_id, key), None)
            if waiter is not None and not waiter.done():
                waiter.set_result(time.perf_counter())
            return message

        # An instance attribute shadows the class's method: the stand-in calls the tap, and
        # removing it restores the stand-in as it was.
        vars(world)["bot_sends"] = tapped

    def close(self) -> None:
        vars(self._world).pop("bot_sends", None)
        for waiter in self._waiting.values():
            waiter.cancel()
        self._waiting.clear()

    def expect(self, chat_id: int, key: str) -> asyncio.Future[float]:
        """A future that gets the ``perf_counter`` time of the bot's reply ``key``; call it
        before sending, so that a fast reply cannot be missed."""
        waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting[(chat_id, key)] = waiter
        return waiter

    def forget(self, chat_id: int, key: str) -> None:
        self._waiting.pop((chat_id, key), None)


def echo_key(text: str) -> str | None:
    return text or None


def civic_key(text: str) -> str | None:
    found = QUESTION.search(text)
    return None if found is None else found[1]


@dataclass
class Resident:
    """A simulated resident; ``step`` is the question they answer next (civicbot) or a
    message counter (echo bot)."""

    user: FakeUser
    step: int = 1


Make = Callable[[Resident], tuple[str, str]]


def echo_message(resident: Resident) -> tuple[str, str]:
    resident.step += 1
    text = f"hello from {resident.user.chat_id}, message {resident.step}"
    return text, text


def civic_message(resident: Resident) -> tuple[str, str]:
    """An answer to the resident's current question; the reply asks the next one."""
    number = resident.step
    resident.step += 1
    text = f"My answer to question {number}: people who listen, and help that comes early."
    return text, str(number + 1)


# --- load loops -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LoopResult:
    sent: int
    answered: int
    seconds: float  # from the first send to the last reply (or timeout)
    send_seconds: float  # from the first send to the last
    latencies: tuple[float, ...]  # seconds, one per answered update

    @property
    def rate(self) -> float:
        """Answered updates per second, end to end."""
        return self.answered / self.seconds if self.seconds > 0 else 0.0

    @property
    def send_rate(self) -> float:
        return self.sent / self.send_seconds if self.send_seconds > 0 else 0.0

    def percentile(self, pct: float) -> float:
        """Nearest-rank percentile of the reply latency, in milliseconds (NaN if none)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(pct / 100 * len(ordered)))
        return ordered[rank - 1] * 1000


async def closed_loop(
    replies: Replies,
    residents: Sequence[Resident],
    total: int,
    concurrency: int,
    make: Make,
    timeout: float,
) -> LoopResult:
    """``concurrency`` workers, each with its share of ``residents`` in turn, send one
    message and wait for its reply before the next, until ``total`` are sent. A reply
    missing after ``timeout`` seconds stops that worker (and shows as unanswered)."""
    budget = iter(range(total))
    latencies: list[float] = []
    sent = 0
    last_send = 0.0

    async def worker(mine: Sequence[Resident]) -> None:
        nonlocal sent, last_send
        for resident in itertools.cycle(mine):
            if next(budget, None) is None:
                return
            text, key = make(resident)
            chat = resident.user.chat_id
            waiter = replies.expect(chat, key)
            began = time.perf_counter()
            await resident.user.send_text(text)
            sent += 1
            last_send = began
            try:
                arrived = await asyncio.wait_for(waiter, timeout)
            except TimeoutError:
                replies.forget(chat, key)
                return
            latencies.append(arrived - began)

    groups = [residents[i::concurrency] for i in range(concurrency)]
    start = time.perf_counter()
    await asyncio.gather(*(worker(group) for group in groups if group))
    end = time.perf_counter()
    return LoopResult(sent, len(latencies), end - start, last_send - start, tuple(latencies))


async def open_loop(
    replies: Replies,
    residents: Sequence[Resident],
    rate: float,
    seconds: float,
    make: Make,
    timeout: float,
) -> LoopResult:
    """Send ``rate`` messages a second for ``seconds``, round-robin over ``residents``,
    on schedule whatever the replies do; then wait up to ``timeout`` for the last replies."""
    total = max(1, round(rate * seconds))
    latencies: list[float] = []
    waiters: list[asyncio.Future[float]] = []
    start = time.perf_counter()
    for index in range(total):
        delay = start + index / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        resident = residents[index % len(residents)]
        text, key = make(resident)
        waiter = replies.expect(resident.user.chat_id, key)
        began = time.perf_counter()
        await resident.user.send_text(text)

        def record(done: asyncio.Future[float], began: float = began) -> None:
            if not done.cancelled():
                latencies.append(done.result() - began)

        waiter.add_done_callback(record)
        waiters.append(waiter)
    send_end = time.perf_counter()
    _, late = await asyncio.wait(waiters, timeout=timeout)
    for waiter in late:
        waiter.cancel()
    await asyncio.sleep(0)  # let the done-callbacks run
    end = time.perf_counter()
    return LoopResult(total, len(latencies), end - start, send_end - start, tuple(latencies))


async def onboard(
    tg: FakeTelegram, replies: Replies, residents: Sequence[Resident], timeout: float
) -> None:
    """``/start`` and "I agree" for each resident, until the first question arrives."""
    gate = asyncio.Semaphore(20)

    def has_agree(message: dict[str, Any]) -> bool:
        return any(b.get("text") == "I agree" for b in keyboard_buttons(message))

    async def one(resident: Resident) -> None:
        async with gate:
            chat = resident.user.chat_id
            await resident.user.send_command("start")
            notice = await tg.wait_for(chat, has_agree, timeout=timeout)
            first = replies.expect(chat, "1")
            await resident.user.press(notice, "I agree")
            await asyncio.wait_for(first, timeout)
            resident.step = 1

    await asyncio.gather(*(one(resident) for resident in residents))


# --- bot processes --------------------------------------------------------------------------


def _clean_env() -> dict[str, str]:
    drop = ("CIVICBOT_", "TELEGRAM_", "ECHO_")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


class BotProcess:
    """A bot subprocess with its output in a log file."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], log: Path) -> None:
        self.argv = list(argv)
        self.env = env
        self.log = log
        self.process: asyncio.subprocess.Process | None = None

    @classmethod
    def echo(cls, api_url: str, log: Path) -> BotProcess:
        env = _clean_env() | {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api_url,
            "ECHO_POLL_TIMEOUT": "1",
        }
        return cls([sys.executable, str(ROOT / "bench" / "echo_bot.py")], env, log)

    @classmethod
    def civicbot(cls, api_url: str, db: Path | str, script: Path, log: Path) -> BotProcess:
        """civicbot on ``db``: an SQLite file, or a PostgreSQL URL (voice notes then go
        to a folder beside the log)."""
        env = _clean_env() | {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "CIVICBOT_TELEGRAM_API_URL": api_url,
            "CIVICBOT_DB": str(db),
            "CIVICBOT_ORGANISER": "Wigan Together",
            "CIVICBOT_ORGANISER_CONTACT": "hello@wigantogether.example",
            "CIVICBOT_SECRET": SECRET,
            "CIVICBOT_DEFAULT_SCRIPT": str(script),
            "CIVICBOT_POLL_TIMEOUT": "1",
            # Simulated residents answer at machine speed: no flood control here.
            "CIVICBOT_FLOOD_RATE": "0",
            # Someone who could receive a safeguarding alert, or no round would open.
            "CIVICBOT_ADMINS": str(QUIET_ADMIN),
        }
        if not isinstance(db, Path):
            env["CIVICBOT_VOICE_DIR"] = str(log.with_suffix(".voice"))
        return cls([sys.executable, "-m", "civicbot", "run"], env, log)

    async def start(self, tg: FakeTelegram) -> None:
        """Start the bot and wait until it is about to poll (both bots delete any webhook
        just before their first ``getUpdates``, which then takes whatever is queued)."""
        polls = tg.call_counts["deleteWebhook"]
        with self.log.open("ab") as handle:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, env=self.env, cwd=str(ROOT), stdout=handle, stderr=handle
            )
        deadline = time.monotonic() + READY_TIMEOUT
        while tg.call_counts["deleteWebhook"] <= polls:
            if self.process.returncode is not None or time.monotonic() > deadline:
                await self.stop()
                raise RuntimeError(f"{self.argv[-1]} did not start:\n{self.log_tail()}")
            await asyncio.sleep(0.05)

    def vm_hwm_kib(self) -> int:
        """The process's peak resident set size (``VmHWM``), in KiB."""
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status (not Linux?)")

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""
