"""Hypothesis strategies for the fuzz test: update *specs* of every kind Telegram sends.

A spec says who sends what where; :func:`materialise` turns it into a Bot API update at
delivery time, when the stand-in knows the chat's next message id and which bot
messages a button press can be on (Telegram only delivers presses on real messages, but
their data can be anything a modified client sends).

:func:`generate` draws ``count`` specs from a seeded Hypothesis run (``@given`` with
``st.data()``), so a run is reproducible from its seed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests.e2e.fakeapi.objects import now, titled_chat, utf16_len
from tests.e2e.fakeapi.server import FakeTelegram
from tests.e2e.fakeapi.world import CallbackRecord

JSON = dict[str, Any]
RESIDENTS = tuple(range(20001, 20041))
ADMIN = 29999
PEOPLE = (*RESIDENTS, ADMIN)
GROUPS = (("group", -4001), ("group", -4002), ("supergroup", -1004003), ("channel", -1004004))
SPECIALS = (
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200d",  # zero-width joiner
    "\u200b",  # zero-width space
    "\ufeff",  # byte-order mark
    "\x00",  # NUL
    "\U0001f469\u200d\U0001f467\u200d\U0001f466",  # a family joined by ZWJs
    "\U00010348",  # an astral letter (Gothic hwair)
    "\U0001f4a5",
    "مرحبا بكم",
    "שָׁלוֹם",
    "e\u0301\u0301\u0301",
    "<script>alert(1)</script>",
    "'; DROP TABLE answers; --",
    '=HYPERLINK("http://x")',
    "I want to end my life",
    "07700 900123",
    "{{ 7*7 }}{% raw %}",
)
RESIDENT_COMMANDS = ("start", "skip", "back", "pause", "language", "help", "privacy", "mydata",
                     "forget", "results", "frobnicate", "START", "start@civicbot_test_bot",
                     "start@someone_else_bot")  # fmt: skip
ADMIN_COMMANDS = ("grant", "revoke", "newround", "rounds", "openround", "closeround", "invite",
                  "stats", "moderate", "broadcast", "results")  # fmt: skip
MEDIA = ("sticker", "photo", "voice", "audio", "video", "video_note", "animation", "document",
         "location", "venue", "contact", "poll", "dice")  # fmt: skip

_counter = itertools.count(1)
BATCH = 10


@dataclass(slots=True)
class Spec:
    """One update to deliver: ``kind`` is message, edited_message, callback_query or
    channel_post; ``chat`` is a chat id (a person's id for their private chat)."""

    kind: str
    chat: int
    chat_type: str
    user: int | None
    fields: JSON = field(default_factory=dict)
    pick: int = 0  # which bot message a press is on (modulo how many there are)
    # False for an update python-telegram-bot cannot read (an older or newer Bot API
    # shape): the bot logs it and skips it, so it gets no reply.
    readable: bool = True

    @property
    def private(self) -> bool:
        return self.chat_type == "private"

    @property
    def expects_reply(self) -> bool:
        """Whether the bot must answer. Documented ignores: groups and channels; updates
        python-telegram-bot cannot read (logged, skipped); presses without callback data
        (only game buttons send those, and Telegram requires 1-64 bytes otherwise)."""
        if not self.private or not self.readable:
            return False
        return self.kind != "callback_query" or bool(self.fields.get("data"))


# --- text ------------------------------------------------------------------------------------

chars = st.characters(exclude_categories=["Cs"])  # any code point but lone surrogates
pieces = st.one_of(st.text(chars, max_size=40), st.sampled_from(SPECIALS))
short_text = st.lists(pieces, max_size=6).map("".join)
longest = st.builds(lambda piece: (piece or "x") * (4096 // len(piece or "x") + 1), short_text).map(
    lambda text: text[:4096]
)
texts = st.one_of(short_text, short_text, short_text, longest, st.sampled_from(SPECIALS))


def clip_bytes(text: str, limit: int = 64) -> str:
    """At most ``limit`` bytes of UTF-8, cut on a character boundary (Telegram's rule)."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


numbers = st.one_of(st.integers(-3, 12), st.integers(-(2**63), 2**63))
forged_tokens = st.one_of(
    st.builds(lambda r, s, o: f"{r}:o:{s}:{o}", st.sampled_from([1, 1, 1, 2, 7, 0]),
              numbers, numbers),
    st.builds(lambda r, t: f"{r}:{t}", st.sampled_from([1, 1, 2, 99]),
              st.sampled_from(["s", "b", "c:y", "c:n", "d", "p", "v:1:1", "w", "x", ""])),
    st.builds(lambda p, n, v: f"{p}:{n}:{v}", st.sampled_from("mbr"), numbers,
              st.sampled_from(["a", "r", "s", "y", "n", "e", "c", "zz"])),
    st.sampled_from(["x:forget:yes", "x:forget:no", "x:forget:maybe", ":", "::", "1:", "1"]),
    short_text,
)  # fmt: skip
# About half the presses carry the data of a real button on the message pressed (what
# Telegram's clients send); the rest are forged, stale or missing.
REAL_BUTTON = "\x00real-button"
callback_data = st.one_of(
    st.just(REAL_BUTTON), st.just(REAL_BUTTON), forged_tokens.map(clip_bytes), st.none()
)
arguments = st.one_of(
    st.just(""),
    numbers.map(str),
    short_text,
    st.sampled_from(["../../etc/passwd", "--opens=yesterday", "--approval", "1 library", "0",
                     "values-and-services.yaml Fuzz round", "9" * 40, "a" * 70]),
)  # fmt: skip


# --- message bodies --------------------------------------------------------------------------


def _file(kind: str) -> JSON:
    n = next(_counter)
    return {"file_id": f"FUZZ{kind}{n}", "file_unique_id": f"U{kind}{n}"}


def media_fields(kind: str, caption: str | None) -> JSON:
    files = _file(kind)
    bodies: dict[str, JSON | list[JSON]] = {
        "sticker": {**files, "type": "regular", "width": 512, "height": 512,
                    "is_animated": False, "is_video": False},
        "photo": [{**files, "width": 90, "height": 60}],
        "voice": {**files, "duration": 3},
        "audio": {**files, "duration": 100},
        "video": {**files, "width": 640, "height": 480, "duration": 5},
        "video_note": {**files, "length": 240, "duration": 5},
        "animation": {**files, "width": 320, "height": 240, "duration": 2},
        "document": files,
        "location": {"latitude": 51.5, "longitude": -0.12},
        "venue": {"location": {"latitude": 51.5, "longitude": -0.12}, "title": "Hall",
                  "address": "1 High St"},
        "contact": {"phone_number": "+447700900123", "first_name": "Someone"},
        "poll": {"id": str(next(_counter)), "question": "Q?", "options": [
            {"text": "a", "voter_count": 0, "persistent_id": "pa"},
            {"text": "b", "voter_count": 0, "persistent_id": "pb"}],
            "total_voter_count": 0, "is_closed": False, "is_anonymous": True,
            "type": "regular", "allows_multiple_answers": False, "allows_revoting": True,
            "members_only": False},
        "dice": {"emoji": "🎲", "value": 3},
    }  # fmt: skip
    body: JSON = {kind: bodies[kind]}
    if caption is not None and kind in {"photo", "video", "document", "audio", "animation"}:
        body["caption"] = caption
    return body


# Bodies python-telegram-bot 22.8 refuses: a poll from before Bot API 9.6 (options
# without ``persistent_id``), a sticker without its size, a location without longitude.
UNREADABLE: list[JSON] = [
        {"poll": {"id": "old", "question": "Q?", "total_voter_count": 0, "is_closed": False,
                  "is_anonymous": True, "type": "regular", "allows_multiple_answers": False,
                  "options": [{"text": "a", "voter_count": 0}]}},
        {"sticker": {"file_id": "S", "file_unique_id": "U", "type": "regular"}},
        {"location": {"latitude": 1.0}},
    ]  # fmt: skip
unreadable = st.sampled_from(UNREADABLE)


@st.composite
def command(draw: st.DrawFn, admin: bool) -> JSON:
    names = ADMIN_COMMANDS + RESIDENT_COMMANDS if admin else RESIDENT_COMMANDS
    name = draw(st.sampled_from(names))
    args = draw(arguments)
    text = f"/{name}" + (f" {args}" if args else "")
    body: JSON = {"text": text}
    # Most commands carry their entity, as Telegram's clients send them; some do not.
    if draw(st.integers(0, 9)) > 0:
        body["entities"] = [{"type": "bot_command", "offset": 0,
                             "length": utf16_len(text.split(" ")[0])}]  # fmt: skip
    return body


@st.composite
def message_body(draw: st.DrawFn, admin: bool) -> JSON:
    choice = draw(st.integers(0, 9))
    if choice <= 3:
        return {"text": draw(texts)}
    if choice <= 5:
        return draw(command(admin))
    kind = draw(st.sampled_from(MEDIA))
    return media_fields(kind, draw(st.one_of(st.none(), short_text)))


@st.composite
def spec(draw: st.DrawFn) -> Spec:
    where = draw(st.integers(0, 19))
    if where >= 17:
        chat_type, chat = draw(st.sampled_from(GROUPS))
        if chat_type == "channel":
            return Spec("channel_post", chat, chat_type, None, draw(message_body(False)))
        user = draw(st.sampled_from(PEOPLE))
        return Spec("message", chat, chat_type, user, draw(message_body(user == ADMIN)))
    user = draw(st.sampled_from(PEOPLE))
    if where == 16 and draw(st.integers(0, 4)) == 0:
        return Spec("message", user, "private", user, draw(unreadable), readable=False)
    kind = draw(st.sampled_from(["message"] * 6 + ["callback_query"] * 3 + ["edited_message"]))
    if kind == "callback_query":
        data = draw(callback_data)
        return Spec(kind, user, "private", user, {"data": data}, pick=draw(st.integers(0, 50)))
    if kind == "edited_message":
        return Spec(kind, user, "private", user, {"text": draw(texts)})
    return Spec(kind, user, "private", user, draw(message_body(user == ADMIN)))


def generate(count: int, run_seed: int = 2024) -> list[Spec]:
    """``count`` specs from seeded Hypothesis runs (generation only, no shrinking): each
    example draws a batch of :data:`BATCH`; runs go on with the next seed until enough."""
    found: list[Spec] = []
    attempt = 0
    while len(found) < count:

        @seed(run_seed + attempt)
        @settings(
            max_examples=(count - len(found)) // BATCH + 1,
            database=None,
            phases=[Phase.generate],
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.data())
        def collect(data: st.DataObject) -> None:
            found.extend(data.draw(st.lists(spec(), min_size=BATCH, max_size=BATCH)))

        collect()
        attempt += 1
    return found[:count]


# --- delivery --------------------------------------------------------------------------------


def _user(user_id: int, variant: int) -> JSON:
    """The sender, with optional fields left out in turn (Telegram omits what is unset)."""
    user: JSON = {"id": user_id, "is_bot": False, "first_name": "Fuzz" if variant % 5 else "‮"}
    if variant % 2:
        user["username"] = f"fuzzer{user_id}"
    if variant % 3:
        user["language_code"] = ("en", "cy", "xx-YY", "")[variant % 4] or "en"
    return user


def materialise(tg: FakeTelegram, s: Spec) -> JSON:
    """The update for ``s``, registered with the stand-in so the bot can answer it."""
    world = tg.world
    variant = next(_counter)
    sender: JSON | None
    if s.chat_type == "private":
        assert s.user is not None
        sender = _user(s.user, variant)
        chat = {"id": s.chat, "type": "private", "first_name": sender["first_name"]}
    else:
        sender = None if s.user is None else _user(s.user, variant)
        chat = titled_chat(s.chat, s.chat_type, "Fuzz " + s.chat_type)
    state = world.register_chat(chat)
    mine = world.bot_messages(s.chat)
    if s.kind == "callback_query" and mine:
        query: JSON = {"id": f"fuzz{variant}", "from": sender, "chat_instance": str(s.chat),
                       "message": dict(mine[s.pick % len(mine)])}  # fmt: skip
        data = s.fields.get("data")
        if data == REAL_BUTTON:
            markup = query["message"].get("reply_markup") or {}
            buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
            data = buttons[s.pick % len(buttons)].get("callback_data") if buttons else None
            s.fields["data"] = data  # what was sent decides whether a reply is due
        if data is not None:
            query["data"] = data
        world.callbacks[query["id"]] = CallbackRecord(
            s.chat, query["message"]["message_id"], query.get("data")
        )
        return world.enqueue_raw({"callback_query": query})
    if s.kind == "callback_query":
        # Telegram only sends presses on messages the bot sent (this bot has no inline
        # mode); before the bot has said anything, the person says hello instead.
        s = Spec("message", s.chat, s.chat_type, s.user, {"text": "/start"})
    message: JSON = {"message_id": state.take_message_id(), "chat": chat, "date": now(),
                     **s.fields}  # fmt: skip
    if sender is not None:
        message["from"] = sender
    else:
        message["sender_chat"] = chat
    if s.kind == "edited_message":
        message["edit_date"] = now()
    state.messages[message["message_id"]] = message
    return world.enqueue_raw({s.kind: message})
