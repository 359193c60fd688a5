"""The demo, end to end: a fresh database, a simulated round, and the report files.

:func:`run_demo` opens a new SQLite database in the output folder, creates a round of the
default script (marked as simulated in the database), runs the simulated residents
through the real engine and store (:mod:`civicbot.demo.simulate`), closes the round, and
writes the report in each format asked for. The report says plainly that its data are
simulated, because the round is.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from civicbot.demo.matched import draw_matched_population
from civicbot.demo.population import draw_population
from civicbot.demo.simulate import ROUND_DAYS, SimClock, Tally, simulate_round
from civicbot.script.load import load_script
from civicbot.script.rounds import for_round
from civicbot.script.shipped import default_script
from civicbot.store import Store, load_secret
from civicbot_analysis.errors import FileError
from civicbot_analysis.rounddata import RoundData

# Who "runs" the simulated round, as its residents read it before agreeing.
DEMO_ORGANISER = "The civicbot demo (simulated)"
DEMO_CONTACT = "no one: these residents are simulated"

FORMATS: tuple[str, ...] = ("html", "md", "json", "csv")
DATABASE_NAME = "demo.db"
REPORT_NAME = "report"
# The pseudonym key used when none is configured. For the demo ONLY: its data are
# simulated, so there is nobody to protect. A real round must set CIVICBOT_SECRET.
DEMO_SECRET = b"civicbot-demo-only-secret-never-use-for-real-residents"
# A fixed start keeps a seed's output identical from one day to the next.
OPENED = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
if TYPE_CHECKING:
    from civicbot_analysis.equity import Reference
    from civicbot_analysis.report import Report


@dataclass(frozen=True)
class DemoResult:
    out_dir: Path
    database: Path
    round_id: int
    tally: Tally
    files: dict[str, Path] = field(default_factory=dict)
    themes: int = 0
    seconds: float = 0.0
    reference: str = "England"
    # Under-represented groups against the round's reference and against England, when
    # the residents were drawn to match a reference (``--reference``).
    comparisons: tuple[tuple[str, tuple[str, ...]], ...] = ()


def demo_secret(env: Mapping[str, str]) -> bytes:
    """The configured pseudonym key if there is one, else the demo-only key."""
    if env.get("CIVICBOT_SECRET") or env.get("CIVICBOT_SECRET_FILE"):
        return load_secret(env)
    return DEMO_SECRET


def _fresh(database: Path) -> None:
    # Only the demo's own database file and its WAL companions are removed.
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def count_themes(report: Report) -> int:
    """How many themes the report found, across all its questions."""
    return sum(len(theme_set.themes) for theme_set in report.theme_sets)


def write_report(
    data: RoundData,
    out_dir: Path,
    formats: Sequence[str],
    *,
    reference: Reference | None = None,
) -> tuple[dict[str, Path], int]:
    """Build the report of the round (against ``reference``, England's Census 2021 shares
    by default) and write one file per format; return the files and the number of themes.

    The report takes the analysis's default seed, as ``civicbot report`` does, so the
    demo's report is the one ``civicbot report 1 --db demo-out/demo.db`` writes (the
    demo's own ``--seed`` chooses the simulated residents, not the analysis)."""
    # Imported here: the analysis stack (scikit-learn, Jinja2) is slow to import, and
    # ``civicbot --help`` should not pay for it.
    from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

    from civicbot_analysis.equity import load_reference
    from civicbot_analysis.report import build_report, render
    from civicbot_analysis.textfile import write_atomic

    # One thread for the numeric libraries: the demo's clustering runs on a few hundred
    # rows each, where OpenMP threads cost more than they give, and on a busy two-core
    # machine k-means with threads took 38 s against 7 s without.
    with threadpool_limits(limits=1):
        report = build_report(data, k_min=10, reference=reference or load_reference("england"))
    files: dict[str, Path] = {}
    for fmt in formats:
        path = out_dir / f"{REPORT_NAME}.{fmt}"
        write_atomic(path, render(report, fmt))
        files[fmt] = path
    return files, count_themes(report)


async def run_demo(
    out_dir: Path,
    *,
    residents: int = 300,
    seed: int = 1,
    formats: Sequence[str] = FORMATS,
    script_path: Path | None = None,
    env: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    reference: Reference | None = None,
) -> DemoResult:
    """Build a fresh database in ``out_dir``, simulate a round, write the report.

    With a ``reference``, the residents are drawn to match its shares
    (:mod:`civicbot.demo.matched`) and the report compares with it."""
    began = time.perf_counter()
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    loaded = load_script(script_path or default_script())
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(out_dir, "cannot be made into a folder (" + (exc.strerror or "") + ")",
                        "choose another --out folder") from exc  # fmt: skip
    database = out_dir / DATABASE_NAME
    _fresh(database)
    clock = SimClock(OPENED)
    secret = demo_secret(os.environ if env is None else env)
    # The round runs in an in-memory database, saved to ``database`` with SQLite's backup
    # API at the end: the same Store and schema, without an fsync per answer (the store
    # commits with synchronous=FULL, which on a disk costs seconds per thousand answers).
    store = await Store.open(":memory:", secret=secret, clock=clock)
    try:
        title = loaded.script.title
        title_text = title if isinstance(title, str) else next(iter(title.values()))
        round_id = await store.create_round(
            title=f"{title_text} (simulated demo)",
            script_id=loaded.script.id,
            script_version=loaded.script.version,
            script_source=loaded.source,
            script_sha256=loaded.sha256,
            allow_restart=loaded.script.allow_restart,
            status="open",
            simulated=True,
        )
        await store.set_round_people(round_id, organiser=DEMO_ORGANISER, contact=DEMO_CONTACT)
        script = for_round(loaded.script, organiser=DEMO_ORGANISER, contact=DEMO_CONTACT)
        rng = random.Random(f"{seed}:population")
        personas = (
            draw_matched_population(rng, residents, reference)
            if reference is not None
            else draw_population(rng, residents)
        )
        tally = await simulate_round(
            store, script, round_id, personas, seed=seed, clock=clock, progress=progress
        )
        clock.now = OPENED + timedelta(days=ROUND_DAYS)
        await store.close_round(round_id)
        data = await store.round_data(round_id)
        await store.backup(database)
    finally:
        await store.close()
    files, themes = (
        write_report(data, out_dir, formats, reference=reference) if formats else ({}, 0)
    )
    return DemoResult(
        out_dir=out_dir,
        database=database,
        round_id=round_id,
        tally=tally,
        files=files,
        themes=themes,
        seconds=time.perf_counter() - began,
        reference=reference.title if reference is not None else "England",
        comparisons=compare_with(data, reference) if reference is not None else (),
    )


def compare_with(data: RoundData, reference: Reference) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The under-represented groups of a round against ``reference`` and against England."""
    from civicbot_analysis.equity import load_reference, representation

    out: list[tuple[str, tuple[str, ...]]] = []
    for ref in (reference, load_reference("england")):
        if out and ref.name == reference.name:
            continue
        out.append((ref.title, tuple(representation(data, ref).under_sentences())))
    return tuple(out)
