"""Series: named groups of rounds that the series report compares side by side.

A round belongs to at most one series; rounds keep the order they were added in. The
analysis input of a whole series (:meth:`SeriesMixin.series_data`) is one
:class:`~civicbot_analysis.rounddata.RoundData` per round, in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civicbot.store.base import StoreBase
from civicbot.store.rows import StoreError, UnknownRound

# A series name is typed on the command line and in the chat: letters, digits, spaces
# and a few marks, 1-60 characters.
NAME_PATTERN = re.compile(r"^[\w][\w .,'&()-]{0,59}$")


class SeriesError(StoreError, ValueError):
    """A series operation that cannot be done (the message says why and what to do)."""


@dataclass(frozen=True)
class SeriesRow:
    id: int
    name: str
    round_ids: tuple[int, ...]


def check_name(name: str) -> str:
    """The name, trimmed, if it is a valid series name; else :class:`SeriesError`."""
    clean = " ".join(name.split())
    if not NAME_PATTERN.match(clean):
        raise SeriesError(
            f"{name!r} is not a usable series name: use 1 to 60 letters, digits, spaces "
            "or . , ' & ( ) -, starting with a letter or digit"
        )
    return clean


class SeriesMixin(StoreBase):
    async def create_series(self, name: str) -> int:
        """A new, empty series; :class:`SeriesError` if the name is taken or unusable."""
        clean = check_name(name)
        async with self._db.write() as tx:
            taken = await tx.one("SELECT name FROM series WHERE name = ?", (clean,))
            if taken is not None:
                raise SeriesError(f"there is already a series called {taken['name']!r}")
            return await tx.insert(
                "INSERT INTO series (name, created_at) VALUES (?, ?)", (clean, self._now())
            )

    async def add_to_series(self, name: str, round_id: int) -> None:
        """Add a round at the end of a series (a round is in one series at most)."""
        clean = " ".join(name.split())
        async with self._db.write() as tx:
            found = await tx.one("SELECT id, name FROM series WHERE name = ?", (clean,))
            if found is None:
                raise SeriesError(
                    f"there is no series called {clean!r}: create it first "
                    "(civicbot series create NAME)"
                )
            if await tx.one("SELECT 1 FROM rounds WHERE id = ?", (round_id,)) is None:
                raise UnknownRound(round_id)
            inside = await tx.one(
                "SELECT s.name FROM series_rounds r JOIN series s ON s.id = r.series_id"
                " WHERE r.round_id = ?",
                (round_id,),
            )
            if inside is not None:
                raise SeriesError(f"round {round_id} is already in the series {inside['name']!r}")
            last = await tx.one(
                "SELECT COALESCE(MAX(position), 0) AS p FROM series_rounds WHERE series_id = ?",
                (found["id"],),
            )
            position = int(last["p"]) + 1 if last is not None else 1
            await tx.execute(
                "INSERT INTO series_rounds (series_id, round_id, position, added_at)"
                " VALUES (?, ?, ?, ?)",
                (found["id"], round_id, position, self._now()),
            )

    async def list_series(self) -> list[SeriesRow]:
        async with self._db.read() as tx:
            heads = await tx.all("SELECT id, name FROM series ORDER BY id")
            members = await tx.all(
                "SELECT series_id, round_id FROM series_rounds ORDER BY series_id, position"
            )
        rounds: dict[int, list[int]] = {}
        for row in members:
            rounds.setdefault(int(row["series_id"]), []).append(int(row["round_id"]))
        return [
            SeriesRow(int(h["id"]), str(h["name"]), tuple(rounds.get(int(h["id"]), ())))
            for h in heads
        ]

    async def get_series(self, name: str) -> SeriesRow | None:
        clean = " ".join(name.split()).casefold()
        for row in await self.list_series():
            if row.name.casefold() == clean:
                return row
        return None
