"""Topics of statements: the statements are read as free-text answers to one question and
run through :func:`civicbot_analysis.themes.find_themes`, so they are scrubbed, vectorised,
clustered, labelled and described exactly as residents' answers are.

Statements voters were not shown (rejected by a moderator, or awaiting moderation where
others were moderated) and statements about the voter
(Pol.is "meta" statements, passed as ``exclude``) take no part. A topic of
:data:`SUBTOPIC_MIN` statements or more is run through the same pipeline again on its own
statements; when they fall into two or more clear groups these are its subtopics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

import numpy as np
from sklearn.metrics import adjusted_rand_score

from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData, Statement
from civicbot_analysis.themes import ThemeSet, find_themes
from civicbot_analysis.themes.label import label_from_terms
from civicbot_analysis.topics.casing import cased, surface_forms
from civicbot_analysis.topics.model import Topic, TopicResult

SCOPE = "statements"
SUBTOPIC_MIN = 20  # a topic with at least this many statements may have subtopics
SUBTOPIC_SIZE = 3  # every subtopic has at least this many statements, or there are none
# LSA dimensions: one per this many statements (2 to 50). A Pol.is conversation has tens to
# hundreds of statements, where 50 dimensions keep nearly every word and the topics blur
# (bench/topics_quality.py measures the rule; 0 keeps the themes' fixed 50).
STATEMENTS_PER_DIM = 6
MAX_DIMS = 50
# Partitions of a few dozen short statements move with the seed. The pipeline is run this
# many times (seeds ``seed * RUNS`` to ``seed * RUNS + RUNS - 1``, so two seeds share no
# run) and the run that agrees best with the others (highest mean adjusted Rand index) is
# kept: a consensus choice, measured in bench/topics_quality.py.
RUNS = 5


def lsa_dims(n: int, per: int = STATEMENTS_PER_DIM) -> int | None:
    """LSA dimensions for ``n`` statements (None: the themes' default)."""
    return None if per <= 0 else max(2, min(MAX_DIMS, n // per))


# Shown groups' shares within this of each other (every pair of intervals overlapping) are
# called alike in the report's topics × groups sentences (civicbot_analysis.report.topics_reading).
ALIKE = 0.1

METHOD = (
    "Topics: the statements residents voted on (leaving out those a moderator rejected and "
    "those about the voter) were masked for personal data and grouped into topics with the "
    "same steps as themes of free-text answers: word and character TF-IDF vectors reduced "
    "with latent semantic analysis, k-means with the number of topics chosen by silhouette "
    "(preferring fewer), each topic named by a short phrase its own statements use and "
    "described by one sentence from its most central statements. A topic of "
    f"{SUBTOPIC_MIN} statements or more was grouped again in the same way, and split into "
    "subtopics when its statements fell into clear groups. Topics × opinion groups: for "
    "each topic, the share of the votes a group's members cast on the topic's statements "
    "(agree, disagree or pass) that were agree votes, with a 95% Wilson interval on the "
    "number of votes divided by the design effect of votes clustered within residents; "
    "shown only when the group's voters on the topic, those who agreed and those who did "
    "not each number more than the small-number threshold, and worked out from counts "
    "protected by the cell-key method. The groups are said to divide on a topic only where "
    "two shown groups' intervals do not overlap, and on a statement Pol.is marks divisive "
    "only where two shown groups' shares (with Wilson intervals on their protected numbers "
    "of voters) do; they are said to vote alike only where every pair of shown intervals "
    f"overlaps and the shares are within {round(100 * ALIKE)} points. A group whose figure "
    "is hidden is named as hidden and nothing is said of it. Every statement text the "
    "report shows (topics, opinion groups, common ground, summary) is masked for personal "
    "data first."
)


def statement_round(
    data: RoundData, exclude: Collection[str] = ()
) -> tuple[RoundData, tuple[str, ...]]:
    """The round's statements as answers to one free-text question (one pseudo-resident
    per statement), and the ids of the statements kept, in the order of the answers.

    Kept are the statements voters were shown: those a moderator accepted, or, where
    nothing was moderated, all but the rejected (a Pol.is comment awaiting moderation,
    like a pending statement in our deliberation step, was never shown to others)."""
    moderated = any(s.moderated == 1 for s in data.statements)
    kept = [
        s
        for s in data.statements
        if (s.moderated == 1 or (s.moderated == 0 and not moderated))
        and s.id not in exclude
        and s.text.strip()
    ]
    return _as_round(data, kept), tuple(s.id for s in kept)


def _as_round(data: RoundData, kept: Sequence[Statement]) -> RoundData:
    question = Question(SCOPE, "free_text", data.title)
    answers = tuple(Answer(f"statement:{s.id}", SCOPE, s.text) for s in kept)
    return RoundData(
        round_id=data.round_id,
        title=data.title,
        questions=(question,),
        residents=tuple(Resident(a.resident) for a in answers),
        answers=answers,
        language=data.language,
    )


def find_topics(
    data: RoundData,
    *,
    scrub: Callable[[str], str],
    seed: int = 0,
    k: int | None = None,
    exclude: Collection[str] = (),
    subtopics: bool = True,
    per_dim: int = STATEMENTS_PER_DIM,
    runs: int = RUNS,
) -> TopicResult:
    """Topics (and subtopics) of the round's statements; ``exclude`` names statements that
    take no part (about the voter). ``k`` fixes the number of topics."""
    as_round, ids = statement_round(data, exclude)
    left_out = len(data.statements) - len(ids)
    if not ids:
        return TopicResult((), 0, left_out, "No statements to group into topics.", METHOD)
    dims = lsa_dims(len(ids), per_dim)
    found = _consensus(
        [
            find_themes(as_round, scrub=scrub, seed=seed * runs + r, k=k, dims=dims).per_question[0]
            for r in range(runs)
        ],
        len(ids),
    )
    topics = _topics(found, ids)
    if subtopics:
        by_id = {s.id: s for s in data.statements}
        topics = tuple(_with_subtopics(t, data, by_id, scrub, seed, per_dim) for t in topics)
    forms = surface_forms(scrub(a.value) for a in as_round.answers)  # the words as written
    topics = tuple(cased(t, forms) for t in topics)
    clustered = sum(len(t.statements) for t in topics)
    note = found.note if not topics or len(topics) == 1 else ""
    return TopicResult(topics, clustered, len(data.statements) - clustered, note, METHOD)


def _consensus(runs: Sequence[ThemeSet], n: int) -> ThemeSet:
    """The run whose partition agrees best with the other runs' (mean adjusted Rand index);
    the earliest on ties."""
    if len(runs) == 1:
        return runs[0]
    labels = []
    for run in runs:
        row = np.full(n, -1)
        for number, theme in enumerate(run.themes):
            row[list(theme.rows)] = number
        labels.append(row)
    scores = [
        float(np.mean([adjusted_rand_score(a, b) for j, b in enumerate(labels) if j != i]))
        for i, a in enumerate(labels)
    ]
    return runs[int(np.argmax(scores))]


def _topics(found: ThemeSet, ids: Sequence[str]) -> tuple[Topic, ...]:
    return tuple(
        Topic(
            id=theme.id,
            label=theme.label,
            description=_statements_about(theme.description),
            terms=theme.terms,
            statements=tuple(ids[row] for row in theme.rows),
        )
        for theme in found.themes
    )


def _with_subtopics(
    topic: Topic,
    data: RoundData,
    by_id: dict[str, Statement],
    scrub: Callable[[str], str],
    seed: int,
    per_dim: int,
) -> Topic:
    if len(topic.statements) < SUBTOPIC_MIN:
        return topic
    inner = _as_round(data, [by_id[sid] for sid in topic.statements])
    dims = lsa_dims(len(topic.statements), per_dim)
    found = find_themes(inner, scrub=scrub, seed=seed, dims=dims).per_question[0]
    if len(found.themes) < 2 or min(t.answers for t in found.themes) < SUBTOPIC_SIZE:
        return topic
    subs = tuple(
        Topic(f"{topic.id}-{s.id}", _own_label(s, topic), s.description, s.terms, s.statements)
        for s in _topics(found, topic.statements)
    )
    return Topic(topic.id, topic.label, topic.description, topic.terms, topic.statements, subs)


def _statements_about(description: str) -> str:
    # The themes pipeline describes answers; these are statements.
    return re.sub(r"^Answers about", "Statements about", description)


def _own_label(sub: Topic, parent: Topic) -> str:
    """A subtopic's label, never the same as its topic's: when the phrase is the topic's
    own, its most distinctive words that the topic's label does not use name it instead."""
    if sub.label.casefold() != parent.label.casefold():
        return sub.label
    used = set(re.findall(r"\w+", parent.label.casefold()))
    fresh = [t for t in sub.terms if not set(re.findall(r"\w+", t.casefold())) <= used]
    return label_from_terms(fresh, 2) if fresh else sub.label
