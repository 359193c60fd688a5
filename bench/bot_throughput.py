"""Bot throughput, latency and memory: civicbot against a bare python-telegram-bot echo bot.

    python bench/bot_throughput.py            # the full run (about two to three minutes)
    python bench/bot_throughput.py --quick    # a short run

Everything talks to the stand-in Bot API (``tests.e2e.fakeapi.FakeTelegram``), started in
this process on 127.0.0.1; each bot is a subprocess, one at a time. A reply's latency runs
from the moment a resident's message is queued at the stand-in to the moment the bot's reply
reaches it, so it covers long polling, handling, storage and the reply call.

1. Closed loop: ``--residents`` residents each send a message when they get the reply to
   the last, until ``--updates`` are answered; updates per second for the echo bot (bench/
   echo_bot.py) and for civicbot with residents mid-dialogue (each message answers a
   free-text question, committed to SQLite). Target: civicbot at least half the echo rate.
2. Open loop: ``--rate`` updates per second for ``--seconds``, sent on schedule whether or
   not replies came; reply latency p50/p95/p99. Target: civicbot p95 under 100 ms.
``--postgres`` also runs civicbot's closed and open loops on PostgreSQL (a server started
from the machine's packages by ``tests/pgserver.py``, fsync on), reported beside SQLite's
against the same echo bot.

3. Memory: civicbot's peak RSS (VmHWM) on a database with ``--memory-residents`` residents
   part-way through a dialogue against one with 100, while a sample of them answer.
   Target: memory does not grow with the number of residents.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from bench.bot_data import fsync_ms, populate, write_script  # noqa: E402
from bench.bot_load import (  # noqa: E402
    TOKEN,
    BotProcess,
    LoopResult,
    Replies,
    Resident,
    civic_key,
    civic_message,
    closed_loop,
    echo_key,
    echo_message,
    onboard,
    open_loop,
)
from tests.e2e.fakeapi import FakeTelegram  # noqa: E402

THROUGHPUT_TARGET = 0.5  # civicbot updates/s over the echo bot's
P95_TARGET_MS = 100.0
MEMORY_TARGET = 1.15  # peak RSS with many residents over with few: flat, within noise
SMALL_DB = 100
USER_BASE = 5_000_000


@dataclass(frozen=True)
class Options:
    updates: int = 2000
    residents: int = 50
    rate: float = 100.0
    seconds: float = 20.0
    memory_residents: int = 10_000
    memory_small: int = SMALL_DB
    memory_sample: int = 1000
    db_dir: Path | None = None
    reply_timeout: float = 30.0
    postgres: bool = False


@dataclass(frozen=True)
class Memory:
    residents: int
    load: LoopResult
    vm_hwm_kib: int


@dataclass(frozen=True)
class Report:
    options: Options
    fsync_ms: float
    echo_closed: LoopResult
    echo_open: LoopResult
    civic_closed: LoopResult
    civic_open: LoopResult
    memory_small: Memory
    memory_large: Memory
    load: tuple[float, float]  # 1-minute load average before and after: is the machine quiet?
    pg: tuple[LoopResult, LoopResult] | None = None  # civicbot on PostgreSQL: closed, open

    def loops(self) -> list[LoopResult]:
        return [
            self.echo_closed,
            self.echo_open,
            self.civic_closed,
            self.civic_open,
            self.memory_small.load,
            self.memory_large.load,
        ]


def script_steps(options: Options) -> int:
    """Enough free-text questions that no resident runs out during the run."""
    pool = max(options.residents, math.ceil(options.rate))
    per_resident = math.ceil(options.updates / options.residents)
    per_resident += math.ceil(options.rate * options.seconds / pool)
    return max(200, per_resident + 20)


def _users(tg: FakeTelegram, count: int, base: int) -> list[Resident]:
    return [Resident(tg.user(base + i, f"R{i}")) for i in range(count)]


async def bench_echo(tg: FakeTelegram, work: Path, options: Options) -> tuple[LoopResult, ...]:
    replies = Replies(tg, echo_key)
    bot = BotProcess.echo(tg.url, work / "echo.log")
    await bot.start(tg)
    try:
        residents = _users(tg, max(options.residents, math.ceil(options.rate)), USER_BASE)
        closed = await closed_loop(
            replies,
            residents[: options.residents],
            options.updates,
            options.residents,
            echo_message,
            options.reply_timeout,
        )
        opened = await open_loop(
            replies, residents, options.rate, options.seconds, echo_message, options.reply_timeout
        )
    finally:
        replies.close()
        await bot.stop()
    return closed, opened


async def bench_civicbot(
    tg: FakeTelegram, work: Path, script: Path, options: Options, db: Path | str | None = None
) -> tuple[LoopResult, ...]:
    replies = Replies(tg, civic_key)
    name = "civic" if db is None else "civic-pg"
    target = work / "civic.db" if db is None else db
    bot = BotProcess.civicbot(tg.url, target, script, work / f"{name}.log")
    await bot.start(tg)
    try:
        base = (2 if db is None else 5) * USER_BASE
        residents = _users(tg, max(options.residents, math.ceil(options.rate)), base)
        await onboard(tg, replies, residents, options.reply_timeout)  # not timed
        closed = await closed_loop(
            replies,
            residents[: options.residents],
            options.updates,
            options.residents,
            civic_message,
            options.reply_timeout,
        )
        opened = await open_loop(
            replies, residents, options.rate, options.seconds, civic_message, options.reply_timeout
        )
    finally:
        replies.close()
        await bot.stop()
    return closed, opened


async def bench_memory(
    tg: FakeTelegram, work: Path, script: Path, options: Options, count: int, base: int
) -> Memory:
    """Peak RSS of civicbot on a database of ``count`` residents mid-dialogue while
    ``memory_sample`` updates arrive (spread over as many residents as there are)."""
    db = work / f"memory-{count}.db"
    steps = await populate(db, script, count, base, scratch=_scratch_dir())
    replies = Replies(tg, civic_key)
    residents = [Resident(tg.user(base + i, f"M{i}"), step) for i, step in enumerate(steps)]
    sample = random.Random(count).sample(residents, min(count, options.memory_sample))
    bot = BotProcess.civicbot(tg.url, db, script, work / f"memory-{count}.log")
    await bot.start(tg)
    try:
        load = await closed_loop(
            replies,
            sample,
            options.memory_sample,
            min(options.residents, len(sample)),
            civic_message,
            options.reply_timeout,
        )
        peak = bot.vm_hwm_kib()
    finally:
        replies.close()
        await bot.stop()
    return Memory(count, load, peak)


def _scratch_dir() -> Path | None:
    """Build big databases in memory-backed /dev/shm when there is one (no disk flushes),
    then copy them to the bench folder with SQLite's backup API."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


async def run_bench(options: Options, *, log: bool = True) -> Report:
    with tempfile.TemporaryDirectory(prefix="civicbot-bench-", dir=options.db_dir) as name:
        work = Path(name)
        script = work / "bench-script.yaml"
        write_script(script, script_steps(options))
        probe = fsync_ms(work)
        load_before = os.getloadavg()[0]
        async with FakeTelegram(TOKEN) as tg:

            def say(text: str) -> None:
                if log:
                    print(text, flush=True)

            say(f"echo bot: {options.updates} updates closed loop, then open loop ...")
            echo_closed, echo_open = await bench_echo(tg, work, options)
            say("civicbot: onboarding residents, closed loop, open loop ...")
            civic_closed, civic_open = await bench_civicbot(tg, work, script, options)
            pg = await bench_postgres(tg, work, script, options, say) if options.postgres else None
            say(f"memory: {options.memory_small} residents ...")
            small = await bench_memory(
                tg, work, script, options, options.memory_small, 3 * USER_BASE
            )
            say(f"memory: {options.memory_residents} residents ...")
            large = await bench_memory(
                tg, work, script, options, options.memory_residents, 4 * USER_BASE
            )
    load = (load_before, os.getloadavg()[0])
    return Report(
        options, probe, echo_closed, echo_open, civic_closed, civic_open, small, large, load, pg
    )


async def bench_postgres(
    tg: FakeTelegram, work: Path, script: Path, options: Options, say: Callable[[str], None]
) -> tuple[LoopResult, LoopResult]:
    from tests.pgserver import PgServer, why_unavailable

    reason = why_unavailable()
    if reason is not None:
        raise SystemExit(f"--postgres: {reason}")
    say("civicbot on PostgreSQL: onboarding residents, closed loop, open loop ...")
    server = PgServer(fsync=True).start()
    try:
        closed, opened = await bench_civicbot(tg, work, script, options, server.new_database())
    finally:
        server.stop()
    return closed, opened


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def format_report(report: Report) -> str:
    o = report.options
    ec, eo, cc, co = report.echo_closed, report.echo_open, report.civic_closed, report.civic_open
    small, large = report.memory_small, report.memory_large
    ratio = cc.rate / ec.rate if ec.rate else 0.0
    mem_ratio = large.vm_hwm_kib / small.vm_hwm_kib if small.vm_hwm_kib else 0.0
    p95 = co.percentile(95)
    lines = [
        f"bot throughput: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"SQLite commit with fsync in the DB folder: {report.fsync_ms:.2f} ms, "
        f"load average {report.load[0]:.1f} at start, {report.load[1]:.1f} at end",
        "",
        f"{'measure':<44}{'echo bot':>14}{'civicbot':>14}{'civic/echo':>12}",
        f"{'closed loop, ' + str(o.residents) + ' residents, updates/s':<44}"
        f"{ec.rate:>14.1f}{cc.rate:>14.1f}{ratio:>12.2f}",
    ]
    for label, pct in (("p50", 50), ("p95", 95), ("p99", 99)):
        e, c = eo.percentile(pct), co.percentile(pct)
        lines.append(
            f"{f'open loop {o.rate:g}/s for {o.seconds:g} s, {label} ms':<44}"
            f"{e:>14.1f}{c:>14.1f}{(c / e if e else 0.0):>12.2f}"
        )
    lines.append(f"{'open loop, sent/s achieved':<44}{eo.send_rate:>14.1f}{co.send_rate:>14.1f}")
    if report.pg is not None:
        pc, po = report.pg
        lines += [
            "",
            f"{'civicbot on PostgreSQL':<44}{'echo bot':>14}{'civic (PG)':>14}{'civic/echo':>12}",
            f"{'closed loop, ' + str(o.residents) + ' residents, updates/s':<44}"
            f"{ec.rate:>14.1f}{pc.rate:>14.1f}{(pc.rate / ec.rate if ec.rate else 0.0):>12.2f}",
        ]
        for label, pct in (("p50", 50), ("p95", 95), ("p99", 99)):
            e, c = eo.percentile(pct), po.percentile(pct)
            lines.append(
                f"{f'open loop {o.rate:g}/s for {o.seconds:g} s, {label} ms':<44}"
                f"{e:>14.1f}{c:>14.1f}{(c / e if e else 0.0):>12.2f}"
            )
    lines += [
        "",
        f"{'civicbot peak RSS (VmHWM)':<44}{'residents':>14}{'MiB':>14}{'updates/s':>12}",
        f"{'  small database, ' + str(small.load.answered) + ' answers':<44}"
        f"{small.residents:>14}{small.vm_hwm_kib / 1024:>14.1f}{small.load.rate:>12.1f}",
        f"{'  large database, ' + str(large.load.answered) + ' answers':<44}"
        f"{large.residents:>14}{large.vm_hwm_kib / 1024:>14.1f}{large.load.rate:>12.1f}",
        f"{'  ratio large/small':<44}{'':>14}{mem_ratio:>14.2f}",
        "",
    ]
    unanswered = sum(loop.sent - loop.answered for loop in report.loops())
    if report.pg is not None:
        unanswered += sum(loop.sent - loop.answered for loop in report.pg)
    lines += [
        f"{_verdict(unanswered == 0)}: every update answered ({unanswered} unanswered)",
        f"{_verdict(ratio >= THROUGHPUT_TARGET)}: civicbot throughput {ratio:.2f} of the echo "
        f"bot's (target >= {THROUGHPUT_TARGET})",
        f"{_verdict(p95 < P95_TARGET_MS and co.answered == co.sent)}: civicbot p95 "
        f"{p95:.1f} ms at {o.rate:g} updates/s (target < {P95_TARGET_MS:g} ms)",
        f"{_verdict(mem_ratio <= MEMORY_TARGET)}: peak RSS with {large.residents} residents is "
        f"{mem_ratio:.2f}x that with {small.residents} (target <= {MEMORY_TARGET}: flat)",
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run (about 30 s)")
    parser.add_argument("--updates", type=int, help="closed-loop updates per bot (2000)")
    parser.add_argument("--residents", type=int, help="concurrent residents (50)")
    parser.add_argument("--rate", type=float, help="open-loop updates per second (100)")
    parser.add_argument("--seconds", type=float, help="open-loop duration (20)")
    parser.add_argument("--memory-residents", type=int, help="large database size (10000)")
    parser.add_argument("--memory-sample", type=int, help="answers in the memory runs (1000)")
    parser.add_argument("--db-dir", type=Path, help="folder for databases and logs (temp)")
    parser.add_argument(
        "--postgres", action="store_true", help="civicbot on PostgreSQL too, in the same run"
    )
    args = parser.parse_args(argv)
    options = Options()
    if args.quick:
        options = replace(options, updates=400, seconds=5, memory_residents=2000)
        options = replace(options, memory_sample=300)
    names = ("updates", "residents", "rate", "seconds", "memory_residents", "memory_sample")
    given = {
        name: getattr(args, name) for name in (*names, "db_dir") if getattr(args, name) is not None
    }
    options = replace(options, **given, postgres=args.postgres)
    if min(options.updates, options.residents, options.memory_sample) < 1:
        parser.error("--updates, --residents and --memory-sample must be at least 1")
    if options.rate <= 0 or options.seconds <= 0 or options.memory_residents < 1:
        parser.error("--rate, --seconds and --memory-residents must be positive")
    return options


def main(argv: list[str] | None = None) -> None:
    options = parse_args(argv)
    report = asyncio.run(run_bench(options))
    print()
    print(format_report(report))


if __name__ == "__main__":
    main()
