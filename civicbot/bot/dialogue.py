"""Telegram handlers for the dialogue itself: each turns an ``Update`` into an engine
input, lets the store commit the outcome, then sends the replies.

The order matters for durability: the outcome (with the update_id that caused it) is
committed before any reply, so a resident is told an answer is saved only once it is.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Message, Update
from telegram.ext import ContextTypes

from civicbot.bot import language, texts, voice
from civicbot.bot.deliberation import deliberation_pool
from civicbot.bot.sending import answer_quietly, parse_callback, send_messages, with_retry
from civicbot.bot.services import Services, services
from civicbot.engine import current_prompt, handle
from civicbot.engine.types import (
    AnswerGiven,
    Back,
    Input,
    Pause,
    Press,
    Record,
    SessionState,
    SetLanguage,
    Skip,
    Start,
    Text,
    Unsupported,
    Voice,
    VoiceKept,
)
from civicbot.safeguarding import detect
from civicbot.safeguarding.checkin import check_in
from civicbot.safeguarding.detect import may_disclose
from civicbot.safeguarding.respond import respond as safeguarding_respond
from civicbot.script.model import Script
from civicbot.store import RoundRow

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


def _initial_state(script: Script, language_code: str | None) -> SessionState:
    language = script.default_language
    if language_code:
        short = language_code.split("-")[0].lower()
        if short in script.languages:
            language = short
    return SessionState(language=language)


async def _find_round(
    svc: Services, resident: str, round_id: int | None, code: str | None
) -> RoundRow | None:
    if code:
        found = await svc.store.invitation_by_code(code)  # a round's code or an invitation's
        return None if found is None else found[0]
    if round_id is not None:
        row = await svc.store.get_round(round_id)
        if row is not None and row.status == "open":
            return row
    return await svc.store.current_round_for(resident)


async def drive(
    update: Update,
    context: Context,
    inp: Input,
    *,
    round_id: int | None = None,
    code: str | None = None,
    file_id: str | None = None,
) -> None:
    """Run one input through the engine for the resident behind ``update``."""
    svc = services(context)
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    resident = await svc.store.register_identity(user.id, chat.id, user.language_code)
    row = await _find_round(svc, resident, round_id, code)
    lang = await language.for_resident(svc, user, resident, row)
    if isinstance(inp, Text) and (disclosure := detect(inp.text)):
        # Safeguarding comes first: the fixed signposting reply, an event, an alert.
        await safeguarding_respond(
            svc.store,
            svc.settings,
            lambda to, text: with_retry(lambda: context.bot.send_message(to, text)),
            detection=disclosure,
            chat_id=chat.id,
            resident=resident,
            round_id=None if row is None else row.id,
            update_id=update.update_id,
            language=lang,
            wake=svc.alert_wake.set,
        )
    elif isinstance(inp, Text) and may_disclose(inp.text):
        # The second tier: a gentle check-in, and the answer to the review queue; no alert.
        await check_in(
            svc.store,
            lambda to, text: with_retry(lambda: context.bot.send_message(to, text)),
            chat_id=chat.id,
            resident=resident,
            round_id=None if row is None else row.id,
            update_id=update.update_id,
        )
    if row is None or row.status != "open":
        notice = texts.say(lang, "UNKNOWN_ROUND" if code else "NO_ROUND")
        await with_retry(lambda: context.bot.send_message(chat.id, notice))
        return
    script = await svc.script_for(row)
    state, applied = await svc.store.session_for_update(row.id, resident, update.update_id)
    # What the script's deliberation steps may show (None for scripts without them).
    pool = await deliberation_pool(svc.store, row.id, resident, script)
    edit_target = update.callback_query.message if update.callback_query else None
    target = edit_target if isinstance(edit_target, Message) else None
    if state is not None and applied:
        # Handled before a crash, and its reply may have been lost: apply nothing again,
        # show the resident where they are now.
        await send_messages(
            context.bot, chat.id, row.id, current_prompt(script, state, pool), edit_target=None
        )
        return
    if state is None:
        state = _initial_state(script, user.language_code)
    outcome = handle(script, state, inp, pool)
    messages = outcome.messages
    kept_voice = any(isinstance(r, VoiceKept) for r in outcome.records)
    if file_id is not None and isinstance(inp, Unsupported | Voice) and not kept_voice:
        kind = "voice" if isinstance(inp, Voice) else inp.kind
        await svc.store.record_unsupported(row.id, resident, kind, file_id, update.update_id)
    # An invitation's /start keeps its source even while the resident is only choosing
    # a language (nothing else is stored before consent).
    if outcome.changed or (code and state.status == "new"):
        source = None
        if code and state.status == "new":
            found = await svc.store.invitation_by_code(code)
            source = None if found is None else found[1]
        applied = await svc.store.apply_outcome(
            update_id=update.update_id,
            round_id=row.id,
            resident=resident,
            state=outcome.state,
            records=outcome.records,
            source=source,
            moderation=svc.screening.requests(
                script, _words_only(outcome.records), requires_approval=row.requires_approval
            ),
        )
        if not applied:
            # Seen before (a redelivery after a crash): its effect is stored already, so
            # apply nothing and show the resident where they are now.
            stored = await svc.store.get_session(row.id, resident) or state
            pool = await deliberation_pool(svc.store, row.id, resident, script)
            messages = current_prompt(script, stored, pool)
        elif kept_voice:
            voice.kick(context)  # the note is committed: fetch its audio now
    await send_messages(context.bot, chat.id, row.id, messages, edit_target=target)


def _words_only(records: tuple[Record, ...]) -> tuple[Record, ...]:
    """The records as moderation sees them: a voice answer has no words yet (its
    transcript is screened when a facilitator types it), so it takes any earlier typed
    answer to the same question out of the queue and queues nothing."""
    voiced = {r.step_id for r in records if isinstance(r, VoiceKept)}
    if not voiced:
        return records
    return tuple(
        AnswerGiven(r.step_id, "", r.demographic)
        if isinstance(r, AnswerGiven) and r.step_id in voiced
        else r
        for r in records
    )


async def on_start(update: Update, context: Context) -> None:
    payload = (context.args or [""])[0] if context.args else ""
    code = payload.strip()[:64] or None
    await drive(update, context, Start(), code=code)


async def on_skip(update: Update, context: Context) -> None:
    await drive(update, context, Skip())


async def on_back(update: Update, context: Context) -> None:
    await drive(update, context, Back())


async def on_pause(update: Update, context: Context) -> None:
    await drive(update, context, Pause())


async def on_language(update: Update, context: Context) -> None:
    wanted = (context.args or [""])[0].lower()[:10] if context.args else ""
    await drive(update, context, SetLanguage(wanted))


async def on_text(update: Update, context: Context) -> None:
    message = update.effective_message
    text = message.text if message is not None and message.text is not None else ""
    await drive(update, context, Text(text))


_KINDS: tuple[str, ...] = (
    "voice",
    "audio",
    "video_note",
    "video",
    "photo",
    "sticker",
    "animation",
    "document",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
)


def _seconds(raw: object) -> int:
    """A duration as PTB gives it (whole seconds, or a timedelta in newer modes)."""
    if isinstance(raw, timedelta):
        return int(raw.total_seconds())
    return int(raw) if isinstance(raw, int | float) else 0


async def on_other(update: Update, context: Context) -> None:
    """Anything that is not text. A voice note (or an audio file) may answer a free-text
    question; anything else gets a kind word that we need typed words."""
    message = update.effective_message
    kind, file_id, duration, spoken = "other", None, 0, False
    if message is not None:
        for name in _KINDS:
            value = getattr(message, name, None)
            if value:
                kind = "voice" if name in {"voice", "audio", "video_note"} else name
                if name in {"voice", "audio", "video_note"}:
                    file_id = getattr(value, "file_id", None)
                    duration = _seconds(getattr(value, "duration", 0))
                    # A round video is kept by reference only: it cannot be played back
                    # as a voice message, nor heard by speech-to-text.
                    spoken = name != "video_note"
                break
    if kind == "voice" and file_id and spoken:
        await drive(update, context, Voice(file_id, duration), file_id=file_id)
        return
    await drive(update, context, Unsupported(kind), file_id=file_id)


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    await answer_quietly(query)
    round_id, token = parse_callback(query.data)
    await drive(update, context, Press(token), round_id=round_id)


async def on_edited(update: Update, context: Context) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is not None:
        lang = "en" if user is None else await language.for_resident(services(context), user)
        notice = texts.say(lang, "EDITED")
        await with_retry(lambda: context.bot.send_message(chat.id, notice))
