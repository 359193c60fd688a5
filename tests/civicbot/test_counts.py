"""Broadcast recipient counts and sending progress: nothing of 10 or fewer is shown."""

from __future__ import annotations

import re

from civicbot.counts import progress_text, residents_text


def test_small_recipient_counts_are_never_shown() -> None:
    # Issue #9: /broadcast showed exact recipient counts below 10.
    for n in range(1, 10):
        assert residents_text([f"r{i}" for i in range(n)]) == "10 or fewer"


def test_large_recipient_counts_are_protected_not_exact_noise() -> None:
    people = [f"r{i}" for i in range(60)]
    shown = residents_text(people)
    assert shown.isdigit() and abs(int(shown) - 60) <= 2
    assert residents_text(people) == shown  # the same residents, the same figure
    # One more resident draws fresh noise for the whole figure.
    values = {residents_text([*people, f"new{j}"]) for j in range(20)}
    assert len(values) > 1


def test_progress_of_a_small_broadcast_shows_no_small_number() -> None:
    for sent, blocked in ((2, 0), (5, 3), (9, 1)):
        text = progress_text({"sent": sent, "blocked": blocked}, True, "fac:7")
        assert not re.search(r"\b[1-9]\b", text), text
        assert "10 or fewer" in text
        if blocked:
            assert "Some could not be reached" in text


def test_progress_of_a_large_broadcast() -> None:
    text = progress_text({"sent": 57, "blocked": 3}, True, "fac:7")
    got = re.search(r"Sent to (\d+) of (\d+) residents\. Some could not be reached", text)
    assert got is not None, text
    assert abs(int(got.group(1)) - 57) <= 2 and abs(int(got.group(2)) - 60) <= 2
    assert int(got.group(1)) <= int(got.group(2))
