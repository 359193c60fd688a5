"""Group commit: write units queued together share one COMMIT, each rolls back alone on
error, and no caller goes on before its unit is committed."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from civicbot.store.db import Database, Tx, connect


async def open_db(path: Path) -> tuple[Database, list[str]]:
    db = await connect(path)
    statements: list[str] = []
    await db.connection.set_trace_callback(statements.append)
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


# --- units run whole in the database thread (Database.write_unit / read_unit) ----------


def insert(n: int, v: str = "u") -> Callable[[Tx], Coroutine[Any, Any, int]]:
    async def unit(tx: Tx) -> int:
        return await tx.insert("INSERT INTO t (id, v) VALUES (?, ?)", (n, v))

    return unit


async def test_thread_units_share_commits_with_ordinary_units(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, statements = await open_db(path)

    async def one(n: int) -> None:
        if n % 2:
            assert await db.write_unit(insert(n)) == n
        else:
            async with db.write() as tx:
                await tx.execute("INSERT INTO t (id, v) VALUES (?, ?)", (n, "u"))
        assert (n, "u") in committed_rows(path)  # durable on return

    await asyncio.gather(*(one(n) for n in range(40)))
    commits = sum(1 for s in statements if s.strip().upper() == "COMMIT")
    assert len(committed_rows(path)) == 40 and 1 <= commits < 40
    assert not db.connection.in_transaction
    await db.close()


async def test_a_failing_thread_unit_rolls_back_alone(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)

    async def half(tx: Tx) -> None:
        await tx.execute("INSERT INTO t (id, v) VALUES (100, 'half')")
        await tx.execute("INSERT INTO t (id, v) VALUES (101, NULL)")

    results = await asyncio.gather(
        db.write_unit(insert(1)), db.write_unit(half), db.write_unit(insert(2)),
        return_exceptions=True,
    )  # fmt: skip
    assert isinstance(results[1], sqlite3.IntegrityError)
    assert committed_rows(path) == [(1, "u"), (2, "u")]
    await db.close()


async def test_a_thread_unit_may_not_wait_on_anything_else(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)

    async def waits(tx: Tx) -> None:
        await tx.execute("INSERT INTO t (id, v) VALUES (5, 'x')")
        await asyncio.sleep(0)

    with pytest.raises(RuntimeError, match="may await only"):
        await db.write_unit(waits)
    await db.write_unit(insert(6))
    assert committed_rows(path) == [(6, "u")]
    await db.close()


async def test_a_thread_unit_that_cannot_begin_leaves_no_group(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    await db.connection.execute("PRAGMA busy_timeout=50")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await db.write_unit(insert(1))
    other.execute("ROLLBACK")
    other.close()
    await db.write_unit(insert(2))
    assert committed_rows(path) == [(2, "u")]
    await db.close()


async def test_read_units_see_committed_rows_in_one_trip(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    await db.write_unit(insert(1))

    async def both(tx: Tx) -> tuple[int, str]:
        count = await tx.scalar("SELECT COUNT(*) FROM t")
        row = await tx.one("SELECT v FROM t WHERE id = 1")
        assert row is not None
        return int(count), str(row[0])

    assert await db.read_unit(both) == (1, "u")
    await db.close()


async def test_a_read_unit_snapshot_does_not_see_another_process_commit(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db, _ = await open_db(path)
    await db.write_unit(insert(1))

    async def counts(tx: Tx) -> tuple[int, int]:
        async with tx.snapshot():
            before = int(await tx.scalar("SELECT COUNT(*) FROM t"))
            with sqlite3.connect(path) as other:  # another process writes meanwhile
                other.execute("INSERT INTO t (id, v) VALUES (2, 'other')")
            after = int(await tx.scalar("SELECT COUNT(*) FROM t"))
        return before, after

    assert await db.read_unit(counts) == (1, 1)
    assert len(committed_rows(path)) == 2 and not db.connection.in_transaction
    await db.close()
