"""The webhook endpoint in-process: the secret header first, nothing acknowledged while
stopping, and only a whole-number ``update_id`` taken into the inbox."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from civicbot.bot.webhook import HEADER, WebhookConfig, make_app

SECRET = "s3cret-token_ok"


class Runner:
    def __init__(self) -> None:
        self.stopping = False
        self.accepted: list[tuple[int, str]] = []
        self.store = SimpleNamespace()

    async def accept(self, rows: list[tuple[int, str]]) -> int:
        self.accepted.extend(rows)
        return len(rows)


async def test_webhook_answers() -> None:
    runner = Runner()
    app = make_app(runner, WebhookConfig("https://example.org/tg", SECRET))  # type: ignore[arg-type]
    async with TestClient(TestServer(app)) as client:

        async def post(body: Any, secret: str = SECRET) -> int:
            data = body if isinstance(body, str) else json.dumps(body)
            response = await client.post("/telegram", data=data, headers={HEADER: secret})
            return response.status

        assert await post({"update_id": 5}, secret="wrong") == 403
        assert await post({"update_id": 5}, secret="") == 403
        for bad in ("not json", {"no": "id"}, {"update_id": "12"}, {"update_id": True},
                    {"update_id": 1.5}, [1, 2]):  # fmt: skip
            assert await post(bad) == 400, bad
        assert runner.accepted == []
        assert await post({"update_id": 12, "message": {"text": "hi"}}) == 200
        assert runner.accepted == [(12, json.dumps({"update_id": 12, "message": {"text": "hi"}}))]
        runner.stopping = True
        assert await post({"update_id": 13}) == 503
        assert [u for u, _ in runner.accepted] == [12]
