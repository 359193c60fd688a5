"""HTTP control endpoints, so a stand-in running in its own process can be driven and read.

Enabled with ``FakeTelegram(control=True)`` (always on for ``python -m tests.e2e.fakeapi``).
All bodies and replies are JSON:

- ``POST /_fake/users/<user_id>/<action>`` with the action's keyword arguments, e.g.
  ``send_text {"text": "hi"}``, ``send_command {"command": "start"}``,
  ``press {"message": 12, "button": "Yes"}``; optional ``first_name``/``username`` name the user.
- ``POST /_fake/update``: queue a raw update.
- ``GET /_fake/chats/<chat_id>/sent`` and ``/transcript``; ``GET /_fake/stats``.
- ``POST /_fake/fail`` (``fail_next`` arguments), ``/_fake/block/<chat_id>``,
  ``/_fake/delay {"method": ..., "seconds": ...}``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .server import FakeTelegram

USER_ACTIONS = frozenset(
    {
        "send_text",
        "send_command",
        "press",
        "press_data",
        "send_sticker",
        "send_photo",
        "send_voice",
        "send_document",
        "send_location",
        "send_contact",
        "edit_message",
        "send_in_group",
        "channel_post",
        "block_bot",
    }
)


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status, text=json.dumps(data, ensure_ascii=False), content_type="application/json"
    )


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.body_exists:
        return {}
    data = await request.json()
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(text="expected a JSON object")
    return data


def add_control_routes(app: web.Application, tg: FakeTelegram) -> None:
    async def user_action(request: web.Request) -> web.Response:
        action = request.match_info["action"]
        if action not in USER_ACTIONS:
            return _json({"error": f"unknown action {action!r}"}, 404)
        kwargs = await _body(request)
        names = {k: kwargs.pop(k) for k in ("first_name", "username") if k in kwargs}
        user = tg.user(int(request.match_info["user_id"]), **names)
        try:
            result = await getattr(user, action)(**kwargs)
        except (TypeError, AssertionError) as error:
            return _json({"error": str(error)}, 400)
        return _json(result)

    async def raw_update(request: web.Request) -> web.Response:
        return _json(await tg.raw_update(await _body(request)))

    async def sent(request: web.Request) -> web.Response:
        return _json(tg.sent(int(request.match_info["chat_id"])))

    async def transcript(request: web.Request) -> web.Response:
        return web.Response(text=tg.transcript(int(request.match_info["chat_id"])))

    async def stats(request: web.Request) -> web.Response:
        return _json(
            {
                "calls": dict(tg.call_counts),
                "sends": len(tg.send_log),
                "pending_updates": len(tg.pending_updates()),
                "confirmed_offset": tg.confirmed_offset,
                "max_sends_per_second": tg.max_sends_in(1.0),
            }
        )

    async def fail(request: web.Request) -> web.Response:
        body = await _body(request)
        tg.fail_next(body.pop("method"), body.pop("status"), **body)
        return _json(True)

    async def block(request: web.Request) -> web.Response:
        tg.block(int(request.match_info["chat_id"]))
        return _json(True)

    async def delay(request: web.Request) -> web.Response:
        body = await _body(request)
        tg.delay(body["method"], float(body["seconds"]))
        return _json(True)

    app.router.add_post("/_fake/users/{user_id:-?\\d+}/{action}", user_action)
    app.router.add_post("/_fake/update", raw_update)
    app.router.add_get("/_fake/chats/{chat_id:-?\\d+}/sent", sent)
    app.router.add_get("/_fake/chats/{chat_id:-?\\d+}/transcript", transcript)
    app.router.add_get("/_fake/stats", stats)
    app.router.add_post("/_fake/fail", fail)
    app.router.add_post("/_fake/block/{chat_id:-?\\d+}", block)
    app.router.add_post("/_fake/delay", delay)
