"""Does a big broadcast stall live dialogues? And does it keep to Telegram's limits?

Phase 1: a broadcast of ``--messages`` (default 5,000) drains from the outbox of the real
bot (``civicbot run``) against the stand-in Bot API while ``--residents`` residents are
mid-dialogue, answering question after question. Reports the p50/p95/max latency from a
resident's answer to their next question (target: p95 under 2 s) and the broadcast's
achieved send rate.

Phase 2: a smaller broadcast (``--limited``, default 300) with the stand-in enforcing
Telegram's limits (``limit_rate(overall=30, per_chat=1)``: it answers 429 when they are
broken); reports the 429s the broadcast met and the busiest second.

    .venv/bin/python -m bench.broadcast_latency [--messages 5000] [--residents 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from tests.e2e import driver
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say, seed_round
from tests.e2e.fakeapi import FakeTelegram, FakeUser

TEXT = "Broadcast: thank you for taking part"
FIRST_USER = 1_000_000


async def _broadcast(tg: FakeTelegram, round_id: int) -> None:
    admin = tg.user(ADMIN_ID, "Ada")
    await say(tg, admin, "broadcast", str(round_id), match="Send me the message")
    await admin.send_text(TEXT)
    preview = await tg.wait_for(admin.chat_id, "Preview", timeout=30)
    label = next(
        b["text"] for row in preview["reply_markup"]["inline_keyboard"] for b in row
        if b["text"].startswith("Send")
    )  # fmt: skip
    await admin.press(preview, label)


def _broadcast_sends(tg: FakeTelegram, chats: set[int]) -> list[float]:
    return [c.time for c in tg.send_log if c.method == "sendMessage" and c.chat_id in chats]


async def _live_resident(tg: FakeTelegram, user: FakeUser, stop: asyncio.Event) -> list[float]:
    latencies: list[float] = []
    prompt = await driver.consent(tg, user)
    while not stop.is_set() and driver.FINISH_MARK not in (prompt.get("text") or ""):
        started = time.monotonic()
        await driver.answer(tg, user, prompt)
        prompt = await driver.next_prompt(tg, user.chat_id, timeout=60)
        latencies.append(time.monotonic() - started)
        await asyncio.sleep(0.3)  # a person reads, then answers
    return latencies


async def phase_one(messages: int, residents: int, folder: Path) -> None:
    async with FakeTelegram() as tg:
        users = list(range(FIRST_USER, FIRST_USER + messages))
        for user_id in users:
            tg.register_chat(user_id)
        bot = make_bot(tg, folder)
        round_id = await seed_round(bot.db, users, title="Bench")
        await bot.start()
        try:
            await bot.wait_ready(timeout=60)
            await _broadcast(tg, round_id)
            stop = asyncio.Event()
            live = [tg.user(500 + i, f"Live{i}") for i in range(residents)]
            # Residents keep answering (starting again when done) while the broadcast drains.
            chats = set(users)
            latencies: list[float] = []
            while len(_broadcast_sends(tg, chats)) < messages * 0.95:
                found = await asyncio.gather(*(_live_resident(tg, u, stop) for u in live))
                latencies.extend(x for one in found for x in one)
                live = [tg.user(u.id + 1000, u.user["first_name"]) for u in live]
            sends = _broadcast_sends(tg, chats)
            while len(sends) < messages:
                await asyncio.sleep(0.5)
                sends = _broadcast_sends(tg, chats)
        finally:
            await bot.kill()
    span = sends[-1] - sends[0]
    q = statistics.quantiles(latencies, n=100)
    print(f"phase 1: {messages} broadcast messages, {residents} residents mid-dialogue")
    print(f"  answer -> next question: n={len(latencies)} p50={q[49]:.3f}s p95={q[94]:.3f}s"
          f" max={max(latencies):.3f}s (target p95 < 2 s)")  # fmt: skip
    print(f"  broadcast: {len(sends)} sent in {span:.1f}s = {len(sends) / span:.1f} messages/s;"
          f" busiest second {tg.max_sends_in(1.0)} sends (all chats)")  # fmt: skip


async def phase_two(messages: int, folder: Path) -> None:
    async with FakeTelegram() as tg:
        users = list(range(FIRST_USER, FIRST_USER + messages))
        for user_id in users:
            tg.register_chat(user_id)
        bot = make_bot(tg, folder)
        round_id = await seed_round(bot.db, users, title="Limits")
        await bot.start()
        try:
            await bot.wait_ready(timeout=60)
            await _broadcast(tg, round_id)
            tg.limit_rate(overall=30, per_chat=1)
            chats = set(users)
            while len(_broadcast_sends(tg, chats)) < messages:
                await asyncio.sleep(0.5)
        finally:
            await bot.kill()
    refused = [c for c in tg.stats.errors() if c.status == 429 and c.chat_id in chats]
    sends = _broadcast_sends(tg, chats)
    rate = len(sends) / (sends[-1] - sends[0])
    print(f"phase 2: {messages} messages with the stand-in enforcing 30/s overall, 1/s per chat")
    print(f"  429 replies to broadcast sends: {len(refused)}; busiest second"
          f" {tg.max_sends_in(1.0)} sends; {rate:.1f} messages/s")  # fmt: skip


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--residents", type=int, default=10)
    parser.add_argument("--limited", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        await phase_one(args.messages, args.residents, Path(one))
        await phase_two(args.limited, Path(two))


if __name__ == "__main__":
    asyncio.run(main())
