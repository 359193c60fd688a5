"""Invitations: a random deep-link code per round and outreach source, and round
settings facilitators choose (approval of quotes, reference population).

Codes come from :func:`secrets.token_urlsafe`, so one code says nothing about another;
they use only ``A-Z a-z 0-9 _ -`` and stay well under Telegram's 64-character limit for
``/start`` payloads.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

from civicbot.store.base import StoreBase
from civicbot.store.rows import RoundRow, UnknownRound

SOURCE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


@dataclass(frozen=True)
class Invitation:
    id: int
    round_id: int
    code: str
    source: str | None


def clean_source(source: str | None) -> str | None:
    """A source tag as stored: lower case, ``a-z 0-9 _ -``, at most 32 characters. Words
    are joined by ``-``, accents dropped, other characters turned into ``-``.

    Raises ValueError for anything else, so a tag never carries a name or a message.
    """
    if source is None or not source.strip():
        return None
    # "GP surgery", "gp_surgery " and "Café Nero!" become gp-surgery, gp_surgery, cafe-nero.
    plain = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode()
    tag = re.sub(r"[^a-z0-9_]+", "-", plain.lower()).strip("-_")
    # Never an email address or a phone number, even tidied into a tag.
    personal = "@" in source or re.search(r"\d[\d\s-]{4,}\d", source) is not None
    if personal or not SOURCE_PATTERN.match(tag):
        raise ValueError(
            "a source is a short name such as library, foodbank or gp surgery"
            " (at most 32 letters, digits, - and _; no email or phone number)"
        )
    return tag


class InvitationsMixin(StoreBase):
    async def create_invitation(
        self, round_id: int, source: str | None, created_by: str
    ) -> Invitation:
        """A new invitation (deep-link code) to ``round_id`` for ``source``."""
        tag = clean_source(source)
        code = secrets.token_urlsafe(12)  # 16 characters, 96 random bits
        async with self._db.write() as tx:
            if await tx.scalar("SELECT 1 FROM rounds WHERE id = ?", (round_id,)) is None:
                raise UnknownRound(round_id)
            new_id = await tx.insert(
                "INSERT INTO invitations (round_id, code, source, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (round_id, code, tag, created_by, self._now()),
            )
        return Invitation(new_id, round_id, code, tag)

    async def invitation_by_code(self, code: str) -> tuple[RoundRow, str | None] | None:
        """The round and source an invitation code names (a round's own code has no
        source), or None."""
        async with self._db.read() as tx:
            row = await tx.one(
                "SELECT r.*, i.source AS invitation_source FROM invitations AS i"
                " JOIN rounds AS r ON r.id = i.round_id WHERE i.code = ?",
                (code,),
            )
            if row is None:
                row = await tx.one(
                    "SELECT *, NULL AS invitation_source FROM rounds WHERE code = ?", (code,)
                )
        if row is None:
            return None
        return RoundRow.from_row(row), row["invitation_source"]

    async def invitations(self, round_id: int) -> list[Invitation]:
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT id, round_id, code, source FROM invitations WHERE round_id = ? ORDER BY id",
                (round_id,),
            )
        return [Invitation(int(r[0]), int(r[1]), r[2], r[3]) for r in rows]

    async def set_round_options(
        self,
        round_id: int,
        *,
        requires_approval: bool | None = None,
        reference: str | None = None,
        reference_csv: str | None = None,
    ) -> None:
        """Set a round's options. ``reference`` names its reference population and
        ``reference_csv`` is that reference's checked text, frozen with the round."""
        async with self._db.write() as tx:
            if await tx.scalar("SELECT 1 FROM rounds WHERE id = ?", (round_id,)) is None:
                raise UnknownRound(round_id)
            if requires_approval is not None:
                await tx.execute(
                    "UPDATE rounds SET requires_approval = ? WHERE id = ?",
                    (int(requires_approval), round_id),
                )
            if reference is not None:
                await tx.execute(
                    "UPDATE rounds SET reference = ?, reference_csv = ? WHERE id = ?",
                    (reference, reference_csv, round_id),
                )

    async def sources_of(self, round_id: int) -> dict[str, str | None]:
        """Each resident's invitation source in a round (None: joined another way)."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT resident, source FROM sessions WHERE round_id = ?", (round_id,)
            )
        return {r[0]: r[1] for r in rows}
