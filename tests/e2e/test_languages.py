"""A resident picks Welsh before consent and finishes in Welsh, through the real bot
process and the stand-in Bot API; every message they get is Welsh."""

from __future__ import annotations

import os
import re
from pathlib import Path

from civicbot.bot.texts import english_messages
from civicbot.script import load_script
from civicbot.script.load import _read_yaml
from civicbot.script.translations import english_texts, split_frozen
from tests.e2e import driver
from tests.e2e.conftest import ROOT, BotProcess
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import open_store

SCRIPT = ROOT / "prompts" / "values-and-services.yaml"
WELSH_ANSWER = "Mae angen i bobl wrando a helpu mewn pryd."


def _english() -> tuple[set[str], set[str]]:
    """English sentences (three words or more) and English button labels a Welsh
    resident must never see, less those that read the same in Welsh."""
    loaded = load_script(SCRIPT)
    own, _ = _read_yaml(split_frozen(loaded.source)[0], str(SCRIPT))
    texts = list(english_texts(own, "en").values()) + list(english_messages().values())
    sentences = {
        part.strip()
        for text in texts
        for part in re.split(r"(?<=[.?!:])\s+|\n", text)
        if len(part.split()) >= 3 and "{" not in part
    }
    labels = {t for t in texts if len(t.split()) <= 4 and t.strip()}
    return sentences, labels


def _welsh_labels() -> set[str]:
    loaded = load_script(SCRIPT)
    out = set()
    for step in loaded.script.steps():
        for option in step.options:
            if isinstance(option.label, dict):
                out.add(option.label.get("cy", ""))
    return out


async def test_a_resident_picks_welsh_before_consent_and_finishes_in_welsh(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    gwen = tg.user(6301, "Gwen", language_code="cy")
    await gwen.send_command("start")
    picker = await tg.wait_for(gwen.chat_id, driver.is_picker)
    # Telegram says Welsh: Welsh comes first and ticked; names in their own script.
    assert driver.buttons(picker) == ["✓ Cymraeg", "English", "Polski", "اردو"]
    assert picker["text"].startswith("Dewiswch eich iaith.")
    await gwen.press(picker, "✓ Cymraeg")
    hello = await tg.wait_for(gwen.chat_id, lambda m: "Nesaf ➡" in driver.buttons(m))
    await gwen.press(hello, "Nesaf ➡")  # the notice's first layer, in Welsh
    notice = await tg.wait_for(gwen.chat_id, lambda m: "Rwy'n cytuno" in driver.buttons(m))
    async with await open_store(bot.db) as store:
        resident = store.resident_id(6301)
        assert await store.active_round_for(resident) is not None
        # Nothing about Gwen is kept before she agrees.
        round_id = await store.active_round_for(resident)
        assert round_id is not None
        state = await store.get_session(round_id, resident)
        assert state is None or state.status != "active"
    await gwen.press(notice, "Rwy'n cytuno")
    prompt = await driver.next_prompt(tg, gwen.chat_id)
    await gwen.send_command("help")
    help_text = await tg.wait_for(gwen.chat_id, "/skip")
    assert "hepgor y cwestiwn hwn" in help_text["text"]
    answered = 0
    finish = "Mae eich atebion wedi'u cadw"
    while finish not in (prompt.get("text") or ""):
        labels = driver.buttons(prompt)
        options = [b for b in labels if b not in {"Hepgor", "⬅ Yn ôl", "Wedi gorffen"}]
        if "Symud ymlaen ➜" in labels:  # the deliberation step: move on
            await gwen.press(prompt, "Symud ymlaen ➜")
        elif "Wedi gorffen" in labels:
            await gwen.press(prompt, options[0])
            await tg.wait_for(gwen.chat_id, lambda m: "✓" in str(m.get("reply_markup")), edits=True)
            await gwen.press(prompt, "Wedi gorffen")
        elif options:
            await gwen.press(prompt, options[0])
        else:
            await gwen.send_text(WELSH_ANSWER)
        answered += 1
        assert answered < 80, tg.transcript(gwen.chat_id)[-3000:]
        prompt = await tg.wait_for(
            gwen.chat_id, lambda m: bool(driver.buttons(m)) or finish in (m.get("text") or "")
        )
    assert answered >= 10
    transcript = tg.transcript(gwen.chat_id)
    sentences, labels = _english()
    welsh_labels = _welsh_labels()
    events = tg.world.chat_events.get(gwen.chat_id, [])
    seen = [e.message for e in events]
    assert len(seen) > answered
    for message in seen[1:]:  # the picker names every language, in its own words
        text = message.get("text") or ""
        for sentence in sentences:
            assert sentence not in text, f"English in a Welsh dialogue: {sentence!r}\n{text}"
        for label in driver.buttons(message):
            assert label not in labels or label in welsh_labels, f"English button {label!r}"
    async with await open_store(bot.db) as store:
        data = await store.round_data(round_id)
    mine = [a for a in data.answers if a.resident == resident]
    assert mine and {a.language for a in mine} == {"cy"}
    assert any(a.value == WELSH_ANSWER for a in mine)
    if out := os.environ.get("CIVICBOT_WELSH_TRANSCRIPT"):
        Path(out).write_text(transcript, encoding="utf-8")


async def test_an_unknown_language_is_answered_with_names(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    ola = tg.user(6302, "Ola", language_code="pl")
    await ola.send_command("language", "fr")
    reply = await tg.wait_for(ola.chat_id, driver.is_picker)
    assert "English, Cymraeg, Polski, اردو" in reply["text"]
    assert driver.buttons(reply)[0] == "✓ Polski"  # Telegram says Polish


async def test_urdu_stays_readable_right_to_left(tg: FakeTelegram, bot: BotProcess) -> None:
    zara = tg.user(6303, "Zara", language_code="ur")
    await zara.send_command("start")
    picker = await tg.wait_for(zara.chat_id, driver.is_picker)
    assert driver.buttons(picker)[0] == "✓ اردو"
    await zara.press(picker, "✓ اردو")
    hello = await tg.wait_for(zara.chat_id, lambda m: "اگلا ➡" in driver.buttons(m))
    await zara.press(hello, "اگلا ➡")
    notice = await tg.wait_for(zara.chat_id, lambda m: "میں متفق ہوں" in driver.buttons(m))
    text = notice["text"]
    # Right-to-left lines start with a right-to-left mark; /commands stay left to right.
    assert all(
        line.startswith("\u200f") for line in text.split("\n") if re.search("[\u0600-\u06ff]", line)
    )
    assert "\u2066/privacy\u2069" in text or "/privacy" not in text
    await zara.send_command("privacy")
    privacy = await tg.wait_for(zara.chat_id, "\u2066/mydata\u2069")
    assert privacy["text"].startswith("\u200f")
