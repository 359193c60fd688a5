"""An attacker with the report and a spreadsheet: "everyone" minus the shown groups.

The topics × opinion groups view prints everyone's figure beside each group's. Each figure
rests on counts of residents that add up over the groups (those who voted on the topic,
those who agreed at least once, those who did not always agree), and the residents in no
group make up the rest. For every published row, in JSON, CSV, HTML and Markdown, the
attacker takes the total minus every shown part; the difference is the hidden parts plus
the residents in no group, give or take the cell-key noise. A hidden group is given away
when that difference holds between 1 and k - 1 residents: the attacker then knows, to
within the count rule's threshold, what the hiding was meant to keep from them.

Counts behind a share (who agreed, who did not) are not printed, but a shown share beside
its voters lets the attacker weigh shares by votes and subtract them, so a shown share is
treated as publishing them: the test is stricter than a purely linear attack.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from civicbot_analysis.opinions import POLIS_CURRENT, opinion_groups
from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Resident, RoundData, Vote
from civicbot_analysis.scrub import scrub
from civicbot_analysis.series import SeriesData, build_series_report, render_series
from tests.analysis.opinions.factories import camps
from tests.analysis.series.factory import make_round
from tests.analysis.topics.planted import planted_round

K = 10
NOISE = 2  # the cell-key method's largest noise per count

# (voters in camp A, in camp B, vote noise): a small group, a group whose share is hidden
# for too few agreeing, a group just over k, and noisier votes.
ROUNDS = [(40, 8, 0.05), (40, 30, 0.05), (60, 12, 0.05), (40, 30, 0.15), (30, 25, 0.3)]


def _gates(data: RoundData, statements: Sequence[str], who: set[str]) -> tuple[int, int, int]:
    per: dict[str, list[int]] = {}
    for v in data.votes:
        if v.statement in statements and v.resident in who:
            tally = per.setdefault(v.resident, [0, 0])
            tally[0] += v.vote == 1
            tally[1] += 1
    return len(per), sum(a > 0 for a, _ in per.values()), sum(a < n for a, n in per.values())


def _statement_gates(data: RoundData, sid: str, who: set[str]) -> tuple[int, int, int]:
    seen = {v.resident: v.vote for v in data.votes if v.statement == sid and v.resident in who}
    agreed = sum(x == 1 for x in seen.values())
    return len(seen), agreed, len(seen) - agreed


def _attack(
    total: float | None,
    parts: Sequence[tuple[float | None, bool, bool]],
    truth: Sequence[Sequence[int]],
    rest: Sequence[int],
    where: str,
) -> list[str]:
    """``parts``: per group (published count or None, count shown, share shown); ``truth``:
    per group its true (voters, agreed, other); ``rest``: the same for the ungrouped."""
    found = []
    for i in range(3):
        hidden = [g for g, p in enumerate(parts) if not (p[1] if i == 0 else p[2])]
        small = [g for g in hidden if 0 < truth[g][i] < K]
        if not small:
            continue
        mass = sum(truth[g][i] for g in hidden) + rest[i]
        if 0 < mass < K:
            what = ("voters", "who agreed", "who did not always agree")[i]
            guess = ""
            if i == 0 and total is not None:
                shown = [p[0] for p in parts if p[1]]
                if all(x is not None for x in shown):
                    d = total - sum(x for x in shown if x is not None)
                    assert abs(d - mass) <= NOISE * (len(shown) + 1)
                    guess = f" (everyone minus the shown groups: {d:g})"
            found.append(
                f"{where}: group(s) {[chr(65 + g) for g in small]} {what} = "
                f"{[truth[g][i] for g in small]}, worked out to within {mass}{guess}"
            )
    return found


def _members(data: RoundData) -> list[set[str]]:
    result = opinion_groups(data, seed=0, math=POLIS_CURRENT)
    return [set(result.members(g)) for g in range(len(result.group_sizes))]


def _rows(topics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for top in topics for t in (top, *top["subtopics"])]


def _json_attack(doc: dict[str, Any], data: RoundData, members: list[set[str]]) -> list[str]:
    voters = {v.resident for v in data.votes}
    outside = voters - set().union(*members)
    found: list[str] = []
    for t in _rows(doc["topics"]["topics"]):
        ids = [st["id"] for st in t["statements"]]
        every = t["overall"]
        parts = [(g["voters"]["value"], not g["voters"]["suppressed"],
                  not g["share"]["suppressed"]) for g in t["groups"]]  # fmt: skip
        if not every["voters"]["suppressed"]:
            found += _attack(
                every["voters"]["value"], parts,
                [_gates(data, ids, who) for who in members], _gates(data, ids, outside),
                f"JSON topic {t['label']!r}",
            )  # fmt: skip
        for st in t["statements"]:
            if not st["split"] or st["agree"]["suppressed"]:
                continue
            split = [(None, False, not cell["suppressed"]) for _, cell in st["split"]]
            found += _attack(
                None, split, [_statement_gates(data, st["id"], who) for who in members],
                _statement_gates(data, st["id"], outside), f"JSON statement {st['id']}",
            )  # fmt: skip
    return found


def _csv_attack(text: str, doc: dict[str, Any], data: RoundData, members: list) -> list[str]:
    voters = {v.resident for v in data.votes}
    outside = voters - set().union(*members)
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["table"] == "topic_group"]
    found: list[str] = []
    for t in _rows(doc["topics"]["topics"]):
        ids = [st["id"] for st in t["statements"]]
        mine = [r for r in rows if r["question_id"] == t["id"]]
        every = next(r for r in mine if r["item_id"] == "all")
        if not every["residents"]:
            continue
        parts = [
            (float(r["residents"]) if r["residents"] else None, bool(r["residents"]),
             bool(r["share"]))
            for r in mine if r["item_id"] != "all"
        ]  # fmt: skip
        found += _attack(
            float(every["residents"]), parts,
            [_gates(data, ids, who) for who in members], _gates(data, ids, outside),
            f"CSV topic {t['label']!r}",
        )  # fmt: skip
    return found


def _page_shares(text: str, fmt: str) -> list[list[bool]]:
    """Per row of the topics × groups table: whether each group's share is shown."""
    out = []
    if fmt == "html":
        table = text.split('<table class="topics-groups">', 1)[1].split("</table>", 1)[0]
        for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", table, re.S):
            cells = re.findall(r"<td class=\"num\">(.*?)</td>", row, re.S)[2:]
            out.append([bool(re.match(r"\d+%", c)) for c in cells])
    else:
        section = text.split("| Topic | Statements | Everyone |", 1)[1].split("\n\n", 1)[0]
        for line in section.splitlines()[2:]:
            cells = [c.strip() for c in line.strip().strip("|").split("|")][3:]
            out.append([bool(re.match(r"\d+%", c)) for c in cells])
    return out


@pytest.fixture(scope="module", params=ROUNDS, ids=lambda p: f"{p[0]}-{p[1]}-{p[2]}")
def planted(request: pytest.FixtureRequest) -> tuple[RoundData, Any, list[set[str]]]:
    n_a, n_b, noise = request.param
    data = planted_round(n_a, n_b, noise=noise)
    report = build_report(data, k_min=K)
    return data, report, _members(data)


def test_no_hidden_group_is_worked_out_by_subtraction(planted: tuple) -> None:
    data, report, members = planted
    doc = json.loads(render(report, "json"))
    assert doc["topics"]["groups"], "the planted rounds have opinion groups"
    found = _json_attack(doc, data, members)
    found += _csv_attack(render(report, "csv"), doc, data, members)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_pages_show_no_more_than_the_json(planted: tuple, fmt: str) -> None:
    """HTML and Markdown show a group's share exactly where the JSON does, so the
    attack on the JSON covers them; and every sentence follows the shown figures."""
    _, report, _ = planted
    doc = json.loads(render(report, "json"))
    page = render(report, fmt)
    topics = doc["topics"]["topics"]
    expected = [[not g["share"]["suppressed"] for g in t["groups"]] for t in topics]
    assert _page_shares(page, fmt) == expected
    for t in _rows(doc["topics"]["topics"]):
        shown = [g["letter"] for g in t["groups"] if not g["share"]["suppressed"]]
        hidden = [g["letter"] for g in t["groups"] if g["share"]["suppressed"]]
        assert all(f"group {x}’s votes" not in t["reading"] for x in hidden)
        if len(shown) < 2:
            assert "divide here" not in t["reading"] and "voted alike" not in t["reading"]


def test_an_attack_that_would_work_is_found() -> None:
    """The attack itself: a hidden group of 8 beside everyone (47) and a shown group (39),
    no one ungrouped, is worked out exactly; with 20 ungrouped it is not."""
    parts = [(39.0, True, True), (None, False, False)]
    truth = [(39, 30, 20), (8, 1, 8)]
    assert _attack(47.0, parts, truth, (0, 0, 0), "t")
    assert not _attack(67.0, parts, truth, (20, 15, 12), "t")


def _size_leaks(
    sizes: list[Any], ungrouped: Any, grouped: Any, true: list[int], outside: int
) -> list[str]:
    """Residents grouped minus the shown groups, and voters (printed beside
    them) minus the shown groups and "not grouped": what is left must hold 0 or at
    least k residents whenever it covers a hidden group or a hidden "not grouped"."""
    found = []
    hidden = [g for g, c in enumerate(sizes) if c["suppressed"]]
    mass = sum(true[g] for g in hidden)
    if not grouped["suppressed"] and hidden and 0 < mass < K:
        found.append(f"grouped minus shown: groups {hidden} hold {mass}")
    mass += outside if ungrouped["suppressed"] else 0
    if (hidden or ungrouped["suppressed"]) and 0 < mass < K:
        found.append(f"voters minus shown: groups {hidden} and not grouped hold {mass}")
    if grouped["suppressed"] != ungrouped["suppressed"]:
        found.append("grouped and not grouped: one shown, the other its difference")
    return found


def _map_leaks(svg: str, sizes: list[Any], true: list[int], outside: int) -> list[str]:
    """The map draws no resident (see test_attack_map.py): nothing grey, and nothing in a
    hidden group's colour."""
    from civicbot_analysis.opinions.svg import group_colour

    found = []
    if 'fill="#BBBBBB"' in svg:
        found.append("grey marks drawn")
    for g, c in enumerate(sizes):
        if c["suppressed"] and f'fill="{group_colour(g)}"' in svg:
            found.append(f"group {g} of {true[g]} hidden but drawn")
    return found


@pytest.mark.parametrize("case", [*ROUNDS, (40, 8, 0.3), (60, 12, 0.3)], ids=str)
def test_opinion_group_sizes_do_not_give_a_hidden_group_away(case: tuple) -> None:
    data = planted_round(case[0], case[1], noise=case[2])
    report = build_report(data, k_min=K)
    op = json.loads(render(report, "json"))["opinions"]
    members = _members(data)
    true = [len(m) for m in members]
    outside = len({v.resident for v in data.votes} - set().union(*members))
    sizes = [g["size"] for g in op["groups"]]
    found = _size_leaks(sizes, op["n_ungrouped"], op["n_grouped"], true, outside)
    found += _map_leaks(render(report, "html"), sizes, true, outside)
    assert not found, found


def _sizes(groups: list[int], outside: int) -> tuple[list[Any], Any, Any]:
    from civicbot_analysis.opinions.sizes import group_sizes
    from civicbot_analysis.suppress import Suppressor

    members = [[f"g{g}-{i}" for i in range(n)] for g, n in enumerate(groups)]
    voters = [r for who in members for r in who] + [f"u{i}" for i in range(outside)]
    got = group_sizes(Suppressor.for_round(voters, K), members, voters)

    def js(c: Any) -> dict[str, Any]:
        return {"suppressed": c.suppressed, "value": c.value, "reason": c.reason}

    return [js(c) for c in got.groups], js(got.n_ungrouped), js(got.n_grouped)


# (group sizes, residents not grouped): two small groups, one small group beside few not
# grouped, few not grouped alone, none small, a small group beside many not grouped.
SIZES = [([40, 4, 3], 20), ([40, 30, 6], 2), ([40, 30], 3), ([40, 30, 25], 3),
         ([40, 30], 0), ([40, 5], 30), ([12, 40, 3, 3, 2], 1)]  # fmt: skip


@pytest.mark.parametrize("groups,outside", SIZES, ids=str)
def test_group_sizes_protected_on_their_own(groups: list[int], outside: int) -> None:
    """The sizes straight from :func:`group_sizes`, on planted sizes: nothing hidden is
    the difference of shown figures, and no more is hidden than needed."""
    sizes, ungrouped, grouped = _sizes(groups, outside)
    assert not _size_leaks(sizes, ungrouped, grouped, groups, outside)
    small = [0 < n < K for n in groups]
    assert all(c["suppressed"] for c, s in zip(sizes, small, strict=True) if s)
    # Only the smallest shown part is taken: the largest group is always shown.
    assert not sizes[groups.index(max(groups))]["suppressed"]
    if not any(small) and not 0 < outside < K:
        # ("Not grouped" of 0 may be hidden by its key, and "grouped" with it.)
        assert not any(c["suppressed"] for c in sizes)
        assert not grouped["suppressed"] or outside == 0
    if any(small) or 0 < outside < K:
        assert any(c["reason"] == "secondary" for c in [*sizes, grouped]) or (
            sum(n for n, s in zip(groups, small, strict=True) if s) + outside >= K
            and ungrouped["suppressed"] == (0 < outside < K)
        )


# ---- a group's share beside "everyone else" (opinion groups) and everyone's (topics) ----


def _with_ungrouped(data: RoundData, n: int, agree: int = 1) -> RoundData:
    """``data`` with ``n`` residents who voted on three statements only (too few to be
    grouped), all the same way."""
    ids = [s.id for s in data.statements if s.moderated == 1][:3]
    extra = [f"u{i}" for i in range(n)]
    votes = [Vote(r, sid, agree) for r in extra for sid in ids]
    return replace(data, residents=(*data.residents, *(Resident(r) for r in extra)),
                   votes=(*data.votes, *votes))  # fmt: skip


def _direction_gates(data: RoundData, sid: str, who: set[str], vote: int) -> tuple[int, int, int]:
    """Voters on a statement, those who voted ``vote`` and those who did not."""
    seen = {v.resident: v.vote for v in data.votes if v.statement == sid and v.resident in who}
    chosen = sum(x == vote for x in seen.values())
    return len(seen), chosen, len(seen) - chosen


# (camp A, camp B, noise, residents not grouped, their vote): few ungrouped beside groups
# that are all shown, and beside a small group.
FEW_UNGROUPED = [(40, 30, 0.05, 3, 1), (40, 30, 0.05, 4, -1), (40, 8, 0.05, 0, 1),
                 (40, 8, 0.05, 2, 1), (40, 30, 0.15, 6, -1), (30, 25, 0.3, 3, 1),
                 (60, 50, 0.3, 3, 1), (60, 8, 0.3, 2, 1), (60, 9, 0.3, 1, -1),
                 (60, 50, 0.3, 15, -1)]  # fmt: skip


@pytest.mark.parametrize("case", FEW_UNGROUPED, ids=str)
def test_group_shares_across_sections_give_nothing_away(case: tuple) -> None:
    """For each statement, everyone's share (topics) minus every group share shown for it
    anywhere (the topics' split, and a group's statements beside everyone else's share in
    the opinion groups) leaves the hidden groups and the ungrouped: 0 or at least k."""
    data = _with_ungrouped(planted_round(case[0], case[1], noise=case[2]), case[3], case[4])
    doc = json.loads(render(build_report(data, k_min=K), "json"))
    members = _members(data)
    outside = {v.resident for v in data.votes} - set().union(*members)
    by_text = {scrub(st.text).strip(): st.id for st in data.statements}
    shown: dict[tuple[str, str], set[int]] = {}  # (statement, direction): groups shown
    for g, grp in enumerate(doc["opinions"]["groups"]):
        for line in grp["statements"]:
            assert not line["share"]["suppressed"]
            key = (by_text[line["text"].strip()], line["direction"])
            shown.setdefault(key, set()).add(g)
            # "Everyone else" is everyone's less the group: it adds nothing to subtract.
    found: list[str] = []
    for t in _rows(doc["topics"]["topics"]):
        for st in t["statements"]:
            if st["agree"]["suppressed"]:
                continue
            split = {g for g, (_, c) in enumerate(st["split"]) if not c["suppressed"]}
            for want, vote in (("agree", 1), ("disagree", -1)):
                groups = shown.get((st["id"], want), set()) | (split if vote == 1 else set())
                if not groups:
                    continue
                parts = [(None, False, g in groups) for g in range(len(members))]
                found += _attack(
                    None, parts, [_direction_gates(data, st["id"], who, vote) for who in members],
                    _direction_gates(data, st["id"], outside, vote), f"{want} {st['id']}",
                )  # fmt: skip
    assert not found, "\n".join(found)


def test_everyone_else_is_everyone_less_the_group() -> None:
    """A group's "everyone else" counts the ungrouped voters too, so the group's share and
    everyone else's add up to everyone's and leave no few ungrouped voters to work out."""
    data = _with_ungrouped(planted_round(60, 50, noise=0.3), 15, -1)
    doc = json.loads(render(build_report(data, k_min=K), "json"))
    members = _members(data)
    by_text = {scrub(st.text).strip(): st.id for st in data.statements}
    checked = 0
    for g, grp in enumerate(doc["opinions"]["groups"]):
        for line in grp["statements"]:
            sid = by_text[line["text"].strip()]
            if line["rest_share"]["suppressed"]:
                continue
            want = 1 if line["direction"] == "agree" else -1
            rest = [v for v in data.votes if v.statement == sid and v.resident not in members[g]]
            true = sum(v.vote == want for v in rest) / len(rest)
            assert abs(line["rest_share"]["value"] - true) <= 0.06, (sid, true)
            checked += 1
    assert checked


# ---- the series report: residents by rounds taken part in, and "more than one round" ----

SERIES = [(7, 30, 4), (4, 30, 25), (30, 3, 4), (20, 15, 3), (12, 40, 6)]


def _series(one: int, two: int, three: int) -> SeriesData:
    """Three rounds: ``one`` residents take part in round 1 only, ``two`` in rounds 1-2,
    ``three`` in all three."""
    ids = [[f"{p}{i}" for i in range(n)] for p, n in zip("xyz", (one, two, three), strict=True)]
    rounds = []
    for r in range(3):
        who = ids[2] + (ids[1] if r < 2 else []) + (ids[0] if r == 0 else [])
        base = make_round(r, n=1)
        rounds.append(replace(base, residents=tuple(Resident(w) for w in who), answers=()))
    return SeriesData("Planted series", tuple(rounds))


def _series_figures(text: str, fmt: str) -> dict[str, float | None]:
    """The rows of "Residents who took part more than once", as the reader sees them."""
    if fmt == "json":
        rep = json.loads(text)["repeats"]
        cells = {**rep["by_rounds"], "More than one round": rep["more_than_one"]}
        return {key: c["value"] for key, c in cells.items()}
    if fmt == "md":
        found = re.findall(r"^\| (\d rounds?|More than one round) \| ([^|]*) \|$", text, re.M)
    else:
        found = re.findall(r"<th scope=\"row\">(\d rounds?|More than one round)</th>"
                           r"<td class=\"num[^\"]*\">([^<(]*)", text)  # fmt: skip
    return {
        key: float(v.strip().replace(",", "")) if re.fullmatch(r"[\d,]+", v.strip()) else None
        for key, v in found
    }


@pytest.mark.parametrize("case", SERIES, ids=lambda c: "-".join(map(str, c)))
@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_series_rows_cannot_be_worked_out(case: tuple[int, int, int], fmt: str) -> None:
    """Everyone = 1 round + 2 rounds + 3 rounds, and more than one round = 2 rounds +
    3 rounds: for each published total, the hidden rows it covers must hold 0 or at least
    k residents together (one hidden row alone is given away exactly)."""
    built = build_series_report(_series(*case), k_min=K, seed=0)
    everyone = json.loads(render_series(built, "json"))["repeats"]["everyone"]["value"]
    figures = _series_figures(render_series(built, fmt), fmt)
    rows = dict(zip(["1 round", "2 rounds", "3 rounds"], case, strict=True))
    assert set(rows) <= set(figures)
    relations = [(everyone, list(rows))]
    relations.append((figures["More than one round"], ["2 rounds", "3 rounds"]))
    relations.append((None if everyone is None or figures["More than one round"] is None
                      else everyone - figures["More than one round"], ["1 round"]))  # fmt: skip
    found = []
    for total, keys in relations:
        hidden = [key for key in keys if figures[key] is None]
        if total is None or not any(0 < rows[key] < K for key in hidden):
            continue
        mass = sum(rows[key] for key in hidden)
        if 0 < mass < K or len(hidden) == 1:
            found.append(f"{hidden} = {[rows[key] for key in hidden]} from a total of {keys}")
    assert not found, found


# ---- opinion groups' make-up beside everyone's count for the same "about you" answer ----


def _about_you(b_young: int, b_disabled: int) -> dict[str, dict[str, str]]:
    """Camp A (40): 25 aged 18-34, 20 disabled; camp B (30): as given."""
    out = {}
    for i in range(40):
        out[f"a{i}"] = {"age_band": "18-34" if i < 25 else "35-64",
                        "disability": "yes" if i < 20 else "no"}  # fmt: skip
    for i in range(30):
        out[f"b{i}"] = {"age_band": "18-34" if i < b_young else "35-64",
                        "disability": "yes" if i < b_disabled else "no"}  # fmt: skip
    return out


@pytest.mark.parametrize("b_young,b_disabled", [(3, 4), (12, 4), (3, 15), (12, 15)])
def test_group_makeup_cannot_be_worked_out_from_everyone(b_young: int, b_disabled: int) -> None:
    """Everyone's count for an answer (who took part) minus the shown groups' cells for it
    must not give a group's hidden cell away."""
    demographics = _about_you(b_young, b_disabled)
    data = camps(40, 30, demographics=demographics)
    doc = json.loads(render(build_report(data, k_min=K), "json"))
    members = _members(data)
    inside = set().union(*members)
    everyone = {
        (f["field"], g["value"]): g["count"]["value"]
        for f in doc["representation"]["fields"]
        for g in f["groups"]
    }
    found = []
    for (field, value), total in everyone.items():
        if total is None:
            continue
        parts = [(g, grp["makeup"].get(field, {}).get(value)) for g, grp in
                 enumerate(doc["opinions"]["groups"]) if grp["makeup"]]  # fmt: skip
        truth = [sum(demographics[r][field] == value for r in members[g]) for g, _ in parts]
        rest = sum(demographics[r][field] == value for r in demographics if r not in inside)
        hidden = [i for i, (_, c) in enumerate(parts) if c is None or c["suppressed"]]
        if not any(0 < truth[i] < K for i in hidden):
            continue
        mass = sum(truth[i] for i in hidden) + rest
        shown = sum(c["value"] for i, (_, c) in enumerate(parts) if i not in hidden and c)
        if 0 < mass < K:
            found.append(f"{field}={value}: everyone {total} minus shown {shown} = "
                         f"{total - shown}, hidden cells hold {mass}")  # fmt: skip
    assert not found, found
