"""The cell-key method: the same small, fixed noise for the same cell, every time.

This is the method the Office for National Statistics used to protect Census 2021 tables
(with targeted record swapping, which a consultation does not need), adapted to a round
that grows one resident at a time:

- **Record keys.** Every resident carries a fixed random key, derived from their
  pseudonymous id with a keyed hash (:func:`record_key`), so it is the same in every run of
  every report and in ``/stats``, and says nothing about the resident.
- **Cell keys.** A cell's key is the sum of the keys of the residents in it, plus the
  *release key* (the sum of the keys of everyone in the round), modulo 2^16
  (:func:`cell_key`). The same residents give the same key, so the same table asked twice,
  or the same group in two tables of one report, shows the same figure, and repeating a
  query cannot average the noise away. One more resident changes the release key and so
  the noise of *every* cell: comparing the round with n and with n + 1 residents shows
  every figure moving a little, not just the newcomer's.
- **Perturbation table.** The low byte of the cell key looks up a fixed noise in
  :data:`PTABLE` for the cell's count: -2 to +2 with probabilities 10/20/40/20/10%, mean
  zero (a count of 1 moves by at most one; zero stays zero). A published count is never
  shown below k.
- **Threshold.** A count is published only if it rests on at least k people (k = 10 by
  default). So that the moment a count reaches k (or leaves 0) cannot be seen by
  comparing two versions of a figure, a count of exactly k, and a count of 0, is also
  hidden when one bit of its cell key is set (:func:`threshold_bit`): about half the time,
  fixed for that cell in that release. Hidden cells are labelled "k or fewer".
- **Derived figures.** Shares, means and intervals are computed only from protected
  counts (:func:`protected_mean`), never from the raw data beside a protected table.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

KEY_SPACE = 1 << 16  # record and cell keys; the low byte (0-255) looks up the noise
PTABLE_SIZE = 256
# The secret of the keyed hash. Pseudonyms are already keyed hashes (HMAC with a key kept
# outside the database), so this only separates record keys from any other use of them.
_KEY_DOMAIN = b"civicbot cell key v1"

# Noise by count (1, then 2 and above) as (noise, how many of the 256 low-byte keys get it).
PTABLE: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((-1, 64), (0, 128), (1, 64)),
    2: ((-2, 26), (-1, 51), (0, 102), (1, 51), (2, 26)),
}
MAX_NOISE = 2

# Answer values of the groups the report exists to hear: complementary (secondary)
# suppression takes its cells from other groups first.
HEARD_FIRST: frozenset[tuple[str, str]] = frozenset(
    {
        ("disability", "yes"),
        ("disability", "yes_limited_lot"),
        ("disability", "yes_limited_little"),
        ("caring", "yes"),
        ("money_worries", "finding_it_difficult"),
        ("ethnicity", "asian"),
        ("ethnicity", "black"),
        ("ethnicity", "mixed"),
        ("ethnicity", "other"),
    }
)


def heard_first(field: str) -> frozenset[str]:
    """The answer values of ``field`` whose cells secondary suppression spares."""
    return frozenset(v for f, v in HEARD_FIRST if f == field)


METHOD = (
    "Disclosure control: every published count is protected by the cell-key method with "
    "perturbation that the Office for National Statistics used for Census 2021. Each "
    "resident carries a fixed random key; a count's key is the sum of its residents' keys "
    "and of the round's, and looks up a small fixed noise (−2 to +2, zero stays zero), so "
    "the same figure always shows the same value, and comparing two versions of the report "
    "(or of /stats) does not pin down one resident's answers. Counts under {k} are hidden, and "
    "so, about half the time, are counts of exactly {k} and 0, so the moment a count crosses "
    "the threshold cannot be seen; every hidden figure says why. An average is shown only "
    "when every count of its question is shown. Shares, averages and "
    "intervals are worked out from the protected counts only, so they may differ from the "
    "raw figures by a little."
)


@lru_cache(maxsize=1 << 18)
def record_key(resident_id: str) -> int:
    """The resident's fixed key in ``[0, 2^16)``, from their pseudonymous id."""
    digest = hashlib.blake2b(resident_id.encode(), key=_KEY_DOMAIN, digest_size=2).digest()
    return int.from_bytes(digest, "big")


def key_sum(resident_ids: Iterable[str]) -> int:
    """The sum of the residents' keys modulo 2^16 (a cell's key before the release key)."""
    return sum(map(record_key, resident_ids)) % KEY_SPACE


def record_keys(resident_ids: Sequence[str]) -> npt.NDArray[np.int64]:
    """Keys of many residents at once, in order (for sums with ``numpy.bincount``)."""
    return np.fromiter(map(record_key, resident_ids), np.int64, len(resident_ids))


def release_key(resident_ids: Iterable[str]) -> int:
    """The release key: the sum of the keys of everyone in the round (changes with each
    resident who joins, so every cell's noise is drawn afresh)."""
    return release_key_of_sum(key_sum(resident_ids))


def release_key_of_sum(keys: int) -> int:
    """The release key from the (plain) sum of everyone's record keys."""
    return ((int(keys) % KEY_SPACE) * 40503 + 0x9E37) % KEY_SPACE


def label_key(label: str) -> int:
    """A key for a cell with no residents (a 0), so zeros of one release differ."""
    return record_key("\x00cell:" + label)


def cell_key(records_key: int, release: int) -> int:
    return (int(records_key) + int(release)) % KEY_SPACE


def _row(count: int) -> tuple[tuple[int, int], ...]:
    return PTABLE[min(count, 2)]


def perturbation(count: int, key: int) -> int:
    """The fixed noise for a count whose cell key is ``key`` (0 for a count of 0)."""
    if count <= 0:
        return 0
    u = int(key) % PTABLE_SIZE
    for noise, width in _row(count):
        if u < width:
            return noise
        u -= width
    raise AssertionError("the perturbation table covers every key")  # pragma: no cover


def perturb(count: int, key: int, floor: int = 0) -> int:
    """``count`` plus its noise, never below ``floor`` (k for a published count)."""
    if count <= 0:
        return 0
    return max(floor, count + perturbation(count, key))


def perturb_many(
    counts: npt.NDArray[np.int64], keys: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Vectorised :func:`perturb` with no floor (for counts that are only ever summed)."""
    counts = np.asarray(counts, dtype=np.int64)
    u = np.asarray(keys, dtype=np.int64) % PTABLE_SIZE
    out = counts.copy()
    for count in (1, 2):
        edges = np.cumsum([w for _, w in _row(count)])
        noises = np.array([n for n, _ in _row(count)], dtype=np.int64)
        where = counts == 1 if count == 1 else counts >= 2
        out[where] += noises[np.searchsorted(edges, u[where], side="right")]
    return np.maximum(out, 0)


def threshold_bit(key: int) -> int:
    """The bit that hides a count of exactly k, or of 0, about half the time."""
    return (int(key) >> 8) & 1


def table_bit(key: int) -> int:
    """The bit that asks a table's hidden cells for k + 1 people rather than k."""
    return (int(key) >> 9) & 1


def protected_mean(
    values: npt.NDArray[np.float64],
    counts: npt.NDArray[np.int64],
    keys: npt.NDArray[np.int64] | None,
) -> tuple[float, float, float] | None:
    """(mean, sample variance, n) from counts by value perturbed by their cell keys.

    ``keys`` are the cells' full keys (records and release); None leaves the counts
    exact. None when the counts hold fewer than two people.
    """
    c = (counts if keys is None else perturb_many(counts, keys)).astype(np.float64)
    n = float(c.sum())
    if n < 2:
        return None
    mean = float(np.dot(values, c) / n)
    var = float(np.dot(c, (values - mean) ** 2) / (n - 1))
    return mean, var, n


def protected_median(
    values: Sequence[float], resident_ids: Sequence[str], release: int | None
) -> float | None:
    """The median of ``values`` (one per resident) read from protected counts of their
    whole numbers: each whole number's count is perturbed by its residents' cell key."""
    whole: dict[int, tuple[int, int]] = {}
    for value, resident in zip(values, resident_ids, strict=True):
        n, keys = whole.get(math.floor(value), (0, 0))
        whole[math.floor(value)] = (n + 1, keys + record_key(resident))
    return protected_median_of_counts(whole, release)


def protected_median_of_counts(
    whole: Mapping[int, tuple[int, int]], release: int | None
) -> float | None:
    """:func:`protected_median` from, by whole number, (residents, plain sum of their
    record keys): what ``/stats`` keeps up to date for the minutes residents took."""
    present = [w for w, (n, _) in whole.items() if n > 0]
    if not present:
        return None
    low, high = min(present), max(present)
    counts = np.zeros(high - low + 1, dtype=np.int64)
    keys = np.zeros(high - low + 1, dtype=np.int64)
    for w in present:
        counts[w - low], keys[w - low] = whole[w][0], whole[w][1] % KEY_SPACE
    if release is not None:
        counts = perturb_many(counts, (keys + release) % KEY_SPACE)
    total = int(counts.sum())
    if total == 0:
        return None
    half = np.searchsorted(np.cumsum(counts), total / 2)
    return float(low + half) + 0.5
