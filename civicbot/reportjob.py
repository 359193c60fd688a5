"""One round's report built in a process of its own, for the bot's ``/report``.

``python -m civicbot.reportjob --db PATH --round N --out FILE`` reads the round through a
read-only connection of its own, builds the HTML report with the same code as
``civicbot report`` (:func:`civicbot_analysis.report.build_report` and ``render``; the round's
theme edits and frozen reference, as ``/results`` uses them), writes it atomically to
``FILE`` and prints one JSON line (the round's title and how many residents, as a
facilitator may see it). With ``--heard`` it prints “what we heard” (``/results``'s
draft) instead. It lowers its own CPU priority (``--nice``, 10 by default) and,
on Linux, dies with the bot that started it, so a killed bot leaves no build behind.
The bot's side (:mod:`civicbot.bot.facilitator.report_jobs`) runs one at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from civicbot.store.dbfile import db_target
from civicbot_analysis.equity import Reference
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.themes import Edit


def build_html(
    data: RoundData, reference: Reference | None, edits: Sequence[Edit] = (), k: int = 10
) -> str:
    """The round's HTML report, as ``civicbot report ROUND --format html`` builds it."""
    from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

    from civicbot_analysis.report import build_report, render

    # One thread for the numeric libraries: the machine is the bot's too.
    with threadpool_limits(limits=1):
        built = build_report(data, k_min=k, reference=reference, edits=edits)
    return render(built, "html")


async def _read(db: Path | str, round_id: int) -> tuple[RoundData, Reference | None, list[Edit]]:
    from civicbot.facilitation import edits_for, reference_for
    from civicbot.store import Store, UnknownRound

    store = await Store.open(db, secret=None, read_only=True)
    try:
        row = await store.get_round(round_id)
        if row is None:
            raise UnknownRound(round_id)
        data = await store.round_data(round_id)
        edits = edits_for(await store.theme_edits(round_id))
        return data, reference_for(row), edits
    finally:
        await store.close()


def _die_with_parent(parent: int | None) -> None:
    """Ask Linux to kill this process when the bot dies (PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:
        sys.exit(3)  # the bot died before the request above took effect


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m civicbot.reportjob", description=__doc__)
    parser.add_argument("--db", type=db_target, required=True, help="a file or a URL")
    parser.add_argument("--round", dest="round_id", type=int, required=True)
    parser.add_argument("--out", type=Path, help="where to write the HTML report")
    parser.add_argument(
        "--heard", action="store_true", help="print “what we heard” (for /results) instead"
    )
    parser.add_argument("--nice", type=int, default=10)
    parser.add_argument("--parent", type=int, default=None)
    args = parser.parse_args(argv)
    _die_with_parent(args.parent)
    if args.nice > 0:
        with contextlib.suppress(OSError):
            os.nice(args.nice)
    from civicbot.counts import residents_text
    from civicbot_analysis.textfile import write_atomic

    data, reference, edits = asyncio.run(_read(args.db, args.round_id))
    if args.heard:
        from threadpoolctl import threadpool_limits

        from civicbot.heard import what_we_heard

        with threadpool_limits(limits=1):
            text = what_we_heard(data, reference=reference, edits=edits)
        print(json.dumps({"heard": text}))
        return 0
    if args.out is None:
        parser.error("--out is needed to build the report")
    html = build_html(data, reference, edits)
    write_atomic(args.out, html.encode("utf-8"), mode=0o600)
    print(
        json.dumps(
            {"title": data.title, "residents": residents_text([r.id for r in data.residents])}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
