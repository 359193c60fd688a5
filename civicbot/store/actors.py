"""Where a resident's pseudonym appears as the one who did something, not as the subject.

A resident who tried a facilitator's command left a refused row in ``audit``; one who
facilitates left their pseudonym as an audit ``actor``, in ``facilitators``, as the one who
decided a moderation item or created a broadcast, results or an invitation. ``/forget``
must leave none of it behind (issue #9), and ``/mydata`` must show it.

On forgetting, rows that exist only because of the resident are deleted (their refused
attempts, their facilitator role, their pending facilitator prompt); records of work done
for a round keep the work but the pseudonym becomes :data:`FORGOTTEN`. Each rule carries
the column with the row's time, so that re-applying a tombstone after a restore touches
only rows from before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from civicbot.store.db import Tx

FORGOTTEN = "forgotten"


@dataclass(frozen=True)
class ActorRule:
    table: str
    column: str
    time_column: str
    action: str  # "delete" the row, or "replace" the pseudonym
    where: str = "1 = 1"  # further condition for the rule (SQL on the table's columns)


ACTOR_RULES: tuple[ActorRule, ...] = (
    ActorRule("audit", "actor", "at", "delete", "allowed = 0"),
    ActorRule("audit", "actor", "at", "replace"),
    ActorRule("audit", "target", "at", "replace"),
    ActorRule("facilitator_prompts", "actor", "at", "delete"),
    ActorRule("facilitators", "actor", "granted_at", "delete"),
    ActorRule("facilitators", "granted_by", "granted_at", "replace"),
    ActorRule("moderation", "decided_by", "decided_at", "replace"),
    ActorRule("broadcasts", "created_by", "created_at", "replace"),
    ActorRule("results", "created_by", "created_at", "replace"),
    ActorRule("invitations", "created_by", "created_at", "replace"),
)
# Which rows /mydata shows for each table: (table, the columns naming the resident).
ACTOR_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("audit", ("actor", "target")),
    ("facilitators", ("actor", "granted_by")),
    ("facilitator_prompts", ("actor",)),
    ("moderation_decisions", ("decided_by",)),
    ("broadcasts", ("created_by",)),
    ("results", ("created_by",)),
    ("invitations", ("created_by",)),
)


async def erase_actor(tx: Tx, resident: str | None = None) -> int:
    """Apply :data:`ACTOR_RULES` for ``resident`` (every row, as ``/forget`` does), or with
    ``resident`` None for every tombstoned resident, to rows from before their tombstone.
    Returns the number of rows changed or deleted."""
    changed = 0
    for rule in ACTOR_RULES:
        if resident is not None:
            match = f"{rule.column} = ?1"
            params: tuple[Any, ...] = (resident, FORGOTTEN)
        else:
            match = (
                f"EXISTS (SELECT 1 FROM tombstones AS t WHERE t.resident = {rule.table}."
                f"{rule.column} AND {rule.table}.{rule.time_column} <= t.forgotten_at)"
            )
            params = (FORGOTTEN,) if rule.action == "replace" else ()
        if rule.action == "delete":
            sql = f"DELETE FROM {rule.table} WHERE ({rule.where}) AND {match}"
            changed += await tx.execute(sql, params[:1] if resident is not None else ())
        else:
            value = "?2" if resident is not None else "?1"
            sql = (
                f"UPDATE {rule.table} SET {rule.column} = {value} WHERE ({rule.where}) AND {match}"
            )
            changed += await tx.execute(sql, params)
    # Details of an audit row may name the resident too (e.g. whom a role was granted to).
    if resident is not None:
        changed += await tx.execute(
            "UPDATE audit SET details_json = replace(details_json, ?1, ?2)"
            " WHERE instr(details_json, ?1) > 0",
            (resident, FORGOTTEN),
        )
    else:
        changed += await tx.execute(
            "UPDATE audit SET details_json = (SELECT replace(audit.details_json, t.resident, ?1)"
            " FROM tombstones AS t WHERE instr(audit.details_json, t.resident) > 0"
            " AND audit.at <= t.forgotten_at LIMIT 1)"
            " WHERE EXISTS (SELECT 1 FROM tombstones AS t WHERE"
            " instr(audit.details_json, t.resident) > 0 AND audit.at <= t.forgotten_at)",
            (FORGOTTEN,),
        )
    return changed


async def actor_rows(tx: Tx, resident: str) -> dict[str, list[dict[str, Any]]]:
    """Every row naming ``resident`` as the one who acted, table by table (``/mydata``)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table, columns in ACTOR_TABLES:
        # A moderation decision is shown without the text decided on: that is another
        # resident's answer.
        source, shown = (
            ("moderation", "id, status, decided_at")
            if table == ("moderation_decisions")
            else (table, "*")
        )
        where = " OR ".join(f"{c} = ?1" for c in columns)
        if table == "audit":
            where += " OR instr(details_json, ?1) > 0"
        rows = await tx.all(f"SELECT {shown} FROM {source} WHERE {where}", (resident,))
        found[table] = [dict(row) for row in rows]
    return found
