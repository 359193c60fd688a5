"""/report requests in the store: one open request per facilitator and round, one build
per round, resumed after a restart, claimed before sending so none is sent twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from civicbot.store import Store
from tests.civicbot.store.conftest import new_round


async def test_a_request_goes_from_queued_to_sent(store: Store) -> None:
    round_id = await new_round(store)
    fac = await store.register_identity(501, 501)
    other = await store.register_identity(502, 502)
    first, new = await store.request_report(round_id, fac)
    assert new
    assert await store.request_report(round_id, fac) == (first, False)  # no second one
    second, _ = await store.request_report(round_id, other)
    assert await store.next_report_round() == round_id
    assert await store.start_report_build(round_id) == [first, second]  # one build
    assert await store.next_report_round() is None
    # A request made while the round builds waits for the next build.
    third, new = await store.request_report(round_id, fac)
    assert new is False and third == first  # still building: the same request
    await store.finish_report_build([first, second], "/tmp/r.html", "Report of round")
    claimed = await store.claim_built_report()
    assert claimed is not None and claimed.id == first and claimed.chat_id == 501
    assert await store.report_file_in_use("/tmp/r.html")
    await store.report_sent(first)
    claimed = await store.claim_built_report()
    assert claimed is not None and claimed.id == second
    await store.report_sent(second)
    assert await store.claim_built_report() is None
    assert not await store.report_file_in_use("/tmp/r.html")
    assert [s for _, s in await store.report_requests_of(round_id)] == ["sent", "sent"]


async def test_restart_requeues_builds_and_never_resends(store: Store) -> None:
    round_id = await new_round(store)
    fac = await store.register_identity(601, 601)
    building, _ = await store.request_report(round_id, fac)
    await store.start_report_build(round_id)
    other = await new_round(store)
    sending, _ = await store.request_report(other, fac)
    await store.start_report_build(other)
    await store.finish_report_build([sending], "/tmp/s.html", "c")
    assert await store.claim_built_report() is not None  # then the process dies
    assert await store.resume_report_requests() == (1, 1)
    assert await store.report_requests_of(round_id) == [(building, "queued")]
    assert await store.report_requests_of(other) == [(sending, "sent")]
    assert await store.claim_built_report() is None


async def test_a_failed_build_names_whom_to_tell(store: Store) -> None:
    round_id = await new_round(store)
    fac = await store.register_identity(701, 701)
    request, _ = await store.request_report(round_id, fac)
    ids = await store.start_report_build(round_id)
    told = await store.fail_report_build(ids, "MemoryError")
    assert [(t.id, t.chat_id) for t in told] == [(request, 701)]
    assert await store.report_requests_of(round_id) == [(request, "failed")]
    # /forget takes the facilitator's requests with them.
    await store.forget(fac)
    assert await store.report_requests_of(round_id) == []


async def test_a_read_only_store_reads_and_never_writes(store: Store, db_path: Path) -> None:
    """What the report's own process opens: it reads the round, and cannot write."""
    round_id = await new_round(store)
    reader = await Store.open(db_path, secret=None, read_only=True)
    try:
        assert (await reader.get_round(round_id)) is not None
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await reader.request_report(round_id, "someone")
    finally:
        await reader.close()
