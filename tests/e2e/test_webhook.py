"""Webhook mode: the secret token is checked, and HTTP 200 comes only after the commit."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import aiohttp

from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import CEILING, FakeTelegram
from tests.e2e.helpers import rows

SECRET = "webhook-secret_TOKEN-123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def text_update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    user = {"id": user_id, "is_bot": False, "first_name": "Web"}
    message = {
        "message_id": update_id,
        "date": 1_780_000_000,
        "chat": {"id": user_id, "type": "private", "first_name": "Web"},
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


async def until_listening(http: aiohttp.ClientSession, url: str, timeout: float = CEILING) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            async with http.get(url) as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            if loop.time() > deadline:
                raise
        await asyncio.sleep(0.05)


async def test_webhook_checks_secret_and_commits_first(tg: FakeTelegram, tmp_path: Path) -> None:
    port = free_port()
    bot = BotProcess(
        tg.url,
        tmp_path / "civicbot.db",
        tmp_path / "bot.log",
        CIVICBOT_WEBHOOK_URL="https://civicbot.example.org/telegram",
        CIVICBOT_WEBHOOK_SECRET=SECRET,
        CIVICBOT_WEBHOOK_LISTEN=f"127.0.0.1:{port}",
    )
    bot.args = ["--webhook"]
    await bot.start()
    try:
        await bot.wait_ready()
        url = f"http://127.0.0.1:{port}/telegram"
        tg.register_chat(9101, title="Web")
        async with aiohttp.ClientSession() as http:
            await until_listening(http, f"http://127.0.0.1:{port}/healthz")
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(
                    url, json=text_update(1, 9101, "/start"), headers=headers
                ) as r:
                    assert r.status == 403
            assert rows(bot.db, "SELECT COUNT(*) FROM inbox") == [(0,)]
            good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with http.post(url, json=text_update(2, 9101, "/start"), headers=good) as r:
                assert r.status == 200
                # Acknowledged only once committed: the row is there as the 200 arrives.
                assert rows(bot.db, "SELECT update_id FROM inbox") == [(2,)]
            async with http.post(url, data=b"not json", headers=good) as r:
                assert r.status == 400
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 200
                assert json.loads(await r.text())["ok"] is True
        # The first screen: the language picker, before the consent notice.
        picker = await tg.wait_for(9101, "Choose your language")
        assert picker
        info = tg.world.webhook if hasattr(tg.world, "webhook") else None
        assert info is None or "civicbot.example.org" in json.dumps(info)
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()
