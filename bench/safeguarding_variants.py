"""Variants of the safeguarding model, each measured by leave-one-author-out (LOAO) on
every author, at thresholds chosen on the folds exactly as the shipped model's are
(:func:`bench.safeguarding_model.choose`).

    python bench/safeguarding_variants.py                 # every variant
    python bench/safeguarding_variants.py --only base,negmark --jobs 2 --cache /tmp/sgcache \
        --rules shipped,negwin3 --combos "lr;lr+sentmax"

``--cache DIR`` keeps each variant's fold outputs (and reuses them: a rerun with other
``--rules`` or ``--combos`` refits nothing).
A fast loop for trying changes: each variant's features are computed once for every
message (all authors and the everyday answers) into one sparse matrix, and each fold
fits on its rows of it (features seen in >= ``MIN_DF`` of the fold's training rows, as
:func:`bench.safeguarding_model.train` keeps them), so a variant costs one fit per
author. ``base`` reproduces ``bench/safeguarding_model.py``'s folds (the same features,
weights and prior). Every variant is printed with its figures, kept or not: median and
minimum tier-1 recall over the blind authors, the worst tier-1 false-positive rate, tier
1 or 2, and the weakest categories pooled.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy
from scipy import sparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

import bench.safeguarding_model as sm
from civicbot.safeguarding import vocabulary
from civicbot.safeguarding.detect import normalise
from civicbot.safeguarding.model import _WORD, CLASSES, MIN_WORDS, Scores, features
from civicbot.safeguarding.rules import KINDS
from civicbot.safeguarding.spelling import respell
from tests.civicbot.safeguarding.labelled import Example

Feats = Callable[[str], dict[str, float]]


@dataclass(frozen=True)
class Variant:
    """A way to score messages: its features, its learner and how a message's parts
    are combined (``parts``: also score each sentence and take the highest)."""

    name: str
    feats: Feats
    learner: str = "lr"  # lr | lr+nb | lr+svm
    parts: str = ""  # "" | sentences | clauses
    c: float = sm.C
    prior: float = sm.PRIOR
    mix: float = 0.5  # weight of the second learner's probabilities
    balanced: bool = True  # class_weight="balanced"
    disclosure_weight: float = 1.0  # times each disclosure row's weight
    svm_scale: float = 4.0  # learner "svm": logits = scale * margin (then the prior, softmax)


def _base(text: str) -> dict[str, float]:
    return features(text)


_NEG = frozenset({"not", "never", "no", "nobody", "noone", "nothing", "nor", "hardly", "no-one"})
_STOP = frozenset({"but", "and", "so", "because", "though", "although", "however"})


def _negmark(text: str, window: int = 4) -> dict[str, float]:
    """The base features and, as one more L2-normalised group, each word within
    ``window`` words after a negator (in its clause) marked as negated."""
    out = features(text)
    words = _WORD.findall(text)
    marked: set[str] = set()
    left = 0
    for w in words:
        if w in _STOP:
            left = 0
        elif w in _NEG or w.endswith("n't"):
            left = window
        elif left:
            marked.add(f"n:{w}")
            left -= 1
    if marked:
        out.update(dict.fromkeys(marked, 1.0 / len(marked) ** 0.5))
    return out


def _grams(words: tuple[int, int], chars: tuple[int, int]) -> Feats:
    """Features like :func:`features` with other word and character n-gram ranges."""

    def feats(text: str) -> dict[str, float]:
        ws = _WORD.findall(text)
        groups = [
            {f"w{n}:{' '.join(ws[i : i + n])}" for n in range(words[0], words[1] + 1)
             for i in range(len(ws) - n + 1)},
            {f"c:{j[i : i + n]}" for j in [f" {' '.join(ws)} "]
             for n in range(chars[0], chars[1] + 1) for i in range(len(j) - n + 1)},
        ]  # fmt: skip
        out: dict[str, float] = {}
        for g in groups:
            if g:
                out.update(dict.fromkeys(g, 1.0 / len(g) ** 0.5))
        return out

    return feats


VARIANTS: dict[str, Variant] = {
    "base": Variant("base", _base),
    "negmark": Variant("negmark", _negmark),
    "c32": Variant("c32", _base, c=32.0),
    "c8": Variant("c8", _base, c=8.0),
    "c4": Variant("c4", _base, c=4.0),
    "unbalanced": Variant("unbalanced", _base, balanced=False),
    "disc1.5": Variant("disc1.5", _base, disclosure_weight=1.5),
    "svm": Variant("svm", _base, learner="svm", c=0.5, prior=0.0),
    "svm0.1": Variant("svm0.1", _base, learner="svm", c=0.1, prior=0.0),
    "svm2": Variant("svm2", _base, learner="svm", c=2.0, prior=0.0),
    "w13c35": Variant("w13c35", _grams((1, 3), (3, 5))),
    "w12c25": Variant("w12c25", _grams((1, 2), (2, 5))),
    "w12c36": Variant("w12c36", _grams((1, 2), (3, 6))),
}

# --- the data, once -------------------------------------------------------------------


def _clean(text: str) -> str:
    return respell(normalise(text))


def _parts(text: str, how: str) -> list[str]:
    """The sentences (or clauses) of a message with at least MIN_WORDS words each."""
    from civicbot.safeguarding.detect import _CLAUSE, _sentences

    pieces = _sentences(text)
    if how == "clauses":
        pieces = [c for s in pieces for c in _CLAUSE.split(s)]
    found = [p for p in pieces if len(_WORD.findall(p)) >= MIN_WORDS]
    return found if len(found) > 1 else []


@dataclass
class Data:
    found: tuple[sm.Author, ...]
    daily: tuple[Example, ...]
    texts: list[str]  # every author's rows, then the everyday answers (cleaned)
    owner: numpy.ndarray  # author index per row (-1: everyday)
    y: list[str]
    weight: numpy.ndarray


def data() -> Data:
    found = sm.authors()
    daily = sm.everyday()
    texts = [_clean(e.text) for a in found for e in a.rows] + [_clean(e.text) for e in daily]
    owner = numpy.array([i for i, a in enumerate(found) for _ in a.rows] + [-1] * len(daily))
    y = [sm.target(e) for a in found for e in a.rows]
    n = len(y)
    weight = numpy.array([n / len(found) / len(a.rows) for a in found for _ in a.rows])
    return Data(found, daily, texts, owner, y, weight)


_STATE: dict[str, object] = {}


def _matrix(feats: Feats, texts: Sequence[str]) -> sparse.csr_matrix:
    vec = DictVectorizer(sort=True)
    return vec.fit_transform([feats(t) for t in texts]).tocsr()


def _fit_fold(i: int) -> dict[str, numpy.ndarray]:
    """For every row not trained on (the held-out author's rows, then the everyday rows)
    and their sentences, by the learners trained without author ``i``: the logistic
    regression's class probabilities (``lr``, ``lr_parts``; in CLASSES order, the prior
    added) and complement naive Bayes' joint log-likelihoods (``nb``, ``nb_parts``)."""
    d: Data = _STATE["data"]  # type: ignore[assignment]
    v: Variant = _STATE["variant"]  # type: ignore[assignment]
    x: sparse.csr_matrix = _STATE["x"]  # type: ignore[assignment]
    xp: sparse.csr_matrix = _STATE["xp"]  # type: ignore[assignment]
    owner_p: numpy.ndarray = _STATE["owner_p"]  # type: ignore[assignment]
    n = len(d.y)
    train = numpy.flatnonzero(d.owner[:n] != i)
    xt = x[train]
    df = numpy.diff(sparse.csc_matrix(xt).indptr)
    keep = numpy.flatnonzero(df >= sm.MIN_DF)
    xt = xt[:, keep]
    y = [d.y[j] for j in train]
    w = d.weight[train] * numpy.where(numpy.isin(numpy.array(y), KINDS), v.disclosure_weight, 1.0)
    rest = numpy.concatenate([numpy.flatnonzero(d.owner == i), numpy.flatnonzero(d.owner == -1)])
    mine = numpy.flatnonzero((owner_p == i) | (owner_p == -1))
    xs = {"": x[rest][:, keep]}
    if not PLAIN:
        xs["_parts"] = xp[mine][:, keep]
    cw = "balanced" if v.balanced else None
    lr: LogisticRegression | LinearSVC
    if v.learner == "svm":  # one-vs-rest linear SVM; its margins read as logits
        lr = LinearSVC(C=v.c, class_weight=cw, max_iter=5000, random_state=0)
    else:
        lr = LogisticRegression(C=v.c, class_weight=cw, max_iter=3000)
    lr.fit(xt, y, sample_weight=w)
    scale = v.svm_scale if v.learner == "svm" else 1.0
    order = [list(lr.classes_).index(c) for c in CLASSES]
    nb = ComplementNB(alpha=0.3)
    if not PLAIN:
        nb.fit(xt, y, sample_weight=w)
        nb_order = [list(nb.classes_).index(c) for c in CLASSES]
    out: dict[str, numpy.ndarray] = {"mine": mine}
    for tail, m in xs.items():
        logits = scale * lr.decision_function(m)[:, order]
        logits[:, 0] += v.prior
        out[f"lr{tail}"] = _softmax(logits)
        if not PLAIN:
            out[f"nb{tail}"] = (m @ nb.feature_log_prob_.T)[:, nb_order]
    return out


def _softmax(z: numpy.ndarray) -> numpy.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = numpy.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _scores(p: numpy.ndarray, text: str) -> Scores:
    if len(_WORD.findall(text)) < MIN_WORDS:
        return Scores(0.0, 0.0, KINDS[0], scored=False)
    kinds = p[2:]
    return Scores(float(kinds.sum()), float(1 - p[0]), KINDS[int(kinds.argmax())])


def fit(
    d: Data, v: Variant, jobs: int
) -> tuple[list[tuple[int, str]], list[dict[str, numpy.ndarray]]]:
    """Every fold's outputs (:func:`_fit_fold`) for variant ``v``'s features, and the
    sentences of every row (row, text) they were also given for."""
    parts = [] if PLAIN else [(r, p) for r, t in enumerate(d.texts) for p in _parts(t, "sentences")]
    vec = DictVectorizer(sort=True)
    both = vec.fit_transform([v.feats(t) for t in d.texts] + [v.feats(p) for _, p in parts])
    n = len(d.y)
    owner = d.owner
    _STATE.update(
        data=d,
        variant=v,
        x=both[: len(d.texts)].tocsr(),
        xp=both[len(d.texts) :].tocsr(),
        owner_p=numpy.array([owner[r] for r, _ in parts]),
    )
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            got = list(pool.map(_fit_fold, range(len(d.found))))
    else:
        got = [_fit_fold(i) for i in range(len(d.found))]
    del n
    return parts, got


# The rules' settings a fit is also scored under (no refit: only the rules change):
# name -> (vocabulary.DISTANCED, detect._NEGATION_WINDOW, bench DEMOTE); None: as shipped.
_NARROW = rf"\b(?:{vocabulary.DISTANCED_BEFORE_5_DEC})\b"  # DISTANCED before 5 Dec 2026
RULES: dict[str, tuple[str | None, int | None, float | None]] = {
    "shipped": (None, None, None),
    "narrow-distanced,negwin3": (_NARROW, 3, None),
    "narrow-distanced,negwin5": (_NARROW, 5, None),
    "negwin3": (None, 3, None),
    "demote0.2": (None, None, 0.2),
}


def set_rules(name: str) -> None:
    """Score with the rules' settings ``name`` (:data:`RULES`)."""
    detect = sys.modules["civicbot.safeguarding.detect"]  # the module (not the function)
    saved = _STATE.setdefault("shipped", (detect.DISTANCED, detect._NEGATION_WINDOW, sm.DEMOTE))
    distanced, window, demote = (
        new if new is not None else old
        for new, old in zip(RULES[name], saved, strict=True)  # type: ignore[arg-type]
    )
    detect.DISTANCED = vocabulary.DISTANCED = distanced
    detect._NEGATION_WINDOW, sm.DEMOTE = window, demote
    sm.rules.cache_clear()


Combine = Callable[[dict[str, numpy.ndarray], str], numpy.ndarray]


def _nb_probs(jll: numpy.ndarray, k: float, prior: float) -> numpy.ndarray:
    z = k * (jll - jll.mean(axis=1, keepdims=True))
    z[:, 0] += prior
    return _softmax(z)


def combos(prior: float) -> dict[str, tuple[Combine, bool]]:
    """Ways to turn a fold's outputs into class probabilities: name -> (how, and
    whether each sentence is scored too and the highest disclosure kept)."""
    out: dict[str, tuple[Combine, bool]] = {}
    for sent in (False, True):
        tag = "+sentmax" if sent else ""
        out[f"lr{tag}"] = (lambda g, t: g[f"lr{t}"], sent)
        for k in (10.0, 30.0):
            for mix in (0.3, 0.5):
                out[f"lr+nb(k{k:.0f},{mix}){tag}"] = (
                    lambda g, t, k=k, mix=mix: (
                        (1 - mix) * g[f"lr{t}"] + mix * _nb_probs(g[f"nb{t}"], k, prior)
                    ),
                    sent,
                )
    return out


def folds(
    d: Data, parts: list[tuple[int, str]], got: list[dict[str, numpy.ndarray]],
    how: Combine, sent: bool,
) -> list[sm.Fold]:  # fmt: skip
    n = len(d.y)
    out = []
    for i, (a, g) in enumerate(zip(d.found, got, strict=True)):
        held = numpy.flatnonzero(d.owner == i)
        rows = list(held) + list(range(n, len(d.texts)))
        p = how(g, "")
        best = {r: p[k] for k, r in enumerate(rows)}
        if sent:
            pp = how(g, "_parts")
            for k, j in enumerate(g["mine"]):
                r = parts[j][0]
                if pp[k][2:].sum() > best[r][2:].sum():
                    best[r] = pp[k]
        sc = [_scores(best[r], d.texts[r]) for r in rows]
        out.append(sm.Fold(a, None, tuple(sc[: len(held)]), tuple(sc[len(held) :])))  # type: ignore[arg-type]
    return out


CATEGORIES_SHOWN = 6
PLAIN = False  # --plain: the learner alone (no sentence scores, no naive Bayes): combo "lr" only
CACHE: Path | None = None


def report(name: str, fs: Sequence[sm.Fold], seconds: float) -> str:
    choice = sm.choose(fs)
    table = sm.summary(fs, choice)
    blind = [table[f.author.name] for f in fs if not f.author.tuned]
    rec = [r["recall"] for r in blind]
    worst = min((r["recall"], n) for n, r in table.items() if n != "author1")
    cats: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for f in fs:
        if f.author.tuned:
            continue
        for e, t in zip(
            f.author.rows, f.tiers(choice.tier1, choice.tier2, choice.veto), strict=True
        ):
            if e.label == "disclosure":
                cats[e.category] += 1
                hits[e.category] += t == 1
    low = sorted((hits[c] / cats[c], c) for c in cats)[:CATEGORIES_SHOWN]
    lines = [
        f"{name}: t1 {choice.tier1:.2f} t2 {choice.tier2:.2f} | blind tier-1 recall median"
        f" {statistics.median(rec):.1%} min {min(rec):.1%} ({worst[1]}) | FP max"
        f" {max(r['fp'] for r in blind):.1%} | t1|2 median"
        f" {statistics.median(r['recall12'] for r in blind):.1%} min"
        f" {min(r['recall12'] for r in blind):.1%} | {seconds:.0f}s",
        "   per author: "
        + " ".join(f"{n} {r['recall']:.1%}/{r['fp']:.1%}" for n, r in table.items()),
        "   lowest categories: " + ", ".join(f"{c} {r:.1%}" for r, c in low),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated variant names")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--combos", help="combinations, separated by ';' (default: all)")
    parser.add_argument("--rules", default="shipped", help=f"rules' settings: {', '.join(RULES)}")
    parser.add_argument("--cache", type=Path, help="keep each variant's fold probabilities here")
    parser.add_argument("--plain", action="store_true", help="fit only what combo 'lr' needs")
    args = parser.parse_args(argv)
    global CACHE, PLAIN
    PLAIN = args.plain
    CACHE = args.cache
    names = args.only.split(",") if args.only else list(VARIANTS)
    d = data()
    print(f"authors: {len(d.found)} ({', '.join(a.name for a in d.found)}); rows {len(d.y)};"
          f" everyday {len(d.daily)}", flush=True)  # fmt: skip
    for name in names:
        started = time.time()
        v = VARIANTS[name]
        kept = CACHE / f"{name}_{len(d.found)}.pkl" if CACHE else None
        if kept and kept.exists():  # fitted before: look at other combinations and rules
            with kept.open("rb") as f:
                blob = pickle.load(f)
            parts, got = blob["parts"], blob["got"]
        else:
            parts, got = fit(d, v, args.jobs)
        seconds = time.time() - started
        if kept and not kept.exists():
            kept.parent.mkdir(exist_ok=True)
            with kept.open("wb") as f:
                pickle.dump({"parts": parts, "got": got}, f)
        for setting in args.rules.split(","):
            set_rules(setting)
            for label, (how, sent) in combos(v.prior).items():
                if args.combos and label not in args.combos.split(";"):
                    continue
                fs = folds(d, parts, got, how, sent)
                print(report(f"{name} {label} [{setting}]", fs, seconds), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
