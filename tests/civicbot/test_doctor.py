"""``civicbot doctor``: every check finds its problem and says it in plain words."""

from __future__ import annotations

import asyncio
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.commands import doctor_cmd
from civicbot.commands.doctor_cmd import Finding, doctor, run_checks
from civicbot.safeguarding import load_signposting
from civicbot.store.engines import connect
from civicbot.store.migrate import migrate

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    secret = tmp_path / "secret"
    secret.write_text("a-long-enough-secret-0123456789\n")
    secret.chmod(0o600)
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "CIVICBOT_SECRET_FILE": str(secret),
        "CIVICBOT_DB": str(tmp_path / "civicbot.db"),
        "CIVICBOT_DEFAULT_SCRIPT": str(ROOT / "prompts" / "values-and-services.yaml"),
        "CIVICBOT_ADMINS": "12345",
    }


def problems(env: dict[str, str], today: date | None = None) -> dict[str, str]:
    return {f.check: f.problem for f in run_checks(env, today) if f.problem is not None}


def test_a_good_deployment_passes(env: dict[str, str]) -> None:
    assert problems(env) == {}
    result = CliRunner().invoke(doctor, env=env)
    assert result.exit_code == 0, result.output
    assert "All checks passed." in result.output
    assert TOKEN not in result.output and "a-long-enough-secret" not in result.output


@pytest.mark.parametrize(
    ("change", "check", "words"),
    [
        ({"TELEGRAM_BOT_TOKEN": ""}, "bot token", "BotFather"),
        ({"TELEGRAM_BOT_TOKEN": "123:short"}, "bot token", "does not look like"),
        ({"TELEGRAM_BOT_TOKEN": f" {TOKEN}x y"}, "bot token", "without spaces"),
        ({"CIVICBOT_SECRET_FILE": ""}, "pseudonym secret", "no pseudonym secret"),
        ({"CIVICBOT_SECRET_FILE": "/nonexistent/secret"}, "pseudonym secret", "cannot read"),
        ({"CIVICBOT_SECRET": "short"}, "pseudonym secret", "either"),
        ({"CIVICBOT_DB": "/nonexistent/folder/c.db"}, "database path", "does not exist"),
        ({"CIVICBOT_DEFAULT_SCRIPT": "/nonexistent.yaml"}, "default script", "not usable"),
        ({"CIVICBOT_WEBHOOK_URL": "http://bot.example.org/tg"}, "webhook", "https://"),
        ({"CIVICBOT_WEBHOOK_URL": "https://bot.example.org/tg"}, "webhook", "anyone can post"),
        (
            {"CIVICBOT_WEBHOOK_URL": "https://b.example.org", "CIVICBOT_WEBHOOK_SECRET": "a b!"},
            "webhook",
            "1-256 characters",
        ),
        ({"CIVICBOT_WEBHOOK_SECRET": "x" * 257}, "webhook", "1-256"),
        ({"CIVICBOT_ADMINS": "12345,@ada"}, "admins", "numeric"),
        ({"CIVICBOT_ADMINS": "", "CIVICBOT_FACILITATOR_CHAT": "team"}, "admins", "numeric chat"),
        ({"CIVICBOT_ADMINS": ""}, "admins", "nobody would get safeguarding alerts"),
        ({"CIVICBOT_RETENTION_DAYS": "0"}, "retention", "whole number of days"),
        ({"CIVICBOT_RETENTION_DAYS": "99999"}, "retention", "from 1 to 36500"),
    ],
)
def test_each_problem_is_found_and_explained(
    env: dict[str, str], change: dict[str, str], check: str, words: str
) -> None:
    found = problems({**env, **change})
    assert check in found, found
    assert words in found[check]
    assert set(found) == {check}


def test_world_readable_secret_file(env: dict[str, str]) -> None:
    os.chmod(env["CIVICBOT_SECRET_FILE"], 0o644)
    assert "chmod 600" in problems(env)["pseudonym secret"]


def test_read_only_database_folder(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        found = problems({**env, "CIVICBOT_DB": str(folder / "c.db")})
        assert "not writable" in found["database path"]
    finally:
        folder.chmod(0o700)


def test_migrations_pending_and_current(env: dict[str, str]) -> None:
    db = Path(env["CIVICBOT_DB"])

    async def older_schema() -> None:
        conn = await connect(db)  # a database that predates every migration
        await conn.close()

    asyncio.run(older_schema())
    assert "civicbot db migrate" in problems(env)["database schema"]
    asyncio.run(migrate(db))
    assert problems(env) == {}


def test_stale_signposting(env: dict[str, str]) -> None:
    late = load_signposting().verified_on + timedelta(days=91)
    assert "update verified_on" in problems(env, late)["safeguarding signposting"]
    assert problems(env, late - timedelta(days=1)) == {}


def test_cli_exits_1_and_lists_problems(env: dict[str, str]) -> None:
    result = CliRunner().invoke(doctor, env={**env, "TELEGRAM_BOT_TOKEN": "nope"})
    assert result.exit_code == 1
    assert "PROBLEM  bot token" in result.output and "1 problem(s) found." in result.output


def test_a_crashing_check_does_not_hide_the_others(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_: object) -> Finding:
        raise RuntimeError("boom")

    monkeypatch.setattr(doctor_cmd, "check_token", broken)
    found = run_checks(env)
    assert len(found) == 9 and sum(not f.ok for f in found) == 1


def test_a_granted_facilitator_can_receive_alerts(env: dict[str, str]) -> None:
    """With no admins and no facilitators' chat, the doctor fails (the bot would refuse to
    open a round) until the database holds a facilitator."""
    from civicbot.store import Store, load_secret

    nobody = {**env, "CIVICBOT_ADMINS": ""}
    result = CliRunner().invoke(doctor, env=nobody)
    assert result.exit_code == 1 and "will not open a round" in result.output

    async def grant() -> None:
        async with await Store.open(Path(env["CIVICBOT_DB"]), secret=load_secret(env)) as store:
            await store.grant_facilitator("a-facilitator", "an-admin")

    asyncio.run(grant())
    assert problems(nobody) == {}
