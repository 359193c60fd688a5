"""Fetching voice notes: after a voice answer is committed, the audio is downloaded from
Telegram once (``getFile``, then the file) and sealed into the store's voice folder.

One fetcher job runs beside the worker (see :func:`civicbot.bot.jobs.background_jobs`): the
dialogue wakes it after each kept note, and it also fetches, at start and every
``INTERVAL`` seconds, whatever a crash left waiting. Being the only fetcher, it never
downloads a note twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, CallbackContext

from civicbot.bot.sending import clip, with_retry
from civicbot.bot.services import KEY as SERVICES_KEY
from civicbot.bot.services import Services
from civicbot.speech import SpeechUnavailable, Transcriber
from civicbot.store import Store
from civicbot.store.voice import VoiceUnreadable

log = logging.getLogger(__name__)
Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]
KEY = "civicbot.voice"
INTERVAL = 30.0
MYDATA_VOICE_MAX = 10
# Telegram lets bots download files up to 20 MB.
MAX_BYTES = 20 * 1024 * 1024


def file_url_for(api_url: str) -> str:
    """The download prefix beside a Bot API base URL (``…/bot`` -> ``…/file/bot``)."""
    base = api_url.rstrip("/")
    if base.endswith("/bot"):
        return base.removesuffix("/bot") + "/file/bot"
    return base + "/file/bot"


class VoiceFetcher:
    def __init__(self, bot: Bot, store: Store, transcriber: Transcriber | None = None) -> None:
        self.bot = bot
        self.store = store
        self.transcriber = transcriber
        self.wake = asyncio.Event()
        self.fetched = 0

    async def fetch_waiting(self) -> int:
        """Fetch and keep every waiting note's audio; return how many were kept."""
        kept = 0
        while notes := await self.store.voice_waiting():
            progress = False
            for note in notes:
                if note.file_ref is None:
                    continue
                try:
                    found = await self.bot.get_file(note.file_ref)
                    if found.file_size is not None and found.file_size > MAX_BYTES:
                        raise BadRequest("file is too big")
                    audio = bytes(await found.download_as_bytearray())
                except RetryAfter as wait:
                    delay = wait.retry_after
                    seconds = delay if isinstance(delay, int | float) else delay.total_seconds()
                    await asyncio.sleep(min(float(seconds), 60.0))
                    return kept
                except (BadRequest, Forbidden) as error:
                    # Telegram will not give this file (gone, too big): say so once.
                    log.warning("voice note %d cannot be fetched: %s", note.id, error.message)
                    await self.store.voice_fetch_failed(note.id, give_up=True)
                    progress = True
                    continue
                except (TelegramError, OSError) as error:
                    log.warning("voice note %d not fetched yet: %s", note.id, type(error).__name__)
                    await self.store.voice_fetch_failed(note.id)
                    continue
                if await self.store.keep_voice_audio(note.id, audio):
                    kept += 1
                    self.fetched += 1
                    await self.propose(note.id, audio)
                progress = True
            if not progress:
                break
        return kept

    async def propose(self, note_id: int, audio: bytes) -> None:
        """Offline speech-to-text's draft, for a facilitator to confirm (when turned on)."""
        if self.transcriber is None:
            return
        try:
            words = await asyncio.to_thread(self.transcriber.transcribe, audio)
        except (ValueError, RuntimeError) as error:
            log.warning("no speech-to-text for voice note %d: %s", note_id, error)
            return
        if words:
            await self.store.propose_transcript(note_id, words)

    async def run(self, stop: asyncio.Event) -> None:
        with contextlib.suppress(Exception):
            await self.store.sweep_voice_files()
        while not stop.is_set():
            self.wake.clear()
            try:
                await self.store.drop_superseded_voice()
                await self.fetch_waiting()
            except Exception:  # keep going: the next round will try again
                log.exception("fetching voice notes failed")
            stopping = asyncio.ensure_future(stop.wait())
            waking = asyncio.ensure_future(self.wake.wait())
            await asyncio.wait({stopping, waking}, timeout=INTERVAL, return_when="FIRST_COMPLETED")
            for task in (stopping, waking):
                task.cancel()


def background(application: Application, services: Services) -> list[Job]:
    transcriber = None
    if services.settings.speech:
        try:
            transcriber = Transcriber(services.settings.speech_model)
        except SpeechUnavailable as error:
            log.warning("speech-to-text is off: %s", error)
    fetcher = VoiceFetcher(application.bot, services.store, transcriber)
    application.bot_data[KEY] = fetcher
    return [fetcher.run]


async def send_back(context: CallbackContext, chat_id: int, rows: list[dict[str, Any]]) -> int:
    """``/mydata``: the resident's own kept voice notes, played back to them (up to
    ``MYDATA_VOICE_MAX``; the file beside them lists every one). Returns how many."""
    kept = [r for r in rows if r.get("file_name") and isinstance(r.get("id"), int)]
    store = context.application.bot_data[SERVICES_KEY].store
    sent = 0
    for row in kept[:MYDATA_VOICE_MAX]:
        try:
            audio = await store.voice_audio(row["id"])
        except VoiceUnreadable:
            continue
        words = row.get("transcript")
        caption = "Your voice note" + (f", typed up as: {words}" if words else ", not typed up yet")
        send = partial(context.bot.send_voice, chat_id, voice=audio, caption=clip(caption)[:1024])
        done = await with_retry(send)
        sent += done is not None
    if len(kept) > MYDATA_VOICE_MAX:
        more = len(kept) - MYDATA_VOICE_MAX
        await with_retry(
            lambda: context.bot.send_message(
                chat_id,
                f"You have {more} more voice notes with us: they are listed in the file above,"
                " and the organisers can send them to you.",
            )
        )
    return sent


def kick(context: CallbackContext) -> None:
    """Wake the fetcher: a voice note has just been kept."""
    fetcher = context.application.bot_data.get(KEY)
    if isinstance(fetcher, VoiceFetcher):
        fetcher.wake.set()
