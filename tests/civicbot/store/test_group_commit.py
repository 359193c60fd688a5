"""SQLite's transaction layer (civicbot/store/sqlite.py): write units queued together share
one COMMIT, each rolls back alone on error, no caller goes on before its unit is committed,
a cancelled caller never leaves the connection mid-unit, and large reads run beside the
writer."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from civicbot.store.sqlite import SqliteDatabase, connect_sqlite


async def open_db(path: Path) -> tuple[SqliteDatabase, list[str]]:
    db = await connect_sqlite(str(path))
    statements: list[str] = []
    db.connection.set_trace_callback(statements.append)
    async with db.write() as tx:
        await tx.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
    statements.clear()
    return db, statements


def committed_rows(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as other:
        return list(other.execute("SELECT id, v FROM t ORDER BY id"))


async def test_queued_units_share_commits_and_are_durable_on_return(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, statements = await open_db(path)

    async def unit(n: int) -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (?, ?)", (n, f"v{n}"))
        # Durable on return: another connection sees it.
        assert (n, f"v{n}") in committed_rows(path)

    await asyncio.gather(*(unit(n) for n in range(40)))
    commits = sum(1 for s in statements if s.strip().upper() == "COMMIT")
    assert len(committed_rows(path)) == 40
    assert 1 <= commits < 40  # grouped: far fewer flushes than units
    await db.close()


async def test_a_failing_unit_rolls_back_alone(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)

    async def good(n: int) -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (?, ?)", (n, "ok"))

    async def bad() -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (?, ?)", (100, "half"))
            await tx.execute("INSERT INTO t (id, v) VALUES (?, NULL)", (101,))

    results = await asyncio.gather(good(1), bad(), good(2), return_exceptions=True)
    assert isinstance(results[1], sqlite3.IntegrityError)
    assert committed_rows(path) == [(1, "ok"), (2, "ok")]
    await db.close()


async def test_reads_between_writes_do_not_leave_a_group_open(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)

    async def write(n: int) -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (?, ?)", (n, "w"))

    async def read() -> int:
        async with db.read() as tx:
            return int(await tx.scalar("SELECT COUNT(*) FROM t"))

    await asyncio.gather(*(write(n) if n % 2 else read() for n in range(30)))
    assert not db.connection.in_transaction
    assert len(committed_rows(path)) == 15
    await db.close()


async def test_a_cancelled_waiter_does_not_strand_the_group(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    gate = asyncio.Event()

    async def slow() -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (1, 'slow')")
            await gate.wait()

    async def waiter() -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (2, 'never')")

    first = asyncio.create_task(slow())
    await asyncio.sleep(0.05)
    second = asyncio.create_task(waiter())
    await asyncio.sleep(0.05)
    second.cancel()
    gate.set()
    await asyncio.wait_for(first, timeout=5)
    with pytest.raises(asyncio.CancelledError):
        await second
    assert committed_rows(path) == [(1, "slow")]
    await db.close()


# --- the lock holder never leaves the connection mid-unit --------------------------------


async def insert(db: SqliteDatabase, n: int, v: str = "u") -> None:
    async with db.write() as tx:
        assert await tx.insert("INSERT INTO t (id, v) VALUES (?, ?)", (n, v)) == n


async def test_a_unit_cancelled_mid_way_rolls_back_alone(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    inside = asyncio.Event()

    async def cancelled() -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (100, 'half')")
            inside.set()
            await asyncio.sleep(30)

    task = asyncio.create_task(cancelled())
    await inside.wait()
    later = asyncio.gather(insert(db, 1), insert(db, 2))
    task.cancel()
    await later
    with pytest.raises(asyncio.CancelledError):
        await task
    assert committed_rows(path) == [(1, "u"), (2, "u")]
    assert not db.connection.in_transaction
    await db.close()


async def test_a_unit_that_cannot_begin_leaves_no_group(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    db.connection.execute("PRAGMA busy_timeout=50")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await insert(db, 1)
    other.execute("ROLLBACK")
    other.close()
    await insert(db, 2)
    assert committed_rows(path) == [(2, "u")]
    await db.close()


async def test_a_snapshot_does_not_see_another_process_commit(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    await insert(db, 1)
    for large in (False, True):
        async with db.read(large=large) as tx, tx.snapshot():
            before = int(await tx.scalar("SELECT COUNT(*) FROM t"))
            with sqlite3.connect(path) as other:  # another process writes meanwhile
                other.execute("INSERT INTO t (v) VALUES ('other')")
            after = int(await tx.scalar("SELECT COUNT(*) FROM t"))
        assert after == before
    assert len(committed_rows(path)) == 3 and not db.connection.in_transaction
    await db.close()


async def test_a_large_read_runs_beside_an_open_unit(tmp_path: Path) -> None:
    """A large read has its own connection and thread: a unit holding the writer does
    not hold it up, and it sees only committed rows."""
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    for n in range(1, 501):
        await insert(db, n)
    holding = asyncio.Event()
    release = asyncio.Event()

    async def hold() -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (id, v) VALUES (1000, 'open')")
            holding.set()
            await release.wait()

    task = asyncio.create_task(hold())
    await holding.wait()
    async with db.read(large=True) as tx, tx.snapshot():
        streamed = [
            int(row[0]) async for row in tx.stream("SELECT id FROM t ORDER BY id", batch=64)
        ]
    assert streamed == list(range(1, 501))
    release.set()
    await task
    assert len(committed_rows(path)) == 501
    await db.close()
