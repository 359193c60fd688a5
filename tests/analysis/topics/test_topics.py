"""Statement topics on a round with planted topics and opinion groups: topics recovered,
moderated-out statements left out, text scrubbed, topics × groups figures right and hidden
when small, subtopics of a large topic."""

from __future__ import annotations

import dataclasses

from civicbot_analysis.disclosure_polis import VoteIndex
from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.report.topics_view import statement_topics, topic_share, topics_view
from civicbot_analysis.rounddata import Statement
from civicbot_analysis.scrub import scrub
from civicbot_analysis.suppress import Suppressor
from civicbot_analysis.topics import find_topics
from tests.analysis.topics.planted import (
    PENDING_TEXT,
    REJECTED_TEXT,
    planted_round,
    planted_topic,
)


def test_planted_topics_are_found_whole_and_pure() -> None:
    for seed in (0, 1, 2):
        found = find_topics(planted_round(), scrub=scrub, seed=seed)
        kinds = [{planted_topic(s) for s in t.statements} for t in found.topics]
        assert sorted(k for ks in kinds for k in ks) == ["bus", "library", "park"]
        assert all(len(ks) == 1 for ks in kinds)
        assert all(t.label and t.description.startswith("Statements about") for t in found.topics)


def test_moderated_out_and_unshown_statements_take_no_part() -> None:
    data = planted_round()
    found = find_topics(data, scrub=scrub)
    ids = {s for t in found.topics for s in t.statements}
    assert "spam" not in ids and "pending" not in ids
    assert found.left_out == 2
    # Where nothing was moderated, statements awaiting moderation were shown: they count.
    open_round = dataclasses.replace(
        data,
        statements=tuple(
            dataclasses.replace(s, moderated=0) if s.moderated == 1 else s for s in data.statements
        ),
    )
    ids = {s for t in find_topics(open_round, scrub=scrub).topics for s in t.statements}
    assert "pending" in ids and "spam" not in ids


def test_statements_about_the_voter_are_excluded() -> None:
    found = find_topics(planted_round(), scrub=scrub, exclude={"bus0", "bus1"})
    ids = {s for t in found.topics for s in t.statements}
    assert not ids & {"bus0", "bus1"}


def test_topics_by_group_show_where_groups_agree_and_divide() -> None:
    # Enough noise that in every group some residents vote each way on every topic.
    data = planted_round(noise=0.15)
    view = statement_topics(data, seed=0, k=10, opinions=opinion_groups(data, seed=0))
    assert view is not None and len(view.groups) == 2
    by_kind = {
        planted_topic(t.statements[0].id): {g.letter: g.share.value for g in t.groups}
        for t in view.topics
    }
    camp_a = "A" if by_kind["bus"]["A"] > 0.5 else "B"
    camp_b = "B" if camp_a == "A" else "A"
    assert by_kind["bus"][camp_a] > 0.8 and by_kind["bus"][camp_b] < 0.2
    assert by_kind["park"][camp_b] > 0.8 and by_kind["park"][camp_a] < 0.2
    assert min(by_kind["library"].values()) > 0.8
    readings = {planted_topic(t.statements[0].id): t.reading for t in view.topics}
    assert readings["bus"].startswith("The groups divide here")
    assert readings["library"].startswith("The groups voted alike here")
    assert "in every group most votes were agree votes" in readings["library"]
    for t in view.topics:
        for g in t.groups:
            low, high = g.interval.value  # type: ignore[misc]
            assert low <= g.share.value <= high  # type: ignore[operator]
    # Common ground statements are marked inside their topic, and listed first.
    library = next(t for t in view.topics if planted_topic(t.statements[0].id) == "library")
    assert library.statements[0].common == "agree"


def test_topic_statements_are_scrubbed() -> None:
    data = planted_round()
    view = statement_topics(data, seed=0, k=10, opinions=None)
    assert view is not None
    texts = [st.text for t in view.topics for st in t.statements]
    assert not any("07700 900123" in t for t in texts)
    assert any("park warden" in t for t in texts)
    assert REJECTED_TEXT not in texts and PENDING_TEXT not in texts


def test_small_group_shares_are_hidden() -> None:
    data = planted_round(n_a=40, n_b=8)
    s = Suppressor.for_round([r.id for r in data.residents], 10)
    index = VoteIndex(data)
    buses = [f"bus{j}" for j in range(10)]
    small = topic_share(s, index, buses, [f"b{i}" for i in range(8)], "t", "B")
    assert not small.share.shown and not small.interval.shown and not small.voters.shown
    big = topic_share(s, index, buses, [f"a{i}" for i in range(40)], "t", "A")
    assert big.share.shown and big.interval.shown
    # A share is hidden when too few residents stand on one side, however many votes:
    # 40 residents all agreeing but for 3 who did not once.
    agreeing = planted_round(n_a=40, n_b=0, noise=0.0)
    votes = [
        dataclasses.replace(v, vote=-1) if v.resident in {"a0", "a1", "a2"} else v
        for v in agreeing.votes
    ]
    agreeing = dataclasses.replace(agreeing, votes=tuple(votes))
    s = Suppressor.for_round([r.id for r in agreeing.residents], 10)
    lopsided = topic_share(s, VoteIndex(agreeing), buses, [f"a{i}" for i in range(40)], "t", "A")
    assert lopsided.voters.shown and not lopsided.share.shown


def test_a_group_hidden_in_opinion_groups_shows_nothing_by_topic() -> None:
    data = planted_round(n_a=40, n_b=40)
    result = opinion_groups(data, seed=0)
    # Pretend the second group had 8 members: its column must be hidden throughout.
    few = {r: g for r, g in result.groups.items() if g == 0}
    few.update({r: 1 for r in [r for r, g in result.groups.items() if g == 1][:8]})
    shrunk = dataclasses.replace(result, groups=few, group_sizes=(result.group_sizes[0], 8))
    view = topics_view(find_topics(data, scrub=scrub), data, k=10, scrub=scrub, opinions=shrunk)
    assert not view.groups[1].size.shown
    assert all(not t.groups[1].share.shown for t in view.topics)


def test_a_large_topic_gets_subtopics_with_their_own_labels() -> None:
    data = planted_round()
    # One topic of 30 statements on three subjects: buses, parks and libraries, all about
    # "the council should" — large enough to be split.
    statements = tuple(
        Statement(s.id, "The council should act: " + s.text, moderated=1)
        for s in data.statements
        if s.moderated == 1
    )
    found = find_topics(dataclasses.replace(data, statements=statements), scrub=scrub, k=1)
    (topic,) = found.topics
    assert len(topic.subtopics) >= 2
    assert sum(len(s.statements) for s in topic.subtopics) == len(topic.statements)
    labels = [s.label.casefold() for s in topic.subtopics]
    assert topic.label.casefold() not in labels and len(set(labels)) == len(labels)
