"""CI: the built wheel works outside the checkout.

Builds civicbot's wheel, installs it into a fresh virtual environment, and from an empty
folder runs ``civicbot demo`` (checking the report files it writes), ``civicbot run
--help``, and a real start-up of ``civicbot run`` against the stand-in Bot API (the bot
opens its default round from the script that ships inside the package and answers a
resident's /start). Also checks that the installed top-level import names are civicbot's
own. Run with the checkout's environment (it holds the stand-in): ``.venv/bin/python
.ci/wheel_check.py``; exit status 0 when every check passes.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.fakeapi import FakeTelegram  # noqa: E402

TOKEN = "123456789:wheel-check-token"
# The import names an install of civicbot may claim, and nothing more generic.
ALLOWED_TOP_LEVEL = {"civicbot", "civicbot_analysis"}
REPORT_FILES = ("report.html", "report.md", "report.json")


def step(text: str) -> None:
    print(f"wheel-check: {text}", flush=True)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"wheel-check FAILED: {' '.join(args)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def clean_copy(work: Path) -> Path:
    """The project's files (tracked, or new and not ignored) copied to ``work/src``: a
    build in the working folder would reuse a stale ``build/`` and could ship old files."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    source = work / "src"
    for name in sorted(set(listed.split("\0")) - {""}):
        origin, target = ROOT / name, source / name
        if not origin.exists() and not origin.is_symlink():
            continue  # deleted in the working folder
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_symlink():
            target.symlink_to(origin.readlink())
        else:
            shutil.copy2(origin, target)
    return source


def build_and_install(work: Path) -> Path:
    step("building the wheel from a clean copy of the tree")
    dist = work / "dist"
    source = clean_copy(work)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), "."], source)
    (wheel,) = dist.glob("civicbot-*.whl")
    step(f"installing {wheel.name} into a fresh virtual environment")
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", str(wheel)], work)
    return python


def check_top_level(python: Path, work: Path) -> None:
    code = (
        "import importlib.metadata as m, sys;"
        "files = m.distribution('civicbot').files or [];"
        "names = {f.parts[0].removesuffix('.py') for f in files"
        " if not f.parts[0].endswith(('.dist-info', '.pth')) and f.parts[0] != '..'};"
        "print(' '.join(sorted(names)))"
    )
    names = set(run([str(python), "-c", code], work).split())
    extra = names - ALLOWED_TOP_LEVEL
    if extra or "civicbot" not in names:
        raise SystemExit(f"wheel-check FAILED: top-level names {sorted(names)}")
    step(f"top-level import names: {', '.join(sorted(names))}")


def check_demo(civicbot: Path, empty: Path) -> None:
    step("civicbot demo, from an empty folder")
    started = time.monotonic()
    out = run([str(civicbot), "demo"], empty, _env())
    folder = empty / "demo-out"
    missing = [n for n in REPORT_FILES if not (folder / n).is_file()]
    if missing or (folder / "report.html").stat().st_size < 10_000:
        raise SystemExit(f"wheel-check FAILED: demo wrote no {missing or 'full report'}\n{out}")
    step(f"demo wrote {', '.join(REPORT_FILES)} in {time.monotonic() - started:.1f}s")
    # The guides' form of a shipped script's name works outside the checkout too, with
    # the script's translations beside it.
    checked = run([str(civicbot), "script", "check", "prompts/values-and-services.yaml"], empty)
    if not checked.startswith("OK") or "cy, pl, ur" not in checked:
        raise SystemExit(f"wheel-check FAILED: script check\n{checked}")
    step("civicbot script check prompts/values-and-services.yaml: OK, languages en, cy, pl, ur")


def _env(**extra: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("CIVICBOT_", "PYTHON"))}
    return {**kept, "PYTHONUNBUFFERED": "1", **extra}


async def check_run(civicbot: Path, empty: Path) -> None:
    run([str(civicbot), "run", "--help"], empty, _env())
    step("civicbot run --help: fine; starting civicbot run against the stand-in Bot API")
    async with FakeTelegram(TOKEN) as tg:
        env = _env(
            TELEGRAM_BOT_TOKEN=TOKEN,
            CIVICBOT_TELEGRAM_API_URL=tg.url,
            CIVICBOT_SECRET="wheel-check-secret-0123456789abcdef",
            CIVICBOT_ORGANISER="Wheel Check",
            CIVICBOT_ORGANISER_CONTACT="hello@example.org",
            CIVICBOT_ADMINS="987654321",
            CIVICBOT_POLL_TIMEOUT="1",
        )
        log = empty / "bot.log"
        with log.open("wb") as handle:
            bot = await asyncio.create_subprocess_exec(
                str(civicbot), "run", cwd=empty, env=env, stdout=handle, stderr=handle
            )
        try:
            resident = tg.user(5550001)
            await resident.send_command("start")
            reply = await tg.wait_for(resident.chat_id, timeout=120.0)
        except AssertionError as exc:
            raise SystemExit(f"wheel-check FAILED: no reply\n{log.read_text()[-3000:]}") from exc
        finally:
            if bot.returncode is None:
                bot.send_signal(signal.SIGTERM)
            status = await asyncio.wait_for(bot.wait(), 60.0)
    text = log.read_text(errors="replace")
    if status != 0 or "Traceback" in text or "opened default round" not in text:
        raise SystemExit(f"wheel-check FAILED: civicbot run (exit {status})\n{text[-3000:]}")
    first = (reply.get("text") or "").splitlines()[0]
    step(f"civicbot run opened the shipped default round and replied: {first!r}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="civicbot-wheel-") as scratch:
        work = Path(scratch)
        python = build_and_install(work)
        check_top_level(python, work)
        civicbot = python.parent / "civicbot"
        empty = work / "empty"
        empty.mkdir()
        check_demo(civicbot, empty)
        asyncio.run(check_run(civicbot, empty))
    step("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
