"""A round's reference population, as /newround and `civicbot round create` choose it
(issue #9, finding 5; issue #16). Each of the first four tests failed on the main branch
before this change: a facilitator could point a round at any file, the live database
included; a non-UTF-8 file broke /stats for good; ``england_wales`` compared with
nothing; ``scotland`` was accepted silently."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from civicbot.cli import main
from civicbot.facilitation import create_round, reference_for, stats_text
from civicbot.store import Store, load_secret
from civicbot_analysis.equity import ReferenceError

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "prompts" / "values-and-services.yaml"
GOOD = "# title: Our wards\nfield,value,share,source\narea,north,0.5,ONS\narea,south,0.5,ONS\n"


async def test_the_live_database_is_refused_as_a_reference(store: Store, db_path: Path) -> None:
    for spec in (str(db_path), db_path.name, "../" + db_path.name):
        with pytest.raises(ReferenceError):
            await create_round(
                store, SCRIPT, "Sneaky", reference=spec, references_dir=db_path.parent,
                database=db_path,
            )  # fmt: skip
    link = db_path.parent / "innocent.csv"
    link.symlink_to(db_path)
    with pytest.raises(ReferenceError, match="database"):
        await create_round(
            store, SCRIPT, "Sneaky", reference="innocent.csv", references_dir=db_path.parent,
            database=db_path,
        )  # fmt: skip
    assert await store.list_rounds() == []  # nothing was created


async def test_a_non_utf8_reference_never_breaks_stats(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(GOOD.replace("Our", "Caf\xe9").encode("latin-1"))
    with pytest.raises(ReferenceError, match="not UTF-8"):
        await create_round(store, SCRIPT, "R", reference="latin.csv", references_dir=tmp_path)
    # A round stored before references were checked, naming such a file: /stats still works.
    round_id = await create_round(store, SCRIPT, "Old")
    await store.set_round_options(round_id, reference=str(latin))
    row = await store.get_round(round_id)
    assert row is not None and reference_for(row) is None
    assert "Started: 0" in await stats_text(store, row)


async def test_england_wales_as_the_docs_spelled_it_compares_with_england_and_wales(
    store: Store,
) -> None:
    round_id = await create_round(store, SCRIPT, "R", reference="england_wales")
    row = await store.get_round(round_id)
    assert row is not None and row.reference == "england-wales"
    ref = reference_for(row)
    assert ref is not None and ref.title == "England and Wales" and "ethnicity" in ref.shares


async def test_scotland_is_refused_with_the_choices(store: Store) -> None:
    with pytest.raises(ReferenceError, match="england-wales, wigan"):
        await create_round(store, SCRIPT, "R", reference="scotland")
    assert await store.list_rounds() == []


async def test_a_place_or_a_folder_file_is_frozen_with_the_round(
    store: Store, tmp_path: Path
) -> None:
    wigan = await create_round(store, SCRIPT, "Wigan", reference="E08000010")
    row = await store.get_round(wigan)
    assert row is not None and row.reference == "wigan" and row.reference_csv
    ref = reference_for(row)
    assert ref is not None and ref.title == "Wigan"
    assert "against Wigan" in await stats_text(store, row)
    mine = tmp_path / "wards.csv"
    mine.write_text(GOOD, encoding="utf-8")
    own = await create_round(store, SCRIPT, "Own", reference="wards.csv", references_dir=tmp_path)
    mine.write_text("changed, and broken\n", encoding="utf-8")  # later edits change nothing
    mine.unlink()
    row = await store.get_round(own)
    assert row is not None
    ref = reference_for(row)
    assert ref is not None and ref.share("area", "north") == 0.5


# The same, through the command line a facilitator uses (the same interface on main).


def _cli(db: Path, *args: str, refs: Path | None = None) -> Result:
    env = {"CIVICBOT_SECRET": "cli-test-secret-0123456789"}
    if refs is not None:
        env["CIVICBOT_REFERENCES"] = str(refs)
    return CliRunner().invoke(main, [*args, "--db", str(db)], env=env)


@pytest.fixture
def cli_db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"

    async def touch() -> None:
        async with await Store.open(path, secret=load_secret(CLI_ENV)):
            pass

    asyncio.run(touch())
    return path


CLI_ENV = {"CIVICBOT_SECRET": "cli-test-secret-0123456789"}


CREATE = ("round", "create", str(SCRIPT), "--title", "R", "--reference")


def test_cli_refuses_the_live_database(cli_db: Path) -> None:
    refused = _cli(cli_db, *CREATE, str(cli_db), refs=cli_db.parent)
    assert refused.exit_code != 0 and "not a reference population" in refused.output
    assert "No rounds yet" in _cli(cli_db, "round", "list").output


def test_cli_refuses_a_reference_that_is_not_utf8(cli_db: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(GOOD.replace("Our", "Caf\xe9").encode("latin-1"))
    for spec in (str(latin), "latin.csv"):
        refused = _cli(cli_db, *CREATE, spec, refs=tmp_path)
        assert refused.exit_code != 0, refused.output
    assert "not UTF-8" in refused.output
    assert "No rounds yet" in _cli(cli_db, "round", "list").output


def test_cli_refuses_scotland(cli_db: Path) -> None:
    refused = _cli(cli_db, *CREATE, "scotland")
    assert refused.exit_code != 0 and "england-wales" in refused.output


def test_cli_england_wales_compares_with_england_and_wales(cli_db: Path) -> None:
    made = _cli(cli_db, *CREATE, "england_wales")
    assert made.exit_code == 0, made.output
    stats = _cli(cli_db, "stats", "1")
    assert stats.exit_code == 0 and "against England and Wales" in stats.output
    out = cli_db.parent / "r.md"
    made = _cli(cli_db, "report", "1", "--format", "md", "--quiet", "--out", str(out))
    assert made.exit_code == 0, made.output
    assert "compared with England and Wales" in out.read_text(encoding="utf-8")
