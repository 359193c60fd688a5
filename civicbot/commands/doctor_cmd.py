"""``civicbot doctor``: check a deployment's settings and say, in plain words, what is wrong.

Each check reads the environment the bot would run with (never printing a secret) and
gives a :class:`Finding`: fine, or a problem with what to do about it. The command exits
with 1 when there is any problem, so it can gate a deployment or a container start.
"""

from __future__ import annotations

import asyncio
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from civicbot.numbers import ascii_int
from civicbot.safeguarding.signposts import MAX_AGE_DAYS, SignpostingError, load_signposting
from civicbot.script.load import ScriptError, load_script
from civicbot.setting import number
from civicbot.settings import BY_NAME, SettingsError, setting_text
from civicbot.store.dbfile import DbTarget, database_problem, db_target, shown
from civicbot.store.engines import connect
from civicbot.store.facilitators import count_facilitators
from civicbot.store.migrate import applied_versions, available
from civicbot.store.pseudonym import SecretError, load_secret

Env = Mapping[str, str]
TOKEN_SHAPE = re.compile(r"^\d{5,20}:[A-Za-z0-9_-]{30,}$")
WEBHOOK_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True)
class Finding:
    check: str
    problem: str | None = None  # None: all is well
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def _get(env: Env, name: str) -> str:
    return setting_text(env, name)


def check_token(env: Env) -> Finding:
    token = (env.get("TELEGRAM_BOT_TOKEN") or "").strip()
    if not token:
        return Finding("bot token", "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather.")
    if not TOKEN_SHAPE.match(token):
        return Finding(
            "bot token",
            "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then about "
            "35 letters, digits, - or _). Copy it again from @BotFather, without spaces.",
        )
    return Finding("bot token", detail="present and shaped like a token")


def check_secret(env: Env) -> Finding:
    try:
        secret = load_secret(env)
    except SecretError as exc:
        return Finding("pseudonym secret", str(exc))
    file_name = (env.get("CIVICBOT_SECRET_FILE") or "").strip()
    if file_name:
        mode = stat.S_IMODE(Path(file_name).stat().st_mode)
        if mode & 0o007:
            return Finding(
                "pseudonym secret",
                f"the secret file {file_name} can be read by any user on this machine "
                f"(mode {mode:o}): run chmod 600 {file_name}",
            )
    return Finding("pseudonym secret", detail=f"{len(secret)} bytes, kept outside the database")


def check_db_path(env: Env) -> Finding:
    target = db_target(_get(env, "CIVICBOT_DB"))
    if not isinstance(target, Path):
        try:
            asyncio.run(_pending_migrations(target))
        except Exception as exc:  # any failure to reach it is the finding
            return Finding("database", database_problem(target, exc).message())
        return Finding("database", detail=f"PostgreSQL at {shown(target)}, reachable")
    path = target
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return Finding("database path", f"the folder {folder} for CIVICBOT_DB does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        return Finding(
            "database path",
            f"the folder {folder} is not writable by this user; SQLite needs to create its "
            "-wal and -shm files beside the database",
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return Finding("database path", f"{path} exists but this user cannot read and write it")
    return Finding("database path", detail=str(path))


async def _pending_migrations(path: DbTarget) -> list[str]:
    db = await connect(path)
    try:
        async with db.read() as tx:
            try:
                done = await applied_versions(tx)
            except Exception:  # no schema_migrations table: nothing applied yet
                done = set()
    finally:
        await db.close()
    return [f"{m.version:04d}_{m.name}" for m in available() if m.version not in done]


def check_migrations(env: Env) -> Finding:
    path = db_target(_get(env, "CIVICBOT_DB"))
    if isinstance(path, Path) and not path.exists():
        return Finding("database schema", detail="no database yet; the bot creates it at start")
    try:
        pending = asyncio.run(_pending_migrations(path))
    except Exception as exc:  # unreachable PostgreSQL: said by check_db_path already
        return Finding("database schema", database_problem(path, exc).message())
    if pending:
        return Finding(
            "database schema",
            f"{len(pending)} migration(s) not applied ({', '.join(pending[:3])}"
            f"{'...' if len(pending) > 3 else ''}): back up, then run civicbot db migrate",
        )
    return Finding("database schema", detail="up to date")


def check_script(env: Env) -> Finding:
    from civicbot.commands.run_cmd import resolve_script

    path = resolve_script(Path(_get(env, "CIVICBOT_DEFAULT_SCRIPT")))
    try:
        loaded = load_script(path)
    except ScriptError as exc:
        return Finding("default script", f"CIVICBOT_DEFAULT_SCRIPT is not usable: {exc}")
    except OSError as exc:
        return Finding("default script", f"cannot read {path}: {exc.strerror or exc}")
    return Finding("default script", detail=f"{path} ({loaded.script.id} v{loaded.script.version})")


def check_signposting(today: date) -> Finding:
    try:
        signposting = load_signposting()
    except (SignpostingError, OSError) as exc:
        return Finding("safeguarding signposting", str(exc))
    age = signposting.age_days(today)
    if age > MAX_AGE_DAYS:
        return Finding(
            "safeguarding signposting",
            f"the helpline numbers were last checked {age} days ago ({signposting.verified_on});"
            f" check each against its source and update verified_on in "
            "civicbot/data/signposting.yaml",
        )
    return Finding("safeguarding signposting", detail=f"verified {age} day(s) ago")


def check_webhook(env: Env) -> Finding:
    url = (env.get("CIVICBOT_WEBHOOK_URL") or "").strip()
    secret = env.get("CIVICBOT_WEBHOOK_SECRET") or ""
    if not url and not secret:
        return Finding("webhook", detail="not used (long polling)")
    if url and not url.lower().startswith("https://"):
        return Finding("webhook", "CIVICBOT_WEBHOOK_URL must start with https:// (Telegram "
                       "only posts to HTTPS)")  # fmt: skip
    if url and not secret:
        return Finding(
            "webhook", "CIVICBOT_WEBHOOK_SECRET is not set: without it anyone can post updates"
        )
    if not WEBHOOK_SECRET_SHAPE.match(secret):
        return Finding(
            "webhook",
            "CIVICBOT_WEBHOOK_SECRET must be 1-256 characters, only letters, digits, _ and -",
        )
    if not url:
        return Finding("webhook", "CIVICBOT_WEBHOOK_SECRET is set but CIVICBOT_WEBHOOK_URL is not")
    return Finding("webhook", detail="https URL and a well-formed secret token")


def _numbers(raw: str) -> list[str]:
    parts = raw.replace(" ", "").split(",")
    return [p for p in parts if p and ascii_int(p, max_digits=18, signed=True) is None]


def check_people(env: Env) -> Finding:
    wrong = _numbers(env.get("CIVICBOT_ADMINS") or "")
    if wrong:
        return Finding(
            "admins",
            f"CIVICBOT_ADMINS must list numeric Telegram user IDs, not {', '.join(wrong)} "
            "(usernames can change hands; IDs cannot)",
        )
    chat = (env.get("CIVICBOT_FACILITATOR_CHAT") or "").strip()
    if chat and _numbers(chat):
        return Finding("admins", "CIVICBOT_FACILITATOR_CHAT must be a numeric chat id")
    if chat:
        return Finding("admins", detail="safeguarding alerts go to CIVICBOT_FACILITATOR_CHAT")
    if (env.get("CIVICBOT_ADMINS") or "").strip():
        return Finding("admins", detail="numeric IDs; safeguarding alerts go to the admins")
    path = db_target(_get(env, "CIVICBOT_DB"))
    exists = not isinstance(path, Path) or path.exists()
    try:
        facilitators = asyncio.run(_facilitators(path)) if exists else 0
    except Exception:  # an unreachable database is reported by check_db_path
        facilitators = 0
    if facilitators:
        return Finding("admins", detail=f"safeguarding alerts go to {facilitators} facilitator(s)")
    # The bot refuses to open a round in this state (civicbot.safeguarding.delivery).
    return Finding(
        "admins",
        "nobody would get safeguarding alerts (no CIVICBOT_FACILITATOR_CHAT, no "
        "CIVICBOT_ADMINS, no facilitators), so the bot will not open a round: set "
        "CIVICBOT_ADMINS or CIVICBOT_FACILITATOR_CHAT",
    )


async def _facilitators(path: DbTarget) -> int:
    db = await connect(path)
    try:
        async with db.read() as tx:
            return await count_facilitators(tx)
    finally:
        await db.close()


def check_retention(env: Env) -> Finding:
    """The retention setting, checked against its declared range (as the bot reads it)."""
    setting = BY_NAME["CIVICBOT_RETENTION_DAYS"]
    raw = setting_text(env, setting.name)
    try:
        days = number(setting, raw) if raw else None
    except SettingsError:
        low, high = setting.low, setting.high
        return Finding(
            "retention",
            f"CIVICBOT_RETENTION_DAYS must be a whole number of days from {low:g} to {high:g}",
        )
    return Finding("retention", detail=f"{days:g} days" if days else "not set: raw text is kept")


def run_checks(env: Env, today: date | None = None) -> list[Finding]:
    day = today or date.today()
    checks: list[Callable[[], Finding]] = [
        lambda: check_token(env),
        lambda: check_secret(env),
        lambda: check_db_path(env),
        lambda: check_migrations(env),
        lambda: check_script(env),
        lambda: check_signposting(day),
        lambda: check_webhook(env),
        lambda: check_people(env),
        lambda: check_retention(env),
    ]
    found: list[Finding] = []
    for check in checks:
        try:
            found.append(check())
        except Exception as exc:  # a check must never hide the others
            found.append(Finding("check", f"a check failed unexpectedly: {type(exc).__name__}"))
    return found


@click.command()
def doctor() -> None:
    """Check this deployment's settings and say what is wrong, in plain words."""
    findings = run_checks(os.environ)
    for finding in findings:
        if finding.ok:
            click.echo(f"ok       {finding.check}: {finding.detail}")
        else:
            click.echo(f"PROBLEM  {finding.check}: {finding.problem}")
    problems = sum(not f.ok for f in findings)
    if problems:
        click.echo(f"{problems} problem(s) found.")
        raise SystemExit(1)
    click.echo("All checks passed.")
