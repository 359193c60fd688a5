"""The audit check of the facilitator test is exact: a timestamp or a pseudonym that
happens to contain a Telegram ID's digits is no leak, and a real leak is always found."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from civicbot.store.facilitators import AuditRow
from tests.e2e.facilitator_helpers import audit_leaks

NAMES = ("femi", "femi_admin")


def _row(**changes: Any) -> AuditRow:
    fields: dict[str, Any] = {
        "id": 9002,
        "actor": "0b9002ffe1c4a7d35e6f8a9b0c1d2e3f",  # hex, holds the digits by chance
        "action": "grant",
        "target": "7a3c90021b4e5f60718293a4b5c6d7e8",
        "details": {"changed": True, "recipients": 19002},
        "allowed": True,
        "at": datetime(2026, 12, 5, 1, 9, 0, 900200, tzinfo=UTC),
    }
    return AuditRow(**{**fields, **changes})


def test_digits_by_chance_are_no_leak() -> None:
    row = _row()
    assert "9002" in str(row)  # the old substring check fired on this row
    assert audit_leaks(row, 9002, NAMES) == []


def test_every_kind_of_leak_is_found() -> None:
    leaks = [
        _row(target="9002"),
        _row(actor="9002"),
        _row(details={"who": 9002}),
        _row(details={"ids": [1, "9002"]}),
        _row(details={"9002": True}),
        _row(target="m:9002:a"),
        _row(details={"note": "asked by Femi"}),
        _row(target="@FEMI_ADMIN"),
    ]
    for row in leaks:
        assert audit_leaks(row, 9002, NAMES) != [], row
