"""The facilitators' CLI: round create|open|close|list, invite, stats, broadcast."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.store import Store, load_secret

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "prompts" / "values-and-services.yaml"
ENV = {
    "CIVICBOT_SECRET": "cli-test-secret-0123456789",
    "CIVICBOT_ORGANISER": "Wigan Together",
    "CIVICBOT_ORGANISER_CONTACT": "hello@wigantogether.example",
    "CIVICBOT_ADMINS": "4242",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    asyncio.run(_touch(path))
    return path


async def _touch(path: Path) -> None:
    async with await Store.open(path, secret=load_secret(ENV)):
        pass


def run(*args: str, db: Path, input: str | None = None) -> str:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], env=ENV, input=input)
    assert result.exit_code == 0, result.output
    return result.output


def test_round_lifecycle_invite_stats_broadcast(db: Path, tmp_path: Path) -> None:
    out = run("round", "create", str(SCRIPT), "--title", "Library pilot", "--approval", db=db)
    assert "Round 1 “Library pilot” created (draft)" in out
    run("round", "open", "1", db=db)
    listed = run("round", "list", db=db)
    assert re.search(r"1\. Library pilot — open; started: (0|10 or fewer), quotes need approval",
                     listed)  # fmt: skip
    png = tmp_path / "qr.png"
    link = run("invite", "1", "--source", "Food bank", "--bot", "@my_bot", "--qr", str(png), db=db)
    assert re.search(r"https://t\.me/my_bot\?start=[A-Za-z0-9_-]{16}\n", link)
    assert png.read_bytes().startswith(b"\x89PNG")
    stats = run("stats", "1", db=db)
    # A protected 0 is shown, or hidden as "10 or fewer" when its cell key says so.
    assert re.search(r"Started: (0|10 or fewer)\n", stats)
    assert re.search(r"Finished: (0|10 or fewer)\n", stats)
    sent = run("broadcast", "1", "--text", "Hello all", db=db, input="y\n")
    assert re.search(r"(0|10 or fewer) residents asked for updates", sent)
    assert re.search(r"Queued for (0|10 or fewer) residents", sent)
    run("round", "close", "1", db=db)
    assert "— closed" in run("round", "list", db=db)


def test_helpful_errors(db: Path) -> None:
    result = CliRunner().invoke(main, ["round", "open", "7", "--db", str(db)], env=ENV)
    assert result.exit_code != 0 and "there is no round 7" in result.output
    result = CliRunner().invoke(main, ["broadcast", "1", "--db", str(db)], env=ENV)
    assert result.exit_code != 0 and "--text or --file" in result.output
    # Reading a round's figures needs no pseudonym secret; making a round still does.
    no_key = {"CIVICBOT_SECRET": "", "CIVICBOT_SECRET_FILE": ""}
    read = CliRunner().invoke(main, ["stats", "1", "--db", str(db)], env=no_key)
    assert read.exit_code != 0 and "there is no round 1" in read.output
    assert "CIVICBOT_SECRET" not in read.output
    made = CliRunner().invoke(main, ["round", "open", "1", "--db", str(db)], env=no_key)
    assert made.exit_code == 2 and "CIVICBOT_SECRET" in made.output


def test_help_speaks_to_facilitators() -> None:
    for command in (["round", "create"], ["invite"], ["stats"], ["broadcast"]):
        out = CliRunner().invoke(main, [*command, "--help"]).output
        assert "ROUND" in out or "SCRIPT" in out
        assert "--db" in out


def test_a_round_without_organiser_does_not_open(db: Path) -> None:
    env = {"CIVICBOT_SECRET": ENV["CIVICBOT_SECRET"], "CIVICBOT_ORGANISER": ""}
    env["CIVICBOT_ORGANISER_CONTACT"] = ""
    script = str(Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml")
    made = CliRunner().invoke(
        main, ["round", "create", script, "--title", "T", "--db", str(db)], env=env
    )
    assert made.exit_code == 0, made.output
    opened = CliRunner().invoke(main, ["round", "open", "1", "--db", str(db)], env=env)
    assert opened.exit_code != 0 and "no organiser or contact" in opened.output
    at_once = CliRunner().invoke(
        main, ["round", "create", script, "--title", "T", "--open", "--db", str(db)], env=env
    )
    assert at_once.exit_code != 0 and "--organiser" in at_once.output
    areas = CliRunner().invoke(
        main,
        ["round", "create", script, "--title", "T", "--db", str(db), "--area", "bad value=X"],
        env=env,
    )
    assert areas.exit_code != 0 and "VALUE=Label" in areas.output


def test_broadcast_with_no_terminal_says_how_to_send(db: Path) -> None:
    """Issue #13: with no terminal to answer in, `broadcast --text` stopped with a bare
    "Aborted!". It says why nothing was sent and that --yes sends without asking."""
    run("round", "create", str(SCRIPT), "--title", "Pilot", "--open", db=db)
    result = CliRunner().invoke(
        main, ["broadcast", "1", "--text", "Hello", "--db", str(db)], env=ENV, input=""
    )
    assert result.exit_code == 1
    assert "Not sent" in result.output and "--yes" in result.output
    assert "Aborted" not in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM broadcasts").fetchone() == (0,)
    sent = run("broadcast", "1", "--text", "Hello", "--yes", db=db)
    assert "Queued for" in sent
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM broadcasts").fetchone() == (1,)
    assert "--yes" in CliRunner().invoke(main, ["broadcast", "--help"]).output


def test_invite_takes_the_bot_from_the_setting(db: Path) -> None:
    """Issue #13: `civicbot invite` asked for --bot though CIVICBOT_BOT_USERNAME was set."""
    created = run("round", "create", str(SCRIPT), "--title", "Pilot", db=db)
    assert "--bot YOUR_BOT" in created  # no setting: the hint names --bot
    env = {**ENV, "CIVICBOT_BOT_USERNAME": "@town_talk_bot"}
    made = CliRunner().invoke(main, ["round", "create", str(SCRIPT), "--title", "Two",
                                     "--db", str(db)], env=env)  # fmt: skip
    assert made.exit_code == 0 and "--bot" not in made.output
    result = CliRunner().invoke(
        main, ["invite", "1", "--source", "GP surgery", "--db", str(db)], env=env
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^https://t\.me/town_talk_bot\?start=[A-Za-z0-9_-]{16}$",
                     result.stdout, re.M)  # fmt: skip
    assert "Source tag: gp-surgery" in result.output
    # --bot still wins; neither given: one clear line naming both.
    given = CliRunner().invoke(
        main, ["invite", "1", "--bot", "other_bot", "--db", str(db)], env=env
    )
    assert "t.me/other_bot?start=" in given.stdout
    missing = CliRunner().invoke(main, ["invite", "1", "--db", str(db)], env=ENV)
    assert missing.exit_code == 2
    assert "CIVICBOT_BOT_USERNAME" in missing.output and "--bot" in missing.output
    bad = CliRunner().invoke(main, ["invite", "1", "--bot", "no way", "--db", str(db)], env=ENV)
    assert bad.exit_code == 2 and "not a Telegram username" in bad.output


def test_opening_from_the_cli_says_the_default_round_closed(db: Path) -> None:
    async def default(store: Store) -> None:
        from civicbot.script.load import load_script

        loaded = load_script(SCRIPT)
        await store.create_round(
            title="Values and services",
            script_id=loaded.script.id,
            script_version=1,
            script_source=loaded.source,
            script_sha256=loaded.sha256,
            status="open",
            is_default=True,
        )

    async def go() -> None:
        async with await Store.open(db, secret=load_secret(ENV)) as store:
            await default(store)

    asyncio.run(go())
    out = run("round", "create", str(SCRIPT), "--title", "Pilot", "--open", db=db)
    assert "Round 2 “Pilot” created (open)" in out
    assert "Round 1 “Values and services” (the round the bot opened by itself) is now closed" in out
    assert "1. Values and services — closed" in run("round", "list", db=db)
    # A past window is refused before anything is made.
    late = CliRunner().invoke(
        main,
        [
            "round",
            "create",
            str(SCRIPT),
            "--title",
            "Late",
            "--closes-at",
            "2020-01-01T09:00",
            "--db",
            str(db),
        ],
        env=ENV,
    )
    assert late.exit_code == 2 and "has already passed" in late.output
    assert "Late" not in run("round", "list", db=db)


def test_no_round_opens_while_nobody_could_be_alerted(db: Path) -> None:
    run("round", "create", str(SCRIPT), "--title", "Pilot", db=db)
    nobody = {**ENV, "CIVICBOT_ADMINS": "", "CIVICBOT_FACILITATOR_CHAT": ""}
    for args in (
        ["round", "open", "1"],
        ["round", "create", str(SCRIPT), "--title", "X", "--open"],
    ):
        result = CliRunner().invoke(main, [*args, "--db", str(db)], env=nobody)
        assert (
            result.exit_code != 0 and "Nobody could receive a safeguarding alert" in result.output
        )
    (listed,) = run("round", "list", db=db).strip().splitlines()  # nothing else was created
    assert listed.startswith("1. Pilot — draft")
    chat = {**nobody, "CIVICBOT_FACILITATOR_CHAT": "-1001"}
    assert (
        CliRunner().invoke(main, ["round", "open", "1", "--db", str(db)], env=chat).exit_code == 0
    )
