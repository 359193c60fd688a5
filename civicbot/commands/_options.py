"""Options several commands share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from civicbot.store.dbfile import db_target

F = TypeVar("F", bound=Callable[..., Any])


class DbTargetType(click.ParamType):
    """A SQLite file (a path or ``sqlite:///PATH``) or a ``postgresql://`` URL."""

    name = "PATH|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Path):
            return value
        return db_target(str(value))


DB_TARGET = DbTargetType()
DB_HELP = (
    "The bot's database: a SQLite file, or postgresql://USER@HOST:PORT/DB"
    " [default: $CIVICBOT_DB or ./civicbot.db]."
)


def db_option(func: F) -> F:
    """``--db PATH|URL``: the bot's database, from ``$CIVICBOT_DB`` or ``./civicbot.db``
    (the one ``--db`` option every command uses)."""
    return click.option(
        "--db",
        "db_path",
        type=DB_TARGET,
        envvar="CIVICBOT_DB",
        default=Path("civicbot.db"),
        show_envvar=True,
        help=DB_HELP,
    )(func)
