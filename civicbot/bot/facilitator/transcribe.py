"""/transcribe [ROUND]: one voice answer at a time, played to the facilitator as a voice
message; the text they type next becomes the answer's text.

The note is claimed for this facilitator while they listen, so two facilitators are not
given the same one. Their text is stored like any answer (scrubbed wherever it is
quoted, screened for moderation) and the report marks it as transcribed from voice.
Buttons carry ``t:<note>:s`` (skip) or ``t:<note>:p`` (use the speech-to-text proposal);
the note is looked up and the presser checked again on every press.
"""

from __future__ import annotations

import logging
import re
from functools import partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from civicbot.bot.facilitator.auth import Actor, audit, require
from civicbot.bot.facilitator.common import Context, args, reply
from civicbot.bot.sending import answer_quietly, clip, with_retry
from civicbot.bot.services import Services, services
from civicbot.engine.types import AnswerGiven
from civicbot.safeguarding import detect
from civicbot.safeguarding.respond import respond as safeguarding_respond
from civicbot.script.model import text_in
from civicbot.store.voice import VoiceNote, VoiceUnreadable
from civicbot_analysis.scrub import scrub

log = logging.getLogger(__name__)
PATTERN = r"^t:\d{1,12}:[sp]$"
PROMPT = "transcribe"
_SKIPPED = "transcribe_skipped"
MAX_TRANSCRIPT = 4000

NOTHING = "No voice notes are waiting to be transcribed. Thank you!"


def _keyboard(note: VoiceNote) -> InlineKeyboardMarkup:
    row = [InlineKeyboardButton("Skip this one", callback_data=f"t:{note.id}:s")]
    if note.proposed:
        row.insert(0, InlineKeyboardButton("Use the proposal", callback_data=f"t:{note.id}:p"))
    return InlineKeyboardMarkup([row])


async def _caption(svc: Services, note: VoiceNote, waiting: int) -> str:
    row = await svc.store.get_round(note.round_id)
    question = note.step_id
    if row is not None:
        script = await svc.script_for(row)
        language = script.default_language
        for step in script.steps():
            if step.id == note.step_id:
                question = text_in(step.text, language, language).strip().split("\n")[-1]
    title = row.title if row else str(note.round_id)
    lines = [
        f"Round {note.round_id} “{title}” · {waiting} waiting",
        f"Answer to: {question}",
        f"Voice note, {note.duration}s.",
    ]
    if note.proposed:
        lines.append(f"Speech-to-text proposes:\n{note.proposed}")
        lines.append("Press “Use the proposal” if it is right, or type the answer yourself.")
    else:
        lines.append("Type what you hear and send it: it becomes the answer's text.")
    return clip("\n".join(lines))


async def offer_next(context: Context, actor: Actor, round_id: int | None) -> None:
    """Claim the next note and play it to the facilitator, or say nothing is waiting."""
    svc = services(context)
    assert context.user_data is not None
    skipped: list[int] = context.user_data.setdefault(_SKIPPED, [])
    while True:
        found = await svc.store.next_to_transcribe(actor.pseudonym, round_id, tuple(skipped))
        if found is None:
            await svc.store.clear_prompt(actor.pseudonym)
            await reply(context, actor.chat_id, NOTHING)
            return
        note, waiting = found
        try:
            audio = await svc.store.voice_audio(note.id)
        except VoiceUnreadable:
            skipped.append(note.id)  # audio lost or damaged: the log says which
            await audit(context, actor, "transcribe", note.id, result="audio unreadable")
            continue
        break
    await svc.store.set_prompt(actor.pseudonym, PROMPT, note.id)
    caption = await _caption(svc, note, waiting)
    sent = await with_retry(
        lambda: context.bot.send_voice(
            actor.chat_id,
            voice=audio,
            caption=caption[:1024],
            duration=note.duration or None,
            reply_markup=_keyboard(note),
        )
    )
    if sent is not None and len(caption) > 1024:
        await reply(context, actor.chat_id, caption)
    await audit(context, actor, "transcribe-listen", note.id)


async def on_transcribe(update: Update, context: Context) -> None:
    actor = await require(update, context, "transcribe")
    if actor is None:
        return
    given = args(context)
    round_id = int(given[0]) if given and given[0].isdigit() and len(given[0]) < 10 else None
    assert context.user_data is not None
    context.user_data[_SKIPPED] = []
    context.user_data["transcribe_round"] = round_id
    await offer_next(context, actor, round_id)


async def save(context: Context, actor: Actor, note_id: int, typed: str) -> None:
    """The facilitator's text for note ``note_id``: store it as the answer, then offer
    the next note."""
    svc = services(context)
    text = typed.strip()
    if not text or len(text) > MAX_TRANSCRIPT:
        await svc.store.set_prompt(actor.pseudonym, PROMPT, note_id)
        await reply(
            context,
            actor.chat_id,
            f"Please type the answer's words (up to {MAX_TRANSCRIPT} characters).",
        )
        return
    note = await svc.store.voice_note(note_id)
    row = None if note is None else await svc.store.get_round(note.round_id)
    saved = False
    if note is not None and row is not None:
        script = await svc.script_for(row)
        requests = svc.screening.requests(
            script, [AnswerGiven(note.step_id, text)], requires_approval=row.requires_approval
        )
        saved = await svc.store.transcribe(note_id, text, actor.pseudonym, tuple(requests))
    await audit(context, actor, "transcribe", note_id, result="saved" if saved else "gone")
    if saved and note is not None:
        await _safeguard(context, actor, note, text)
    if saved:
        shown = scrub(text)
        await reply(
            context,
            actor.chat_id,
            f"Saved. The answer now reads (personal details masked):\n{shown}",
        )
    else:
        await reply(
            context,
            actor.chat_id,
            "That voice note no longer stands for an answer (the resident changed it or"
            " asked us to forget them), so nothing was saved.",
        )
    assert context.user_data is not None
    await offer_next(context, actor, context.user_data.get("transcribe_round"))


async def _safeguard(context: Context, actor: Actor, note: VoiceNote, text: str) -> None:
    """Words typed up from a voice note are checked for a risk of harm like typed ones:
    the resident gets the fixed safety reply and the safeguarding alert goes out."""
    disclosure = detect(text)
    if not disclosure:
        return
    svc = services(context)
    chat_id = await svc.store.chat_id_for(note.resident)
    if chat_id is None:
        return
    await safeguarding_respond(
        svc.store,
        svc.settings,
        partial(_send_quietly, context),
        detection=disclosure,
        chat_id=chat_id,
        resident=note.resident,
        round_id=note.round_id,
        update_id=None,
    )
    await reply(
        context,
        actor.chat_id,
        "These words speak of a risk of harm: the resident has been sent the safety reply,"
        " and the safeguarding alert has gone to the facilitators.",
    )


async def _send_quietly(context: Context, chat_id: int, text: str) -> Message | None:
    """A message to a resident's chat that may be gone (they deleted it or left
    Telegram): the safety note and the alert must go on regardless."""
    try:
        return await with_retry(lambda: context.bot.send_message(chat_id, text))
    except TelegramError as error:
        log.warning("safety reply not delivered: %s", type(error).__name__)
        return None


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or not query.data or not re.match(PATTERN, query.data):
        return
    _, raw_id, verb = query.data.split(":")
    note_id = int(raw_id)
    actor = await require(update, context, "transcribe", target=note_id)
    if actor is None:
        return
    await answer_quietly(query)
    svc = services(context)
    assert context.user_data is not None
    if verb == "s":
        context.user_data.setdefault(_SKIPPED, []).append(note_id)
        await svc.store.clear_prompt(actor.pseudonym)
        await audit(context, actor, "transcribe-skip", note_id)
        await offer_next(context, actor, context.user_data.get("transcribe_round"))
        return
    note = await svc.store.voice_note(note_id)
    if note is None or not note.proposed:
        await reply(context, actor.chat_id, "There is no proposal for that voice note.")
        return
    await svc.store.clear_prompt(actor.pseudonym)
    await save(context, actor, note_id, note.proposed)
