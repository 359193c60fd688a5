"""Webhook mode: Telegram POSTs updates to us, behind a reverse proxy with TLS.

Every request must carry the secret token we gave Telegram in ``setWebhook``
(``X-Telegram-Bot-Api-Secret-Token``), compared in constant time; a missing or wrong token
gets 403 and nothing is written. The inbox rule holds here too: HTTP 200 (Telegram's
acknowledgement) is sent only after the update is committed to the inbox. ``/healthz``
answers for monitors.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from civicbot.bot.runner import ALLOWED_UPDATES, Runner

log = logging.getLogger(__name__)

SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024


@dataclass(frozen=True)
class WebhookConfig:
    url: str  # the public https URL Telegram calls (the reverse proxy forwards it here)
    secret: str
    host: str = "127.0.0.1"
    port: int = 8443
    path: str = "/telegram"


def make_app(runner: Runner, config: WebhookConfig) -> web.Application:
    expected = config.secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403, text="forbidden")
        if runner.stopping:
            # Not acknowledged: Telegram will deliver it again after the restart.
            return web.Response(status=503, text="stopping")
        try:
            body = await request.read()
            update = json.loads(body)
            update_id = update["update_id"]
            if not isinstance(update_id, int) or isinstance(update_id, bool):
                raise TypeError("update_id is not a whole number")
        except (ValueError, KeyError, TypeError):
            return web.Response(status=400, text="not an update")
        await runner.accept([(update_id, body.decode("utf-8"))])
        return web.Response(status=200, text="ok")

    async def health(request: web.Request) -> web.Response:
        pending = len(await runner.store.inbox_pending(limit=1000))
        return web.json_response({"ok": True, "pending": pending})

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(config.path, receive)
    app.router.add_get("/healthz", health)
    return app


def webhook_source(
    runner: Runner, config: WebhookConfig
) -> Callable[[], Coroutine[Any, Any, None]]:
    """A source for :meth:`Runner.run`: register the webhook, serve until stopped."""

    async def serve() -> None:
        await runner.application.bot.set_webhook(
            url=config.url,
            secret_token=config.secret,
            allowed_updates=list(ALLOWED_UPDATES),
        )
        web_runner = web.AppRunner(make_app(runner, config), access_log=None)
        await web_runner.setup()
        site = web.TCPSite(web_runner, config.host, config.port)
        await site.start()
        log.info("webhook listening on %s:%d%s", config.host, config.port, config.path)
        try:
            while not runner.stopping:
                await asyncio.sleep(0.2)
        finally:
            await web_runner.cleanup()

    return serve
