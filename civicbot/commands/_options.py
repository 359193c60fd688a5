"""Options several commands share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """``--db PATH``: the bot's SQLite file, from ``$CIVICBOT_DB`` or ``./civicbot.db``."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path),
        envvar="CIVICBOT_DB",
        default=Path("civicbot.db"),
        show_envvar=True,
        help="The bot's SQLite database file [default: $CIVICBOT_DB or ./civicbot.db].",
    )(func)
