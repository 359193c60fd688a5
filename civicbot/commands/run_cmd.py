"""``civicbot run``: start the bot (long polling through the durable inbox)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from civicbot.errors import UserError
from civicbot.script.load import ScriptError
from civicbot.script.shipped import resolve
from civicbot.settings import Settings, SettingsError
from civicbot.store.pseudonym import SecretError

if TYPE_CHECKING:
    from civicbot.store import Store


class _Redact(logging.Filter):
    """Defence in depth: blank known secrets in any record that still carries one."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [x for x in secrets if len(x) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            text = record.getMessage()
            if any(x in text for x in self.secrets):
                for x in self.secrets:
                    text = text.replace(x, "[redacted]")
                record.msg, record.args = text, None
        return True


def configure_logging(level: str, secrets: Sequence[str] = ()) -> None:
    logging.basicConfig(
        level=getattr(logging, level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL at INFO, and the URL carries the bot token. At DEBUG,
    # python-telegram-bot logs API URLs, call parameters and replies (residents' words,
    # Telegram IDs) and aiosqlite logs every statement with its arguments: those stay at
    # INFO even when civicbot's own loggers are at DEBUG.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for chatty in ("telegram", "aiosqlite", "aiohttp"):
        logging.getLogger(chatty).setLevel(max(logging.INFO, getattr(logging, level)))
    redact = _Redact(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)


def _secrets_of(settings: Settings) -> list[str]:
    """The values no log line may show: the token (and its secret half), the pseudonym
    key, the webhook secret."""
    from civicbot.store.pseudonym import load_secret

    found = [settings.token or "", (settings.token or "").partition(":")[2]]
    found.append(settings.webhook_secret or "")
    if isinstance(settings.db, str):  # a PostgreSQL URL may carry a password
        from urllib.parse import urlsplit

        found.append(urlsplit(settings.db).password or "")
    with contextlib.suppress(SecretError):  # reported when the bot starts
        found.append(load_secret(settings.env).decode("utf-8", "replace"))
    return [x for x in found if x]


def resolve_script(path: Path) -> Path:
    """A relative script path is looked up in the working folder, then among the scripts
    that ship with civicbot (:func:`civicbot.script.shipped.resolve`)."""
    return resolve(path)


async def ensure_default_round(store: object, settings: Settings) -> int | None:
    """A fresh install works out of the box: with no rounds at all, open one of the
    default script, unless nobody could receive a safeguarding alert (then it says why
    and opens nothing; the next start tries again). Workers starting together on one
    PostgreSQL database take turns, so only one opens it."""
    from civicbot.store import Store

    assert isinstance(store, Store)
    if not store.shared:
        return await _ensure_default_round(store, settings)
    while not await store.claim("setup"):
        await asyncio.sleep(0.2)
    try:
        return await _ensure_default_round(store, settings)
    finally:
        await store.release("setup")


async def _ensure_default_round(store: Store, settings: Settings) -> int | None:
    from civicbot.safeguarding.delivery import nobody_to_alert
    from civicbot.script.load import load_script

    if await store.list_rounds():
        return None
    if not (settings.organiser and settings.organiser_contact):
        raise SettingsError(
            "Set CIVICBOT_ORGANISER and CIVICBOT_ORGANISER_CONTACT before the first round"
            " opens: residents are told who runs it, and how to reach them, before they agree."
        )
    refusal = await nobody_to_alert(store, settings)
    if refusal is not None:
        logging.getLogger("civicbot").error("no round opened: %s", refusal)
        return None
    loaded = load_script(resolve_script(settings.default_script))
    title = loaded.script.title
    round_id = await store.create_round(
        title=title if isinstance(title, str) else next(iter(title.values())),
        script_id=loaded.script.id,
        script_version=loaded.script.version,
        script_source=loaded.source,
        script_sha256=loaded.sha256,
        allow_restart=loaded.script.allow_restart,
        status="open",
        is_default=True,
    )
    await store.set_round_people(
        round_id, organiser=settings.organiser, contact=settings.organiser_contact
    )
    logging.getLogger("civicbot").info("opened default round %d", round_id)
    return round_id


def webhook_config(settings: Settings) -> object:
    from civicbot.bot.webhook import SECRET_SHAPE, WebhookConfig

    if not settings.webhook_url or not settings.webhook_url.startswith("https://"):
        raise SettingsError(
            "Webhook mode needs CIVICBOT_WEBHOOK_URL: the public https:// address that "
            "your reverse proxy forwards to civicbot."
        )
    if not settings.webhook_secret or not SECRET_SHAPE.match(settings.webhook_secret):
        raise SettingsError(
            "Webhook mode needs CIVICBOT_WEBHOOK_SECRET: 1-256 characters of A-Z, a-z, 0-9, "
            "_ and -."
        )
    host, port = settings.webhook_listen
    return WebhookConfig(settings.webhook_url, settings.webhook_secret, host, port)


async def serve(settings: Settings, *, webhook: bool = False) -> None:
    from civicbot.bot.app import build_application, set_command_menu
    from civicbot.bot.jobs import background_jobs
    from civicbot.bot.runner import Runner
    from civicbot.bot.services import Services
    from civicbot.screening import standard
    from civicbot.store.dbfile import check_database_file, open_store
    from civicbot.store.pseudonym import load_secret

    load_secret(settings.env)  # a missing secret is said before the token
    settings.require_token()
    db = settings.db
    if isinstance(db, Path) and db.is_file() and db.stat().st_size:
        check_database_file(db)  # never turn another file into the bot's
    async with open_store(settings, create=True) as store:
        await ensure_default_round(store, settings)
        services = Services(store=store, settings=settings, screening=standard())
        application = build_application(settings, services)
        await application.initialize()
        try:
            await set_command_menu(application)
            current = await store.latest_open_round()
            if current is not None:
                logging.getLogger("civicbot").info(
                    "round %d %r is open; residents join at https://t.me/%s?start=%s",
                    current.id,
                    current.title,
                    application.bot.username,
                    current.code,
                )
            runner = Runner(
                application,
                services,
                jobs=background_jobs(application, services),
                poll_timeout=settings.poll_timeout,
            )
            source = None
            if webhook:
                from civicbot.bot.webhook import WebhookConfig, webhook_source

                config = webhook_config(settings)
                assert isinstance(config, WebhookConfig)
                source = webhook_source(runner, config)
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, runner.stop)
            logging.getLogger("civicbot").info("civicbot is running")
            await runner.run(source)
        finally:
            await application.shutdown()
    logging.getLogger("civicbot").info("civicbot stopped")


@click.command()
@click.option(
    "--webhook",
    is_flag=True,
    help="Receive updates by webhook (behind a reverse proxy with TLS) instead of polling.",
)
def run(webhook: bool) -> None:
    """Start the bot. Settings come from the environment: TELEGRAM_BOT_TOKEN,
    CIVICBOT_SECRET (or CIVICBOT_SECRET_FILE), CIVICBOT_DB and others (see
    docs/operators.md). A setting that is missing or out of range is named on one line
    (exit status 2)."""
    settings = Settings.from_env()
    configure_logging(settings.log_level, _secrets_of(settings))
    if webhook:
        webhook_config(settings)  # explain a missing setting before starting anything
    try:
        asyncio.run(serve(settings, webhook=webhook))
    except ScriptError as exc:
        raise UserError(exc.one_line(settings.default_script)) from exc
