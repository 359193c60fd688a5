"""Train the safeguarding model, choose its thresholds on cross-author folds, and write it.

    python bench/safeguarding_model.py --write     # retrain and rewrite the shipped file

Two authors wrote the labelled data: ``labelled.csv`` + ``tune_added.csv`` (author 1, who
also wrote the rules) and ``fresh.csv`` (author 2, blind to the rules). The thresholds are
chosen on two folds that each validate on the other author's rows:

- **A**: train on author 1, validate on author 2 (``fresh.csv``): the honest fold for
  rules + model, since the rules were never tuned on ``fresh.csv``;
- **B**: train on author 2, validate on author 1 (the rules were tuned on these rows, so
  rules + model is optimistic here; the model-alone figure is the cross-author one).

Tier 1 (:func:`choose`): the lowest threshold on the disclosure score whose false-positive
rate (rules or model) is at most 5% on every fold, and on everyday answers by a third
author (:func:`everyday`), which gives the most recall the cap allows. Tier 2: likewise
the lowest threshold on the any-risk score whose rate of negatives given any response
(tier 1 or 2) is at most 15% on every fold and on the everyday answers; its recall of
disclosures and may-disclose rows is reported. (Asking for 99% of them instead gave a threshold of
0.10 and 41% of fold A's negatives a check-in: a review queue nobody could keep up with.)
The shipped model is then trained on all rows with those thresholds.

The labelled sets are about half disclosures, far more than residents' answers, so a
message with few known words scored as a likely disclosure ("up to date", "our year"):
:data:`PRIOR` is added to the negative class's intercept after fitting (class weights
balanced), so unknown wording leans to "no risk" and the thresholds are chosen after it.

Training uses scikit-learn (``LogisticRegression``, lbfgs, deterministic) over the
features of :func:`civicbot.safeguarding.model.features`, keeping features seen in at
least two training messages; the package reads the JSON result without scikit-learn.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from civicbot.safeguarding.detect import (
    Screening,
    combine,
    model_scores,
    normalise,
    rules_only,
)
from civicbot.safeguarding.model import CLASSES, RESOURCE, Model, Scores, features
from civicbot.safeguarding.spelling import respell
from tests.civicbot.safeguarding.labelled import Example, load, load_all

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT / "tests" / "civicbot" / "safeguarding" / "data" / "fresh.csv"
OUT = ROOT / "civicbot" / "data" / RESOURCE
C = 16.0  # inverse regularisation; chosen on the folds from {1, 4, 16}
MIN_DF = 2
WEIGHT: str | None = "balanced"
PRIOR = 3.0  # added to the negative class's intercept
MAX_FP_TIER1, MAX_FP_TIER2 = 0.05, 0.15
GRID = tuple(i / 100 for i in range(5, 100))


def target(e: Example) -> str:
    """The training class of a row: its kind when it discloses, else its label."""
    return e.kind if e.label == "disclosure" else e.label


def everyday() -> tuple[Example, ...]:
    """Everyday answers about services written by a third author (the demo's phrase lists
    in ``civicbot/demo/phrases*.py``): never trained on, only a false-positive check."""
    texts: dict[str, None] = {}
    for path in sorted((ROOT / "civicbot" / "demo").glob("phrases*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if len(text.split()) >= 3 and not set(text) & set("|^$\\{}[]\n"):
                    texts[text] = None
    return tuple(Example("negative", "", "demo_everyday", "", "", t) for t in texts)


def train(rows: Sequence[Example], tier1: float = 0.5, tier2: float = 0.5) -> Model:
    """A :class:`Model` fitted on ``rows`` (features seen in >= ``MIN_DF`` rows)."""
    feats = [features(respell(normalise(e.text))) for e in rows]
    df = Counter(name for f in feats for name in f)
    kept = [{k: v for k, v in f.items() if df[k] >= MIN_DF} for f in feats]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(kept)
    fit = LogisticRegression(C=C, class_weight=WEIGHT, max_iter=3000)
    fit.fit(x, [target(e) for e in rows])
    order = [list(fit.classes_).index(c) for c in CLASSES]
    coef = fit.coef_[order]
    names = vec.get_feature_names_out()
    weights = {str(n): tuple(float(w) for w in coef[:, j]) for j, n in enumerate(names)}
    intercepts = [float(fit.intercept_[i]) for i in order]
    intercepts[0] += PRIOR  # fewer messages disclose a risk than in the labelled sets
    return Model(weights=weights, intercepts=intercepts, tier1=tier1, tier2=tier2)


@dataclass(frozen=True)
class Fold:
    """Training rows, validation rows, and what the validation figures mean."""

    name: str
    train: tuple[Example, ...]
    valid: tuple[Example, ...]
    note: str


def folds() -> tuple[Fold, ...]:
    mine, fresh = load_all(), load(FRESH)
    return (
        Fold("A", mine, fresh, "train author 1 (labelled+tune_added), validate fresh.csv"),
        Fold("B", fresh, mine, "train fresh.csv, validate author 1 (rules tuned on it)"),
    )


@dataclass(frozen=True)
class Scored:
    """One validation row with the rules' answer and a model's scores."""

    example: Example
    rules: Screening
    scores: Scores


def score(model: Model, rows: Sequence[Example]) -> list[Scored]:
    return [Scored(e, rules_only(e.text), model_scores(e.text, model)) for e in rows]


def rates(rows: Sequence[Scored], model: Model) -> tuple[float, float, float, float]:
    """Tier-1 recall and FP rate; tier-1-or-2 recall (disclosure + may) and FP rate."""
    tiers = [(s.example.label, combine(s.rules, s.scores, model).tier) for s in rows]
    disc = [t for lab, t in tiers if lab == "disclosure"]
    risky = [t for lab, t in tiers if lab != "negative"]
    neg = [t for lab, t in tiers if lab == "negative"]

    def share(hits: int, total: int) -> float:
        return hits / total if total else float("nan")

    return (
        share(sum(t == 1 for t in disc), len(disc)),
        share(sum(t == 1 for t in neg), len(neg)),
        share(sum(t > 0 for t in risky), len(risky)),
        share(sum(t > 0 for t in neg), len(neg)),
    )


def _with(model: Model, tier1: float, tier2: float) -> Model:
    return Model(model.weights, model.intercepts, tier1, tier2)


def choose(scored: Sequence[tuple[Model, list[Scored]]]) -> tuple[float, float]:
    """Tier-1 and tier-2 thresholds from the folds' validation rows (see module doc)."""

    def worst(f: Callable[[Model, list[Scored]], float]) -> float:
        return max(f(m, rows) for m, rows in scored)

    def fp1(t: float) -> float:
        return worst(lambda m, rows: rates(rows, _with(m, t, 1.0))[1])

    tier1 = next((t for t in GRID if fp1(t) <= MAX_FP_TIER1), 1.0)  # 1.0: never

    def fp12(t: float) -> float:
        return worst(lambda m, rows: rates(rows, _with(m, tier1, t))[3])

    tier2 = next(t for t in GRID if t >= tier1 or fp12(t) <= MAX_FP_TIER2)
    return tier1, tier2


def cross_author() -> tuple[list[tuple[Fold, Model, list[Scored]]], float, float]:
    """Each fold's model and scored validation rows, and the thresholds they choose."""
    done, checks = [], []
    for fold in folds():
        model = train(fold.train)
        done.append((fold, model, score(model, fold.valid)))
        checks += [(model, done[-1][2]), (model, score(model, everyday()))]
    tier1, tier2 = choose(checks)
    return [(f, _with(m, tier1, tier2), rows) for f, m, rows in done], tier1, tier2


def tradeoff(done: Sequence[tuple[Fold, Model, list[Scored]]]) -> None:
    """Tier-1 recall / FP per fold at other tier-1 thresholds, to show the trade-off."""
    print("tier-1 threshold trade-off on the folds (rules + model), recall / FP:")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 0.9):
        cells = []
        for fold, model, rows in done:
            r1, fp1, _, _ = rates(rows, _with(model, t, 1.0))
            cells.append(f"fold {fold.name} {r1:6.1%} / {fp1:5.1%}")
        print(f"  {t:.2f}  " + "   ".join(cells))


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {OUT.name}")
    args = parser.parse_args(argv)
    done, tier1, tier2 = cross_author()
    notes: dict[str, object] = {"C": C, "min_df": MIN_DF, "folds": {}}
    for fold, model, rows in done:
        r1, fp1, r12, fp12 = rates(rows, model)
        print(f"fold {fold.name} ({fold.note}): tier 1 recall {r1:.1%} FP {fp1:.1%};"
              f" tier 1 or 2 recall {r12:.1%} FP {fp12:.1%}")  # fmt: skip
        cast_folds = notes["folds"]
        assert isinstance(cast_folds, dict)
        cast_folds[fold.name] = {"note": fold.note, "tier1_recall": round(r1, 4),
                                 "tier1_fp": round(fp1, 4), "tier12_recall": round(r12, 4),
                                 "tier12_fp": round(fp12, 4)}  # fmt: skip
    print(f"thresholds: tier 1 {tier1:.2f} (disclosure score), tier 2 {tier2:.2f} (any risk)")
    tradeoff(done)
    if args.write:
        final = train(load_all() + load(FRESH), tier1, tier2)
        final = Model(final.weights, final.intercepts, tier1, tier2, notes)
        blob = json.dumps(final.to_json(), separators=(",", ":"), sort_keys=True).encode()
        OUT.write_bytes(gzip.compress(blob, mtime=0))
        print(f"wrote {OUT.relative_to(ROOT)}: {len(final.weights)} features,"
              f" {OUT.stat().st_size // 1024} KiB")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
