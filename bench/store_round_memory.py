"""Peak memory of reading a whole round (what ``civicbot report ROUND`` reads) on SQLite
and on PostgreSQL, in one run.

    python bench/store_round_memory.py --answers 50000

A round of ``--answers`` free-text answers (ten per resident) is stored through the Store
on both back ends (PostgreSQL: a server started by ``tests/pgserver.py``); then a fresh
process per back end opens the store and builds the round's ``RoundData`` (rows
streamed: a server-side cursor on PostgreSQL), and reports its peak RSS (``ru_maxrss``)
and time. Target: PostgreSQL's peak no higher than SQLite's (within 10%).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from civicbot.engine.types import AnswerGiven, SessionState  # noqa: E402
from civicbot.store import Store  # noqa: E402
from tests.civicbot.store.conftest import SCRIPT  # noqa: E402
from tests.pgserver import PgServer, why_unavailable  # noqa: E402

SECRET = b"bench-secret-0123456789-abcdefgh"
PER_RESIDENT = 10
TARGET = 1.10


async def populate(target: str, answers: int, voice: Path) -> int:
    async with await Store.open(target, secret=SECRET, voice_dir=voice) as store:
        round_id = await store.create_round(
            title="Memory",
            script_id="test-round",
            script_version=2,
            script_source=SCRIPT,
            script_sha256=hashlib.sha256(SCRIPT.encode()).hexdigest(),
            status="open",
        )
        words = "the bus to the surgery is late and nobody tells us why, so we wait " * 2
        for n in range(answers // PER_RESIDENT):
            records = tuple(AnswerGiven(f"s{k}", f"{words} {n} {k}") for k in range(PER_RESIDENT))
            await store.apply_outcome(
                update_id=None,
                round_id=round_id,
                resident=f"{n:032x}",
                state=SessionState(status="active", step_id="matters"),
                records=records,
            )
    return round_id


async def read_round(target: str, round_id: int, voice: Path) -> tuple[int, float]:
    start = time.perf_counter()
    async with await Store.open(target, secret=None, voice_dir=voice) as store:
        rows = await store.round_rows(round_id)
    return len(rows.answers), time.perf_counter() - start


def child(target: str, round_id: int, voice: Path) -> None:
    count, seconds = asyncio.run(read_round(target, round_id, voice))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} {seconds:.2f} {peak:.1f}")


def measure(target: str, round_id: int, voice: Path) -> tuple[int, float, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", target, str(round_id), str(voice)],
        capture_output=True,
        text=True,
        check=True,
    )
    count, seconds, peak = done.stdout.split()
    return int(count), float(seconds), float(peak)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=50_000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), Path(args.child[2]))
        return 0
    reason = why_unavailable()
    if reason is not None:
        raise SystemExit(reason)
    results: dict[str, tuple[int, float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="civicbot-mem-") as name:
        work = Path(name)
        server = PgServer(fsync=False).start()
        try:
            for label, target in (("SQLite", str(work / "m.db")), ("PostgreSQL", None)):
                target = target or server.new_database()
                round_id = asyncio.run(populate(target, args.answers, work / "voice"))
                results[label] = measure(target, round_id, work / "voice")
        finally:
            server.stop()
    print(f"{'back end':<12}{'answers':>10}{'seconds':>10}{'peak MiB':>10}")
    for label, (count, seconds, peak) in results.items():
        print(f"{label:<12}{count:>10}{seconds:>10.2f}{peak:>10.1f}")
    ratio = results["PostgreSQL"][2] / results["SQLite"][2]
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"{verdict}: PostgreSQL peak {ratio:.2f}x SQLite's (target <= {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
