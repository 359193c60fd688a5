"""Request parameters and the checks Telegram applies to them, with Telegram's own error texts.

Parameters arrive as strings (query string, form or multipart; PTB JSON-encodes every non-string
value) or typed (a JSON body); the ``Params`` accessors accept both. Each rule raises ``ApiError``
carrying the status and description the real Bot API returns, so the bot under test meets the
same failures it would meet in production.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from .objects import JSON


class ApiError(Exception):
    """A Bot API error reply: ``{"ok": false, "error_code": status, "description": ...}``."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part of a multipart request."""

    content: bytes
    filename: str | None
    content_type: str | None


class Params:
    """The parameters of one call, read the way the Bot API reads them."""

    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload]) -> None:
        self.values = values
        self.uploads = uploads

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def get_str(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def get_int(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f'invalid value for parameter "{name}"') from None

    def get_float(self, name: str, default: float | None = None) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f'invalid value for parameter "{name}"') from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1")

    def get_json(self, name: str, what: str) -> Any:
        """A JSON-encoded parameter such as ``reply_markup``; ``what`` names it in errors."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what} JSON object") from None

    def chat_id(self) -> int:
        raw = self.values.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            return int(str(raw).strip())
        except ValueError:
            # "@channelusername" is valid Telegram input, but no chat here has a username.
            raise bad_request("chat not found") from None


# --- message text --------------------------------------------------------------------------

MAX_TEXT = 4096
MAX_CAPTION = 1024

_HTML_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
# In MarkdownV2 these are never formatting, so Telegram insists on a backslash before them.
_MDV2_LITERAL_ONLY = set(".!#+-={}|")


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text a reader sees, after Telegram parses the markup; raises on invalid markup."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode == "markdown":
        return re.sub(r"[*_`\[]", "", text)
    return text


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _parse_html(text: str) -> str:
    open_tags: list[str] = []
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<", pos)
        if start < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        match = _TAG.match(text, start)
        if match is None:
            offset = _byte_offset(text, start)
            raise bad_request(
                f"can't parse entities: Unexpected end of name token at byte offset {offset}"
            )
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in _HTML_TAGS:
            kind = "end" if closing else "start"
            offset = _byte_offset(text, start)
            raise bad_request(
                f'can\'t parse entities: Unsupported {kind} tag "{name}" at byte offset {offset}'
            )
        if closing:
            if not open_tags or open_tags[-1] != name:
                expected = f'"</{open_tags[-1]}>"' if open_tags else "no end tag"
                offset = _byte_offset(text, start)
                raise bad_request(
                    f"can't parse entities: Unmatched end tag at byte offset {offset}, "
                    f'expected {expected}, found "</{name}>"'
                )
            open_tags.pop()
        else:
            open_tags.append(name)
        pos = match.end()
    if open_tags:
        raise bad_request(
            "can't parse entities: Can't find end tag corresponding to start tag "
            f'"{open_tags[-1]}"'
        )
    return html.unescape("".join(out))


def _parse_markdown_v2(text: str) -> str:
    out: list[str] = []
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _MDV2_LITERAL_ONLY:
            raise bad_request(
                f"can't parse entities: Character '{char}' is reserved and must be escaped "
                f"with the preceding '\\' (byte offset {_byte_offset(text, index)})"
            )
        elif char not in "*_~`|[]()":
            out.append(char)
    return "".join(out)


def check_text(text: str | None, parse_mode: str | None) -> str:
    """Validate a message text; returns the visible text Telegram would store."""
    if text is None or not text.strip():
        raise bad_request("message text is empty")
    visible = visible_text(text, parse_mode)
    if not visible.strip():
        raise bad_request("message text is empty")
    if len(visible.strip()) > MAX_TEXT:
        raise bad_request("message is too long")
    return visible


def check_caption(caption: str | None, parse_mode: str | None) -> str | None:
    if caption is None or caption == "":
        return None
    visible = visible_text(caption, parse_mode)
    if len(visible.strip()) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return visible


# --- keyboards and commands ----------------------------------------------------------------

_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "web_app",
    "login_url",
    "callback_game",
    "pay",
    "copy_text",
)


def check_markup(markup: Any) -> JSON | None:
    """Validate ``reply_markup``; returns it if it is an inline keyboard (the only kind that is
    echoed back on the message), None for reply keyboards, removal and force-reply."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if not any(k in markup for k in ("keyboard", "remove_keyboard", "force_reply")):
            raise bad_request("can't parse reply keyboard markup JSON object")
        return None
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('Field "inline_keyboard" must be of type Array')
    count = 0
    for row in rows:
        if len(row) > 8:
            raise bad_request("too many buttons in a row")
        for button in row:
            count += 1
            _check_button(button)
    if count > 100:
        raise bad_request("reply markup is too long")
    return {"inline_keyboard": [[dict(button) for button in row] for row in rows if row]}


def _check_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: Object expected")
    if "text" not in button:
        raise bad_request("can't parse inline keyboard button: Can't find field \"text\"")
    if not isinstance(button["text"], str) or not button["text"].strip():
        raise bad_request("BUTTON_TEXT_EMPTY")
    if not any(key in button for key in _BUTTON_ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not str(button["url"]).startswith(("http://", "https://", "tg://")):
        raise bad_request("BUTTON_URL_INVALID")


_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


def check_commands(commands: Any) -> list[JSON]:
    if commands is None:
        return []
    if not isinstance(commands, list):
        raise bad_request('Field "commands" must be of type Array')
    if len(commands) > 100:
        raise bad_request("too many commands")
    checked: list[JSON] = []
    for item in commands:
        if not isinstance(item, dict) or "command" not in item:
            raise bad_request("can't parse BotCommand: Can't find field \"command\"")
        if "description" not in item:
            raise bad_request("can't parse BotCommand: Can't find field \"description\"")
        command, description = str(item["command"]), str(item["description"])
        if not _COMMAND.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not description.strip():
            raise bad_request("command description must be non-empty")
        if len(description) > 256:
            raise bad_request("command description is too long")
        checked.append({"command": command, "description": description})
    return checked
