"""The CLI's sub-commands, in the order ``civicbot --help`` lists them. Each area's
module (``civicbot.commands.*_cmd``) defines click commands; a loader below imports one
when it is used, so ``civicbot run`` does not pay for the demo's or the report's imports.
A new command is one loader and one line in :data:`COMMANDS`.
"""

from __future__ import annotations

from collections.abc import Callable

import click


def _demo() -> click.Command:
    from civicbot.commands.demo_cmd import demo

    return demo


def _run() -> click.Command:
    from civicbot.commands.run_cmd import run

    return run


def _try() -> click.Command:
    from civicbot.commands.try_cmd import try_

    return try_


def _script() -> click.Command:
    from civicbot.commands.script_cmd import script

    return script


def _db() -> click.Command:
    from civicbot.commands.db_cmd import db

    return db


def _backup() -> click.Command:
    from civicbot.commands.backup_cmd import backup

    return backup


def _restore() -> click.Command:
    from civicbot.commands.backup_cmd import restore

    return restore


def _retention() -> click.Command:
    from civicbot.commands.retention_cmd import retention

    return retention


def _doctor() -> click.Command:
    from civicbot.commands.doctor_cmd import doctor

    return doctor


def _report() -> click.Command:
    from civicbot.commands.report_cmd import report

    return report


def _reference() -> click.Command:
    from civicbot.commands.reference_cmd import reference

    return reference


def _round() -> click.Command:
    from civicbot.commands.round_cmd import round

    return round


def _series() -> click.Command:
    from civicbot.commands.series_cmd import series

    return series


def _invite() -> click.Command:
    from civicbot.commands.invite_cmd import invite

    return invite


def _stats() -> click.Command:
    from civicbot.commands.stats_cmd import stats

    return stats


def _broadcast() -> click.Command:
    from civicbot.commands.broadcast_cmd import broadcast

    return broadcast


def _export() -> click.Command:
    from civicbot.commands.export_cmd import export

    return export


COMMANDS: dict[str, Callable[[], click.Command]] = {
    "demo": _demo,
    "run": _run,
    "try": _try,
    "script": _script,
    "db": _db,
    "backup": _backup,
    "restore": _restore,
    "retention": _retention,
    "doctor": _doctor,
    "report": _report,
    "reference": _reference,
    "round": _round,
    "series": _series,
    "invite": _invite,
    "stats": _stats,
    "broadcast": _broadcast,
    "export": _export,
}


def names() -> list[str]:
    return list(COMMANDS)


def load(name: str) -> click.Command | None:
    loader = COMMANDS.get(name)
    return None if loader is None else loader()
