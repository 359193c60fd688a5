"""The guides' commands run as written (issue #13: docs showed commands and figures the
code no longer gave).

Every ``civicbot`` command in a fenced ``sh``/``console`` block of ``docs/*.md`` is run,
in order, one folder per guide, against a copy of a demo database named as the guide names
it, or it is listed in :data:`SKIPS` with the reason it cannot run here. A command must
exit 0; in a ``console`` block, what it prints must be what the guide shows (dates aside).
"""

from __future__ import annotations

import asyncio
import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.demo.run import DEMO_SECRET, run_demo

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# (guide, part of the command line, why it is not run here). Anything else is run.
SKIPS: tuple[tuple[str, str, str], ...] = (
    ("operators.md", "civicbot run", "needs a Telegram token and runs until stopped"),
    ("operators.md", "civicbot doctor", "checks a live deployment (token, Telegram, files)"),
    ("operators.md", "civicbot backup", "server paths; tests/civicbot/store/test_backup*"),
    ("operators.md", "civicbot restore", "server paths; tests/civicbot/store/test_backup*"),
    ("organisers.md", "--from-csv answers.csv", "your own CSV file"),
    ("organisers.md", "--from-polis ./polis-export", "your own Pol.is export folder"),
    ("organisers.md", "civicbot demo", "the full demo; tests/civicbot/demo runs it"),
    ("organisers.md", "census2021-ts007-ltla.csv census2021-ts021", "files you download"),
    ("organisers.md", "check references/wigan-2021.csv", "the file built just above"),
    ("organisers.md", "--reference wigan-2021.csv", "your own reference file"),
    ("organisers.md", "--embeddings", "the optional embeddings extra"),
    ("scripts.md", "check broken.yaml", "the guide shows its problems, not the file"),
    ("organisers.md", 'series add "Our year" 3 5 8', "rounds of your own series"),
    ("organisers.md", 'report --series "Our year"', "the series built just above"),
)


@dataclass(frozen=True)
class Documented:
    guide: str
    line: str
    args: tuple[str, ...]
    shown: str | None  # what a console block shows it printing


def documented() -> Iterator[Documented]:
    for doc in sorted(DOCS.glob("*.md")):
        for lang, body in FENCE.findall(doc.read_text(encoding="utf-8")):
            if lang not in ("sh", "console"):
                continue
            lines = body.replace("\\\n", " ").splitlines()
            for i, raw in enumerate(lines):
                line = raw.strip()
                if lang == "console":
                    if not line.startswith("$ "):
                        continue
                    line = line[2:]
                words = shlex.split(line, comments=True)
                if not words or words[0] not in ("civicbot", ".venv/bin/civicbot"):
                    continue
                shown = None
                if lang == "console":
                    rest = lines[i + 1 :]
                    end = next((j for j, x in enumerate(rest) if x.startswith("$ ")), len(rest))
                    shown = "\n".join(rest[:end]).strip()
                yield Documented(doc.name, line, tuple(words[1:]), shown)


def skip_reason(cmd: Documented) -> str | None:
    for guide, part, reason in SKIPS:
        if cmd.guide == guide and part in cmd.line:
            return reason
    return None


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = asyncio.run(run_demo(out, residents=40, formats=(), env={}))
    return result.database


def _folder(tmp: Path, demo_db: Path) -> None:
    for name in ("civicbot.db", "civicbot.sqlite3"):
        shutil.copy(demo_db, tmp / name)
    (tmp / "prompts").symlink_to(ROOT / "prompts")
    shutil.copy(ROOT / "tests/data/ons/census2021-ts007-msoa.csv", tmp)
    (tmp / "update.txt").write_text("We meet the council on 3 June.\n", encoding="utf-8")
    scripts = (DOCS / "scripts.md").read_text(encoding="utf-8")
    found = re.search(r"`library-chat\.yaml`.*?```yaml\n(.*?)```", scripts, re.S)
    assert found, "docs/scripts.md no longer shows library-chat.yaml"
    (tmp / "library-chat.yaml").write_text(found[1], encoding="utf-8")


def test_every_documented_command_runs(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = list(documented())
    assert len(commands) >= 25
    ran: list[str] = []
    # As the operators' guide sets up a deployment: an admin, so safeguarding alerts can
    # reach someone and rounds may open.
    env = {"CIVICBOT_SECRET": DEMO_SECRET.decode(), "CIVICBOT_DB": "civicbot.db",
           "CIVICBOT_BOT_USERNAME": "", "CIVICBOT_REFERENCES": "",
           "CIVICBOT_ADMINS": "123456789"}  # fmt: skip
    for guide in sorted({c.guide for c in commands}):
        folder = tmp_path / guide
        folder.mkdir()
        _folder(folder, demo_db)
        monkeypatch.chdir(folder)
        for cmd in (c for c in commands if c.guide == guide):
            if skip_reason(cmd) is not None:
                continue
            result = CliRunner().invoke(main, list(cmd.args), env=env, input="y\n")
            where = f"{guide}: {cmd.line}"
            assert result.exit_code == 0, f"{where}\n{result.output}"
            if cmd.shown is not None:
                printed = DATE.sub("DATE", result.output.strip())
                assert printed == DATE.sub("DATE", cmd.shown), f"{where}\n{result.output}"
            ran.append(where)
    # Most of what the guides show runs here; the rest is skipped for a stated reason.
    assert len(ran) >= 15, ran


def test_every_skip_still_names_a_documented_command() -> None:
    lines = [(c.guide, c.line) for c in documented()]
    for guide, part, _ in SKIPS:
        assert any(g == guide and part in line for g, line in lines), (guide, part)


def _one(pattern: str, text: str) -> tuple[str, ...]:
    found = re.search(pattern, " ".join(text.split()))
    assert found, f"docs/organisers.md no longer says: {pattern}"
    return found.groups()


def test_the_organisers_guide_quotes_the_demo_as_it_is(tmp_path: Path) -> None:
    """The figures docs/organisers.md quotes from `civicbot demo` are what the demo's
    report (300 residents, its defaults) gives now."""
    import json

    result = asyncio.run(run_demo(tmp_path, formats=("json", "md", "html"), env={}))
    report = json.loads(result.files["json"].read_text(encoding="utf-8"))
    guide = (DOCS / "organisers.md").read_text(encoding="utf-8")
    said = (
        r"(\d+) simulated residents, of whom (\d+) consented and gave ([\d,]+) answers "
        r"\((\d+) finished, (\d+) stopped part-way, (\d+) declined\)"
    )
    people = _one(said, guide)
    tally = result.tally
    assert people == (
        str(tally.started), str(tally.started - tally.declined), report["answers"]["text"],
        str(tally.finished), str(tally.stopped), str(tally.declined),
    )  # fmt: skip
    across, per_question = _one(
        r"across the whole round \(the (\d+) largest of the demo's (\d+) themes\)", guide
    )
    assert int(across) == len(report["across"]["themes"])
    assert int(per_question) == sum(len(s["themes"]) for s in report["theme_sets"])
    (differences,) = _one(r"The demo finds (\d+), such as", guide)
    assert int(differences) == len(report["differences"])
    (example,) = _one(r"The demo finds \d+, such as \*(.*?)\*", guide)
    plain = str.maketrans({"“": '"', "”": '"'})
    found = [d.translate(plain).lower() for d in report["differences"]]
    assert any(example.translate(plain).lower() in d for d in found), example
    markdown = result.files["md"].read_text(encoding="utf-8").translate(plain)
    (average,) = _one(r"both named: \*(Average answer: [^*]*)\*", guide)
    assert average.rstrip(".") in markdown, average
    under, over = _one(r"in the demo, under-represented: (.*?); over-represented: (.*?)\)", guide)
    marked = re.findall(r"\| Residents aged (\S+) \((under|over)-represented\)", markdown)
    for band, side in marked:
        assert band in (under if side == "under" else over), (band, side)
    pages = _printed_pages(result.files["html"])
    if pages is not None:  # with Chromium installed: the page count the guide gives
        (said_pages,) = _one(r"The demo report prints to (\d+) A4 pages", guide)
        assert int(said_pages) == pages


def _printed_pages(html: Path) -> int | None:
    from tests.analysis.report.chromium import chromium_path, open_page

    binary = chromium_path()
    if binary is None:
        return None

    async def pdf() -> bytes:
        async with open_page(binary) as page:
            await page.load(html.as_uri())
            return await page.pdf()

    counts = re.findall(rb"/Count (\d+)", asyncio.run(pdf()))
    return max(int(x) for x in counts)
