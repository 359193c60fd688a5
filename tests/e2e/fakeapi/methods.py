"""The Bot API methods the stand-in implements, each returning the ``result`` Telegram would.

A method takes the ``World`` and the call's ``Params`` and either returns the result object or
raises ``ApiError``. ``METHODS`` maps the canonical (camelCase) name to the implementation;
Telegram matches method names case-insensitively, and so does ``lookup``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from .objects import (
    JSON,
    StoredFile,
    document_dict,
    image_size,
    new_file,
    photo_sizes,
)
from .validate import (
    ApiError,
    Params,
    bad_request,
    check_caption,
    check_commands,
    check_markup,
    check_text,
)
from .world import World

Method = Callable[[World, Params], Awaitable[Any]]
METHODS: dict[str, Method] = {}

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


_BY_LOWER: dict[str, str] = {}


def method(func: Method) -> Method:
    METHODS[func.__name__] = func
    _BY_LOWER[func.__name__.lower()] = func.__name__
    return func


def lookup(name: str) -> str | None:
    """The canonical name of method ``name``, or None if the stand-in does not have it."""
    return _BY_LOWER.get(name.lower())


# --- the bot itself ---------------------------------------------------------------------------


@method
async def getMe(world: World, p: Params) -> JSON:
    return world.bot_user | {
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method
async def logOut(world: World, p: Params) -> bool:
    return True


@method
async def close(world: World, p: Params) -> bool:
    return True


_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


def _commands_key(world: World, p: Params) -> str:
    scope = p.get_json("scope", "bot command scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope")
    if scope["type"].startswith("chat"):
        chat_id = scope.get("chat_id")
        if not isinstance(chat_id, int):
            raise bad_request('can\'t parse BotCommandScope: Field "chat_id" must be an Integer')
        world.known_chat(chat_id)  # Telegram knows only chats that wrote to the bot
    return json.dumps(scope, sort_keys=True) + "|" + (p.get_str("language_code") or "")


@method
async def setMyCommands(world: World, p: Params) -> bool:
    key = _commands_key(world, p)
    world.commands[key] = check_commands(p.get_json("commands", "commands"))
    return True


@method
async def getMyCommands(world: World, p: Params) -> list[JSON]:
    return world.commands.get(_commands_key(world, p), [])


@method
async def deleteMyCommands(world: World, p: Params) -> bool:
    world.commands.pop(_commands_key(world, p), None)
    return True


async def _set_description(world: World, p: Params, kind: str, limit: int) -> bool:
    text = p.get_str(kind) or ""
    if len(text) > limit:
        raise bad_request(f"{kind.replace('_', ' ')} is too long")
    world.descriptions[kind + "|" + (p.get_str("language_code") or "")] = text
    return True


@method
async def setMyDescription(world: World, p: Params) -> bool:
    return await _set_description(world, p, "description", 512)


@method
async def setMyShortDescription(world: World, p: Params) -> bool:
    return await _set_description(world, p, "short_description", 120)


@method
async def getMyDescription(world: World, p: Params) -> JSON:
    key = "description|" + (p.get_str("language_code") or "")
    return {"description": world.descriptions.get(key, "")}


@method
async def getMyShortDescription(world: World, p: Params) -> JSON:
    key = "short_description|" + (p.get_str("language_code") or "")
    return {"short_description": world.descriptions.get(key, "")}


# --- updates and webhooks ---------------------------------------------------------------------


@method
async def getUpdates(world: World, p: Params) -> list[JSON]:
    limit = p.get_int("limit", 100) or 100
    limit = min(max(limit, 1), 100)
    timeout = max(0.0, p.get_float("timeout", 0.0) or 0.0)
    return await world.poll(p.get_int("offset", 0) or 0, limit, timeout)


@method
async def setWebhook(world: World, p: Params) -> bool:
    url = p.get_str("url") or ""
    if url and not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.get_str("secret_token")
    if secret is not None and not (
        1 <= len(secret) <= 256 and all(c.isalnum() or c in "_-" for c in secret)
    ):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    if p.get_bool("drop_pending_updates"):
        world.drop_pending()
    world.webhook = {"url": url, "has_custom_certificate": False}
    if p.has("max_connections"):
        world.webhook["max_connections"] = p.get_int("max_connections")
    return True


@method
async def deleteWebhook(world: World, p: Params) -> bool:
    if p.get_bool("drop_pending_updates"):
        world.drop_pending()
    world.webhook = {"url": "", "has_custom_certificate": False}
    return True


@method
async def getWebhookInfo(world: World, p: Params) -> JSON:
    return world.webhook | {"pending_update_count": len(world.updates)}


# --- sending and editing ----------------------------------------------------------------------


def _text_fields(p: Params, text_key: str) -> JSON:
    """``text``/``caption`` with its formatting checked, plus the inline keyboard, if any."""
    fields: JSON = {}
    parse_mode = p.get_str("parse_mode")
    # Telegram stores what the reader sees: markup parsed out, surrounding blanks trimmed.
    if text_key == "text":
        fields["text"] = check_text(p.get_str("text"), parse_mode).strip()
    else:
        caption = check_caption(p.get_str("caption"), parse_mode)
        if caption is not None and caption.strip():
            fields["caption"] = caption.strip()
    markup = check_markup(p.get_json("reply_markup", "reply keyboard markup"))
    if markup is not None:
        fields["reply_markup"] = markup
    return fields


def _reply_fields(world: World, chat_id: int, p: Params) -> JSON:
    reply_to = p.get_int("reply_to_message_id")
    parameters = p.get_json("reply_parameters", "reply parameters")
    if isinstance(parameters, dict):
        reply_to = parameters.get("message_id", reply_to)
    if reply_to is None:
        return {}
    target = world.message(chat_id, int(reply_to))
    if target is None:
        raise bad_request("message to be replied not found")
    return {"reply_to_message": {k: v for k, v in target.items() if k != "reply_to_message"}}


def _keep_reply_keyboard(world: World, chat_id: int, p: Params) -> None:
    markup = p.get_json("reply_markup", "reply keyboard markup")
    if isinstance(markup, dict) and "keyboard" in markup:
        world.chats[chat_id].reply_keyboard = markup
    elif isinstance(markup, dict) and markup.get("remove_keyboard"):
        world.chats[chat_id].reply_keyboard = None


@method
async def sendMessage(world: World, p: Params) -> JSON:
    chat_id = p.chat_id()
    world.known_chat(chat_id)
    fields = _text_fields(p, "text") | _reply_fields(world, chat_id, p)
    _keep_reply_keyboard(world, chat_id, p)
    return world.bot_sends(chat_id, fields)


@method
async def editMessageText(world: World, p: Params) -> JSON:
    if p.has("inline_message_id"):
        raise bad_request("inline messages are not supported by this stand-in")
    chat_id = p.chat_id()
    message = world.bot_message(chat_id, p.get_int("message_id"), "edit")
    fields = _text_fields(p, "text")
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    # Editing the text without a reply_markup removes the inline keyboard, as in Telegram.
    removed = [] if "reply_markup" in fields else ["reply_markup"]
    if fields.get("text") == message.get("text") and fields.get("reply_markup") == message.get(
        "reply_markup"
    ):
        raise _not_modified()
    return world.bot_edits(chat_id, message, fields, removed)


@method
async def editMessageReplyMarkup(world: World, p: Params) -> JSON:
    if p.has("inline_message_id"):
        raise bad_request("inline messages are not supported by this stand-in")
    chat_id = p.chat_id()
    message = world.bot_message(chat_id, p.get_int("message_id"), "edit")
    markup = check_markup(p.get_json("reply_markup", "reply keyboard markup"))
    if markup == message.get("reply_markup"):
        raise _not_modified()
    if markup is None:
        return world.bot_edits(chat_id, message, {}, ["reply_markup"])
    return world.bot_edits(chat_id, message, {"reply_markup": markup}, [])


def _not_modified() -> ApiError:
    return bad_request(
        "message is not modified: specified new message content and reply markup are exactly "
        "the same as a current content and reply markup of the message"
    )


@method
async def deleteMessage(world: World, p: Params) -> bool:
    chat_id = p.chat_id()
    message_id = p.get_int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    world.bot_deletes(chat_id, message_id)
    return True


@method
async def sendChatAction(world: World, p: Params) -> bool:
    chat_id = p.chat_id()
    world.known_chat(chat_id)
    if p.get_str("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


@method
async def answerCallbackQuery(world: World, p: Params) -> bool:
    record = world.callbacks.get(p.get_str("callback_query_id") or "")
    if record is None or record.answer is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answer = {
        "text": text,
        "show_alert": p.get_bool("show_alert"),
        "url": p.get_str("url"),
        "cache_time": p.get_int("cache_time", 0),
    }
    world.notify()
    return True


# --- files ------------------------------------------------------------------------------------


def _file_param(world: World, p: Params, name: str) -> StoredFile:
    """The file in parameter ``name``: an upload, an ``attach://`` part, or a known file_id."""
    upload = p.uploads.get(name)
    value = p.get_str(name)
    if upload is None and value and value.startswith("attach://"):
        upload = p.uploads.get(value.removeprefix("attach://"))
    if upload is not None:
        stored = new_file(upload.content, upload.filename, upload.content_type)
        world.files[stored.file_id] = stored
        return stored
    if value and value in world.files:
        return world.files[value]
    if value and value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    raise bad_request(f"there is no {name} in the request")


@method
async def sendDocument(world: World, p: Params) -> JSON:
    chat_id = p.chat_id()
    world.known_chat(chat_id)
    fields = _text_fields(p, "caption")
    stored = _file_param(world, p, "document")
    if not stored.content:
        raise bad_request("file must be non-empty")
    fields["document"] = document_dict(stored)
    return world.bot_sends(chat_id, fields | _reply_fields(world, chat_id, p))


@method
async def sendPhoto(world: World, p: Params) -> JSON:
    chat_id = p.chat_id()
    world.known_chat(chat_id)
    fields = _text_fields(p, "caption")
    stored = _file_param(world, p, "photo")
    size = image_size(stored.content)
    if size is None:
        raise bad_request("IMAGE_PROCESS_FAILED")
    fields["photo"] = photo_sizes(stored, *size)
    return world.bot_sends(chat_id, fields | _reply_fields(world, chat_id, p))


@method
async def sendVoice(world: World, p: Params) -> JSON:
    chat_id = p.chat_id()
    world.known_chat(chat_id)
    fields = _text_fields(p, "caption")
    stored = _file_param(world, p, "voice")
    if not stored.content:
        raise bad_request("file must be non-empty")
    fields["voice"] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "duration": p.get_int("duration", 0),
        "mime_type": stored.mime_type or "audio/ogg",
        "file_size": len(stored.content),
    }
    return world.bot_sends(chat_id, fields | _reply_fields(world, chat_id, p))


# Telegram lets bots download files up to 20 MB; getFile refuses bigger ones.
MAX_DOWNLOAD = 20 * 1024 * 1024


@method
async def getFile(world: World, p: Params) -> JSON:
    stored = world.files.get(p.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.content) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": stored.file_path,
    }


@method
async def getChat(world: World, p: Params) -> JSON:
    state = world.known_chat(p.chat_id())
    # ChatFullInfo needs these two beyond the Chat fields.
    return state.chat | {"accent_color_id": 0, "max_reaction_count": 11}
