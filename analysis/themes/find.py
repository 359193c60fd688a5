"""The theme pipeline over a round: vectorise once, cluster per question and across the round,
label, quote, read through the values lens, and re-apply facilitators' edits.

Vectorising once for all free-text answers (fitted on a sample) keeps a million answers to
one pass of each transform; every question is then clustered in the same space.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from civicbot_analysis.progress import SILENT, Progress
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.themes import values_lens
from civicbot_analysis.themes.cluster import cluster
from civicbot_analysis.themes.edits import Edit, Merge, Rename, theme_id
from civicbot_analysis.themes.label import ClassTfidf
from civicbot_analysis.themes.model import ROUND_SCOPE, Theme, ThemeResult, ThemeSet
from civicbot_analysis.themes.nonanswer import is_non_answer
from civicbot_analysis.themes.phrases import label_themes
from civicbot_analysis.themes.quotes import pick_quote_rows
from civicbot_analysis.themes.vectorise import Embedded, TextEmbedder
from civicbot_analysis.themes.words import language_of, nfc

MIN_ANSWERS = 5  # fewer than this: no themes
MIN_TO_SPLIT = 20  # fewer than this: one theme
ANSWERS_PER_THEME = 10  # at most one theme per this many answers
MAX_THEMES = 12
ACROSS_THEMES = 8  # round-level themes: the largest per-question themes, at most this many
CENTRAL = 10  # answers nearest a theme's centre, from which its description is built

METHOD = (
    "Free-text answers were turned into word (1-2 word) and character (3-5 letter) TF-IDF "
    "vectors, reduced with latent semantic analysis (TruncatedSVD) and grouped with k-means "
    "(k-means++, 10 restarts, fixed seed, then spherical k-means steps in that space and in "
    "the full TF-IDF space). The number of themes "
    "was chosen by silhouette, preferring fewer themes. Answers that say nothing (“dunno”, "
    "“n/a”, “nothing to add”) were set aside and counted as no substantive answer. Each "
    "theme is named by a short phrase its own answers use, chosen for how many of its "
    "answers use it and how much more often than other themes of the same question do; its "
    "most distinctive words (class-based TF-IDF) are listed too. Themes across the round are "
    "the largest themes of the single questions, so they never mix questions. Personal data "
    "were masked before any of this, and answers a facilitator rejected were left out. "
    "Quotes are answers near each theme's centre that may be quoted, chosen to differ from "
    "each other (maximal marginal relevance) and cut to the sentences that carry the theme."
)


EMBEDDINGS_METHOD = (
    " Sentence embeddings (all-MiniLM-L6-v2, installed with the package, run locally) were "
    "joined to the reduced vectors before grouping."
)


# The scrubber's placeholders ("[phone]", "[NHS number]"): left out of what is
# clustered and labelled, so that having given a phone number is not a theme.
_PLACEHOLDER = re.compile(r"\[(?:[A-Za-z]+ ?){1,3}\]")


class _Corpus:
    """All free-text answers of the round, scrubbed, then vectorised once.

    Scrubbing comes first: clustering, labels, distinctive words, the values lens and
    quotes all see the masked text only, so people's details never shape a theme.
    Answers a facilitator rejected take no part; answers not (yet) cleared for quoting
    count in themes but are never quoted.
    """

    def __init__(
        self,
        data: RoundData,
        seed: int,
        scrub: Callable[[str], str],
        sentences: Any | None = None,
        dims: int | None = None,
    ) -> None:
        kinds = {q.id: q.kind for q in data.questions}
        free = [
            i
            for i, a in enumerate(data.answers)
            if kinds.get(a.question) == "free_text" and a.value.strip() and not a.rejected
        ]
        scrubbed = {i: scrub(data.answers[i].value) for i in free}
        # Non-answers ("dunno", "n/a") are counted per question, never themed.
        self.shrugs: dict[str, list[str]] = {}
        self.answered: dict[str, set[str]] = {}
        for i in free:
            a = data.answers[i]
            self.answered.setdefault(a.question, set()).add(a.resident)
            if is_non_answer(scrubbed[i]):
                self.shrugs.setdefault(a.question, []).append(a.resident)
        self.rows = [i for i in free if not is_non_answer(scrubbed[i])]
        self.texts = [scrubbed[i] for i in self.rows]
        self.quotable = np.array([data.answers[i].quotable for i in self.rows], dtype=bool)
        words = [nfc(" ".join(_PLACEHOLDER.sub(" ", t).split())) for t in self.texts]
        # The stop words' language: the round's, or the one its answers are clearly in.
        self.language = language_of(words, data.language)
        self.residents = [data.answers[i].resident for i in self.rows]
        self.questions = np.array([data.answers[i].question for i in self.rows], dtype=object)
        self.embedded: Embedded | None = None
        self.labeller = ClassTfidf(random_state=seed, language=self.language)
        if len(self.texts) >= MIN_ANSWERS:
            try:
                extra = {} if dims is None else {"dims": dims}
                embedder = TextEmbedder(
                    random_state=seed, sentences=sentences, language=self.language, **extra
                )
                self.embedded = embedder.fit_transform(words)
            except ValueError:  # nothing but stop words and punctuation
                self.embedded = None
            if self.embedded is not None:
                self.labeller.fit(words)


def find_themes(
    data: RoundData,
    *,
    scrub: Callable[[str], str],
    seed: int = 0,
    k: int | None = None,
    edits: Sequence[Edit] = (),
    progress: Progress = SILENT,
    embeddings: bool = False,
    dims: int | None = None,
) -> ThemeResult:
    """Themes per free-text question and across the round.

    ``scrub`` masks personal data (``civicbot_analysis.scrub.scrub``) before anything else looks
    at the text: clustering, labels, the values lens and quotes see masked text only.
    ``k`` fixes the number of themes per set instead of choosing it from the data.
    ``embeddings`` joins sentence embeddings to the text vectors (the optional
    ``civicbot[embeddings]`` extra;
    :class:`civicbot_analysis.themes.embeddings.EmbeddingsUnavailable` when it is not installed).
    ``dims`` sets the number of LSA dimensions (default 50; statement topics use fewer on
    small sets, see :mod:`civicbot_analysis.topics.find`).
    """
    progress.step("vectorising free-text answers")
    sentences = None
    if embeddings:
        from civicbot_analysis.themes.embeddings import SentenceEmbedder

        sentences = SentenceEmbedder()
    corpus = _Corpus(data, seed, scrub, sentences, dims)
    free = [q for q in data.questions if q.kind == "free_text"]
    sets: list[ThemeSet] = []
    for q in free:
        progress.step(f"themes for {q.id}")
        idx = np.flatnonzero(corpus.questions == q.id)
        found = _theme_set(corpus, idx, q.id, q.text, q.tags, scrub, seed, k, edits)
        shrugs = corpus.shrugs.get(q.id, [])
        themed = {r for t in found.themes for r in t.resident_ids}
        answers = found.answers + len(shrugs)
        residents = len(corpus.answered.get(q.id, ()))
        # Shares are of everyone who answered the question, non-answers included.
        themes = tuple(
            replace(
                t,
                share_answers=t.answers / answers,
                share_residents=t.residents / residents,
            )
            for t in found.themes
        )
        sets.append(
            replace(
                found,
                answers=answers,
                residents=residents,
                themes=themes,
                non_answers=len(shrugs),
                non_answer_residents=len(set(shrugs) - themed),
                non_answer_resident_ids=frozenset(set(shrugs) - themed),
            )
        )
    across: ThemeSet | None = None
    if len(free) > 1:
        progress.step("themes across the round")
        across = _across(corpus, sets, data.title)
    known = {t.id for s in sets for t in s.themes}
    known |= {m for s in sets for t in s.themes for m in t.merged_from}
    named = [e.theme for e in edits if isinstance(e, Rename)]
    named += [t for e in edits if isinstance(e, Merge) for t in e.themes]
    unknown = tuple(dict.fromkeys(t for t in named if t not in known))
    method = METHOD + (EMBEDDINGS_METHOD if embeddings else "")
    return ThemeResult(tuple(sets), across, unknown, method)


def _across(corpus: _Corpus, sets: Sequence[ThemeSet], title: str) -> ThemeSet:
    """Round-level themes: the largest per-question themes, ranked together.

    Built from the per-question themes (never by clustering all answers at once), so a
    round-level theme never mixes answers to unrelated questions, and it is as stable
    across seeds as the per-question themes are. Each keeps its id, label and renames.
    """
    everyone = set().union(*corpus.answered.values()) if corpus.answered else set()
    pool = [t for s in sets for t in s.themes]
    pool.sort(key=lambda t: (-t.residents, t.label, t.id))
    themes = tuple(
        replace(
            t,
            scope=ROUND_SCOPE,
            share_residents=t.residents / len(everyone) if everyone else 0.0,
            share_answers=t.answers / max(sum(s.answers for s in sets), 1),
        )
        for t in pool[:ACROSS_THEMES]
    )
    shrugs = [r for s in sets for r in corpus.shrugs.get(s.scope, [])]
    themed = {r for s in sets for t in s.themes for r in t.resident_ids}
    note = ""
    if len(pool) > ACROSS_THEMES:
        note = (
            f"The {ACROSS_THEMES} themes that most residents raised, from {len(pool)} themes "
            "across the questions; each comes from one question, where it is described."
        )
    return ThemeSet(
        ROUND_SCOPE,
        title,
        sum(s.answers for s in sets),
        len(everyone),
        themes,
        note,
        non_answers=len(shrugs),
        non_answer_residents=len(set(shrugs) - themed),
        non_answer_resident_ids=frozenset(set(shrugs) - themed),
    )


def _theme_set(
    corpus: _Corpus,
    idx: np.ndarray,
    scope: str,
    title: str,
    tags: Sequence[str],
    scrub: Callable[[str], str],
    seed: int,
    k: int | None,
    edits: Sequence[Edit],
) -> ThemeSet:
    n = len(idx)
    residents = len({corpus.residents[i] for i in idx})
    if n < MIN_ANSWERS or corpus.embedded is None:
        note = f"Too few answers ({n}) to look for themes." if n else "No answers."
        return ThemeSet(scope, title, n, residents, (), note)
    x = corpus.embedded.dense[idx]
    sparse = corpus.embedded.sparse[idx]
    if k is not None:
        found = cluster(x, k=min(k, n), random_state=seed, sparse=sparse)
    elif n < MIN_TO_SPLIT:
        found = cluster(x, k=1, random_state=seed)
    else:
        k_max = min(MAX_THEMES, max(2, n // ANSWERS_PER_THEME))
        found = cluster(x, k_max=k_max, random_state=seed, sparse=sparse)
    labels = found.labels.copy()
    terms = corpus.labeller.top_terms(labels, idx)
    ids = {c: theme_id(scope, terms[c]) for c in terms}
    ids = _unique(ids)
    by_id = {v: c for c, v in ids.items()}
    names: dict[int, str] = {}
    merged: dict[int, list[str]] = {}
    for e in edits:
        if isinstance(e, Merge):
            present = [by_id[t] for t in e.themes if t in by_id and by_id[t] in ids]
            if len(present) < 2:
                continue
            into = present[0]
            for other in present[1:]:
                if other == into:
                    continue
                labels[labels == other] = into
                merged.setdefault(into, []).append(ids[other])
                merged[into].extend(merged.pop(other, []))
                ids.pop(other)
            if e.name:
                names[into] = e.name
        elif e.theme in by_id and by_id[e.theme] in ids:
            names[by_id[e.theme]] = e.name
    if merged:
        terms = corpus.labeller.top_terms(labels, idx)
    order = sorted(ids, key=lambda c: (-int(np.sum(labels == c)), c))
    members = {c: idx[labels == c] for c in order}
    centroids: dict[int, np.ndarray] = {}
    central: dict[int, list[str]] = {}
    for c in order:
        centroid = corpus.embedded.dense[members[c]].mean(axis=0)
        centroids[c] = centroid / max(float(np.linalg.norm(centroid)), 1e-12)
        near = np.argsort(-(corpus.embedded.dense[members[c]] @ centroids[c]), kind="stable")
        central[c] = [corpus.texts[members[c][int(i)]] for i in near[:CENTRAL]]
    named = label_themes(
        [[corpus.texts[i] for i in members[c]] for c in order],
        [terms[c] for c in order],
        [central[c] for c in order],
        corpus.language,
    )
    themes: list[Theme] = []
    for c, (auto, description) in zip(order, named, strict=True):
        rows = members[c]
        vectors = corpus.embedded.dense[rows]
        texts = [corpus.texts[i] for i in rows]
        quotable = corpus.quotable[rows]
        who = frozenset(corpus.residents[i] for i in rows)
        quotable_rows = rows[quotable]
        quoted = pick_quote_rows(
            [t for t, ok in zip(texts, quotable, strict=True) if ok],
            vectors[quotable],
            centroids[c],
            scrub,
            terms=terms[c],
        )
        themes.append(
            Theme(
                id=ids[c],
                scope=scope,
                label=names.get(c, auto),
                auto_label=auto,
                description=description,
                question=scope,
                terms=tuple(terms[c]),
                answers=len(rows),
                residents=len(who),
                share_answers=len(rows) / n,
                share_residents=len(who) / residents if residents else 0.0,
                quotes=tuple(q for _, q in quoted),
                quote_rows=tuple(corpus.rows[int(quotable_rows[i])] for i, _ in quoted),
                lens=tuple(values_lens.read(_sample(texts), tags)),
                merged_from=tuple(merged.get(c, [])),
                rows=tuple(corpus.rows[i] for i in rows),
                resident_ids=who,
            )
        )
    return ThemeSet(scope, title, n, residents, tuple(themes), _one_theme_note(themes, n, k))


def _one_theme_note(themes: Sequence[Theme], n: int, k: int | None) -> str:
    """A single theme holding every answer is not a finding: say why there is only one."""
    if len(themes) != 1 or themes[0].merged_from or k == 1:
        return ""
    why = f"fewer than {MIN_TO_SPLIT} answers" if n < MIN_TO_SPLIT else "answers too alike"
    return (
        f"Too little variety to find themes ({why}): all {n} answers are shown as one "
        "group, which is not a finding; read the quotes instead."
    )


def _sample(texts: list[str], size: int = 5000) -> list[str]:
    # The lens gives shares; an even spread of 5,000 answers estimates them well enough.
    return texts if len(texts) <= size else texts[:: len(texts) // size + 1]


def _unique(ids: dict[int, str]) -> dict[int, str]:
    """Two themes with the same terms signature get a numbered suffix, in label order."""
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    for c in sorted(ids):
        base = ids[c]
        seen[base] = seen.get(base, 0) + 1
        out[c] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return out
