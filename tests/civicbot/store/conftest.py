"""Fixtures for the store tests: a fresh database per test, a clock that moves on demand,
a small script to freeze into rounds, and a resident who takes part in one."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from civicbot.engine.types import AnswerGiven, ConsentGiven, Record, SessionState
from civicbot.store import Store
from tests.conftest import on_postgres

SECRET = b"test-secret-0123456789-abcdef"

SCRIPT = """\
id: test-round
version: 2
title: {en: "How services treat you", cy: "Sut mae gwasanaethau yn eich trin"}
languages: [en, cy]
consent:
  version: 1
  text: "We keep what you say safe."
finish: "Thank you."
sections:
  - id: values
    steps:
      - id: intro
        type: message
        text: "Hello."
      - id: matters
        type: free_text
        text: {en: "What matters most to you?", cy: "Beth sydd bwysicaf i chi?"}
        tags: [care, belonging]
      - id: which
        type: multi_choice
        text: "Which services did you use?"
        options:
          - {value: gp, label: "GP"}
          - {value: council, label: "Council"}
          - {value: 1, label: "Other"}
  - id: experience
    steps:
      - id: treated
        type: scale
        text: "Were you treated as a person?"
        tags: [relational]
        options:
          - {value: never, label: "Never"}
          - {value: sometimes, label: "Sometimes"}
          - {value: always, label: "Always"}
      - id: early
        type: yes_no
        text: "Did help come early?"
        optional: no
  - id: about
    steps:
      - id: age
        type: single_choice
        text: "Your age"
        demographic: age_band
        options:
          - {value: "18_34", label: "18-34"}
          - {value: "35_64", label: "35-64"}
          - {value: prefer_not, label: "Prefer not to say"}
"""


class Clock:
    """A clock for tests: starts at a fixed time and moves only when told."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 1.0) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The SQLite file (a test that reads it directly runs on SQLite only)."""
    if on_postgres(request):
        pytest.skip("reads the SQLite file itself: SQLite only")
    return tmp_path / "civicbot.db"


@pytest.fixture
async def store(db_target: Path | str, clock: Clock, tmp_path: Path) -> AsyncIterator[Store]:
    """A fresh store, on SQLite and on PostgreSQL (the ``backend`` parameter)."""
    voice = None if isinstance(db_target, Path) else tmp_path / "voice"
    async with await Store.open(db_target, secret=SECRET, clock=clock, voice_dir=voice) as opened:
        yield opened


async def new_round(store: Store, *, status: str = "open", title: str = "Round") -> int:
    return await store.create_round(
        title=title,
        script_id="test-round",
        script_version=2,
        script_source=SCRIPT,
        script_sha256=hashlib.sha256(SCRIPT.encode()).hexdigest(),
        status=status,
    )


async def take_part(store: Store, user: int, round_id: int, words: str, *more: Record) -> str:
    """Telegram user ``user`` agrees and answers "matters" with ``words`` (and ``more``
    records in the same unit); returns their pseudonym."""
    resident = await store.register_identity(user, user)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="which", answers={"matters": words}),
        records=(ConsentGiven(True, 1), AnswerGiven("matters", words), *more),
    )
    return resident
