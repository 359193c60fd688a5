"""Train the safeguarding model, choose its thresholds by leave-one-author-out, and write it.

    python bench/safeguarding_model.py            # the LOAO folds and the chosen thresholds
    python bench/safeguarding_model.py --write    # ... and retrain the shipped file
    ... --jobs 2 --save-folds F    # fit the folds in two processes and keep their scores in F
    ... --folds F                  # read the kept scores instead of refitting (checked stale)

Several people wrote the labelled data, each blind to the others (:func:`authors`):
author 1 (``labelled.csv`` + ``tune_added.csv``, who also wrote and tuned the rules), and
every other CSV in the data folder (``fresh``, ``fresh2``, ``train3`` onwards, the spent blind
sets ``eval3``-``eval8``; each by one more blind author), except :data:`NOT_AUTHORS`.
What counts is how the detector does on wording by someone it has never read, so every
choice is made on **leave-one-author-out** folds (:func:`loao`): for each author, a model is
trained on every other author's rows and scored, with the rules, on the held-out author's
rows. Nothing is chosen on the held-out author itself; the thresholds are chosen once, from
all the folds together:

- tier 1 (:func:`choose`): the lowest threshold on the model's disclosure score whose
  tier-1 false-positive rate (rules or model) is at most :data:`MAX_FP_TIER1` for **every**
  held-out author, and at most :data:`MAX_FP_EVERYDAY` on everyday answers by yet another
  author (:func:`everyday`, never trained on): the most recall the cap allows for the
  worst author;
- tier 2: likewise the lowest threshold on the any-risk score whose share of negatives
  given any response (tier 1 or 2) is at most :data:`MAX_FP_TIER2` for every author and
  on the everyday answers (a check-in to one everyday answer in four, which a cap on the
  labelled authors alone allowed, is a review queue nobody could keep up with).
- with :data:`PER_KIND`, each kind (the model's most likely one) then gets its own tier-1
  threshold (``bench/safeguarding_thresholds.py``: from the single one, each kind's moved to
  where the worst author, then the median, does best while every cap above still holds).

Those figures let the held-out author's own negatives help set the cap, so they are a little
optimistic; :func:`print_nested` also prints the honest figure, each author at thresholds
chosen on the *other* folds only (the figure the variants are judged by since 5 Dec 2026).

The rules were tuned on author 1, so author 1's fold is optimistic for rules + model;
``bench/safeguarding_quality.py`` prints every figure with and without it.

The labelled sets are about half disclosures, far more than residents' answers, so
:data:`PRIOR` is added to the negative class's intercept after fitting (class weights
balanced): unknown wording leans to "no risk". Training uses scikit-learn
(``LogisticRegression``, lbfgs, deterministic) over :func:`civicbot.safeguarding.model.features`,
keeping features seen in at least :data:`MIN_DF` training messages; the package reads the
JSON result without scikit-learn. The shipped model is trained on every author's rows.
"""

from __future__ import annotations

import argparse
import ast
import functools
import gzip
import hashlib
import inspect
import json
import pickle
import statistics
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from civicbot.safeguarding.detect import Screening, model_scores, normalise, rules_only
from civicbot.safeguarding.model import CLASSES, RESOURCE, Model, Scores, features, rule_tags
from civicbot.safeguarding.rules import KINDS
from civicbot.safeguarding.spelling import respell
from tests.civicbot.safeguarding.labelled import ADDED_PATH, PATH, Example, load

ROOT = Path(__file__).resolve().parents[1]
DATA = PATH.parent
OUT = ROOT / "civicbot" / "data" / RESOURCE
C = 16.0  # inverse regularisation; chosen by LOAO from {4, 16, 64}
MIN_DF = 2
# The learner: "lr" (multinomial logistic regression, C above) or "svm" (a linear SVM, one
# vs rest, C = SVM_C, whose margins times SVM_SCALE, plus SVM_PRIOR on the negative class,
# are the logits the package's softmax reads: the shipped file has the same form either way).
# A linear SVM (C 0.5) was measured on 27 authors: median / min 96.2% / 88.5%, FP max 5.0%
# (on the cap), and its per-kind thresholds broke the cap nested (5.3%); not shipped (see
# bench/results/safeguarding_variants.txt, section 6).
LEARNER = "lr"
SVM_C, SVM_SCALE, SVM_PRIOR = 0.5, 4.0, 0.0
PRIOR = 3.0  # added to the negative class's intercept (only shifts the thresholds)
MAX_FP_TIER1, MAX_FP_TIER2, MAX_FP_EVERYDAY = 0.05, 0.10, 0.03
EQUAL_AUTHORS = True  # each author's rows weigh the same in total (LOAO: a little better)
# The model reading the rules' answer as features (learned on the blind authors only) was
# measured by LOAO and not kept: with 8 authors and the everyday cap at 3%, median / min
# tier-1 recall 92.7% / 81.2% stacked against 93.8% / 81.5% plain.
STACKED = False
# Candidate vetoes on the rules' tier-1 answers (None: the tier-1 threshold itself, so the
# model decides alone); :func:`choose` keeps the best for the worst author. A veto of 0.01
# raised LOAO recall (median 93.1% -> 93.8%, min 80.7% -> 81.5%) but demoted 8 of the 127
# explicit disclosures of tests/civicbot/safeguarding/disclosures.py ("my husband is
# abusive and the refuge is full", "They're going to hurt me") to a check-in, because
# service words pull the model's score down. So no veto: a rule that fires stands.
VETOES: tuple[float | None, ...] = (0.0,)
GRID = tuple(i / 100 for i in range(5, 100))
# A rule's tier-1 hit said at a remove (past, resolved, news, quotation: vocabulary.DISTANCED)
# is demoted to a check-in when the model's disclosure score is under DEMOTE. Measured by
# LOAO on 12 authors: 0.1 gave blind median / min tier-1 recall 94.3% / 84.3% (0.15 and 0.2:
# 94.3% / 84.1%), without it the caps could not be met at all (eval3's rules alone: 5.3%
# FP); no explicit disclosure of tests/.../disclosures.py is demoted (a test checks it).
# Scoring long answers also in 12- or 20-word windows (whole score raised half-way to the
# best window's) was measured and not kept: median 89.6% / 90.9%, min 79.6% / 80.9%.
# On 21 authors (5 Dec 2026, bench/safeguarding_variants.py; every variant's figures are in
# bench/results/safeguarding_variants.txt), with DISTANCED widened: 0.1 kept (blind median /
# min 94.8% / 88.0%; 0.2: 94.5% / 88.0%). Not kept, each lowering the median or the minimum:
# scoring each sentence and keeping the highest (76.2% / 62.9%: long negatives hold an
# alarming sentence too), the LR averaged with complement naive Bayes (94.4% / 84.3% at
# 0.3 weight), and the other variants listed there.
DEMOTE = 0.1
# Each kind (the model's most likely one) its own tier-1 threshold, chosen on the folds by
# bench/safeguarding_thresholds.choose_kinds; False: one threshold for every kind. Measured
# on 27 authors (5 Dec 2026), nested (each author's thresholds chosen on the other 26): blind
# median / min tier-1 recall 95.7% / 88.8%, FP max 4.6%, against 95.3% / 88.3%, 4.5% with one
# threshold; no author lower (bench/results/safeguarding_variants.txt, section 6).
PER_KIND = True
Cuts = Mapping[str, float]  # kind -> its own tier-1 threshold
AUTHOR1 = (PATH.name, ADDED_PATH.name)  # one author, the rules' own (one fold together)
# CSVs in the data folder that are not (yet) an author's training fold. A blind set awaiting
# its single scoring is never put in the data folder until it is spent. (eval7 and eval8,
# scored once on ec23167 and kept out of that model, joined the folds at the next retrain.)
# eval9-eval11, scored once on the frozen model of 0efbb7c (21 authors) and kept out of it,
# joined the folds at the next retrain (5 Dec 2026, sgmodel5). eval12-eval14, scored once on
# the model shipped at 29f3a5d and once on the frozen 27-author model (21d120e), are kept out
# of the shipped model so that it is the one their figures describe; they join at the next retrain.
NOT_AUTHORS: tuple[str, ...] = ("eval12.csv", "eval13.csv", "eval14.csv")


@dataclass(frozen=True)
class Author:
    """One author's labelled rows; ``tuned`` when the rules were tuned on them."""

    name: str
    rows: tuple[Example, ...]
    tuned: bool = False


def authors() -> tuple[Author, ...]:
    """Every author's rows: author 1 (:data:`AUTHOR1`), then every other CSV in the data
    folder, one blind author each (``fresh``, ``fresh2``, ``train*``, the spent ``eval*``
    sets...), except :data:`NOT_AUTHORS`."""
    found = [Author("author1", load(PATH) + load(ADDED_PATH), tuned=True)]
    skip = {*AUTHOR1, *NOT_AUTHORS}
    for path in sorted(DATA.glob("*.csv")):
        if path.name not in skip:
            found.append(Author(path.stem, load(path)))
    return tuple(found)


def target(e: Example) -> str:
    """The training class of a row: its kind when it discloses, else its label."""
    return e.kind if e.label == "disclosure" else e.label


def everyday() -> tuple[Example, ...]:
    """Everyday answers about services written by another author (the demo's phrase lists
    in ``civicbot/demo/phrases*.py``): never trained on, only a false-positive check."""
    texts: dict[str, None] = {}
    for path in sorted((ROOT / "civicbot" / "demo").glob("phrases*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if len(text.split()) >= 3 and not set(text) & set("|^$\\{}[]\n"):
                    texts[text] = None
    return tuple(Example("negative", "", "everyday", "", "demo", t) for t in texts)


@functools.cache
def rules(text: str) -> Screening:
    """The rules' answer for ``text`` (remembered: every fold asks again)."""
    return rules_only(text)


@functools.cache
def _features(text: str, tagged: bool) -> dict[str, float]:
    said = rules(text)
    tags = rule_tags(said.detection.kinds, said.check_in) if tagged and STACKED else ()
    return features(respell(normalise(text)), tags)


def train(found: Sequence[Author], tier1: float = 0.5, tier2: float = 0.5) -> Model:
    """A :class:`Model` fitted on every row of ``found`` (features seen in >= ``MIN_DF``
    rows; with :data:`EQUAL_AUTHORS`, each author's rows weigh the same in total)."""
    rows = [e for a in found for e in a.rows]
    weight = [len(rows) / len(found) / len(a.rows) for a in found for _ in a.rows]
    # the rules' answer is learned only from authors the rules were not tuned on
    feats = [_features(e.text, not a.tuned) for a in found for e in a.rows]
    df = Counter(name for f in feats for name in f)
    kept = [{k: v for k, v in f.items() if df[k] >= MIN_DF} for f in feats]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(kept)
    fit: LogisticRegression | LinearSVC
    if LEARNER == "svm":  # one-vs-rest; SVM_SCALE x its margins are read as the logits
        fit = LinearSVC(C=SVM_C, class_weight="balanced", max_iter=5000, random_state=0)
    else:
        fit = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    fit.fit(x, [target(e) for e in rows], sample_weight=weight if EQUAL_AUTHORS else None)
    scale, prior = (SVM_SCALE, SVM_PRIOR) if LEARNER == "svm" else (1.0, PRIOR)
    order = [list(fit.classes_).index(c) for c in CLASSES]
    coef = fit.coef_[order] * scale
    names = vec.get_feature_names_out()
    weights = {str(n): tuple(float(w) for w in coef[:, j]) for j, n in enumerate(names)}
    intercepts = [float(fit.intercept_[i]) * scale for i in order]
    intercepts[0] += prior  # fewer messages disclose a risk than in the labelled sets
    return Model.from_weights(
        weights,
        intercepts,
        tier1=tier1,
        tier2=tier2,
        stacked=STACKED,
        demote=DEMOTE,
    )


def with_thresholds(
    model: Model, tier1: float, tier2: float, veto: float = 0.0, kinds: Cuts | None = None
) -> Model:
    return replace(model, tier1=tier1, tier2=tier2, veto=veto, tier1_kinds=dict(kinds or {}))


@dataclass(frozen=True)
class Fold:
    """A held-out author, the model trained on every other author, and its scores for the
    held-out rows and for the everyday answers."""

    author: Author
    model: Model
    scores: tuple[Scores, ...]
    everyday: tuple[Scores, ...]

    def tiers(
        self, tier1: float, tier2: float, veto: float = 0.0, kinds: Cuts | None = None
    ) -> list[int]:
        """The tier of each held-out row (rules + this fold's model at these thresholds)."""
        return _tiers(self.author.rows, self.scores, tier1, tier2, veto, kinds)


def _tiers(
    rows: Sequence[Example],
    scores: Sequence[Scores],
    tier1: float,
    tier2: float,
    veto: float,
    kinds: Cuts | None = None,
) -> list[int]:
    """:func:`combine`'s tiers, computed without building answers (the threshold search
    asks this thousands of times; a test checks it agrees with :func:`combine`)."""
    out = []
    for e, s in zip(rows, scores, strict=True):
        said = rules(e.text)
        ruled = said.detection and (not s.scored or s.disclosure >= veto)
        ruled = ruled and not (said.distanced and s.scored and s.disclosure < DEMOTE)
        if ruled or s.disclosure >= (kinds.get(s.kind, tier1) if kinds else tier1):
            out.append(1)
        else:
            out.append(2 if said.detection or said.check_in or s.any_risk >= tier2 else 0)
    return out


@dataclass(frozen=True)
class Rates:
    """Tier-1 recall and FP; tier 1-or-2 recall of disclosures and of may-disclose rows,
    and the share of negatives given any response."""

    recall: float
    fp: float
    recall12: float
    maybe12: float
    fp12: float


def _share(hits: int, total: int) -> float:
    return hits / total if total else float("nan")


def rates(rows: Sequence[Example], tiers: Sequence[int]) -> Rates:
    by: dict[str, list[int]] = {"disclosure": [], "may_disclose": [], "negative": []}
    for e, t in zip(rows, tiers, strict=True):
        by[e.label].append(t)
    d, m, n = by["disclosure"], by["may_disclose"], by["negative"]
    return Rates(
        recall=_share(sum(t == 1 for t in d), len(d)),
        fp=_share(sum(t == 1 for t in n), len(n)),
        recall12=_share(sum(t > 0 for t in d), len(d)),
        maybe12=_share(sum(t > 0 for t in m), len(m)),
        fp12=_share(sum(t > 0 for t in n), len(n)),
    )


def _train_without(found: Sequence[Author], i: int) -> Model:
    return train([other for j, other in enumerate(found) if j != i])


def loao(found: Sequence[Author] | None = None, jobs: int = 1) -> tuple[Fold, ...]:
    """One fold per author: a model trained on all the others, scored on that author
    (the fold models trained in ``jobs`` processes)."""
    found = authors() if found is None else found
    daily = everyday()
    folds = []
    fit = functools.partial(_train_without, found)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            models = list(pool.map(fit, range(len(found))))
    else:
        models = [fit(i) for i in range(len(found))]
    for author, model in zip(found, models, strict=True):
        folds.append(
            Fold(
                author,
                model,
                tuple(model_scores(e.text, model, rules(e.text)) for e in author.rows),
                tuple(model_scores(e.text, model, rules(e.text)) for e in daily),
            )
        )
    return tuple(folds)


def fingerprint(found: Sequence[Author]) -> str:
    """What the folds' scores depend on: every row, the features and scoring code, the
    respelling, the normalising, and the training settings."""
    digest = hashlib.sha256()
    for a in found:
        digest.update(repr((a.name, a.tuned, a.rows)).encode())
    for module in ("model.py", "spelling.py"):
        digest.update((ROOT / "civicbot" / "safeguarding" / module).read_bytes())
    digest.update(inspect.getsource(normalise).encode())
    digest.update(repr((C, MIN_DF, PRIOR, EQUAL_AUTHORS, STACKED, DEMOTE)).encode())
    if LEARNER != "lr":
        digest.update(repr((LEARNER, SVM_C, SVM_SCALE, SVM_PRIOR)).encode())
    return digest.hexdigest()


def save_folds(path: Path, found: Sequence[Author], folds: Sequence[Fold]) -> None:
    """Keep the folds' scores (not their weights) for ``--folds`` (another bench run, or
    other thresholds, without refitting)."""
    thin = [replace(f, model=replace(f.model, names=(), columns=())) for f in folds]
    with path.open("wb") as out:
        pickle.dump({"fingerprint": fingerprint(found), "folds": thin}, out)


class _Unpickler(pickle.Unpickler):
    """Reads folds kept by this file whether it ran as a script or was imported."""

    def find_class(self, module: str, name: str) -> Any:
        if module in ("__main__", "bench.safeguarding_model"):
            return getattr(sys.modules[Fold.__module__], name)
        return super().find_class(module, name)


def load_folds(path: Path, found: Sequence[Author]) -> tuple[Fold, ...]:
    """Folds kept by :func:`save_folds`; a clear error when the data or code has changed."""
    with path.open("rb") as f:
        kept = _Unpickler(f).load()
    if kept["fingerprint"] != fingerprint(found):
        raise SystemExit(f"{path}: kept folds are stale (data, features or settings changed)")
    return tuple(kept["folds"])


@dataclass(frozen=True)
class Choice:
    """Thresholds chosen on the folds: tier 1 and 2, the veto on rules' tier-1 answers, and
    (with :data:`PER_KIND`) each kind's own tier 1."""

    tier1: float
    tier2: float
    veto: float
    kinds: Cuts = field(default_factory=dict)


def _worst(folds: Sequence[Fold], t1: float, t2: float, veto: float, both: bool) -> float:
    """The worst false-positive rate (tier 1, or with ``both`` tier 1 or 2) over the
    held-out authors and the everyday answers; for tier 1 the everyday answers have their
    own cap, :data:`MAX_FP_EVERYDAY` (1.0 when it is broken)."""
    daily = everyday()
    worst = 0.0
    for f in folds:
        held = rates(f.author.rows, _tiers(f.author.rows, f.scores, t1, t2, veto))
        day = rates(daily, _tiers(daily, f.everyday, t1, t2, veto))
        if both:
            worst = max(worst, held.fp12, day.fp12)
        elif day.fp > MAX_FP_EVERYDAY:
            return 1.0
        else:
            worst = max(worst, held.fp)
    return worst


def _tier1(folds: Sequence[Fold], veto: float | None) -> float:
    """The lowest tier-1 threshold within the caps (veto None: the veto is the threshold)."""
    for t in GRID:
        if _worst(folds, t, 1.0, t if veto is None else min(veto, t), False) <= MAX_FP_TIER1:
            return t
    return 1.0  # never


def choose(folds: Sequence[Fold]) -> Choice:
    """The thresholds, chosen on every fold together (see the module doc). The veto is
    the one of :data:`VETOES` whose tier-1 recall is best for the worst author, then
    best at the median."""
    best: tuple[tuple[float, float], float, float] | None = None
    for veto in VETOES:
        t1 = _tier1(folds, veto)
        v = t1 if veto is None else min(veto, t1)
        got = [rates(f.author.rows, f.tiers(t1, 1.0, v)).recall for f in folds]
        key = (round(min(got), 4), round(statistics.median(got), 4))
        if best is None or key > best[0]:
            best = (key, t1, v)
    assert best is not None
    _, tier1, veto = best
    if PER_KIND:  # each kind its own tier 1 (bench/safeguarding_thresholds.py)
        from bench.safeguarding_thresholds import choose_kinds, choose_tier2, tables

        tabs = tables(folds)
        cuts = choose_kinds(tabs)
        kinds = {k: GRID[g] for k, g in zip(KINDS, cuts, strict=True)}
        return Choice(tier1, choose_tier2(tabs, cuts), veto, kinds)
    tier2 = next(
        (t for t in GRID if t >= tier1 or _worst(folds, tier1, t, veto, True) <= MAX_FP_TIER2),
        tier1,
    )
    return Choice(tier1, tier2, veto)


def summary(folds: Sequence[Fold], choice: Choice) -> dict[str, dict[str, float]]:
    """Each held-out author's :class:`Rates` at the chosen thresholds, as plain numbers."""
    out = {}
    for f in folds:
        got = rates(f.author.rows, f.tiers(choice.tier1, choice.tier2, choice.veto, choice.kinds))
        out[f.author.name] = {k: round(v, 4) for k, v in vars(got).items()}
    return out


def spread(values: Sequence[float]) -> str:
    return f"median {statistics.median(values):.1%}, min {min(values):.1%}"


def print_folds(folds: Sequence[Fold], choice: Choice) -> None:
    """One line per held-out author, then the median and minimum over authors."""
    table = summary(folds, choice)
    print(f"leave-one-author-out (rules + a model trained on the other authors), tier 1 at"
          f" {choice.tier1:.2f}, tier 2 at {choice.tier2:.2f}, veto {choice.veto:.2f}:"
          )  # fmt: skip
    print(f"  {'held-out author':<16} {'rows':>5} {'t1 recall':>10} {'t1 FP':>7}"
          f" {'t1|2 recall':>12} {'may-disc 1|2':>13} {'negs 1|2':>9}")  # fmt: skip
    for f in folds:
        r = table[f.author.name]
        mark = " (rules tuned here)" if f.author.tuned else ""
        print(f"  {f.author.name:<16} {len(f.author.rows):>5} {r['recall']:>10.1%} {r['fp']:>7.1%}"
              f" {r['recall12']:>12.1%} {r['maybe12']:>13.1%} {r['fp12']:>9.1%}{mark}")  # fmt: skip
    if choice.kinds:
        print("  each kind's own tier 1: "
              + ", ".join(f"{k} {t:.2f}" for k, t in choice.kinds.items()))  # fmt: skip
    blind = [f for f in folds if not f.author.tuned]
    for name, chosen in (("all authors", folds), ("blind authors", blind)):
        if chosen:
            got = [table[f.author.name] for f in chosen]
            print(f"  {name} ({len(chosen)}): tier-1 recall {spread([r['recall'] for r in got])};"
                  f" tier-1 FP max {max(r['fp'] for r in got):.1%};"
                  f" tier 1 or 2 recall {spread([r['recall12'] for r in got])};"
                  f" may-disclose caught {spread([r['maybe12'] for r in got])}")  # fmt: skip


def print_nested(folds: Sequence[Fold]) -> dict[str, dict[str, float]]:
    """Each held-out author at thresholds chosen on the OTHER folds only (the honest figure:
    above, the thresholds' false-positive cap also saw the held-out author's negatives)."""
    from bench.safeguarding_thresholds import nested, show, summary_line, tables

    tabs = tables(folds)
    got = nested(tabs, PER_KIND)
    print(f"nested: each author at thresholds chosen on the other {len(folds) - 1} folds only"
          f" ({'each kind its own tier 1' if PER_KIND else 'one tier 1'}):")  # fmt: skip
    for name, (r, t, t2) in got.items():
        print(f"  {name:<16} {r['recall']:>10.1%} {r['fp']:>7.1%} {r['recall12']:>12.1%}"
              f" {r['maybe12']:>13.1%} {r['fp12']:>9.1%}   [{show(t)} t2={t2:.2f}]")  # fmt: skip
    figures = {n: r for n, (r, _, _) in got.items()}
    tuned = {x.name for x in tabs if x.tuned}
    print("  " + summary_line(f"nested, blind authors ({len(folds) - len(tuned)})", figures, tuned))
    return {n: {k: round(v, 4) for k, v in r.items()} for n, r in figures.items()}


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {OUT.name}")
    parser.add_argument("--jobs", type=int, default=1, help="train the folds in N processes")
    parser.add_argument("--save-folds", type=Path, help="keep the folds' scores here")
    parser.add_argument("--folds", type=Path, help="read kept folds instead of refitting")
    args = parser.parse_args(argv)
    found = authors()
    folds = load_folds(args.folds, found) if args.folds else loao(found, args.jobs)
    if args.save_folds:
        save_folds(args.save_folds, found, folds)
    choice = choose(folds)
    print_folds(folds, choice)
    honest = print_nested(folds)
    if args.write:
        notes: dict[str, object] = {
            "C": C, "min_df": MIN_DF, "prior": PRIOR, "equal_authors": EQUAL_AUTHORS,
            "learner": LEARNER, "svm": [SVM_C, SVM_SCALE, SVM_PRIOR] if LEARNER == "svm" else None,
            "authors": {a.name: len(a.rows) for a in found},
            "loao": summary(folds, choice),
            "loao_nested": honest,
            "per_kind": PER_KIND,
        }  # fmt: skip
        final = train(found, choice.tier1, choice.tier2)
        final = replace(final, veto=choice.veto, tier1_kinds=choice.kinds, notes=notes)
        blob = json.dumps(final.to_json(), separators=(",", ":"), sort_keys=True).encode()
        OUT.write_bytes(gzip.compress(blob, mtime=0))
        print(f"wrote {OUT.relative_to(ROOT)}: {len(final.names)} features,"
              f" {OUT.stat().st_size // 1024} KiB")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
