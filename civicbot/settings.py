"""Settings, declared once: every setting civicbot reads from the environment.

Built at the entry point (``Settings.from_env``) and passed explicitly. Secrets (the bot
token, the pseudonym key) come only from the environment or files it names, and are kept
out of ``repr`` so they never reach a log line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from civicbot.errors import SettingError
from civicbot.numbers import ascii_int

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_SCRIPT = "prompts/values-and-services.yaml"


class SettingsError(SettingError, ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str
    secret: bool = False


# Every environment variable civicbot reads. docs/operators.md documents each of them; a
# test checks that it does.
SETTINGS: tuple[Setting, ...] = (
    Setting("TELEGRAM_BOT_TOKEN", None, "The bot's token from @BotFather.", secret=True),
    Setting("CIVICBOT_DB", "./civicbot.db", "Path of the SQLite database file."),
    Setting(
        "CIVICBOT_TELEGRAM_API_URL",
        DEFAULT_API_URL,
        "Bot API base URL; the token is appended (tests point it at a stand-in server).",
    ),
    Setting(
        "CIVICBOT_SECRET",
        None,
        "Key for residents' pseudonyms (at least 16 characters). Never stored in the database.",
        secret=True,
    ),
    Setting("CIVICBOT_SECRET_FILE", None, "A file holding CIVICBOT_SECRET instead."),
    Setting(
        "CIVICBOT_DEFAULT_SCRIPT",
        DEFAULT_SCRIPT,
        "Script for the round opened automatically when the database has no rounds.",
    ),
    Setting("CIVICBOT_ADMINS", "", "Comma-separated numeric Telegram user IDs of admins."),
    Setting("CIVICBOT_POLL_TIMEOUT", "25", "Long-poll timeout for getUpdates, in seconds."),
    Setting("CIVICBOT_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING or ERROR."),
    Setting(
        "CIVICBOT_WEBHOOK_URL",
        None,
        "Webhook mode: the public https URL Telegram posts updates to.",
    ),
    Setting(
        "CIVICBOT_WEBHOOK_SECRET",
        None,
        "Webhook mode: the secret token Telegram sends back (1-256 of A-Z a-z 0-9 _ -).",
        secret=True,
    ),
    Setting(
        "CIVICBOT_WEBHOOK_LISTEN",
        "127.0.0.1:8443",
        "Webhook mode: host:port the bot listens on, behind the reverse proxy.",
    ),
    Setting(
        "CIVICBOT_REMINDER_HOURS",
        "48",
        "Hours after which a resident who stopped part-way gets one gentle reminder"
        " (0 turns reminders off).",
    ),
    Setting(
        "CIVICBOT_BROADCAST_RATE",
        "25",
        "Broadcast messages per second, overall (Telegram allows about 30).",
    ),
    Setting(
        "CIVICBOT_SCHEDULER_SECONDS",
        "5",
        "How often the scheduler opens and closes rounds on time and queues reminders.",
    ),
    Setting(
        "CIVICBOT_FACILITATOR_CHAT",
        None,
        "Numeric chat id that gets safeguarding alerts (else every admin who has talked to"
        " the bot).",
    ),
    Setting(
        "CIVICBOT_ALERT_SEEN_MINUTES",
        "30",
        "Minutes a safeguarding alert may wait for a facilitator to press Seen before it is"
        " repeated to every admin.",
    ),
    Setting(
        "CIVICBOT_ALERT_RETRY_SECONDS",
        "2",
        "First wait before retrying a safeguarding alert Telegram did not take; it doubles"
        " with each failure, up to 60 seconds.",
    ),
    Setting(
        "CIVICBOT_RETENTION_DAYS",
        None,
        "Days after which residents' raw free text is replaced by its scrubbed form (applied"
        " daily); unset keeps it until the round's data is deleted.",
    ),
    Setting(
        "CIVICBOT_BOT_USERNAME",
        None,
        "The bot's @username, for invitation links made by the CLI (`civicbot invite` uses"
        " it when --bot is not given; the running bot knows its own).",
    ),
    Setting(
        "CIVICBOT_REFERENCES",
        None,
        "Folder of your own reference population CSV files (built with `civicbot reference"
        " build`); /newround --reference=FILE.csv reads only files in it. Unset: only the"
        " shipped references can be chosen.",
    ),
    Setting(
        "CIVICBOT_VOICE_DIR",
        None,
        "Folder for residents' voice notes, sealed with AES-GCM under a key derived from"
        " CIVICBOT_SECRET. Unset: a folder named after the database with -voice added"
        " (civicbot.db-voice), beside it.",
    ),
    Setting(
        "CIVICBOT_SPEECH",
        "off",
        "on: propose a transcript of each voice note with offline speech-to-text (needs the"
        " civicbot[speech] extra); a facilitator confirms or corrects it with /transcribe.",
    ),
    Setting(
        "CIVICBOT_SPEECH_MODEL",
        None,
        "Folder of a PocketSphinx model for speech-to-text (acoustic model folder, .lm.bin,"
        " .dict). Unset: the US English model the pocketsphinx package ships.",
    ),
    Setting(
        "CIVICBOT_ORGANISER",
        None,
        "Who runs the rounds, as residents see it before they agree (e.g. 'Wigan Council');"
        " used for the default round and when /newround or `round create` give none.",
    ),
    Setting(
        "CIVICBOT_ORGANISER_CONTACT",
        None,
        "How residents reach the organiser (an email address, phone number or web page);"
        " a round needs this and CIVICBOT_ORGANISER before it opens.",
    ),
    Setting(
        "CIVICBOT_FLOOD_BURST",
        "10",
        "Messages one resident may send at once before flood control slows them.",
    ),
    Setting(
        "CIVICBOT_FLOOD_RATE",
        "1",
        "Messages per second a resident may keep sending after the burst (0 turns flood"
        " control off).",
    ),
)


def _whole(env: Mapping[str, str], name: str, *, minimum: int | None = None) -> int | None:
    """An optional whole-number setting (unset or empty: None)."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    value = ascii_int(raw, max_digits=18, signed=True)
    if value is None:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}.")
    if minimum is not None and value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}.")
    return value


def _positive(raw: str, name: str) -> float:
    try:
        value = float(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number, not {raw!r}.") from exc
    if not value >= 0:
        raise SettingsError(f"{name} must be zero or more.")
    return value


def _default(name: str) -> str | None:
    for s in SETTINGS:
        if s.name == name:
            return s.default
    raise KeyError(name)


@dataclass(frozen=True)
class Settings:
    db_path: Path
    api_url: str
    default_script: Path
    admins: frozenset[int] = frozenset()
    poll_timeout: int = 25
    log_level: str = "INFO"
    reminder_hours: float = 48.0
    broadcast_rate: float = 25.0
    scheduler_seconds: float = 5.0
    webhook_url: str | None = None
    webhook_listen: tuple[str, int] = ("127.0.0.1", 8443)
    facilitator_chat: int | None = None
    alert_seen_minutes: float = 30.0
    alert_retry_seconds: float = 2.0
    retention_days: int | None = None
    references_dir: Path | None = None
    voice_dir: Path | None = None
    speech: bool = False
    speech_model: Path | None = None
    organiser: str | None = None
    organiser_contact: str | None = None
    bot_username: str | None = None
    flood_burst: int = 10
    flood_rate: float = 1.0
    token: str | None = field(default=None, repr=False)
    webhook_secret: str | None = field(default=None, repr=False)
    env: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)

        def get(name: str) -> str:
            value = env.get(name)
            return value if value not in (None, "") else (_default(name) or "")

        admins: set[int] = set()
        for part in get("CIVICBOT_ADMINS").replace(" ", "").split(","):
            if not part:
                continue
            admin = ascii_int(part, max_digits=18, signed=True)
            if admin is None:
                raise SettingsError(
                    f"CIVICBOT_ADMINS must list numeric Telegram user IDs; {part!r} is not one."
                )
            admins.add(admin)
        timeout = ascii_int(get("CIVICBOT_POLL_TIMEOUT").strip(), max_digits=6)
        if timeout is None:
            raise SettingsError("CIVICBOT_POLL_TIMEOUT must be a whole number of seconds.")
        poll_timeout = timeout
        level = get("CIVICBOT_LOG_LEVEL").upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise SettingsError("CIVICBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR.")
        listen = get("CIVICBOT_WEBHOOK_LISTEN")
        host, _, port_text = listen.rpartition(":")
        if not host or ascii_int(port_text, max_digits=5) is None:
            raise SettingsError("CIVICBOT_WEBHOOK_LISTEN must be host:port, e.g. 127.0.0.1:8443.")
        speech = get("CIVICBOT_SPEECH").strip().lower()
        if speech not in {"on", "off"}:
            raise SettingsError(f"CIVICBOT_SPEECH must be on or off, not {speech!r}.")
        timing = {
            name: _positive(get(name), name)
            for name in (
                "CIVICBOT_REMINDER_HOURS",
                "CIVICBOT_BROADCAST_RATE",
                "CIVICBOT_SCHEDULER_SECONDS",
                "CIVICBOT_FLOOD_RATE",
                "CIVICBOT_ALERT_SEEN_MINUTES",
                "CIVICBOT_ALERT_RETRY_SECONDS",
            )
        }
        for name in ("CIVICBOT_ALERT_SEEN_MINUTES", "CIVICBOT_ALERT_RETRY_SECONDS"):
            if not timing[name] > 0:
                raise SettingsError(f"{name} must be more than zero.")
        return cls(
            webhook_url=env.get("CIVICBOT_WEBHOOK_URL") or None,
            webhook_secret=env.get("CIVICBOT_WEBHOOK_SECRET") or None,
            webhook_listen=(host, int(port_text)),
            db_path=Path(get("CIVICBOT_DB")),
            api_url=get("CIVICBOT_TELEGRAM_API_URL"),
            default_script=Path(get("CIVICBOT_DEFAULT_SCRIPT")),
            admins=frozenset(admins),
            poll_timeout=max(0, min(poll_timeout, 50)),
            log_level=level,
            reminder_hours=timing["CIVICBOT_REMINDER_HOURS"],
            broadcast_rate=max(0.1, min(timing["CIVICBOT_BROADCAST_RATE"], 30.0)),
            scheduler_seconds=max(0.05, timing["CIVICBOT_SCHEDULER_SECONDS"]),
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            facilitator_chat=_whole(env, "CIVICBOT_FACILITATOR_CHAT"),
            alert_seen_minutes=timing["CIVICBOT_ALERT_SEEN_MINUTES"],
            alert_retry_seconds=min(timing["CIVICBOT_ALERT_RETRY_SECONDS"], 60.0),
            retention_days=_whole(env, "CIVICBOT_RETENTION_DAYS", minimum=1),
            references_dir=Path(get("CIVICBOT_REFERENCES")) if get("CIVICBOT_REFERENCES") else None,
            voice_dir=Path(get("CIVICBOT_VOICE_DIR")) if get("CIVICBOT_VOICE_DIR") else None,
            speech=speech == "on",
            speech_model=(
                Path(get("CIVICBOT_SPEECH_MODEL")) if get("CIVICBOT_SPEECH_MODEL") else None
            ),
            organiser=(env.get("CIVICBOT_ORGANISER") or "").strip() or None,
            organiser_contact=(env.get("CIVICBOT_ORGANISER_CONTACT") or "").strip() or None,
            bot_username=(get("CIVICBOT_BOT_USERNAME").strip().lstrip("@") or None),
            flood_burst=_whole(env, "CIVICBOT_FLOOD_BURST", minimum=1) or 10,
            flood_rate=timing["CIVICBOT_FLOOD_RATE"],
            env=env,
        )

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather and set "
                "TELEGRAM_BOT_TOKEN to its token."
            )
        return self.token
