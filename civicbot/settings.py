"""Settings, declared once: every setting civicbot reads from the environment.

:data:`SETTINGS` is the one declaration: each :class:`~civicbot.setting.Setting`'s name,
default, help and, for numbers, the range it must fall in. :meth:`Settings.from_env` reads
them all (an unset or empty variable takes its default from the table, nowhere else); it
is built at the entry point and passed explicitly. A value outside its range, or not of
its kind, is a :class:`SettingsError` that names the setting: nothing is quietly clamped.
Secrets (the bot token, the pseudonym key) come only from the environment or files it
names, and are kept out of ``repr`` so they never reach a log line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from civicbot.numbers import ascii_int
from civicbot.setting import Setting, SettingsError, choice, number, read

__all__ = ["BY_NAME", "SETTINGS", "Setting", "Settings", "SettingsError", "setting_text"]

# Every environment variable civicbot reads. docs/operators.md documents each of them; a
# test checks that it does.
SETTINGS: tuple[Setting, ...] = (
    Setting("TELEGRAM_BOT_TOKEN", None, "The bot's token from @BotFather.", secret=True),
    Setting(
        "CIVICBOT_DB",
        "./civicbot.db",
        "The database: a SQLite file (a path or sqlite:///PATH), or PostgreSQL as"
        " postgresql://USER@HOST:PORT/DB (pip install 'civicbot[postgres]').",
    ),
    Setting(
        "CIVICBOT_TELEGRAM_API_URL",
        "https://api.telegram.org/bot",
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
        "prompts/values-and-services.yaml",
        "Script for the round opened automatically when the database has no rounds.",
    ),
    Setting("CIVICBOT_ADMINS", "", "Comma-separated numeric Telegram user IDs of admins."),
    Setting(
        "CIVICBOT_POLL_TIMEOUT",
        "25",
        "Long-poll timeout for getUpdates, in seconds.",
        kind="whole",
        low=0,
        high=50,
    ),
    Setting(
        "CIVICBOT_LOG_LEVEL",
        "INFO",
        "Log level: DEBUG, INFO, WARNING or ERROR.",
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
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
        kind="number",
        low=0,
        high=8760,
    ),
    Setting(
        "CIVICBOT_BROADCAST_RATE",
        "25",
        "Broadcast messages per second, overall (Telegram allows about 30).",
        kind="number",
        low=0.1,
        high=30,
    ),
    Setting(
        "CIVICBOT_SCHEDULER_SECONDS",
        "5",
        "How often the scheduler opens and closes rounds on time and queues reminders.",
        kind="number",
        low=0.05,
        high=3600,
    ),
    Setting(
        "CIVICBOT_FACILITATOR_CHAT",
        None,
        "Numeric chat id that gets safeguarding alerts (else every admin who has talked to"
        " the bot).",
        kind="whole",
    ),
    Setting(
        "CIVICBOT_ALERT_SEEN_MINUTES",
        "30",
        "Minutes a safeguarding alert may wait for a facilitator to press Seen before it is"
        " repeated to every admin.",
        kind="number",
        low=0,
        above=True,
        high=10080,
    ),
    Setting(
        "CIVICBOT_ALERT_RETRY_SECONDS",
        "2",
        "First wait before retrying a safeguarding alert Telegram did not take; it doubles"
        " with each failure, up to 60 seconds.",
        kind="number",
        low=0,
        above=True,
        high=60,
    ),
    Setting(
        "CIVICBOT_RETENTION_DAYS",
        None,
        "Days after which residents' raw free text is replaced by its scrubbed form (applied"
        " daily); unset keeps it until the round's data is deleted.",
        kind="whole",
        low=1,
        high=36500,
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
        choices=("on", "off"),
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
        kind="whole",
        low=1,
        high=10000,
    ),
    Setting(
        "CIVICBOT_FLOOD_RATE",
        "1",
        "Messages per second a resident may keep sending after the burst (0 turns flood"
        " control off).",
        kind="number",
        low=0,
        high=10000,
    ),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def setting_text(env: Mapping[str, str], name: str) -> str:
    """The setting's text: the variable's value, stripped, or its declared default."""
    return read(env, BY_NAME[name])


def _whole(env: Mapping[str, str], name: str) -> int | None:
    raw = setting_text(env, name)
    return int(number(BY_NAME[name], raw)) if raw else None


def _number(env: Mapping[str, str], name: str) -> float:
    return number(BY_NAME[name], setting_text(env, name))


def _choice(env: Mapping[str, str], name: str) -> str:
    return choice(BY_NAME[name], setting_text(env, name))


def _admins(env: Mapping[str, str]) -> frozenset[int]:
    found: set[int] = set()
    for part in setting_text(env, "CIVICBOT_ADMINS").replace(" ", "").split(","):
        if not part:
            continue
        admin = ascii_int(part, max_digits=18, signed=True)
        if admin is None:
            raise SettingsError(
                f"CIVICBOT_ADMINS must list numeric Telegram user IDs; {part!r} is not one."
            )
        found.add(admin)
    return frozenset(found)


def _listen(env: Mapping[str, str]) -> tuple[str, int]:
    listen = setting_text(env, "CIVICBOT_WEBHOOK_LISTEN")
    host, _, port_text = listen.rpartition(":")
    port = ascii_int(port_text, max_digits=5)
    if not host or port is None or not 1 <= port <= 65535:
        raise SettingsError(
            "CIVICBOT_WEBHOOK_LISTEN must be host:port with a port from 1 to 65535, e.g."
            f" 127.0.0.1:8443, not {listen!r}."
        )
    return host, port


def _path(env: Mapping[str, str], name: str) -> Path | None:
    raw = setting_text(env, name)
    return Path(raw) if raw else None


def _sqlite_file(value: str) -> str:
    """The file of ``sqlite:///PATH`` (and of a plain path)."""
    return value[len("sqlite:///") :] if value.startswith("sqlite:///") else value


@dataclass(frozen=True)
class Settings:
    """Every setting's value. Built by :meth:`from_env` only, so each default is the one
    declared in :data:`SETTINGS`."""

    db_path: Path
    api_url: str
    default_script: Path
    admins: frozenset[int]
    poll_timeout: int
    log_level: str
    reminder_hours: float
    broadcast_rate: float
    scheduler_seconds: float
    webhook_url: str | None
    webhook_listen: tuple[str, int]
    facilitator_chat: int | None
    alert_seen_minutes: float
    alert_retry_seconds: float
    retention_days: int | None
    references_dir: Path | None
    voice_dir: Path | None
    speech: bool
    speech_model: Path | None
    organiser: str | None
    organiser_contact: str | None
    bot_username: str | None
    flood_burst: int
    flood_rate: float
    token: str | None = field(repr=False)
    webhook_secret: str | None = field(repr=False)
    env: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def db(self) -> Path | str:
        """``CIVICBOT_DB``: a ``postgresql://`` URL as given, else the SQLite file."""
        raw = self.env.get("CIVICBOT_DB") or ""
        return raw if raw.startswith(("postgresql://", "postgres://")) else self.db_path

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)

        def text(name: str) -> str | None:
            return setting_text(env, name) or None

        def required_whole(name: str) -> int:
            value = _whole(env, name)
            assert value is not None, f"{name} has a default"
            return value

        default_script = _path(env, "CIVICBOT_DEFAULT_SCRIPT")
        db_path = Path(_sqlite_file(setting_text(env, "CIVICBOT_DB")))
        assert default_script is not None  # it has a default
        return cls(
            db_path=db_path,
            api_url=setting_text(env, "CIVICBOT_TELEGRAM_API_URL"),
            default_script=default_script,
            admins=_admins(env),
            poll_timeout=required_whole("CIVICBOT_POLL_TIMEOUT"),
            log_level=_choice(env, "CIVICBOT_LOG_LEVEL"),
            reminder_hours=_number(env, "CIVICBOT_REMINDER_HOURS"),
            broadcast_rate=_number(env, "CIVICBOT_BROADCAST_RATE"),
            scheduler_seconds=_number(env, "CIVICBOT_SCHEDULER_SECONDS"),
            webhook_url=text("CIVICBOT_WEBHOOK_URL"),
            webhook_listen=_listen(env),
            facilitator_chat=_whole(env, "CIVICBOT_FACILITATOR_CHAT"),
            alert_seen_minutes=_number(env, "CIVICBOT_ALERT_SEEN_MINUTES"),
            alert_retry_seconds=_number(env, "CIVICBOT_ALERT_RETRY_SECONDS"),
            retention_days=_whole(env, "CIVICBOT_RETENTION_DAYS"),
            references_dir=_path(env, "CIVICBOT_REFERENCES"),
            voice_dir=_path(env, "CIVICBOT_VOICE_DIR"),
            speech=_choice(env, "CIVICBOT_SPEECH") == "on",
            speech_model=_path(env, "CIVICBOT_SPEECH_MODEL"),
            organiser=text("CIVICBOT_ORGANISER"),
            organiser_contact=text("CIVICBOT_ORGANISER_CONTACT"),
            bot_username=(setting_text(env, "CIVICBOT_BOT_USERNAME").lstrip("@") or None),
            flood_burst=required_whole("CIVICBOT_FLOOD_BURST"),
            flood_rate=_number(env, "CIVICBOT_FLOOD_RATE"),
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            webhook_secret=env.get("CIVICBOT_WEBHOOK_SECRET") or None,
            env=env,
        )

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather and set "
                "TELEGRAM_BOT_TOKEN to its token."
            )
        return self.token
