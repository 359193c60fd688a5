"""Serve the stand-in Bot API until interrupted: ``python -m tests.e2e.fakeapi --port 8081``.

Prints the ``base_url`` to give the bot (``CIVICBOT_TELEGRAM_API_URL``) and, for driving it
from another process, the control address (see ``control``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .server import FakeTelegram


async def serve(host: str, port: int, token: str) -> None:
    tg = FakeTelegram(token=token, host=host, port=port, control=True)
    await tg.start()
    print(f"Bot API URL: {tg.url}", flush=True)
    print(f"control: http://{host}:{tg.port}/_fake/", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await tg.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.fakeapi", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default="123456789:TEST-token-for-civicbot")
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port, args.token))


if __name__ == "__main__":
    main()
