"""Who may do what, on a real store with Telegram updates built from JSON: admins by
numeric ID, facilitators by granted role, nobody from a group chat; refusals audited and
answered, allowed actions audited by ``audit``. (The end-to-end matrix is
tests/e2e/test_auth_matrix.py.)"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from telegram import Update

from civicbot.bot.facilitator import words
from civicbot.bot.facilitator.auth import actor_of, audit, quick_check, require
from civicbot.bot.services import KEY, Services
from civicbot.settings import Settings
from civicbot.store import Store

ADMIN, FACILITATOR, RESIDENT = 11, 22, 33


class Bot:
    """Records what the auth code sends; menus are accepted."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.menus: list[object] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> object:
        self.sent.append((chat_id, text))
        return object()

    async def set_my_commands(self, commands: object, scope: object = None) -> bool:
        self.menus.append(scope)
        return True


def _update(user_id: int, chat_type: str = "private", chat_id: int | None = None) -> Update:
    chat = {"id": chat_id or user_id, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "A group"
    message = {
        "message_id": 1,
        "date": 0,
        "chat": chat,
        "from": {"id": user_id, "is_bot": False, "first_name": "X", "language_code": "en"},
        "text": "/stats 1",
    }
    return Update.de_json({"update_id": 1, "message": message}, None)  # type: ignore[arg-type]


def _context(svc: Services, bot: Bot) -> Any:
    return SimpleNamespace(application=SimpleNamespace(bot_data={KEY: svc}), bot=bot)


async def test_roles_refusals_and_audit(store: Store) -> None:
    svc = Services(store=store, settings=Settings.from_env({"CIVICBOT_ADMINS": str(ADMIN)}))
    await store.grant_facilitator(store.resident_id(FACILITATOR), "someone")
    bot = Bot()
    context = _context(svc, bot)

    admin = await actor_of(_update(ADMIN), svc)
    assert admin is not None and admin.is_admin and admin.may_facilitate
    assert admin.pseudonym == store.resident_id(ADMIN) and admin.chat_id == ADMIN
    assert await store.chat_id_for(admin.pseudonym) == ADMIN  # kept for alerts
    facilitator = await actor_of(_update(FACILITATOR), svc)
    assert facilitator is not None and not facilitator.is_admin and facilitator.may_facilitate
    resident = await actor_of(_update(RESIDENT), svc)
    assert resident is not None and not resident.may_facilitate
    # Nobody acts from a group chat, not even an admin.
    assert await actor_of(_update(ADMIN, "supergroup", -100), svc) is None

    assert [await quick_check(_update(u), svc) for u in (ADMIN, FACILITATOR, RESIDENT)] == [
        True,
        True,
        False,
    ]
    no_user = Update.de_json({"update_id": 2}, None)  # type: ignore[arg-type]
    assert await quick_check(no_user, svc) is False

    assert await require(_update(FACILITATOR), context, "stats") == facilitator
    assert await require(_update(FACILITATOR), context, "grant", admin=True) is None
    assert await require(_update(RESIDENT), context, "stats", target=5) is None
    assert (await require(_update(ADMIN), context, "grant", admin=True)) == admin
    assert bot.sent == [(FACILITATOR, words.ADMINS_ONLY), (RESIDENT, words.FACILITATORS_ONLY)]

    await audit(context, admin, "stats", 5, shown="yes")
    rows = [(r.actor, r.action, r.target, r.allowed, r.details) for r in await store.audit_log()]
    assert rows == [
        (facilitator.pseudonym, "grant", None, False, {}),
        (resident.pseudonym, "stats", "5", False, {}),
        (admin.pseudonym, "stats", "5", True, {"shown": "yes"}),
    ]
