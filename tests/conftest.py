"""Fixtures shared by every test folder: a real PostgreSQL server, started once per run
when a test asks for it (:mod:`tests.pgserver`), and the ``backend`` parameter that runs
a test on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgserver import PgServer, why_unavailable

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    reason = why_unavailable()
    if reason is not None:
        pytest.skip(f"PostgreSQL run skipped: {reason}")
    server = PgServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database engine under test; PostgreSQL runs skip (with the reason) where no
    server can be started."""
    name = str(request.param)
    if name == "postgresql":
        request.getfixturevalue("pg_server")
    return name


@pytest.fixture
def db_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where the bot's data lives: an SQLite file, or a fresh PostgreSQL database."""
    if backend == "postgresql":
        server: PgServer = request.getfixturevalue("pg_server")
        return server.new_database()
    return tmp_path / "civicbot.db"


def on_postgres(request: pytest.FixtureRequest) -> bool:
    callspec = getattr(request.node, "callspec", None)
    return callspec is not None and callspec.params.get("backend") == "postgresql"
