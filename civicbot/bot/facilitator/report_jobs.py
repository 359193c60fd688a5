"""Building and sending ``/report`` documents beside the dialogue, never inside it.

:class:`ReportBuilder` is a background job. It takes the round of the oldest queued
request (every queued request of that round joins one build), runs
:mod:`civicbot.reportjob` in a subprocess at lower CPU priority with its own read-only
database connection, and records the file; then it sends each built request's document,
claimed in the store before the call to Telegram. One build runs at a time. The bot's
event loop only waits on the child process and a few small writes, so residents' replies
go on while a report of any size is built. On start it resumes what a restart cut short
(:meth:`~civicbot.store.Store.resume_report_requests`); on stop it kills the build, whose
requests are built again next time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from telegram import Bot, InputFile

from civicbot.bot.sending import with_retry
from civicbot.store import Store

log = logging.getLogger(__name__)
BUILD_TIMEOUT_S = 3 * 60 * 60  # a build still running after this has gone wrong


def reports_folder(db_path: Path | str) -> Path:
    """Where built reports wait to be sent: ``<database file>-reports`` beside it; with
    PostgreSQL, a folder of this user's in the temporary folder (made private)."""
    if isinstance(db_path, Path):
        return db_path.with_name(db_path.name + "-reports")
    folder = Path(tempfile.gettempdir()) / f"civicbot-reports-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


async def run_job(
    db_path: Path | str,
    round_id: int,
    extra: list[str],
    *,
    stop: asyncio.Event | None = None,
    nice: int = 10,
    timeout: float = BUILD_TIMEOUT_S,
) -> tuple[dict[str, str] | None, str | None]:
    """Run :mod:`civicbot.reportjob` for ``round_id``: (its JSON line, None), (None, why
    it failed), or (None, None) when ``stop`` was set first (the child is killed)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "civicbot.reportjob", "--db", str(db_path),
        "--round", str(round_id), "--nice", str(nice), "--parent", str(os.getpid()), *extra,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    log.info("report job for round %d (process %d): %s", round_id, process.pid, extra[:1])
    finished = asyncio.ensure_future(process.communicate())
    stopping = asyncio.ensure_future(stop.wait() if stop is not None else asyncio.Event().wait())
    try:
        done, _ = await asyncio.wait(
            {finished, stopping}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        stopping.cancel()
        if not finished.done():
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await finished
    if finished not in done:
        return (None, None) if stop is not None and stop.is_set() else (None, "took too long")
    stdout, stderr = finished.result()
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
        log.error("report job for round %d failed: %s", round_id, tail[0])
        return None, tail[0]
    lines = stdout.decode("utf-8", "replace").strip().splitlines()
    try:
        info = json.loads(lines[-1]) if lines else {}
    except ValueError:
        info = {}
    return {str(k): str(v) for k, v in info.items()}, None


async def heard_text(db_path: Path | str, round_id: int) -> str | None:
    """“What we heard” of a round, worked out in a process of its own (None: it failed)."""
    info, _error = await run_job(db_path, round_id, ["--heard"], timeout=30 * 60)
    return None if info is None else info.get("heard")


class ReportBuilder:
    def __init__(
        self,
        bot: Bot,
        store: Store,
        db_path: Path | str,
        *,
        every: float = 1.0,
        nice: int = 10,
    ) -> None:
        self.bot = bot
        self.store = store
        self.db_path = db_path
        self.folder = reports_folder(db_path)
        self.every = every
        self.nice = nice

    async def run(self, stop: asyncio.Event) -> None:
        requeued, counted = await self.store.resume_report_requests()
        if requeued or counted:
            log.info("reports after a restart: %d to build again, %d counted as sent",
                     requeued, counted)  # fmt: skip
        while not stop.is_set():
            worked = False
            try:
                worked = await self.tick(stop)
            except Exception:
                log.exception("building or sending a report failed; will try again")
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.every)

    async def tick(self, stop: asyncio.Event) -> bool:
        """Send what is built, then build one round's report; whether anything was done."""
        sent = await self.deliver()
        round_id = await self.store.next_report_round()
        if round_id is None or stop.is_set():
            return sent
        ids = await self.store.start_report_build(round_id)
        if not ids:
            return sent
        out = self.folder / f"round-{round_id}-request-{ids[0]}.html"
        try:
            built = await self._build(round_id, out, stop)
        except Exception as exc:
            log.exception("the report of round %d could not be built", round_id)
            built = None, f"{type(exc).__name__}"
        info, error = built
        if info is None and error is None:
            return True  # stopped: the requests stay 'building' and are resumed on start
        if info is None:
            for request in await self.store.fail_report_build(ids, error or "failed"):
                if request.chat_id is not None:
                    text = (f"Sorry, the report of round {round_id} could not be built. "
                            "Please try again later, or ask the organiser to run "
                            "`civicbot report`.")  # fmt: skip
                    await self._tell(request.chat_id, text)
            return True
        caption = (
            f"Report of round {round_id}, “{info.get('title', '')}”: "
            f"{info.get('residents', '')} residents. Open it in a browser; it prints well too."
        )[:1024]
        await self.store.finish_report_build(ids, str(out), caption)
        await self.deliver()
        return True

    async def _build(
        self, round_id: int, out: Path, stop: asyncio.Event
    ) -> tuple[dict[str, str] | None, str | None]:
        """Run the build; (its JSON line, None), (None, why it failed), or (None, None)
        when the bot is stopping."""
        await asyncio.to_thread(self.folder.mkdir, mode=0o700, parents=True, exist_ok=True)
        return await run_job(self.db_path, round_id, ["--out", str(out)], stop=stop, nice=self.nice)

    async def _send(self, chat_id: int, round_id: int, content: bytes, caption: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d")
        document = InputFile(content, filename=f"round-{round_id}-report-{stamp}.html")
        await with_retry(lambda: self.bot.send_document(chat_id, document, caption=caption))

    async def _tell(self, chat_id: int, text: str) -> None:
        await with_retry(lambda: self.bot.send_message(chat_id, text))

    async def deliver(self) -> bool:
        """Send every built report waiting; whether any was sent."""
        sent = False
        while (request := await self.store.claim_built_report()) is not None:
            sent = True
            path = Path(request.file)
            if request.chat_id is not None:
                try:
                    content = await asyncio.to_thread(path.read_bytes)
                except OSError as exc:
                    log.error("report file %s cannot be read (%s)", path, exc)
                else:
                    await self._send(request.chat_id, request.round_id, content, request.caption)
            await self.store.report_sent(request.id)
            if not await self.store.report_file_in_use(request.file):
                with contextlib.suppress(OSError):
                    await asyncio.to_thread(path.unlink)
        return sent
