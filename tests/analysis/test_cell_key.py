"""The cell-key method's parts: record keys, the perturbation table, the threshold bit."""

from __future__ import annotations

import numpy as np

from civicbot_analysis import disclosure as dc
from civicbot_analysis.suppress import SECONDARY, SMALL, Suppressor, suppress_table


def test_record_keys_are_fixed_and_spread() -> None:
    keys = [dc.record_key(f"pseudonym-{i}") for i in range(20_000)]
    assert keys == [dc.record_key(f"pseudonym-{i}") for i in range(20_000)]
    low = np.bincount(np.array(keys) % dc.PTABLE_SIZE, minlength=256)
    assert low.min() > 40 and low.max() < 120  # about 78 each: uniform enough


def test_perturbation_table_is_unbiased_and_small() -> None:
    for count in (1, 2, 3, 50):
        noise = [dc.perturbation(count, key) for key in range(dc.PTABLE_SIZE)]
        assert sum(noise) == 0  # mean zero over the keys
        assert max(abs(x) for x in noise) <= (1 if count == 1 else dc.MAX_NOISE)
        assert all(count + x >= 0 for x in noise)
    assert all(dc.perturbation(0, key) == 0 for key in range(dc.PTABLE_SIZE))


def test_vectorised_perturbation_agrees() -> None:
    counts = np.array([0, 1, 2, 5, 30] * 60)
    keys = np.arange(counts.size) * 7919 % dc.KEY_SPACE
    expected = [c + dc.perturbation(c, k) for c, k in zip(counts, keys, strict=True)]
    assert dc.perturb_many(counts, keys).tolist() == expected


def test_shown_counts_are_never_below_k_and_small_ones_never_shown() -> None:
    for release in range(0, dc.KEY_SPACE, 997):
        s = Suppressor(10, release)
        for n in range(0, 40):
            cell = s.count(n, n * 4099 % dc.KEY_SPACE, "x")
            if 0 < n < 10:
                assert cell.suppressed and cell.reason == SMALL
            if cell.shown:
                assert (n == 0 and cell.value == 0) or cell.value >= 10
                assert abs((cell.value or 0) - n) <= 2


def test_exactly_k_and_zero_are_sometimes_hidden() -> None:
    # So that a count reaching k (or leaving 0) cannot be seen between two releases.
    shown_k = [Suppressor(10, r).count(10, 123).shown for r in range(0, 2000, 7)]
    shown_0 = [Suppressor(10, r).count(0, None, "zero").shown for r in range(0, 2000, 7)]
    for seen in (shown_k, shown_0):
        assert 0.3 < sum(seen) / len(seen) < 0.7


def test_a_table_spares_the_protected_rows_and_labels_every_hidden_cell() -> None:
    rows = {"carer": 16, "not_carer": 40, "prefer_not": 4}
    cells = suppress_table(rows, 60, 10, protect={"carer"})
    assert cells["carer"].shown
    assert cells["prefer_not"].reason == SMALL and cells["not_carer"].reason == SECONDARY
    # Without protection the smallest other cell goes, as before.
    plain = suppress_table(rows, 60, 10)
    assert plain["carer"].reason == SECONDARY and plain["not_carer"].shown
