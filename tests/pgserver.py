"""A real PostgreSQL server for tests and benchmarks, from the machine's packages.

:class:`PgServer` runs ``initdb`` on a cluster in a fresh temporary folder as an
unprivileged user (when run as root: the ``postgres`` account, or ``$CIVICBOT_PG_USER``),
starts it on a free loopback port and stops it (removing the folder) at the end. Each
test gets a database of its own (:meth:`PgServer.new_database`).

The binaries come from ``$CIVICBOT_PG_BIN``, ``/usr/lib/postgresql/15/bin`` or the newest
``/usr/lib/postgresql/*/bin``;
:func:`why_unavailable` says in one line why PostgreSQL cannot be used here (the tests
that need it skip with that reason).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _pg_bin() -> Path:
    """``$CIVICBOT_PG_BIN``, else PostgreSQL 15's folder, else the newest installed."""
    if os.environ.get("CIVICBOT_PG_BIN"):
        return Path(os.environ["CIVICBOT_PG_BIN"])
    preferred = Path("/usr/lib/postgresql/15/bin")
    if preferred.exists():
        return preferred
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return found[-1] if found else preferred


PG_BIN = _pg_bin()
SUPERUSER = "civicbot"


def why_unavailable() -> str | None:
    """None when a server can be started; otherwise the reason, in one line."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        return (
            f"PostgreSQL not found at {PG_BIN} (apt-get install postgresql-15,"
            " or set CIVICBOT_PG_BIN)"
        )
    try:
        import asyncpg  # noqa: F401
    except ImportError:
        return "asyncpg is not installed (pip install 'civicbot[postgres]')"
    if os.geteuid() == 0 and _run_as() is None:
        return "running as root and no unprivileged user for PostgreSQL (set CIVICBOT_PG_USER)"
    return None


def _run_as() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get("CIVICBOT_PG_USER"), "postgres", "nobody"):
        if not name:
            continue
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def scratch_dir() -> str | None:
    """Memory-backed /dev/shm when it has room, else the usual temporary folder. A test
    run leaves a cluster of a few hundred databases (about 2 GB); on this machine's disk
    deleting it took 115 s, on tmpfs under a second. A server with fsync on (benchmarks)
    stays on disk, so its commits still wait for the disk."""
    shm = Path("/dev/shm")
    try:
        if os.access(shm, os.W_OK) and shutil.disk_usage(shm).free >= 4 * 2**30:
            return str(shm)
    except OSError:
        pass
    return None


class PgServer:
    """One PostgreSQL cluster in a temporary folder, on 127.0.0.1. ``fsync=False`` is
    for tests that kill bot processes, not the server (a commit still reaches the server
    before the bot goes on); benchmarks keep it on, as SQLite's ``synchronous=FULL``."""

    def __init__(self, *, fsync: bool = False) -> None:
        self.fsync = fsync
        self.port = 0
        where = None if fsync else scratch_dir()
        self.root = Path(tempfile.mkdtemp(prefix="civicbot-pg-", dir=where))
        self._user = _run_as()
        self._names = itertools.count(1)

    def _cmd(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self._user is not None:
            kwargs = {"user": self._user.pw_uid, "group": self._user.pw_gid, "extra_groups": []}
        return subprocess.run(  # type: ignore[call-overload]
            list(args), capture_output=True, text=True, check=check, cwd=self.root, **kwargs
        )

    def start(self) -> PgServer:
        if self._user is not None:
            os.chown(self.root, self._user.pw_uid, self._user.pw_gid)
        data = self.root / "data"
        self._cmd(
            str(PG_BIN / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.port = free_port()
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}"
            f" -c fsync={'on' if self.fsync else 'off'} -c max_connections=200"
            " -c shared_buffers=32MB"
        )
        self._cmd(
            str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self._cmd(
            str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", SUPERUSER, name,
        )  # fmt: skip
        return self.url(name)

    def stop(self) -> None:
        if self.port:
            self._cmd(
                str(PG_BIN / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast",
                "-w", "stop", check=False,
            )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)
