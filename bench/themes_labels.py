"""Can people read the themes? Label quality, stability across seeds, non-answer themes.

Two measures, each printed as a table:

``stc PATH...``: on labelled short-text sets (``label<TAB>text`` lines, e.g.
``../shared/data/stc/*/*_text``; read in place, never copied), the themes of
:func:`civicbot_analysis.themes.find_themes` with k = the number of gold classes, on two disjoint
random samples of each set ("tune" and "held-out": only the tune sample was looked at
while the labels were being built). A theme's label *hits* when one of its words (rough
stems) is among the ten most distinctive words of the theme's majority class (c-TF-IDF
over the gold classes of the whole set; the sets give classes as numbers, so their top
words stand for their names). Printed: the share of themes whose label hits, per set and
sample, with the median and minimum.

``demo DB``: on the demo's database (``civicbot demo`` writes ``demo-out/demo.db``), the
round's themes for seeds 0-4: the adjusted Rand index of the round-level theme assignment
(each answer's theme) for every pair of seeds, median and minimum; the overlap of the
top-three round-level labels (shared labels / 3), median and minimum; and the share of
all themes (per question and round-level) whose answers are mostly non-answers (by
:func:`civicbot_analysis.themes.nonanswer.is_non_answer`).

    nice -n 10 .venv/bin/python bench/themes_labels.py stc ../shared/data/stc/*/*_text
    nice -n 10 .venv/bin/python bench/themes_labels.py demo demo-out/demo.db
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import re
import statistics
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData
from civicbot_analysis.scrub import scrub
from civicbot_analysis.themes import find_themes
from civicbot_analysis.themes.label import ClassTfidf, stem
from civicbot_analysis.themes.nonanswer import is_non_answer

SAMPLE = 1500
SEEDS = range(5)


def load(path: Path) -> tuple[list[str], list[str]]:
    gold: list[str] = []
    texts: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            label, _, text = line.strip().partition("\t")
            if text.strip():
                gold.append(label)
                texts.append(text.strip())
    return gold, texts


def class_words(gold: list[str], texts: list[str], n: int = 10) -> dict[str, set[str]]:
    classes = sorted(set(gold))
    index = {c: i for i, c in enumerate(classes)}
    tfidf = ClassTfidf().fit(texts)
    labels = np.array([index[g] for g in gold])
    top = tfidf.top_terms(labels, n_terms=n)
    return {c: {stem(w) for t in top[index[c]] for w in t.split()} for c in classes}


def as_round(texts: list[str]) -> RoundData:
    q = Question("q", "free_text", "What is it about?")
    residents = tuple(Resident(f"r{i}") for i in range(len(texts)))
    answers = tuple(Answer(f"r{i}", "q", t) for i, t in enumerate(texts))
    return RoundData("bench", "bench", (q,), residents, answers)


def label_stems(label: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z0-9']+", label.lower())}


def stc(paths: list[Path], only: str | None = None, verbose: bool = False) -> None:
    rows: list[tuple[str, str, int, float]] = []
    for path in paths:
        gold, texts = load(path)
        words = class_words(gold, texts)
        k = len(words)
        order = np.random.default_rng(0).permutation(len(texts))
        for name, part in (("tune", order[:SAMPLE]), ("held-out", order[SAMPLE : 2 * SAMPLE])):
            if only and name != only:
                continue
            sample = [texts[i] for i in part]
            sample_gold = [gold[i] for i in part]
            result = find_themes(as_round(sample), scrub=scrub, k=k, seed=0)
            hits = 0
            themes = result.per_question[0].themes
            for t in themes:
                majority = statistics.mode(sample_gold[r] for r in t.rows)
                hit = bool(label_stems(t.label) & words[majority])
                hits += hit
                if not hit and verbose:
                    print(
                        f"    miss: {t.label!r} terms {t.terms[:3]} "
                        f"class {sorted(words[majority])}",
                        file=sys.stderr,
                    )
            share = hits / len(themes) if themes else 0.0
            rows.append((path.parent.name or path.name, name, len(themes), share))
            print(
                f"  {rows[-1][0]:16} {name:9} e.g. {[t.label for t in themes[:4]]}", file=sys.stderr
            )
    print(f"{'set':16} {'sample':9} {'themes':>6} {'label hits':>10}")
    for set_name, part, n, share in rows:
        print(f"{set_name:16} {part:9} {n:6d} {share:10.1%}")
    for part in ("tune", "held-out"):
        shares = [r[3] for r in rows if r[1] == part]
        if not shares:
            continue
        print(f"{part}: median {statistics.median(shares):.1%}, min {min(shares):.1%}")


def read_demo(db: Path) -> RoundData:
    from civicbot.store.dbfile import opened, read_round_data

    async def fetch() -> RoundData:
        async with opened(db, secret=None) as store:
            return await read_round_data(store, db, 1)

    return asyncio.run(fetch())


def demo(db: Path) -> None:
    data = read_demo(db)
    assignments: list[np.ndarray] = []
    tops: list[list[str]] = []
    non_answer_shares: list[float] = []
    for seed in SEEDS:
        result = find_themes(data, scrub=scrub, seed=seed)
        assert result.across is not None
        # Each answer's round-level theme; answers in no round-level theme (the round level
        # shows only the largest themes) count in their question's theme, which is what
        # the round level is built from.
        assign = np.full(len(data.answers), -1)
        pool = [*result.across.themes, *(t for s in result.per_question for t in s.themes)]
        for n, t in enumerate(pool):
            assign[[r for r in t.rows if assign[r] < 0]] = n
        themed = assign >= 0
        assignments.append(assign)
        ranked = sorted(result.across.themes, key=lambda t: (-t.residents, t.label))
        tops.append([t.label for t in ranked[:3]])
        themes = result.all_themes()
        shrugs = sum(
            1
            for t in themes
            if sum(is_non_answer(data.answers[r].value) for r in t.rows) * 2 > len(t.rows)
        )
        non_answer_shares.append(shrugs / len(themes) if themes else 0.0)
        print(
            f"  seed {seed}: top three {tops[-1]} ({int(themed.sum())} answers themed)",
            file=sys.stderr,
        )
    aris: list[float] = []
    overlaps: list[float] = []
    for a, b in itertools.combinations(range(len(assignments)), 2):
        both = (assignments[a] >= 0) | (assignments[b] >= 0)
        aris.append(adjusted_rand_score(assignments[a][both], assignments[b][both]))
        print(f"  seeds {a},{b}: ARI {aris[-1]:.4f}", file=sys.stderr)
        overlaps.append(len(set(tops[a]) & set(tops[b])) / 3)
    print(f"seeds {list(SEEDS)}, {len(aris)} pairs")
    print(f"ARI of round-level themes: median {statistics.median(aris):.3f}, min {min(aris):.3f}")
    print(
        f"top-three label overlap: median {statistics.median(overlaps):.2f}, "
        f"min {min(overlaps):.2f}"
    )
    print(
        f"share of themes that are non-answers: median "
        f"{statistics.median(non_answer_shares):.1%}, max {max(non_answer_shares):.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p_stc = sub.add_parser("stc", help="label hits on labelled short-text sets")
    p_stc.add_argument("paths", nargs="+", type=Path)
    p_stc.add_argument("--only", choices=("tune", "held-out"), help="one sample only")
    p_stc.add_argument("--misses", action="store_true", help="print the labels that miss")
    p_demo = sub.add_parser("demo", help="stability and non-answers on the demo database")
    p_demo.add_argument("db", type=Path)
    args = parser.parse_args()
    if args.what == "stc":
        stc(args.paths, args.only, args.misses)
    else:
        demo(args.db)


if __name__ == "__main__":
    main()
