"""With every logger at DEBUG, a full scripted session leaves no secret in the logs: not
the bot token, not the pseudonym secret, not residents' words, not their Telegram IDs."""

from __future__ import annotations

from pathlib import Path

from tests.e2e import driver
from tests.e2e.conftest import SECRET, TOKEN, BotProcess
from tests.e2e.fakeapi import FakeTelegram

USER_ID = 7301234
USERNAME = "canary_username_q"
CANARY = "zebra-canary-{}-plum"


async def test_debug_logs_keep_secrets(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = BotProcess(
        tg.url, tmp_path / "civicbot.db", tmp_path / "bot.log", CIVICBOT_LOG_LEVEL="DEBUG"
    )
    await bot.start()
    try:
        await bot.wait_ready()
        vic = tg.user(USER_ID, "Victoria", username=USERNAME)
        prompt = await driver.consent(tg, vic)
        answered = 0
        while driver.FINISH_MARK not in (prompt.get("text") or ""):
            await driver.answer(tg, vic, prompt, text=CANARY.format(answered))
            answered += 1
            assert answered <= 80
            prompt = await driver.next_prompt(tg, vic.chat_id)
        await vic.send_command("mydata")
        await tg.wait_for(vic.chat_id, lambda m: "document" in m)
        await tg.wait_idle()
        assert await bot.terminate() == 0
    finally:
        await bot.kill()
    log = bot.log_text()
    lines = log.splitlines()
    # It really was a DEBUG run through the whole session.
    assert any(" DEBUG " in line for line in lines), log[-2000:]
    assert "civicbot stopped" in log
    secrets = {
        "the bot token": TOKEN,
        "the token's secret half": TOKEN.split(":", 1)[1],
        "the pseudonym secret": SECRET,
        "the Telegram user id": str(USER_ID),
        "the username": USERNAME,
        "an answer": "canary",
    }
    leaks = [
        f"{what}: {line[:200]}"
        for line in lines
        for what, secret in secrets.items()
        if secret.lower() in line.lower()
    ]
    assert leaks == [], "\n".join(leaks[:20])
