"""``civicbot demo --rounds 3``: a simulated series through the real engine and store, with
a planted change; the series report finds the rising rating and counts the residents who
came back (protected, within the cell-key noise of the true count), and the commands an
organiser would run next (series list, report --series) work on its database."""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.demo.run import DEMO_SECRET
from civicbot.demo.series import PLANTED_TAG, SERIES_NAME
from civicbot.store import Store
from civicbot_analysis.series import SeriesData

RESIDENTS = 120


async def _series(database: Path) -> SeriesData:
    store = await Store.open(database, secret=DEMO_SECRET)
    try:
        return await store.series_data(SERIES_NAME)
    finally:
        await store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("series-demo")
    result = CliRunner().invoke(
        main,
        ["demo", "--rounds", "3", "--residents", str(RESIDENTS), "--out", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def _report(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "series.json").read_text(encoding="utf-8"))
    return loaded


def test_the_planted_rise_is_found(demo: tuple[Path, str]) -> None:
    out, printed = demo
    report = _report(out)
    assert report["simulated"] is True and len(report["rounds"]) == 3
    changes = {c["tag"]: c for c in report["changes"]}
    rise = changes[PLANTED_TAG]
    assert rise["clear"] and rise["difference"]["value"] > 10
    assert (rise["first"], rise["last"]) == (1, 3)
    respect = next(r for r in report["ratings"] if r["tag"] == PLANTED_TAG)
    means = [p["mean"]["value"] for p in respect["points"]]
    assert means == sorted(means) and means[2] - means[0] > 10
    # Values whose steps carry no planted tag do not move clearly.
    for tag in ("care", "connection", "love", "belonging"):
        assert not changes[tag]["clear"], changes[tag]["sentence"]
    assert f"Ratings of {PLANTED_TAG} rose" in printed


def test_repeat_participants_match_the_truth(demo: tuple[Path, str]) -> None:
    out, printed = demo
    series = asyncio.run(_series(out / "demo.db"))
    rounds_of = Counter(r.id for d in series.rounds for r in d.residents)
    truth = sum(1 for n in rounds_of.values() if n > 1)
    planted = sum(int(n) for n in re.findall(r"\((\d+) from the round before\)", printed))
    assert 10 <= truth <= planted  # some who came back declined the consent notice
    shown = _report(out)["repeats"]["more_than_one"]
    assert shown["suppressed"] is False
    assert abs(shown["value"] - truth) <= 2  # the cell-key noise is at most 2
    # No pseudonym reaches any output.
    text = "".join(
        (out / f"series.{f}").read_text(encoding="utf-8") for f in ("html", "md", "json")
    )
    assert not any(rid in text for rid in list(rounds_of)[:50])


def test_series_list_and_report_on_the_demo_database(demo: tuple[Path, str]) -> None:
    out, _ = demo
    runner = CliRunner()
    listed = runner.invoke(main, ["series", "list", "--db", str(out / "demo.db")])
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[0] == f"{SERIES_NAME}: 3 round(s)"
    assert "3. round 3" in listed.output
    md = out / "again.md"
    built = runner.invoke(
        main,
        ["report", "--series", "demo SERIES", "--db", str(out / "demo.db"),
         "--format", "md", "--out", str(md)],
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    assert "Residents who took part more than once" in md.read_text(encoding="utf-8")
    bad = runner.invoke(
        main,
        ["report", "--series", "Nope", "--db", str(out / "demo.db"), "--out", str(md)],
    )
    assert bad.exit_code != 0 and "no series called 'Nope'" in bad.output
    csv = runner.invoke(
        main,
        ["report", "--series", SERIES_NAME, "--db", str(out / "demo.db"),
         "--format", "csv", "--out", str(out / "x.csv")],
    )  # fmt: skip
    assert csv.exit_code != 0 and "html, md, json" in csv.output
    themes = runner.invoke(
        main,
        ["report", "--series", SERIES_NAME, "--db", str(out / "demo.db"),
         "--themes", "3", "--out", str(md)],
    )  # fmt: skip
    assert themes.exit_code == 2 and "not for --series" in themes.output
