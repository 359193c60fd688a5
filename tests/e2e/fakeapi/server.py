"""``FakeTelegram``: the HTTP server, and the handle tests hold to drive and observe it.

Requests look like Telegram's: ``GET|POST /bot<token>/<method>`` with parameters in the query
string, a form, a multipart body (uploads) or a JSON body. Replies are ``{"ok": true,
"result": ...}`` or Telegram's error object. Before a method runs, the server applies any
planned delay and fault, so the bot meets slow, limited and failing Telegram on demand.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from . import methods
from .ceiling import CEILING
from .control import add_control_routes
from .faults import SEND_METHODS, Call, Faults, RateLimits, Stats
from .objects import JSON, private_chat, titled_chat, user_dict
from .observe import Match, Watcher, diagnose, render
from .users import FakeUser
from .validate import ApiError, Params, Upload
from .world import World

_MAX_UPLOAD = 50 * 1024 * 1024  # Telegram's limit for bot uploads


def _reply(status: int, body: JSON) -> web.Response:
    return web.Response(
        status=status, text=json.dumps(body, ensure_ascii=False), content_type="application/json"
    )


async def _read_params(request: web.Request) -> Params:
    values: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method == "POST" and request.body_exists:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse JSON request body") from None
            if isinstance(body, dict):
                values.update(body)
        else:
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    uploads[name] = Upload(value.file.read(), value.filename, value.content_type)
                else:
                    values[name] = str(value)
    return Params(values, uploads)


def _chat_id_of(params: Params) -> int | None:
    try:
        return params.chat_id() if params.has("chat_id") else None
    except ApiError:
        return None


class FakeTelegram:
    """A stand-in Telegram Bot API server on 127.0.0.1, plus the test's view of it."""

    def __init__(
        self,
        token: str = "123456789:TEST-token-for-civicbot",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "civicbot_test_bot",
        bot_first_name: str = "Civicbot",
        first_update_id: int = 1000,
        control: bool = False,
    ) -> None:
        self.token = token
        self.control = control
        self.host = host
        self.port = port
        head = token.split(":", 1)[0]
        bot_id = int(head) if head.isdigit() else 123456789
        bot_user = user_dict(bot_id, bot_first_name, username=bot_username, is_bot=True)
        self.world = World(bot_user, first_update_id)
        self.faults = Faults()
        self.stats = Stats()
        self.limits = RateLimits()
        self.watcher = Watcher(self.world, self._diagnose)
        self._users: dict[int, FakeUser] = {}
        self._runner: web.AppRunner | None = None

    # --- lifecycle --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The ``base_url`` for python-telegram-bot: it appends the token itself."""
        if self._runner is None:
            raise RuntimeError("FakeTelegram is not started")
        return f"http://{self.host}:{self.port}/bot"

    @property
    def file_url(self) -> str:
        """The ``base_file_url`` for python-telegram-bot, for downloading files."""
        return self.url.removesuffix("/bot") + "/file/bot"

    async def start(self) -> None:
        app = web.Application(client_max_size=_MAX_UPLOAD)
        if self.control:
            add_control_routes(app, self)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self.port = int(runner.addresses[0][1])  # the real port when 0 asked for a free one
        self._runner = runner

    async def stop(self) -> None:
        if self._runner is None:
            return
        self.world.closing = True
        self.world.wake_all()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # --- HTTP -------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._download(path.removeprefix("/file/bot"))
        if not path.startswith("/bot"):
            return _reply(404, ApiError(404, "Not Found").body())
        token, _, name = path.removeprefix("/bot").partition("/")
        if token != self.token:
            return _reply(401, ApiError(401, "Unauthorized").body())
        canonical = methods.lookup(name)
        if canonical is None:
            return _reply(404, ApiError(404, "Not Found").body())
        started = time.monotonic()
        chat_id: int | None = None
        try:
            params = await _read_params(request)
            chat_id = _chat_id_of(params)
            pause = self.faults.delay_for(canonical)
            if pause:
                await asyncio.sleep(pause)
            fault = self.faults.take(canonical, chat_id) or self.limits.check(
                canonical, chat_id, time.monotonic()
            )
            if fault is not None:
                raise fault
            result = await methods.METHODS[canonical](self.world, params)
            if canonical in SEND_METHODS:
                self.limits.record(chat_id, time.monotonic())
        except ApiError as error:
            self.stats.record(canonical, chat_id, error.status, started)
            self.world.notify()
            return _reply(error.status, error.body())
        self.stats.record(canonical, chat_id, 200, started)
        self.world.notify()  # waiters on the bot's calls (wait_idle, wait_until) re-check
        return _reply(200, {"ok": True, "result": result})

    def _download(self, rest: str) -> web.StreamResponse:
        token, _, file_path = rest.partition("/")
        if token != self.token:
            return _reply(401, ApiError(401, "Unauthorized").body())
        for stored in self.world.files.values():
            if stored.file_path == file_path:
                self.world.downloads[stored.file_id] += 1
                return web.Response(body=stored.content, content_type="application/octet-stream")
        return _reply(404, ApiError(404, "Not Found").body())

    # --- the residents' side ----------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Alex",
        username: str | None = None,
        language_code: str | None = "en",
        last_name: str | None = None,
    ) -> FakeUser:
        """The simulated user ``user_id`` (the same object on every call)."""
        if user_id not in self._users:
            self._users[user_id] = FakeUser(
                self.world,
                user_id,
                first_name,
                username=username,
                last_name=last_name,
                language_code=language_code,
            )
        return self._users[user_id]

    def register_chat(
        self, chat_id: int, *, chat_type: str = "private", title: str = "Chat"
    ) -> None:
        """Make a chat known without an update, as if it had talked to the bot long ago."""
        if chat_type == "private":
            self.world.register_chat(private_chat(user_dict(chat_id, title)))
        else:
            self.world.register_chat(titled_chat(chat_id, chat_type, title))

    async def raw_update(self, update: dict[str, Any]) -> JSON:
        """Queue any dict as an update (for fuzzing); ``update_id`` is renumbered."""
        return self.world.enqueue_raw(update)

    # --- acknowledgement --------------------------------------------------------------------

    @property
    def confirmed_offset(self) -> int:
        """The highest ``offset`` the bot has passed to getUpdates."""
        return self.world.confirmed_offset

    def pending_updates(self) -> list[JSON]:
        """Updates the bot has not confirmed yet (they will be delivered again)."""
        return list(self.world.updates)

    def lose_acks(self, count: int = 1) -> None:
        """Ignore the next ``count`` confirming offsets, so Telegram delivers those updates
        again (as when the poll that carried the new offset never arrived)."""
        self.world.lost_acks += count

    async def wait_confirmed(self, timeout: float = CEILING) -> None:
        """Wait until the bot has confirmed every queued update (woken by each poll)."""
        deadline = time.monotonic() + timeout
        while self.world.updates:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pending = [u["update_id"] for u in self.world.updates]
                raise AssertionError(f"updates still unconfirmed after {timeout}s: {pending}")
            await self.world.changed(remaining)

    async def wait_until(
        self, check: Callable[[], object], *, timeout: float = CEILING, what: str = ""
    ) -> None:
        """Wait until ``check()`` is true, re-checking whenever the bot does something."""
        deadline = time.monotonic() + timeout
        while not check():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"not true within {timeout}s: {what or repr(check)}")
            await self.world.changed(remaining)

    # --- what the bot did -------------------------------------------------------------------

    def sent(self, chat_id: int) -> list[JSON]:
        """The bot's messages in ``chat_id`` as they are now (edits applied, deleted left out)."""
        return self.world.bot_messages(chat_id)

    def last(self, chat_id: int) -> JSON | None:
        messages = self.world.bot_messages(chat_id)
        return messages[-1] if messages else None

    async def wait_for(
        self, chat_id: int, match: Match = None, *, timeout: float = CEILING, edits: bool = False
    ) -> JSON:
        """The next bot message to ``chat_id`` not yet returned by ``wait_for``, optionally
        the next one whose text contains ``match`` (a string) or satisfies it (a predicate).
        With ``edits=True`` an edit counts as a message too. Returns the message as sent."""
        return await self.watcher.wait_for(chat_id, match, timeout, edits)

    def skip(self, chat_id: int) -> None:
        """Mark everything the bot sent to ``chat_id`` so far as seen by ``wait_for``."""
        self.watcher.skip_all(chat_id)

    async def assert_silent(self, chat_id: int, seconds: float = 0.3) -> None:
        """Fail if the bot sends ``chat_id`` anything new within ``seconds``."""
        before = len(self.world.chat_events.get(chat_id, []))
        await asyncio.sleep(seconds)
        after = self.world.chat_events.get(chat_id, [])[before:]
        if after:
            texts = [event.message.get("text") for event in after]
            raise AssertionError(f"expected no bot messages to chat {chat_id}, got {texts}")

    async def wait_idle(self, quiet: float = 0.2, timeout: float = CEILING) -> None:
        """Wait until every update is confirmed and the bot has made no call (other than
        getUpdates) and received no update for ``quiet`` seconds. Woken by the bot's
        activity, or when the quiet time since the last of it would be up."""
        deadline = time.monotonic() + timeout
        while True:
            moment = time.monotonic()
            last_activity = max(self.world.last_update_at, self.stats.last_call_at)
            if not self.world.updates and moment - last_activity >= quiet:
                return
            if moment > deadline:
                raise AssertionError(
                    f"bot not idle after {timeout}s: {len(self.world.updates)} updates pending, "
                    f"last call {moment - self.stats.last_call_at:.2f}s ago"
                )
            quiet_left = last_activity + quiet - moment if not self.world.updates else quiet
            await self.world.changed(max(0.001, min(quiet_left, deadline - moment)))

    def _diagnose(self, chat_id: int) -> str:
        return diagnose(self.world, self.stats, chat_id)

    def transcript(self, chat_id: int, edits: bool = True) -> str:
        state = self.world.chats.get(chat_id)
        return "" if state is None else render(state, edits)

    def callback_answer(self, query_id: str) -> JSON | None:
        """How the bot answered callback query ``query_id`` (None if not yet)."""
        record = self.world.callbacks.get(query_id)
        return None if record is None else record.answer

    async def wait_answer(self, query_id: str, timeout: float = CEILING) -> JSON:
        deadline = time.monotonic() + timeout
        while (answer := self.callback_answer(query_id)) is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"callback query {query_id} not answered within {timeout}s")
            await self.world.changed(remaining)
        return answer

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        key = json.dumps(scope or {"type": "default"}, sort_keys=True) + "|" + language_code
        return self.world.commands.get(key, [])

    def file_bytes(self, message: JSON) -> bytes:
        """The uploaded content of a document or photo message the bot sent."""
        if "document" in message:
            file_id = message["document"]["file_id"]
        else:
            file_id = message["photo"][-1]["file_id"]
        return self.world.files[file_id].content

    def reply_keyboard(self, chat_id: int) -> JSON | None:
        """The custom reply keyboard the bot last showed in ``chat_id``, if any."""
        state = self.world.chats.get(chat_id)
        return None if state is None else state.reply_keyboard

    # --- faults and statistics --------------------------------------------------------------

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
        """Make the next ``count`` calls of ``method`` ("*" for any) fail with ``status``."""
        canonical = "*" if method == "*" else methods.lookup(method)
        if canonical is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        self.faults.fail_next(
            canonical,
            status,
            count=count,
            retry_after=retry_after,
            description=description,
            chat_id=chat_id,
        )

    def block(self, chat_id: int) -> None:
        """From now on, sends to ``chat_id`` fail with 403 (the user blocked the bot)."""
        self.faults.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.faults.blocked.discard(chat_id)

    def delay(self, method: str, seconds: float) -> None:
        """Hold every ``method`` call ("*" for all) for ``seconds`` before answering it."""
        canonical = "*" if method == "*" else methods.lookup(method)
        if canonical is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        self.faults.delays[canonical] = seconds

    def limit_rate(
        self,
        *,
        overall: int | None = 30,
        per_chat: int | None = None,
        per_group_minute: int | None = 20,
    ) -> None:
        """Enforce Telegram's flood limits with 429 replies (``None`` turns one off)."""
        self.limits.overall = overall
        self.limits.per_chat = per_chat
        self.limits.per_group_minute = per_group_minute

    @property
    def call_counts(self) -> Counter[str]:
        return self.stats.counts

    @property
    def send_log(self) -> list[Call]:
        """Successful sends and edits: (time, method, chat_id, status) in arrival order."""
        return self.stats.sends

    def max_sends_in(self, window: float = 1.0, chat_id: int | None = None) -> int:
        return self.stats.max_sends_in(window, chat_id)
