"""The demo of a discussion series: several simulated rounds, grouped, with a planted change.

:func:`run_series_demo` runs ``rounds`` simulated rounds of the default script through the
real engine and store, a few months apart, groups them into a series, and writes the
series report. Two things are planted so a reader (and a test) can check the report finds
them:

- **A rating that rises round over round**: every resident rates the steps tagged
  ``respect`` :data:`RISE_PER_ROUND` scale points higher in each round than in the one
  before (on a five-point scale; a quarter of the 0-100 rating per point).
- **Residents who come back**: :data:`RETURN_SHARE` of each round's residents are people
  who took part in the round before (the same chat id, so the same pseudonym).
"""

from __future__ import annotations

import dataclasses
import os
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from civicbot.demo.population import Persona, draw_population
from civicbot.demo.run import DATABASE_NAME, OPENED, default_script, demo_secret
from civicbot.demo.simulate import ROUND_DAYS, SimClock, Tally, simulate_round
from civicbot.script.load import load_script
from civicbot.store import Store
from civicbot_analysis.errors import FileError
from civicbot_analysis.series import SeriesData

SERIES_FORMATS: tuple[str, ...] = ("html", "md", "json")
SERIES_NAME = "Demo series"
REPORT_NAME = "series"
PLANTED_TAG = "respect"
RISE_PER_ROUND = 0.5
RETURN_SHARE = 0.3
ROUND_GAP_DAYS = 91  # one round a quarter
NUMBER_STRIDE = 1_000_000  # persona numbers (so chat ids) of round r start at r * this


@dataclass(frozen=True)
class SeriesDemoResult:
    out_dir: Path
    database: Path
    round_ids: tuple[int, ...]
    tallies: tuple[Tally, ...]
    returning: tuple[int, ...]  # per round, residents planted as returning from the round before
    files: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    changes: tuple[str, ...] = ()  # the report's clear changes, in words
    more_than_one: str = ""  # the report's (protected) count of repeat participants


def personas_for(
    round_index: int, residents: int, seed: int, previous: Sequence[Persona]
) -> list[Persona]:
    """Round ``round_index``'s residents: new people, and some from the round before."""
    rng = random.Random(f"{seed}:series:{round_index}")
    fresh = [
        dataclasses.replace(p, number=round_index * NUMBER_STRIDE + p.number)
        for p in draw_population(rng, residents)
    ]
    back = rng.sample(list(previous), min(len(previous), round(RETURN_SHARE * residents)))
    people = back + fresh[: residents - len(back)]
    shift = ((PLANTED_TAG, RISE_PER_ROUND * round_index),)
    return [dataclasses.replace(p, tag_shift=shift) for p in people]


async def simulate_series(
    store: Store,
    clock: SimClock,
    rounds: int,
    residents: int,
    seed: int,
    script_path: Path | None = None,
) -> tuple[list[int], list[Tally], list[int]]:
    """Run ``rounds`` rounds into ``store`` and group them as :data:`SERIES_NAME`."""
    loaded = load_script(script_path or default_script())
    title = loaded.script.title
    title_text = title if isinstance(title, str) else next(iter(title.values()))
    await store.create_series(SERIES_NAME)
    ids: list[int] = []
    tallies: list[Tally] = []
    returning: list[int] = []
    previous: list[Persona] = []
    for r in range(rounds):
        clock.now = OPENED + timedelta(days=r * ROUND_GAP_DAYS)
        round_id = await store.create_round(
            title=f"{title_text}, round {r + 1} (simulated demo)",
            script_id=loaded.script.id,
            script_version=loaded.script.version,
            script_source=loaded.source,
            script_sha256=loaded.sha256,
            allow_restart=loaded.script.allow_restart,
            status="open",
            simulated=True,
        )
        people = personas_for(r, residents, seed, previous)
        tallies.append(
            await simulate_round(
                store, loaded.script, round_id, people, seed=seed * 100 + r, clock=clock
            )
        )
        clock.now = OPENED + timedelta(days=r * ROUND_GAP_DAYS + ROUND_DAYS)
        await store.close_round(round_id)
        await store.add_to_series(SERIES_NAME, round_id)
        returning.append(sum(1 for p in people if p.number < r * NUMBER_STRIDE))
        previous = [dataclasses.replace(p, tag_shift=()) for p in people]
        ids.append(round_id)
    return ids, tallies, returning


def write_series_report(
    series: SeriesData, out_dir: Path, formats: Sequence[str], *, seed: int, k: int = 10
) -> tuple[dict[str, Path], tuple[str, ...], str]:
    """Build and write the series report; return its files, clear changes and repeat count."""
    from threadpoolctl import threadpool_limits

    from civicbot_analysis.equity import load_reference
    from civicbot_analysis.series import build_series_report, render_series
    from civicbot_analysis.textfile import write_atomic

    with threadpool_limits(limits=1):
        report = build_series_report(
            series, k_min=k, seed=seed, reference=load_reference("england")
        )
    files: dict[str, Path] = {}
    for fmt in formats:
        path = out_dir / f"{REPORT_NAME}.{fmt}"
        write_atomic(path, render_series(report, fmt))
        files[fmt] = path
    changes = tuple(c.sentence for c in report.changes if c.clear)
    return files, changes, report.repeats.more_than_one.render()


async def run_series_demo(
    out_dir: Path,
    *,
    rounds: int = 3,
    residents: int = 300,
    seed: int = 1,
    formats: Sequence[str] = SERIES_FORMATS,
    env: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SeriesDemoResult:
    """A fresh database in ``out_dir`` with a simulated series, and its series report."""
    began = time.perf_counter()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(out_dir, "cannot be made into a folder (" + (exc.strerror or "") + ")",
                        "choose another --out folder") from exc  # fmt: skip
    database = out_dir / DATABASE_NAME
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    clock = SimClock(OPENED)
    secret = demo_secret(os.environ if env is None else env)
    store = await Store.open(":memory:", secret=secret, clock=clock)
    try:
        ids, tallies, returning = await simulate_series(store, clock, rounds, residents, seed)
        series = await store.series_data(SERIES_NAME)
        await store.backup(database)
    finally:
        await store.close()
    files, changes, repeat = (
        write_series_report(series, out_dir, formats, seed=seed) if formats else ({}, (), "")
    )
    return SeriesDemoResult(
        out_dir=out_dir,
        database=database,
        round_ids=tuple(ids),
        tallies=tuple(tallies),
        returning=tuple(returning),
        files=files,
        seconds=time.perf_counter() - began,
        changes=changes,
        more_than_one=repeat,
    )


def series_summary(result: SeriesDemoResult) -> str:
    """The plain summary printed after a series demo run."""
    lines = [
        f"Simulated series of {len(result.round_ids)} rounds written to {result.out_dir}/ "
        f"in {result.seconds:.1f} s",
    ]
    for i, (t, back) in enumerate(zip(result.tallies, result.returning, strict=True), start=1):
        lines.append(
            f"  round {i}: {t.started} started ({back} from the round before), "
            f"{t.finished} finished, {t.declined} declined"
        )
    lines.append(f"  planted: ratings of {PLANTED_TAG} rise {RISE_PER_ROUND} scale points a round")
    lines.append(f"  report: took part in more than one round: {result.more_than_one}")
    lines.extend(f"  report: {c}" for c in result.changes)
    if result.files:
        main = result.files.get("html") or next(iter(result.files.values()))
        lines.append(f"  series report: {main}")
    lines.append(f"  database: {result.database} (civicbot series list --db ...)")
    lines.append("These data are simulated: no real person took part.")
    return "\n".join(lines)
