"""A stand-in for the Telegram Bot API, for end-to-end tests and benchmarks.

The real bot (python-telegram-bot with ``base_url`` pointed here) talks to ``FakeTelegram``
exactly as it talks to Telegram; tests play the residents with ``FakeUser`` and read what the bot
sent. Run alone with ``python -m tests.e2e.fakeapi --port 8081 --token T``.

Modules: ``server`` (HTTP and the test-facing handle), ``methods`` (the Bot API methods),
``world`` (chats, messages, update queue), ``users`` (simulated users), ``validate`` (Telegram's
checks and error texts), ``faults`` (fault injection and call statistics), ``observe``
(transcripts and waiting), ``objects`` (Bot API object builders), ``control`` (HTTP control
endpoints for driving a separate server process), ``ceiling`` (how long any wait may take
at most: :data:`CEILING`, 60 seconds; every wait is woken by what it waits for).
"""

from .ceiling import CEILING
from .faults import Call
from .server import FakeTelegram
from .users import FakeUser
from .validate import ApiError

__all__ = ["CEILING", "ApiError", "Call", "FakeTelegram", "FakeUser"]
