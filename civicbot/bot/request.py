"""The HTTP client the bot sends Bot API requests with.

python-telegram-bot's :class:`~telegram.request.HTTPXRequest` hands every request to
httpcore's connection pool. When many residents' replies overlap, the pool's bookkeeping
(checking each pooled connection, re-scanning every queued request whenever one finishes)
costs more CPU than the request itself. :class:`BoundedRequest` lets at most as many
requests in as there are connections, so the pool never queues: the rest wait their turn
on an :class:`asyncio.Semaphore`, which costs next to nothing.

``bench/bot_throughput.py`` measures the difference (residents' replies per second).
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.request import HTTPXRequest

# Enough connections for Telegram's limits (about 30 messages a second) at a 100-200 ms
# round trip; few enough that the pool's per-request checks stay cheap.
CONNECTIONS = 4


class BoundedRequest(HTTPXRequest):
    def __init__(self, connection_pool_size: int = CONNECTIONS, **kwargs: Any) -> None:
        super().__init__(connection_pool_size=connection_pool_size, **kwargs)
        self._slots = asyncio.Semaphore(connection_pool_size)

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        async with self._slots:
            return await super().do_request(*args, **kwargs)
