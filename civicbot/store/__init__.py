"""Storage: the SQLite database behind civicbot, and the only place SQL is written.

One :class:`Store` owns the connection, sets the pragmas, applies the numbered migrations
in ``migrations/`` and offers methods named after what they do. Residents are keyed by a
pseudonym (:mod:`civicbot.store.pseudonym`) everywhere but the ``identities`` table.
"""

from civicbot.store.migrate import migrate
from civicbot.store.pseudonym import SecretError, load_secret, pseudonym
from civicbot.store.rounddata import build_round_data, parse_frozen_script, questions_of
from civicbot.store.rows import (
    AnswerRow,
    DemographicRow,
    RoundRow,
    RoundRows,
    SessionRow,
    StoreError,
    Tombstone,
    UnknownRound,
)
from civicbot.store.store import Store

__all__ = [
    "AnswerRow",
    "DemographicRow",
    "RoundRow",
    "RoundRows",
    "SecretError",
    "SessionRow",
    "Store",
    "StoreError",
    "Tombstone",
    "UnknownRound",
    "build_round_data",
    "load_secret",
    "migrate",
    "parse_frozen_script",
    "pseudonym",
    "questions_of",
]
