"""Pseudonyms: stable, keyed, and the key never reaches the database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicbot.engine.types import AnswerGiven, ConsentGiven, SessionState
from civicbot.store import SecretError, Store, load_secret, pseudonym

from .conftest import SECRET, new_round


def test_pseudonym_is_stable_and_keyed() -> None:
    first = pseudonym(SECRET, 123456789)
    assert first == pseudonym(SECRET, 123456789)
    assert len(first) == 32 and all(c in "0123456789abcdef" for c in first)
    assert first != pseudonym(SECRET, 123456788)
    assert first != pseudonym(SECRET + b"x", 123456789)
    assert "123456789" not in first


def test_load_secret_from_the_environment() -> None:
    assert load_secret({"CIVICBOT_SECRET": "  0123456789abcdefXYZ \n"}) == b"0123456789abcdefXYZ"


def test_load_secret_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_bytes(b"fedcba9876543210-from-a-file\n")
    assert load_secret({"CIVICBOT_SECRET_FILE": str(path)}) == b"fedcba9876543210-from-a-file"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "no pseudonym secret"),
        ({"CIVICBOT_SECRET": "   "}, "no pseudonym secret"),
        ({"CIVICBOT_SECRET": "short"}, "is 5 bytes long; it must be at least 16"),
        (
            {"CIVICBOT_SECRET_FILE": "/nonexistent/civicbot-secret"},
            "cannot read the secret file named by CIVICBOT_SECRET_FILE"
            " (/nonexistent/civicbot-secret): No such file or directory",
        ),
        (
            {"CIVICBOT_SECRET": "0123456789abcdef", "CIVICBOT_SECRET_FILE": "/x"},
            "not both",
        ),
    ],
)
def test_load_secret_explains_what_is_wrong(env: dict[str, str], message: str) -> None:
    with pytest.raises(SecretError, match=re.escape(message)):
        load_secret(env)


async def test_store_refuses_a_short_secret(db_path: Path) -> None:
    with pytest.raises(SecretError):
        await Store.open(db_path, secret=b"short")


async def test_the_secret_is_nowhere_in_the_database_files(db_path: Path) -> None:
    store = await Store.open(db_path, secret=SECRET)
    round_id = await new_round(store)
    resident = await store.register_identity(555000111, 555000111, "en")
    assert resident == store.resident_id(555000111) == pseudonym(SECRET, 555000111)
    await store.inbox_add([(1, '{"update_id": 1, "message": {"from": {"id": 555000111}}}')])
    await store.apply_outcome(
        update_id=1,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="matters"),
        records=(ConsentGiven(True, 1), AnswerGiven("matters", "kindness")),
    )
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    # Look while the WAL still holds the latest pages, and again after the checkpoint.
    contents = [p.read_bytes() for p in files if p.exists()]
    assert any(b"kindness" in c for c in contents)  # the scan can see what was written
    await store.close()
    contents += [p.read_bytes() for p in files if p.exists()]
    for blob in contents:
        assert SECRET not in blob
        assert SECRET.hex().encode() not in blob
