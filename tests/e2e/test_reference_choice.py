"""/newround --reference through the real bot (issue #9 finding 5, issue #16): the live
database and files outside the references folder are refused with the reason, a place
named by code is accepted, and /stats compares with it."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, round_number, say
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import rows


async def test_newround_reference_is_checked(tg: FakeTelegram, tmp_path: Path) -> None:
    folder = tmp_path / "references"
    folder.mkdir()
    (folder / "latin.csv").write_bytes(b"field,value,share,source\narea,caf\xe9,1.0,x\n")
    bot = make_bot(tg, tmp_path, CIVICBOT_REFERENCES=str(folder))
    await bot.start()
    try:
        await bot.wait_ready()
        admin = tg.user(ADMIN_ID, "Ada")
        before = rows(bot.db, "SELECT id FROM rounds")  # the bot's default round
        for spec in (str(bot.db), "../civicbot.db", "latin.csv", "scotland"):
            refused = await say(
                tg, admin, "newround", f"values-and-services.yaml X --reference={spec}"
            )
            assert "I cannot use that reference population" in refused["text"], refused["text"]
        assert rows(bot.db, "SELECT id FROM rounds") == before  # nothing was created
        made = await say(
            tg, admin, "newround", "values-and-services.yaml Wigan --reference=E08000010"
        )
        round_id = round_number(made["text"])
        assert rows(bot.db, "SELECT reference FROM rounds WHERE id = ?", (round_id,)) == [
            ("wigan",)
        ]
        stats = await say(tg, admin, "stats", str(round_id))
        assert "against Wigan" in stats["text"]
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-4000:]
