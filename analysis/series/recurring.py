"""Themes that recur across the rounds of a series, matched by what their answers say.

Each round's themes are found as its own report finds them (per question, so a theme
never mixes unrelated questions). A theme is represented by the centroid of the TF-IDF
vectors of its (scrubbed) answers, with one vocabulary fitted on every answer of every
round, so the vectors of different rounds are comparable. Two themes of different
rounds are the same theme when each is the other's closest theme in that round and the
cosine similarity of their centroids is at least :data:`THRESHOLD`; linked themes are
joined across rounds (connected components). Labels play no part in the matching, so a
theme renamed in one round, or labelled differently by the clustering, still matches.

:data:`THRESHOLD` (0.35) guards against matching a theme with its closest but unrelated
counterpart when its subject is missing from the other round (the library theme of the
test series). Mutual closest matching does most of the work: on the demo series
(``bench/series_matching.py``, 150 residents a round, seeds 1-3; the threshold was set
before this was measured, not tuned on it) every link joins themes of the same question
(100% on each seed, at every threshold from 0.2 to 0.5) and every free-text question has
a theme found again, while the closest themes of different questions reach 0.47-0.51,
above the threshold, so a threshold alone would not do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer

from civicbot_analysis.series import protect
from civicbot_analysis.series.model import RecurringTheme
from civicbot_analysis.suppress import Cell, Suppressor
from civicbot_analysis.themes import Theme, ThemeResult

THRESHOLD = 0.35
TOP_TERMS = 5


def _texts(theme: Theme, answers: Sequence[str]) -> list[str]:
    return [answers[i] for i in theme.rows if 0 <= i < len(answers)]


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@dataclass
class _Matched:
    themes: list[tuple[int, Theme, list[str]]]
    centroids: npt.NDArray[np.float64]
    terms: npt.NDArray[np.str_]
    links: list[tuple[int, int, float]]


def _match(
    results: Sequence[ThemeResult],
    answers: Sequence[Sequence[str]],
    sups: Sequence[Suppressor],
    scrub: Callable[[str], str],
    threshold: float,
) -> _Matched | None:
    themes: list[tuple[int, Theme, list[str]]] = []
    for r, (result, values, s) in enumerate(zip(results, answers, sups, strict=True)):
        for ts in result.per_question:
            for t in ts.themes:
                if protect.count_of(s, t.resident_ids, f"theme {t.id}").suppressed:
                    continue
                texts = [scrub(x) for x in _texts(t, values)]
                if texts:
                    themes.append((r, t, texts))
    if len({r for r, _, _ in themes}) < 2:
        return None
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
    try:
        matrix = vectoriser.fit_transform([x for _, _, texts in themes for x in texts])
    except ValueError:  # no words left after stop words
        return None
    centroids = np.zeros((len(themes), matrix.shape[1]))
    start = 0
    for i, (_, _, texts) in enumerate(themes):
        centroids[i] = np.asarray(matrix[start : start + len(texts)].mean(axis=0)).ravel()
        start += len(texts)
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    centroids = np.divide(centroids, norms, out=np.zeros_like(centroids), where=norms > 0)
    sim = centroids @ centroids.T
    rounds = np.array([r for r, _, _ in themes])
    links: list[tuple[int, int, float]] = []
    for i in range(len(themes)):
        mine = np.flatnonzero(rounds == rounds[i])
        for other in set(rounds.tolist()) - {int(rounds[i])}:
            cand = np.flatnonzero(rounds == other)
            j = int(cand[np.argmax(sim[i, cand])])
            back = int(mine[np.argmax(sim[j, mine])])
            if back == i and i < j and sim[i, j] >= threshold:
                links.append((i, j, float(sim[i, j])))
    terms = np.array(vectoriser.get_feature_names_out())
    return _Matched(themes, centroids, terms, links)


def recurring_links(
    results: Sequence[ThemeResult],
    answers: Sequence[Sequence[str]],
    sups: Sequence[Suppressor],
    scrub: Callable[[str], str],
    threshold: float = THRESHOLD,
) -> tuple[list[tuple[int, int, float]], list[str], float]:
    """For measuring (``bench/series_matching.py``): the links made, each theme's scope
    (question), and the highest similarity between themes of different rounds and
    different questions."""
    m = _match(results, answers, sups, scrub, threshold)
    if m is None:
        return [], [], float("nan")
    scopes = [t.scope for _, t, _ in m.themes]
    rounds = [r for r, _, _ in m.themes]
    sim = m.centroids @ m.centroids.T
    cross = max(
        (
            float(sim[i, j])
            for i in range(len(scopes))
            for j in range(len(scopes))
            if rounds[i] != rounds[j] and scopes[i] != scopes[j]
        ),
        default=float("nan"),
    )
    return m.links, scopes, cross


def recurring_themes(
    results: Sequence[ThemeResult],
    answers: Sequence[Sequence[str]],
    sups: Sequence[Suppressor],
    scrub: Callable[[str], str],
    threshold: float = THRESHOLD,
) -> tuple[RecurringTheme, ...]:
    """Themes found in two or more rounds. ``answers[r]`` are round r's answer values
    (``RoundData.answers`` in order, which a theme's ``rows`` index)."""
    matched = _match(results, answers, sups, scrub, threshold)
    if matched is None:
        return ()
    themes, centroids, terms = matched.themes, matched.centroids, matched.terms
    rounds = np.array([r for r, _, _ in themes])
    parent = list(range(len(themes)))
    weakest: dict[int, float] = {}
    for i, j, value in matched.links:
        a, b = _find(parent, i), _find(parent, j)
        parent[b] = a
        weakest[a] = min(weakest.get(a, 1.0), weakest.get(b, 1.0), value)
    groups: dict[int, list[int]] = {}
    for i in range(len(themes)):
        groups.setdefault(_find(parent, i), []).append(i)
    out: list[RecurringTheme] = []
    n_rounds = len(results)
    for root, members in groups.items():
        if len({int(rounds[m]) for m in members}) < 2:
            continue
        best: dict[int, int] = {}
        for m in members:
            r = int(rounds[m])
            if r not in best or themes[m][1].residents > themes[best[r]][1].residents:
                best[r] = m
        labels = tuple(themes[best[r]][1].label if r in best else "" for r in range(n_rounds))
        counts: list[Cell | None] = []
        for r in range(n_rounds):
            if r in best:
                t = themes[best[r]][1]
                counts.append(protect.count_of(sups[r], t.resident_ids, f"theme {t.id}"))
            else:
                counts.append(None)
        centre = centroids[members].mean(axis=0)
        top = tuple(str(x) for x in terms[np.argsort(-centre)[:TOP_TERMS]] if x)
        out.append(
            RecurringTheme(
                name=labels[max(best)],
                labels=labels,
                residents=tuple(counts),
                found_in=tuple(r in best for r in range(n_rounds)),
                similarity=round(weakest.get(root, 1.0), 3),
                terms=top,
            )
        )
    out.sort(key=lambda t: (-sum(t.found_in), -t.similarity))
    return tuple(out)
