"""What the inbox keeps of the copies of other messages an update carries: the bot message
under a pressed button, and a message replied to, can quote a resident's words; only their
ids and chat are kept."""

from __future__ import annotations

import json

from civicbot.store import Store

CHAT = {"id": 7, "type": "private", "first_name": "Ada"}
QUOTED = "my neighbour hits me, please don't tell anyone"


async def test_pressed_and_replied_messages_keep_no_words(store: Store) -> None:
    press = {
        "update_id": 1,
        "callback_query": {
            "id": "q1",
            "from": {"id": 7, "is_bot": False, "first_name": "Ada"},
            "chat_instance": "c",
            "data": "sg:0123456789ab",
            "message": {"message_id": 5, "date": 1, "chat": CHAT, "text": QUOTED},
        },
    }
    reply = {
        "update_id": 2,
        "message": {
            "message_id": 6,
            "date": 2,
            "chat": CHAT,
            "from": {"id": 7, "is_bot": False, "first_name": "Ada"},
            "text": "/grant",
            "reply_to_message": {"message_id": 4, "date": 1, "chat": CHAT, "text": QUOTED},
        },
    }
    await store.inbox_add([(1, json.dumps(press)), (2, json.dumps(reply))])
    stored = {update_id: json.loads(payload) for update_id, payload in await store.inbox_pending()}
    assert QUOTED not in json.dumps(stored)
    pressed = stored[1]["callback_query"]
    assert pressed["data"] == "sg:0123456789ab"
    assert pressed["message"]["message_id"] == 5 and pressed["message"]["chat"]["id"] == 7
    assert stored[2]["message"]["reply_to_message"]["message_id"] == 4
    assert stored[2]["message"]["text"] == "/grant"
