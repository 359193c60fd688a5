"""A small learned scorer for safeguarding, read beside the rules.

The rules in :mod:`civicbot.safeguarding.rules` are precise but were written by one author:
on a blind set written by someone else they found only 56% of disclosures. This module adds
a linear model (multinomial logistic regression) over bag-of-n-gram features, trained on
messages by several authors who wrote blind to each other and to the rules, that generalises
better to other people's wording. :func:`civicbot.safeguarding.detect.combine` puts the two
together: tier 1 when a rule fires (and, for a model with a ``veto``, the model does not
score it below the veto) or :attr:`Scores.disclosure` reaches the model's tier-1 threshold;
tier 2 when a concern rule fires or :attr:`Scores.any_risk` reaches the tier-2 threshold.
A model may give each kind its own tier-1 threshold (:attr:`Model.tier1_kinds`, read for the
model's most likely kind).
The thresholds are chosen by leave-one-author-out validation
(``bench/safeguarding_model.py``): each author is scored by a model trained on the others.

Features (:func:`features`), on text already normalised and respelled by the detector: word
unigrams and bigrams, and character 3- to 5-grams of the words joined by single spaces (so
across word boundaries: leave-one-author-out recall rose by about a point over n-grams
inside each word); each group is binary and L2-normalised. Classes: ``negative``,
``may_disclose`` and the five kinds of :data:`civicbot.safeguarding.rules.KINDS`.

The weights ship with the package as ``civicbot/data/safeguarding_model.json.gz`` (plain
JSON: feature -> one weight per class, the intercepts, the thresholds, and the
leave-one-author-out figures they were chosen on), written by
``bench/safeguarding_model.py --write`` from the labelled CSVs. It is read once, on first
use; nothing is downloaded, no pickle is loaded. The model sees only the message text in
memory and stores nothing.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

import numpy

from civicbot.safeguarding.rules import KINDS, Kind

__all__ = ["CLASSES", "Model", "Scores", "features", "load", "rule_tags", "shipped"]

CLASSES: tuple[str, ...] = ("negative", "may_disclose", *KINDS)
RESOURCE = "safeguarding_model.json.gz"
_WORD = re.compile(r"[a-z0-9']+")
_CHARS = (3, 5)
# Fewer words than this and the model says nothing (the rules alone decide): a two-word
# answer ("up to date", "our year") holds too little for n-gram weights to mean much.
MIN_WORDS = 4


def _groups(
    text: str, words: list[str] | None = None, tags: Sequence[str] = ()
) -> tuple[set[str], set[str], set[str]]:
    """The word 1-2-grams and the character 3-5-grams of normalised ``text`` (its words
    joined by single spaces and padded, so character n-grams run across word boundaries:
    "t to", "me an"), and the rules' answer as tags (:func:`rule_tags`)."""
    words = _WORD.findall(text) if words is None else words
    grams = {f"w:{w}" for w in words}
    grams.update(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    joined = f" {' '.join(words)} "
    chars = {
        f"c:{joined[i : i + n]}"
        for n in range(_CHARS[0], _CHARS[1] + 1)
        for i in range(len(joined) - n + 1)
    }
    return grams, chars, {f"r:{t}" for t in tags}


def features(text: str, tags: Sequence[str] = ()) -> dict[str, float]:
    """Binary n-gram features of normalised ``text`` and the rules' ``tags``, each group
    L2-normalised."""
    out: dict[str, float] = {}
    for group in _groups(text, tags=tags):
        if group:
            out.update(dict.fromkeys(group, 1.0 / math.sqrt(len(group))))
    return out


def rule_tags(kinds: Sequence[str], check_in: bool) -> tuple[str, ...]:
    """The rules' answer as the model's tags: each tier-1 kind, else ``concern`` (a tier-2
    rule fired) or ``none``."""
    return tuple(kinds) or (("concern",) if check_in else ("none",))


@dataclass(frozen=True)
class Scores:
    """The model's view of one message: the probability it discloses a risk (any kind),
    that it discloses or may disclose one, and its most likely kind."""

    disclosure: float
    any_risk: float
    kind: Kind
    scored: bool = True  # False: too few words, the model said nothing


@dataclass(frozen=True)
class Model:
    """Feature names, each class's weights in their order (one column per class, in
    :data:`CLASSES` order), intercepts, and the tier thresholds on
    :attr:`Scores.disclosure` and :attr:`Scores.any_risk`.

    ``stacked``: the model also reads the rules' answer as features (:func:`rule_tags`),
    learned from authors the rules were not tuned on. ``veto``: a rule's tier-1 answer
    stands only when the disclosure score is at least this (0: always); below it the
    message gets a tier-2 check-in instead (see :func:`civicbot.safeguarding.detect.combine`).
    """

    names: tuple[str, ...]
    columns: tuple[Sequence[float], ...]
    intercepts: Sequence[float]
    tier1: float
    tier2: float
    notes: Mapping[str, object] = field(default_factory=dict)
    stacked: bool = False
    veto: float = 0.0
    demote: float = 0.0  # see civicbot.safeguarding.detect.combine
    tier1_kinds: Mapping[str, float] = field(default_factory=dict)  # a kind's own tier 1

    def tier1_for(self, kind: str) -> float:
        """The tier-1 threshold when ``kind`` is the model's most likely kind (its own
        threshold in :attr:`tier1_kinds`, else :attr:`tier1`)."""
        return self.tier1_kinds.get(kind, self.tier1)

    @classmethod
    def from_weights(
        cls, weights: Mapping[str, Sequence[float]], intercepts: Sequence[float], **rest: Any
    ) -> Model:
        """A model from ``feature -> one weight per class``."""
        names = tuple(sorted(weights))
        columns = tuple(tuple(weights[n][c] for n in names) for c in range(len(intercepts)))
        return cls(names, columns, intercepts, **rest)

    @functools.cached_property
    def weights(self) -> dict[str, tuple[float, ...]]:
        """Feature -> one weight per class."""
        return {n: tuple(c[i] for c in self.columns) for i, n in enumerate(self.names)}

    @functools.cached_property
    def _rows(self) -> numpy.ndarray:
        """The weights as one array, a row per feature (for summing the found rows)."""
        return numpy.array(self.columns, dtype=float).T.copy()

    @functools.cached_property
    def _index(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Positions of the word (1- and 2-gram), character and tag features, each keyed
        by its text without the group's prefix (so scoring builds no prefixed strings)."""
        words: dict[str, int] = {}
        chars: dict[str, int] = {}
        tags: dict[str, int] = {}
        for i, name in enumerate(self.names):
            kind, text = name[:2], name[2:]
            {"c:": chars, "r:": tags}.get(kind, words)[text] = i
        return words, chars, tags

    def _probs(self, words: list[str], marks: set[str]) -> list[float]:
        """Class probabilities of one run of ``words`` (and the rules' tags ``marks``)."""
        word_index, char_index, tag_index = self._index
        grams = set(words)
        grams.update(f"{a} {b}" for a, b in itertools.pairwise(words))
        joined = f" {' '.join(words)} "
        chars = {
            joined[i : i + n]
            for n in range(_CHARS[0], _CHARS[1] + 1)
            for i in range(len(joined) - n + 1)
        }
        sums = numpy.array(self.intercepts, dtype=float)
        for group, index in ((grams, word_index), (chars, char_index), (marks, tag_index)):
            found = [i for i in map(index.get, group) if i is not None]
            if found:  # binary features, each group L2-normalised
                sums += self._rows[found].sum(axis=0) / math.sqrt(len(group))
        logits = sums.tolist()
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return [x / total for x in exps]

    def scores(self, text: str, tags: Sequence[str] = ()) -> Scores:
        """Class probabilities of normalised ``text`` (and the rules' ``tags`` when
        :attr:`stacked`), summed into :class:`Scores` (the same sums as over
        :func:`features`, group by group); zero below :data:`MIN_WORDS` words."""
        words = _WORD.findall(text)
        if len(words) < MIN_WORDS:
            return Scores(disclosure=0.0, any_risk=0.0, kind=KINDS[0], scored=False)
        marks = set(tags) if self.stacked else set()
        probs = self._probs(words, marks)
        kinds = probs[2:]
        kind = KINDS[max(range(len(kinds)), key=kinds.__getitem__)]
        return Scores(disclosure=sum(kinds), any_risk=1.0 - probs[0], kind=kind)

    def to_json(self) -> dict[str, object]:
        """Plain JSON data for :func:`load`: the feature names, and one list of weights per
        class in the names' order (fast to read: no per-feature objects)."""
        return {
            "classes": list(CLASSES),
            "features": {"words": [1, 2], "chars": list(_CHARS), "chars_across_words": True},
            "intercepts": [round(x, 5) for x in self.intercepts],
            "tier1": self.tier1,
            "tier2": self.tier2,
            "stacked": self.stacked,
            "veto": self.veto,
            "demote": self.demote,
            "tier1_kinds": dict(self.tier1_kinds),
            "notes": dict(self.notes),
            "names": list(self.names),
            "columns": [[round(w, 4) for w in column] for column in self.columns],
        }


def load(data: Mapping[str, object]) -> Model:
    """A :class:`Model` from :meth:`Model.to_json` data; a clear error if it does not fit."""
    if data.get("classes") != list(CLASSES):
        raise ValueError(f"model classes {data.get('classes')!r} are not {list(CLASSES)!r}")
    intercepts = [float(x) for x in cast(list[float], data["intercepts"])]
    names = tuple(str(n) for n in cast(list[str], data["names"]))
    columns = tuple(cast(list[list[float]], data["columns"]))
    if len(intercepts) != len(CLASSES) or len(columns) != len(CLASSES):
        raise ValueError("model weights do not have one column per class")
    if any(len(column) != len(names) for column in columns):
        raise ValueError("model weights do not have one value per feature in every class")
    kinds = cast(dict[str, float], data.get("tier1_kinds", {}))
    if not set(kinds) <= set(KINDS):
        raise ValueError(f"model thresholds name unknown kinds: {sorted(set(kinds) - set(KINDS))}")
    return Model(
        names=names,
        columns=columns,
        intercepts=intercepts,
        tier1=float(cast(float, data["tier1"])),
        tier2=float(cast(float, data["tier2"])),
        notes=cast(dict[str, object], data.get("notes", {})),
        stacked=bool(data.get("stacked", False)),
        veto=float(cast(float, data.get("veto", 0.0))),
        demote=float(cast(float, data.get("demote", 0.0))),
        tier1_kinds={str(k): float(v) for k, v in kinds.items()},
    )


@functools.cache
def shipped() -> Model:
    """The model shipped in ``civicbot/data`` (read once)."""
    blob = resources.files("civicbot").joinpath("data", RESOURCE).read_bytes()
    return load(json.loads(gzip.decompress(blob)))
